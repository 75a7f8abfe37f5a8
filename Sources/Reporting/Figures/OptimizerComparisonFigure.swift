import Foundation
import Plotting
import Training

/// `compare --compare optimizers`: the paths of sgd, gd, momentum and adam from the same start on
/// one landscape.
///
/// Every run uses the request's model, start, data, epochs, stop rule and seed, and the request's
/// learning rate, except that a run which diverges is repeated with the learning rate halved
/// (up to 30 times) until it stays finite; each legend entry states the optimizer's settings
/// (momentum β = 0.9; Adam β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸), the learning rate used and the final
/// MSE. The plane is the one `landscape` would draw for the sgd run (``LandscapePlane``), its
/// default ranges covering all four paths and the optimum.
public enum OptimizerComparisonFigure {
    /// The optimizers compared, in legend order.
    public static let optimizers: [Optimizer] = [.sgd, .gd, .defaultMomentum, .defaultAdam]
    /// Path colours chosen to stand out on viridis in every theme (with the path's dark halo).
    public static let colors: [Color] = [Color(hex: 0xFF3B6B), .white, Color(hex: 0x4DD2FF), Color(hex: 0xFFD23F)]

    /// Trains the four runs.
    public static func runs(_ request: FigureRequest) throws -> [TrainedModel] {
        guard let base = request.configurations.first else {
            throw ReportingError.unsupported("compare --compare optimizers needs a model to train; give --model linear or --model cubic.")
        }
        let data = try NormalizedDataset(request.dataset, normalize: !request.rawData)
        return try optimizers.map { optimizer in
            var configuration = base
            configuration.optimizer = optimizer
            var trained = try TrainedModel(data: data, configuration: configuration.validated())
            var halvings = 0
            while trained.history.diverged && halvings < 30 {
                configuration.learningRate /= 2
                halvings += 1
                trained = try TrainedModel(data: data, configuration: configuration.validated())
            }
            return trained
        }
    }

    /// Builds the figure.
    public static func make(_ request: FigureRequest) throws -> FigureProduct {
        let runs = try runs(request)
        guard let first = runs.first else { throw ReportingError.unsupported("compare --compare optimizers trained no model.") }
        let style = request.style
        let text = style.text
        let plane = try LandscapePlane(model: first, options: LandscapeOptions(request: request),
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
        var attachments: [(url: URL, contents: Data)] = []
        if let url = request.gridCSV { attachments.append((url, Data(plane.csv(grid).utf8))) }
        let summary = runs.map { run in
            "\(run.history.configuration.optimizer.name) lr \(run.history.configuration.learningRate): \(run.history.epochsRun) epochs, final MSE \(run.finalMeanSquaredError)"
        }.joined(separator: "; ")
        return FigureProduct(figure: figure, summary: summary, attachments: attachments)
    }

    /// The optimizer with its settings: "sgd", "gd", "momentum (β = 0.9)", "adam (β₁ = 0.9, β₂ = 0.999)".
    static func optimizerName(_ optimizer: Optimizer, style: FigureStyle) -> String {
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 4) }
        let separator = style.language == .finnish ? "; " : ", "
        switch optimizer {
        case .momentum(let beta): return "momentum (β = \(format(beta)))"
        case .adam(let beta1, let beta2, _): return "adam (β₁ = \(format(beta1))\(separator)β₂ = \(format(beta2)))"
        case .minibatch(let size): return "minibatch (\(size))"
        default: return optimizer.name
        }
    }
}
