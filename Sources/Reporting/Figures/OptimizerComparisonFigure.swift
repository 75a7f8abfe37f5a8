import Foundation
import Plotting
import Training

/// `compare --compare optimizers`: the paths of sgd, gd, momentum and adam from the same start on
/// one landscape.
///
/// Every run uses the spec's model, start, data, epochs, stop rule and seed, and its
/// learning rate, except that a run which diverges is repeated with the learning rate halved
/// (up to 30 times) until it stays finite; each legend entry states the optimizer's settings
/// (momentum β = 0.9; Adam β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸), the learning rate used and the final
/// MSE. The plane is the one `landscape` would draw for the sgd run (``LandscapePlane``), its
/// default ranges covering all four paths and the optimum.
enum OptimizerComparisonFigure {
    /// The optimizers compared, in legend order.
    static var optimizers: [Optimizer] { CompareOptimizersSpec.optimizers }
    /// Path colours chosen to stand out on viridis in every theme (with the path's dark halo).
    static let colors: [Color] = [Color(hex: 0xFF3B6B), .white, Color(hex: 0x4DD2FF), Color(hex: 0xFFD23F)]

    /// Builds the figure from the runs of `spec` (one per optimizer, after halving).
    static func make(_ spec: CompareOptimizersSpec, style: FigureStyle, runs: [TrainedModel]) throws -> FigureProduct {
        guard let first = runs.first else { throw ReportingError.needsModel(kind: .compare) }
        let text = style.text
        let plane = try LandscapePlane(model: first, options: spec.plane,
                                       covering: runs.dropFirst().map { $0.history.epochs.map(\.parameters) })
        let figure = style.makeFigure()
        let axes = figure.axes
        let grid = plane.evaluateGrid()
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 3) }
        for (index, run) in runs.enumerated() {
            let configuration = run.history.configuration
            let label = text.optimizerEntry(optimizer: optimizerName(configuration.optimizer, style: style),
                                            learningRate: format(configuration.learningRate), mse: format(run.finalMeanSquaredError))
            let points = plane.pathPoints(run.history)
            if index == 0 {
                plane.draw(on: axes, grid: grid, style: style, points: points, pathLabel: label, pathColor: colors[0],
                           showStart: false, showOptimum: false)
            } else {
                let path = axes.path(points, color: colors[index % colors.count], label: label)
                path.minimumMarkerSpacing = 0.9 * figure.metrics.markerSize
                path.arrowSpacing = 110 * figure.metrics.scale
            }
        }
        if let start = runs.first?.history.epochs.first?.parameters {
            axes.scatter([plane.coordinates(of: start)], marker: .square, color: LandscapePlane.startColor, edgeColor: .black, label: text.start)
        }
        let optimumLabel = plane.optimumDistanceFromPlane > 1e-9 ? text.optimumProjected : text.closedFormMinimum
        axes.scatter([plane.coordinates(of: first.optimum)], marker: .diamond, color: LandscapePlane.optimumColor, edgeColor: .black, label: optimumLabel)
        figure.title = text.compareOptimizersTitle(model: text.modelName(first.model.name))
        figure.subtitle = text.compareOptimizersSubtitle(epochs: first.history.configuration.maxEpochs)
        let summary = runs.map { run in
            "\(run.history.configuration.optimizer.name) lr \(run.history.configuration.learningRate): \(run.history.epochsRun) epochs, final MSE \(run.finalMeanSquaredError)"
        }.joined(separator: "; ")
        return FigureProduct(figure: figure, summary: summary, landscape: (plane, grid))
    }

    /// The optimizer with its settings: "sgd", "gd", "momentum (β = 0.9)", "adam (β₁ = 0.9, β₂ = 0.999)".
    static func optimizerName(_ optimizer: Optimizer, style: FigureStyle) -> String {
        style.text.optimizerWithSettings(optimizer) { style.formatter.format($0, significantDigits: 4) }
    }
}
