import Foundation
import Plotting
import Training

/// `compare --compare optimizers`: the paths of sgd, gd, momentum and adam from the same start on
/// one landscape.
///
/// Every run uses the spec's model, start, data, epochs and seed, and its learning rate, and runs
/// every epoch (no stop rule cuts one short); a run which diverges is repeated with the learning
/// rate halved (up to 30 times) until it stays finite. Each legend entry states the optimizer's
/// settings (momentum β = 0.9; Adam β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸), the learning rate used and the
/// final MSE. The second panel puts the runs on equal footing: MSE against parameter updates. The plane is the one `landscape` would draw for the sgd run (``LandscapePlane``), its
/// default ranges covering all four paths and the optimum.
enum OptimizerComparisonFigure {
    /// The optimizers compared, in legend order.
    static var optimizers: [Optimizer] { CompareOptimizersSpec.optimizers }
    /// Path colours chosen to stand out on viridis in every theme (with the path's dark halo).
    static let colors: [Color] = [Color(hex: 0xFF3B6B), .white, Color(hex: 0x4DD2FF), Color(hex: 0xFFD23F)]

    /// Builds the figure from the runs of `spec` (one per optimizer, after halving): the paths on
    /// the landscape, and the MSE against the number of parameter updates, the one axis on which
    /// an optimizer that updates once per sample and one that updates once per epoch compare fairly.
    static func make(_ spec: CompareOptimizersSpec, style: FigureStyle, runs: [TrainedModel]) throws -> FigureProduct {
        guard let first = runs.first else { throw ReportingError.needsModel(kind: .compare) }
        let text = style.text
        let plane = try LandscapePlane(model: first, options: spec.plane,
                                       covering: runs.dropFirst().map { $0.history.epochs.map(\.parameters) })
        let figure = style.makeFigure()
        let panels = style.arrangePanels(figure, count: 2, weights: [1.3, 1], wideAspect: 1.2)
        let axes = panels[0], curves = panels[1]
        let grid = plane.evaluateGrid()
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 3) }
        var labels: [String] = []
        for (index, run) in runs.enumerated() {
            let configuration = run.history.configuration
            let label = text.optimizerEntry(optimizer: optimizerName(configuration.optimizer, style: style),
                                            learningRate: format(configuration.learningRate), mse: format(run.finalMeanSquaredError))
            let points = plane.pathPoints(run.history)
            labels.append(label)
            // The paths are named in the second panel's legend (same colours), so the landscape's
            // legend stays small and keeps off the paths.
            if index == 0 {
                let path = plane.draw(on: axes, grid: grid, style: style, points: points, pathLabel: label, pathColor: colors[0],
                                      showStart: false, showOptimum: false)
                path.label = nil
            } else {
                let path = axes.path(points, color: colors[index % colors.count])
                path.minimumMarkerSpacing = 0.9 * figure.metrics.markerSize
                path.arrowSpacing = 110 * figure.metrics.scale
            }
        }
        if let start = runs.first?.history.epochs.first?.parameters {
            axes.scatter([plane.coordinates(of: start)], marker: .square, color: LandscapePlane.startColor, edgeColor: .black, label: text.start)
        }
        let optimumLabel = plane.optimumDistanceFromPlane > 1e-9 ? text.optimumProjected : text.closedFormMinimum
        axes.scatter([plane.coordinates(of: first.optimum)], marker: .diamond, color: LandscapePlane.optimumColor, edgeColor: .black, label: optimumLabel)
        drawUpdates(on: curves, runs: runs, labels: labels, style: style, figure: figure)
        figure.title = text.compareOptimizersTitle(model: text.modelName(first.model.name))
        figure.subtitle = text.compareOptimizersSubtitle(epochs: first.history.configuration.maxEpochs)
        let summary = runs.map { run in
            "\(run.history.configuration.optimizer.name) lr \(run.history.configuration.learningRate): \(run.history.epochsRun) epochs, "
                + "\(updates(run, epoch: run.history.epochsRun)) updates, final MSE \(run.finalMeanSquaredError)"
        }.joined(separator: "; ")
        return FigureProduct(figure: figure, summary: summary, landscape: (plane, grid))
    }

    /// The parameter updates `run` has made by the end of `epoch`: `epoch · ⌈N / batch size⌉`.
    static func updates(_ run: TrainedModel, epoch: Int) -> Int {
        let count = max(1, run.data.count)
        let batch = run.history.configuration.optimizer.batchSize(count: count)
        return epoch * ((count + batch - 1) / batch)
    }

    /// Each run's MSE after every epoch against the updates made so far (log scale from 1 update,
    /// so one update per epoch and one per sample share the axis), the common starting MSE dotted.
    private static func drawUpdates(on axes: Axes, runs: [TrainedModel], labels: [String], style: FigureStyle, figure: Figure) {
        let text = style.text
        axes.title = text.mseByUpdates
        axes.xLabel = text.parameterUpdates
        axes.yLabel = text.mseNormalized
        axes.xScale = .log
        let curves = runs.map { run in
            run.history.epochs.dropFirst().map { DataPoint(x: Double(updates(run, epoch: $0.epoch)), y: $0.meanSquaredError) }
        }
        let start = runs.first?.history.epochs.first?.meanSquaredError
        let range = LossAxisRange.fitting(curves: curves.map { $0.map(\.y) } + [start.map { [$0] } ?? []],
                                          references: runs.first.map { [$0.optimumMeanSquaredError] } ?? [], automaticLog: true)
        let band = legendBand(on: axes, rows: runs.count + 2, style: style, figure: figure)
        range.withBand(fraction: band).apply(to: axes)
        let right = drawCurves(curves, labels: labels, range: range, start: start.map { ($0, text.startingMSE(style.number($0, decimals: 4))) },
                               on: axes, figure: figure)
        if let optimum = runs.first?.optimumMeanSquaredError {
            axes.line([DataPoint(x: 1, y: optimum), DataPoint(x: right, y: optimum)], color: figure.theme.mutedInk,
                      width: 3 * figure.metrics.scale, dash: .dashed, label: text.closedFormMinimumValue(style.number(optimum, decimals: 4)))
        }
    }

    /// Where the curves panel's legend of `rows` rows goes: stacked (narrow canvases) the panel
    /// is wide and short, so beside the plot; side by side, in an empty band on top, the legend's
    /// rows over the plot's height. Returns the band's fraction for ``LossAxisRange/withBand(fraction:)``.
    static func legendBand(on axes: Axes, rows: Int, style: FigureStyle, figure: Figure) -> Double {
        let stacked = style.aspectRatio < 1.2
        if stacked { axes.legendPlacement = .outside }
        let legendHeight = (1.3 * Double(rows) + 1.2) * figure.metrics.legendFontSize
        return stacked ? 0.1 : min(0.7, max(0.25, legendHeight / (0.64 * Double(style.size.height)) + 0.05))
    }

    /// Draws each curve (clipped to `range`) in its path's colour (`colors`, in order) over a dark outline as on the
    /// landscape, so white and yellow read on a light background too, and the common start as a
    /// dotted line labelled `start.label`, on a log x axis from 1; returns the axis's right end.
    @discardableResult
    static func drawCurves(_ curves: [[DataPoint]], labels: [String], colors: [Color] = colors, range: LossAxisRange,
                           start: (value: Double, label: String)?, on axes: Axes, figure: Figure) -> Double {
        let last = curves.compactMap { $0.last?.x }.max() ?? 10
        let right = max(10, last * 1.3)
        axes.xLimits = AxisLimits(1, right)
        for (index, points) in curves.enumerated() {
            let clipped = range.clip(points)
            axes.line(clipped, color: figure.theme.haloColor, width: figure.metrics.lineWidth * 1.9)
            axes.line(clipped, color: colors[index % colors.count], width: figure.metrics.lineWidth * 1.2,
                      label: index < labels.count ? labels[index] : nil)
        }
        if let start {
            axes.line([DataPoint(x: 1, y: start.value), DataPoint(x: right, y: start.value)], color: figure.theme.mutedInk,
                      width: 2 * figure.metrics.scale, dash: .dotted, label: start.label)
        }
        return right
    }

    /// The optimizer with its settings: "sgd", "gd", "momentum (β = 0.9)", "adam (β₁ = 0.9, β₂ = 0.999)".
    static func optimizerName(_ optimizer: Optimizer, style: FigureStyle) -> String {
        style.text.optimizerWithSettings(optimizer) { style.formatter.format($0, significantDigits: 4) }
    }
}
