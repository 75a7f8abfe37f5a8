import Foundation
import Plotting
import Training

/// The fit panel of the notebook's training view: the data in original units (static) and the
/// model's curve at one epoch (dynamic), over limits fixed to the whole history.
///
/// ```swift
/// let panel = FitPanel.drawStatic(on: axes, model: trained, style: style)
/// for epoch in 0...trained.history.epochsRun {
///     try panel.update(to: epoch)          // moves only the curve
///     let png = try canvas.framePNG()
/// }
/// ```
///
/// The curve is `y = s_y·f_θ((x − m_x)/s_x) + m_y` sampled at 240 points over the data's x range
/// widened by 4 % on each side (`FitFigure.sampleXs`). The limits (`wholeHistoryLimits`) cover
/// the data and every epoch's curve, so a sequence of frames never rescales.
struct FitPanel {
    /// The panel drawn on.
    let axes: Axes
    /// The model whose curve is shown.
    let model: TrainedModel
    /// The model's curve; its points change with `update(to:)`.
    let curve: LineMark
    /// The data points (nil when the panel was drawn without them).
    let data: ScatterMark?
    /// The x values the curve is sampled at (original units).
    let sampleXs: [Double]

    /// Draws the data (static) and the model's curve at `epoch` (default: the last) on `axes`.
    ///
    /// - Parameters:
    ///   - xLimits, yLimits: fixed limits; nil uses `wholeHistoryLimits(for: [model])`.
    ///   - color: the curve colour; nil uses the theme's second series colour.
    ///   - label: the curve's legend label; nil uses the model's name in the style's language.
    ///   - showData: whether to draw the data points (once per panel when several models share it).
    ///   - curveLayer: `.dynamic` (default) for frame sequences, `.static` for a still figure.
    @discardableResult
    static func drawStatic(on axes: Axes, model: TrainedModel, style: FigureStyle, epoch: Int? = nil,
                                  xLimits: AxisLimits? = nil, yLimits: AxisLimits? = nil, color: Color? = nil,
                                  label: String? = nil, showData: Bool = true, curveLayer: Layer = .dynamic) -> FitPanel {
        let text = style.text
        let original = model.data.original
        let columns = style.columns(original)
        axes.xLabel = columns.xLabel
        axes.yLabel = columns.yLabel
        let limits = wholeHistoryLimits(for: [model])
        axes.xLimits = xLimits ?? limits.x
        axes.yLimits = yLimits ?? limits.y
        let xs = FitFigure.sampleXs(original.x)
        var scatter: ScatterMark?
        func addData() {
            scatter = axes.scatter(zip(original.x, original.y).map { DataPoint(x: $0, y: $1) },
                                   color: axes.theme.dataColor, label: text.data)
        }
        // Markers go over the curve; a density image (many rows) goes under it, so the curve stays visible.
        let dense = FitFigure.drawsDensity(original.count)
        if showData && dense { addData() }
        let curve = axes.line([], color: color ?? axes.theme.modelColor(model.model), label: label ?? text.modelName(model.model.name),
                              layer: curveLayer)
        if showData && !dense { addData() }
        let panel = FitPanel(axes: axes, model: model, curve: curve, data: scatter, sampleXs: xs)
        panel.update(parameters: model.parameters(atEpoch: epoch) ?? model.finalParameters)
        return panel
    }

    /// Shows the curve of epoch `epoch` (0 = the start).
    /// - Throws: `ReportingError.epochOutOfRange` when the history has no such epoch.
    func update(to epoch: Int) throws {
        guard let parameters = model.parameters(atEpoch: epoch) else {
            throw ReportingError.epochOutOfRange(epoch: epoch, last: model.history.epochsRun)
        }
        update(parameters: parameters)
    }

    /// Shows the curve of any parameters (e.g. of one update step).
    func update(parameters: [Double]) {
        curve.points = Self.curvePoints(model: model, parameters: parameters, xs: sampleXs)
    }

    /// The curve of `parameters` at `xs`, in original units.
    static func curvePoints(model: TrainedModel, parameters: [Double], xs: [Double]) -> [DataPoint] {
        xs.map { DataPoint(x: $0, y: model.predictOriginal(at: $0, parameters: parameters)) }
    }

    /// Limits that hold the data and every recorded epoch's curve of every model.
    ///
    /// x: the sampled range (data ± 4 %). y: the data and all curves, plus 5 % below and 22 %
    /// above (room for the legend); curves are only followed up to one data span beyond the data
    /// (`[y_min − Δ, y_max + Δ]`, `Δ = y_max − y_min`), so a wild start or a diverging run cannot
    /// shrink the data to a line.
    static func wholeHistoryLimits(for models: [TrainedModel]) -> (x: AxisLimits, y: AxisLimits) {
        guard let first = models.first else { return (AxisLimits(0, 1), AxisLimits(0, 1)) }
        let original = first.data.original
        let xs = FitFigure.sampleXs(original.x)
        let dataLow = original.y.min() ?? 0, dataHigh = original.y.max() ?? 1
        let span = max(dataHigh - dataLow, 1e-9)
        var low = dataLow, high = dataHigh
        for model in models {
            for record in model.history.epochs {
                for x in xs {
                    let y = model.predictOriginal(at: x, parameters: record.parameters)
                    guard y.isFinite else { continue }
                    low = min(low, max(y, dataLow - span))
                    high = max(high, min(y, dataHigh + span))
                }
            }
        }
        let range = high - low
        return (AxisLimits(xs.first ?? 0, xs.last ?? 1), AxisLimits(low - 0.05 * range, high + 0.22 * range))
    }
}
