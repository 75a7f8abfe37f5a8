import Foundation
import Training

extension KitCaptions {
    /// The caption of one of the figures that look inside gradient descent (issue 15), with the
    /// numbers the figure prints.
    func dynamicsCaption(spec: FigureSpec, model: TrainedModel) throws -> String {
        let style = FigureStyle(language: language)
        let text = language.text
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 4) }
        let name = text.modelName(model.model.name)
        switch spec {
        case .overshoot:
            let line = TopEigendirection(statistics: model.statistics, optimum: model.optimum,
                                         initial: model.history.configuration.initialParameters)
            let steps = OvershootSpec.multiples.map { multiple in
                "η = \(format(multiple))/λ: 1 − ηλ = \(format(1 - multiple)), \(text.overshootBehaviour(factor: 1 - multiple))"
            }
            return text.captionOvershoot(model: name, eigenvalue: format(line.eigenvalue), steps: steps, limit: format(2 / line.eigenvalue))
        case .gradientField(let options):
            let plane = try LandscapePlane(model: model, options: options.plane)
            let values = SymmetricEigendecomposition(GradientFieldFigure.planeHessian(plane)).values
            let lambdas = values.reversed().map(format)
            return text.captionGradientField(model: name, plane: "\(LandscapePlane.displayName(plane.aName)), \(LandscapePlane.displayName(plane.bName))",
                                             largest: lambdas.first ?? "", smallest: lambdas.last ?? "",
                                             ratio: format((values.last ?? .nan) / (values.first ?? .nan)))
        case .sgdNoise(let options):
            let noise = GradientNoise(model: model.model, parameters: model.history.epochs.first { $0.epoch == options.epoch }?.parameters
                                        ?? model.history.configuration.initialParameters, x: model.data.x, y: model.data.y)
            let count = noise.perSample.count
            let pair = try LandscapeOptions(parameters: options.parameters).validate(for: model.model) ?? (0, 1)
            let short = { (value: Double) in style.formatter.format(value, significantDigits: 3) }
            // The standard deviations the figure's legend prints for each batch size.
            let spreads = GradientNoiseSpec.batchSizes.filter { $0 <= count }.map { size in
                let covariance = noise.batchCovariance(batchSize: size)
                return "B = \(size): σ = (\(short(covariance[pair.0][pair.0].squareRoot()))\(language.listSeparator)\(short(covariance[pair.1][pair.1].squareRoot())))"
            }
            return text.captionGradientNoise(model: name, count: count, epoch: options.epoch, spreads: spreads)
        case .optimizerState(let options):
            let adam = try store.model(options.requests(store.catalog)[1])
            let largest = OptimizerStateFigure.adam(adam.history).step.flatMap { $0.map { abs($0.y) } }.max() ?? .nan
            return text.captionOptimizerState(model: name, updates: adam.history.steps.count,
                                              learningRate: format(adam.history.configuration.learningRate), largestStep: format(largest))
        case .surface(let options):
            let plane = try SurfaceFigure.centeredPlane(model, options: options.plane)
            let geometry = SurfaceGeometry(plane: plane, theme: .light)
            let (low, high) = (geometry.low, geometry.high)
            return text.captionSurface(model: name, low: format(low), high: format(high), epochs: model.history.epochsRun)
        default:
            return ""
        }
    }
}
