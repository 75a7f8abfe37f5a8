import Foundation
import Training

/// The plain-text account of a training run that `descent train` prints.
public struct TrainingSummaryText: Sendable {
    /// The run to describe.
    public let trained: TrainedModel

    /// Creates the summary of `trained`.
    public init(trained: TrainedModel) {
        self.trained = trained
    }

    /// The whole summary: settings, outcome, closed form and the per-point table.
    public var text: String {
        let history = trained.history
        let configuration = history.configuration
        let model = trained.model
        let equations = EquationText()
        let data = trained.data.original
        var lines: [String] = []
        let source = data.source.map { "\($0) (\(data.x.count) rows)" } ?? "built-in: the notebook's \(data.x.count) people"
        lines.append("Data        \(source), \(data.xName) -> \(data.yName), z-score normalised")
        if let network = trained.network {
            lines.append("Model       \(network.name): \(network.formula), \(network.parameterCount) parameters"
                         + (configuration.initialParameters == network.initialParameters(seed: configuration.seed)
                            ? ", Glorot-uniform start from seed \(configuration.seed)" : ""))
        } else {
            lines.append("Model       \(model.name): \(structure(model))")
        }
        lines.append("Optimizer   \(optimizerText(configuration)), learning rate \(format(configuration.learningRate))"
                     + (configuration.schedule == .constant ? "" : ", \(scheduleText(configuration.schedule))"))
        lines.append("Epochs      \(history.epochsRun) of at most \(configuration.maxEpochs): \(history.stopReason.description)")
        lines.append("Parameters  \(parameterList(trained.finalParameters))")
        if trained.network != nil {
            lines.append("MSE         \(format(trained.finalMeanSquaredError)) (normalised)   MAE \(fixed(trained.finalMeanAbsoluteError, 3)) \(unit)")
            lines.append("")
            lines.append("Linear least-squares optimum (the baseline)")
            lines.append("Parameters  \(zip(model.parameterNames, trained.optimum).map { "\($0) = \(format($1))" }.joined(separator: ", "))")
            lines.append("MSE         \(format(trained.optimumMeanSquaredError)) (normalised)   MAE \(fixed(trained.optimumMeanAbsoluteError, 3)) \(unit)")
            let difference = trained.finalMeanSquaredError - trained.optimumMeanSquaredError
            lines.append("Gap         network MSE \(difference < 0 ? "below" : "above") the linear optimum by \(format(abs(difference)))")
            lines.append("")
            lines.append(contentsOf: table())
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("Equation    \(trained.equation(equations))")
        lines.append("MSE         \(format(trained.finalMeanSquaredError)) (normalised)   MAE \(fixed(trained.finalMeanAbsoluteError, 3)) \(unit)")
        lines.append("")
        lines.append("Closed-form least-squares optimum")
        lines.append("Parameters  \(parameterList(trained.optimum))")
        lines.append("Equation    \(trained.equation(equations, parameters: trained.optimum))")
        lines.append("MSE         \(format(trained.optimumMeanSquaredError)) (normalised)   MAE \(fixed(trained.optimumMeanAbsoluteError, 3)) \(unit)")
        lines.append("Gap         |theta - theta*| = \(format(trained.distanceToOptimum)), MSE above optimum by \(format(trained.finalMeanSquaredError - trained.optimumMeanSquaredError))")
        lines.append("Stable lr   full-batch GD is stable below 2/lambda_max = \(format(trained.statistics.stableLearningRate))")
        lines.append("")
        lines.append(contentsOf: table())
        return lines.joined(separator: "\n") + "\n"
    }

    /// The warning printed when training diverged.
    public var divergenceWarning: String {
        let epoch: Int
        if case .diverged(let at) = trained.history.stopReason { epoch = at } else { epoch = trained.history.epochsRun }
        if trained.network != nil {
            return "training diverged at epoch \(epoch) with learning rate \(format(trained.history.configuration.learningRate)); "
                + "try a smaller --lr. The history up to the last finite epoch is kept."
        }
        var isPlainGradientDescent = false
        if case .gd = trained.history.configuration.optimizer { isPlainGradientDescent = true }
        return "training diverged at epoch \(epoch) with learning rate \(format(trained.history.configuration.learningRate)); "
            + (isPlainGradientDescent ? "" : "for comparison, ")
            + "full-batch gradient descent on this data is stable only below 2/lambda_max = \(format(trained.statistics.stableLearningRate)). "
            + "The history up to the last finite epoch is kept."
    }

    private var unit: String {
        let name = trained.data.original.yName
        return Language.english.text.unit(of: name) ?? "(units of \(name))"
    }

    /// At most this many rows of the per-point table are printed; larger data sets get the first
    /// ones and a count of the rest (the history and `descent build`'s predictions file have them all).
    public static let maximumTableRows = 40

    private func table() -> [String] {
        let data = trained.data.original
        let shown = Array(data.x.indices.prefix(Self.maximumTableRows))
        let predictions = shown.map { trained.predictOriginal(at: data.x[$0]) }
        let labels = shown.map { data.labels?[$0] ?? "#\($0 + 1)" }
        let labelWidth = max(6, labels.map(\.count).max() ?? 0)
        let headers = ["name", data.xName, data.yName, "predicted", "error"]
        let widths = [labelWidth, max(10, headers[1].count), max(10, headers[2].count), 10, 8]
        func row(_ cells: [String]) -> String {
            zip(cells, widths).enumerated().map { index, pair in
                index == 0 ? pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: max(0, pair.1 - pair.0.count)) + pair.0
            }.joined(separator: "  ")
        }
        let decimals = TableDecimals.prediction(spread: trained.data.yScale.standardDeviation)
        var lines = ["Per-point predictions (error = actual - predicted, as in the notebook, \(unit))", row(headers)]
        for (position, index) in shown.enumerated() {
            lines.append(row([labels[position], shortest(data.x[index]), shortest(data.y[index]),
                              fixed(predictions[position], decimals), signed(data.y[index] - predictions[position], decimals)]))
        }
        if data.x.count > shown.count {
            lines.append("... and \(data.x.count - shown.count) more rows")
        }
        return lines
    }

