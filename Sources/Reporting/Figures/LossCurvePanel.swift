import Foundation
import Plotting
import Training

/// A loss-curve panel: one model's MSE per epoch up to a current epoch, with markers, the
/// current point highlighted (a larger marker in the theme's ink) and the closed-form minimum `MSE(θ*)` as a dashed line.
///
/// The x limits run from epoch 0 to the last epoch of the whole history and the y axis comes from
/// `LossAxisRange` over the whole history, so the panel keeps its axes while `update(to:)` moves
/// the changing marks (the line so far, its markers, the current point), which are on the
/// `.dynamic` layer for frame sequences.
///
/// ```swift
/// let panel = LossCurvePanel.drawStatic(on: axes, model: trained, style: style)
/// try panel.update(to: 12)    // MSE of epochs 0...12, current point at epoch 12
/// ```
struct LossCurvePanel {
    /// The panel drawn on.
    let axes: Axes
    /// The model whose loss is shown.
    let model: TrainedModel
    /// The MSE line from epoch 0 to the current epoch.
    let line: LineMark
    /// Markers at every epoch up to the current one (nil when drawn without markers).
    let markers: ScatterMark?
    /// The highlighted current point.
    let current: ScatterMark
    /// The closed-form minimum's dashed line (nil when not shown).
    let optimumLine: LineMark?
    /// The y axis used.
    let range: LossAxisRange

    /// Draws the static parts (labels, limits, the closed-form line) and the curve up to `epoch`
    /// (default: the last) on `axes`.
    ///
    /// - Parameters:
    ///   - xLimits: fixed x limits; nil uses `[0, last epoch]` with a 2 % margin.
    ///   - range: the y axis; nil uses `LossAxisRange.fitting` over this history and the optimum
    ///     (log when asked for with `logScale` or when the run diverged).
    ///   - color: the curve colour; nil uses the theme's second series colour.
    ///   - label: the curve's legend label; nil keeps it out of the legend.
    ///   - showMarkers: markers at every epoch (smaller for long histories).
    ///   - showOptimum: the dashed closed-form minimum, labelled with its value.
    ///   - optimumLabel: the dashed line's legend label; nil writes "closed-form minimum <value>".
    ///   - layer: the layer of the changing marks (`.dynamic` for frames).
    @discardableResult
    static func drawStatic(on axes: Axes, model: TrainedModel, style: FigureStyle, epoch: Int? = nil,
                                  xLimits: AxisLimits? = nil, range: LossAxisRange? = nil, logScale: Bool = false,
                                  color: Color? = nil, label: String? = nil, showMarkers: Bool = true,
                                  showOptimum: Bool = true, optimumLabel: String? = nil,
                                  layer: Layer = .dynamic) -> LossCurvePanel {
        let text = style.text
        let history = model.history
        let losses = history.epochs.map(\.meanSquaredError)
        let range = range ?? LossAxisRange.fitting(curves: [losses], diverged: [history.diverged],
                                                   references: [model.optimumMeanSquaredError], log: logScale)
        range.apply(to: axes)
        axes.xLimits = xLimits ?? epochLimits(lastEpoch: history.epochsRun)
        axes.xLabel = text.epoch
        axes.yLabel = text.mseNormalized
        let ink = color ?? axes.theme.modelColor(model.model)
        let line = axes.line([], color: ink, label: label, layer: layer)
        var optimumLine: LineMark?
        if showOptimum {
            let limits = axes.xLimits ?? epochLimits(lastEpoch: history.epochsRun)
            optimumLine = axes.line([DataPoint(x: limits.lower, y: model.optimumMeanSquaredError),
                                     DataPoint(x: limits.upper, y: model.optimumMeanSquaredError)],
                                    color: ink, width: 3 * style.size.scale, dash: .dashed,
                                    label: optimumLabel ?? text.closedFormMinimumValue(style.number(model.optimumMeanSquaredError, decimals: 4)))
        }
        var markers: ScatterMark?
        if showMarkers {
            let count = max(1, history.epochs.count)
            let size = (count <= 60 ? 0.6 : count <= 160 ? 0.4 : 0.28) * FigureMetrics(scale: style.size.scale).markerSize
            markers = axes.scatter([], color: ink, size: size, edgeColor: ink, layer: layer)
        }
        let current = axes.scatter([], color: axes.theme.ink, size: 1.1 * FigureMetrics(scale: style.size.scale).markerSize,
                                   edgeColor: ink, layer: layer)
        let panel = LossCurvePanel(axes: axes, model: model, line: line, markers: markers, current: current,
                                   optimumLine: optimumLine, range: range)
        panel.show(upTo: epoch.flatMap { model.record(atEpoch: $0) != nil ? $0 : nil } ?? history.epochsRun)
        return panel
    }

    /// Shows the MSE of epochs `0...epoch` and highlights `epoch`.
    /// - Throws: `ReportingError.epochOutOfRange` when the history has no such epoch.
    func update(to epoch: Int) throws {
        guard model.record(atEpoch: epoch) != nil else {
            throw ReportingError.epochOutOfRange(epoch: epoch, last: model.history.epochsRun)
        }
        show(upTo: epoch)
    }

    /// The curve's points up to `epoch` (epoch, MSE).
    static func points(of history: TrainingHistory, upTo epoch: Int) -> [DataPoint] {
        history.epochs.filter { $0.epoch <= epoch }.map { DataPoint(x: Double($0.epoch), y: $0.meanSquaredError) }
    }

    /// `[0, lastEpoch]` with a 2 % margin on each side (at least 1 epoch wide).
    static func epochLimits(lastEpoch: Int) -> AxisLimits {
        let last = Double(max(1, lastEpoch))
        return AxisLimits(-0.02 * last, last * 1.02)
    }

    private func show(upTo epoch: Int) {
        let points = Self.points(of: model.history, upTo: epoch)
        line.points = points
        markers?.points = points
        current.points = points.last.map { [$0] } ?? []
    }
}
