import Foundation
import Synchronization
import Training

/// Which data a run is trained on.
public enum DataSource: String, Hashable, Sendable, CaseIterable, Codable {
    /// The command's data set, z-scored (the lecture's setting).
    case zScored = "z-scored"
    /// The command's data set in its original units (`--raw`, the normalization figure's left panel).
    case raw
    /// The slides' worked example: the single point `(x, y) = (2, 8)`, used raw.
    case workedExample = "worked-example"
}

/// What depends only on the data and the model, never on training: the quadratic-form statistics
/// of the model's features and the closed-form least-squares optimum with its MSE and MAE.
struct ModelFacts: Sendable {
    /// `G = XᵀX/N`, `c = Xᵀy/N`, `mean(y²)` of the model's features on the data.
    let statistics: SufficientStatistics
    /// The least-squares optimum θ*.
    let optimum: [Double]
    /// MSE at the optimum (in the data's training units).
    let optimumMeanSquaredError: Double
    /// MAE at the optimum in original units.
    let optimumMeanAbsoluteError: Double
}

/// The data of one command: the data set as loaded, its z-scored and raw views, the slides'
/// worked example, and the per-model facts of each (computed once, on first use).
///
/// A reference type only so that the facts cache can be shared: every stored property is
/// immutable and the cache is behind a `Mutex`, so a catalog is safe to read from any task.
public final class DataCatalog: Sendable {
    /// The data set as loaded (original units).
    public let dataset: Dataset
    /// The data set z-scored with the population standard deviation.
    public let zScored: NormalizedDataset
    /// The data set in original units.
    public let raw: NormalizedDataset
    /// The slides' worked example `(2, 8)`, raw.
    public let workedExample: NormalizedDataset

    private struct FactsKey: Hashable { let source: DataSource; let model: PolynomialModel }
    private let facts = Mutex<[FactsKey: Result<ModelFacts, TrainingError>]>([:])

    /// The slides' training point `(x, y) = (2, 8)` (true mapping `y = 2x²`).
    public static let workedExamplePoint = (x: 2.0, y: 8.0)

    /// Prepares the views of `dataset`.
    ///
    /// - Throws: `TrainingError` when the data cannot be z-scored (fewer than two rows, a constant column).
    public init(dataset: Dataset) throws {
        self.dataset = dataset
        zScored = try NormalizedDataset(dataset)
        raw = try NormalizedDataset(dataset, normalize: false)
        let point = try Dataset(x: [Self.workedExamplePoint.x], y: [Self.workedExamplePoint.y], xName: "x", yName: "y")
        workedExample = try NormalizedDataset(point, normalize: false)
    }

    /// The data of `source`.
    public func data(_ source: DataSource) -> NormalizedDataset {
        switch source {
        case .zScored: return zScored
        case .raw: return raw
        case .workedExample: return workedExample
        }
    }

    /// The facts of `model` on `source`, computed on first use and then shared.
    ///
    /// - Throws: `TrainingError.singularSystem` when the normal equations have no solution.
    func facts(_ model: PolynomialModel, on source: DataSource) throws -> ModelFacts {
        let key = FactsKey(source: source, model: model)
        let result = facts.withLock { cache -> Result<ModelFacts, TrainingError> in
            if let known = cache[key] { return known }
            let computed = Result { try Self.computeFacts(model, data: data(source)) }
                .mapError { $0 as? TrainingError ?? .singularSystem(model: model.name, count: data(source).count) }
            cache[key] = computed
            return computed
        }
        return try result.get()
    }

    private static func computeFacts(_ model: PolynomialModel, data: NormalizedDataset) throws -> ModelFacts {
        let statistics = SufficientStatistics(model: model, x: data.x, y: data.y)
        let optimum = try statistics.leastSquaresSolution()
        return ModelFacts(statistics: statistics, optimum: optimum,
                          optimumMeanSquaredError: statistics.meanSquaredError(optimum),
                          optimumMeanAbsoluteError: Loss.meanAbsoluteErrorOriginal(model: model, parameters: optimum, data: data))
    }
}
