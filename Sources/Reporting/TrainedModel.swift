import Foundation
import Training

/// A trained model with everything the figures, tables and reports state about it.
///
/// Built once from a data set and a configuration: the training history, the quadratic-form
/// statistics of the normalised data, the closed-form least-squares optimum with its MSE and MAE,
/// and the per-point predictions in original units.
public struct TrainedModel: Sendable {
    /// The normalised data the model was trained on.
    public let data: NormalizedDataset
    /// The full training history (epoch 0 is the starting point).
    public let history: TrainingHistory
    /// `G = XᵀX/N`, `c = Xᵀy/N`, `mean(y²)` of the model's features on the normalised data.
    public let statistics: SufficientStatistics
    /// The least-squares optimum θ* (normalised space).
    public let optimum: [Double]
    /// MSE (normalised) at the optimum.
    public let optimumMeanSquaredError: Double
    /// MAE in original units at the optimum.
    public let optimumMeanAbsoluteError: Double

    /// Trains `configuration` on `data` and solves the closed form.
    public init(data: NormalizedDataset, configuration: TrainingConfiguration) throws {
        self.data = data
        history = try Trainer(data: data, configuration: configuration).run()
        statistics = SufficientStatistics(model: configuration.model, x: data.x, y: data.y)
        optimum = try statistics.leastSquaresSolution()
        optimumMeanSquaredError = statistics.meanSquaredError(optimum)
        optimumMeanAbsoluteError = Loss.meanAbsoluteErrorOriginal(
            model: configuration.model, parameters: optimum, data: data)
    }

    /// The model being trained.
    public var model: PolynomialModel { history.configuration.model }
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
        return data.yScale.denormalize(model.predict(parameters ?? finalParameters, at: z))
    }

    /// Predictions of the final parameters for every data point, in original units.
    public var predictions: [Double] { data.original.x.map { predictOriginal(at: $0) } }

    /// The fitted equation in original units.
    public func equation(_ writer: EquationText = EquationText(), parameters: [Double]? = nil) -> String {
        writer.originalUnits(model: model, parameters: parameters ?? finalParameters, xScale: data.xScale,
                             yScale: data.yScale, xName: data.original.xName, yName: data.original.yName)
    }
}
