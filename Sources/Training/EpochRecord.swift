/// The state after one epoch (epoch 0 is the starting point, before any update). All values are finite.
public struct EpochRecord: Sendable, Codable, Equatable {
    /// The epoch number, 0 for the initial parameters.
    public let epoch: Int
    /// `θ` after the epoch.
    public let parameters: [Double]
    /// `(1/N) Σ (ŷᵢ − yᵢ)²` over the whole data set, in normalized units.
    public let meanSquaredError: Double
    /// `(1/N) Σ |ŷᵢ·σy + μy − y_origᵢ|`, in original units (centimetres for the notebook).
    public let meanAbsoluteErrorOriginal: Double
    /// `‖∇MSE(θ)‖₂`, the Euclidean norm of the full-batch gradient at `θ`.
    public let gradientNorm: Double
    /// The learning rate of the epoch's first update (``LearningRateSchedule``; for full-batch
    /// `gd` its only update). Epoch 0 makes no update: its record holds the rate of the run's
    /// first update, `η₀`.
    public let learningRate: Double

    /// Creates a record.
    public init(epoch: Int, parameters: [Double], meanSquaredError: Double, meanAbsoluteErrorOriginal: Double, gradientNorm: Double,
                learningRate: Double) {
        self.epoch = epoch
        self.parameters = parameters
        self.meanSquaredError = meanSquaredError
        self.meanAbsoluteErrorOriginal = meanAbsoluteErrorOriginal
        self.gradientNorm = gradientNorm
        self.learningRate = learningRate
    }
}