    private func structure(_ model: PolynomialModel) -> String {
        let terms = zip(model.parameterNames, model.powers).map { name, power -> String in
            switch power {
            case 0: return name
            case 1: return "\(name)*x"
            default: return "\(name)*x^\(power)"
            }
        }
        return "y = " + terms.joined(separator: " + ")
    }

    private func optimizerText(_ configuration: TrainingConfiguration) -> String {
        switch configuration.optimizer {
        case .sgd:
            return "sgd (batch size 1, " + (configuration.shuffle ? "shuffled each epoch, seed \(configuration.seed))" : "fixed order)")
        case .gd: return "gd (full batch)"
        case .minibatch(let size):
            return "minibatch (batch size \(size), " + (configuration.shuffle ? "shuffled, seed \(configuration.seed))" : "fixed order)")
        case .momentum(let beta): return "momentum (beta \(format(beta)))"
        case .adam(let beta1, let beta2, _): return "adam (beta1 \(format(beta1)), beta2 \(format(beta2)))"
        }
    }

    private func parameterList(_ parameters: [Double]) -> String {
        zip(trained.history.configuration.parameterNames, parameters).map { "\($0) = \(format($1))" }.joined(separator: ", ")
    }

    /// Six significant digits; rounding noise below 1e-12 in magnitude prints as 0.
    private func format(_ value: Double) -> String { abs(value) < 1e-12 ? "0" : String(format: "%.6g", value) }
    /// Fixed decimals, or six significant digits in scientific notation from 10⁶ (a diverged run's numbers).
    private func fixed(_ value: Double, _ decimals: Int) -> String {
        abs(value) < 1e6 || !value.isFinite ? String(format: "%.\(decimals)f", value) : String(format: "%.6g", value)
    }
    private func signed(_ value: Double, _ decimals: Int) -> String {
        abs(value) < 1e6 ? String(format: "%+.\(decimals)f", value) : String(format: "%+.6g", value)
    }
    private func shortest(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// A non-constant schedule in words: "cosine schedule", "step schedule (× 0.5 every 75 epochs)".
    private func scheduleText(_ schedule: LearningRateSchedule) -> String {
        switch schedule {
        case .constant: return "constant schedule"
        case .step(let every, let gamma): return "step schedule (× \(format(gamma)) every \(every) epoch\(every == 1 ? "" : "s"))"
        case .exponential(let gamma): return "exponential schedule (× \(format(gamma)) every epoch)"
        case .cosine: return "cosine schedule (η·½(1 + cos(π·t/T)) per update t of T)"
        case .warmup(let epochs): return "warmup schedule (linear over \(epochs) epoch\(epochs == 1 ? "" : "s"), then constant)"
        }
    }
}
