import Foundation
import Training

/// A trained run with everything the figures, tables and reports state about it.
///
/// Made only by ``RunStore`` from a history it trained and the ``ModelFacts`` of the data: the
/// training history, the quadratic-form statistics, the closed-form least-squares optimum with its
/// MSE and MAE, and the per-point predictions in original units.
public struct TrainedModel: Sendable {
    /// The data the model was trained on (z-scored, or raw).
    public let data: NormalizedDataset
    /// The full training history (epoch 0 is the starting point).
    public let history: TrainingHistory
    /// `G = XᵀX/N`, `c = Xᵀy/N`, `mean(y²)` of the model's features on the training data.
    public var statistics: SufficientStatistics { facts.statistics }
    /// The least-squares optimum θ* (in the training data's units).
    public var optimum: [Double] { facts.optimum }
    /// MSE at the optimum.
    public var optimumMeanSquaredError: Double { facts.optimumMeanSquaredError }
    /// MAE in original units at the optimum.
    public var optimumMeanAbsoluteError: Double { facts.optimumMeanAbsoluteError }

    /// What the data and the model alone determine.
    let facts: ModelFacts

    init(data: NormalizedDataset, history: TrainingHistory, facts: ModelFacts) {
        self.data = data
        self.history = history
        self.facts = facts
    }

    /// The model being trained (for a network run, the linear baseline of ``optimum``).
    public var model: PolynomialModel { history.configuration.model }
    /// The network being trained, nil for a polynomial run; then ``optimum`` and
    /// ``statistics`` are those of the linear baseline ``model``.
    public var network: NetworkModel? { history.configuration.network }
    /// The last recorded parameters.
    public var finalParameters: [Double] { history.finalParameters }
    /// The last recorded MSE (normalised space).
    public var finalMeanSquaredError: Double { history.epochs.last?.meanSquaredError ?? .nan }
    /// The last recorded MAE in original units.
    public var finalMeanAbsoluteError: Double { history.epochs.last?.meanAbsoluteErrorOriginal ?? .nan }

    /// Euclidean distance ‖θ − θ*‖ between the final parameters and the optimum.
    public var distanceToOptimum: Double {
        zip(finalParameters, optimum).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    /// Prediction in original units at original-unit `x` for `parameters` (default: final).
    public func predictOriginal(at x: Double, parameters: [Double]? = nil) -> Double {
        let z = data.xScale.normalize(x)
        let parameters = parameters ?? finalParameters
        return data.yScale.denormalize(network?.predict(parameters, at: z) ?? model.predict(parameters, at: z))
    }

    /// Predictions of the final parameters for every data point, in original units.
    public var predictions: [Double] {
        let parameters = finalParameters
        return data.original.x.map { predictOriginal(at: $0, parameters: parameters) }
    }

    /// The x range the fit is drawn over, on which its printed equation must reproduce it: the
    /// data's range widened by 4 % on each side.
    var equationDomain: ClosedRange<Double> {
        let xs = FitFigure.sampleXs(data.original.x)
        guard let low = xs.first, let high = xs.last, high > low else { return EquationText.defaultDomain(xScale: data.xScale) }
        return low...high
    }

    /// The fitted equation in original units, reproducing the model over ``equationDomain``;
    /// `xName`/`yName` default to the data's column names.
    func equation(_ writer: EquationText = EquationText(), parameters: [Double]? = nil,
                  xName: String? = nil, yName: String? = nil) -> String {
        writer.originalUnits(model: model, parameters: parameters ?? finalParameters, xScale: data.xScale,
                             yScale: data.yScale, xName: xName ?? data.original.xName, yName: yName ?? data.original.yName,
                             domain: equationDomain)
    }
}

extension TrainingHistory {
    /// The same history without its step records (and with `recordSteps` off), as a run trained
    /// without them would have been.
    func withoutSteps() -> TrainingHistory {
        var configuration = self.configuration
        configuration.recordSteps = false
        return TrainingHistory(configuration: configuration, epochs: epochs, steps: [], stopReason: stopReason,
                               xScale: xScale, yScale: yScale)
    }
}
