/// The state after one parameter update (recorded when ``TrainingConfiguration/recordSteps`` is on).
public struct StepRecord: Sendable, Codable, Equatable {
    /// The epoch the update belongs to (1-based; epoch 0 has no updates).
    public let epoch: Int
    /// The update count over the whole run, 1-based (Adam's `t`).
    public let step: Int
    /// The sample used, for one-sample updates (`sgd`, `momentum`, `adam`); `nil` for batches.
    public let sampleIndex: Int?
    /// `θ` after the update.
    public let parameters: [Double]
    /// The MSE over the whole data set at `θ`, from ``SufficientStatistics`` (`O(p²)` per step).
    public let meanSquaredError: Double
    /// The optimizer's first state vector after the update: momentum's velocity `v` (the step is
    /// `η·v`), Adam's first moment `m` before bias correction; `nil` for `sgd`, `gd`, `minibatch`.
    public let firstMoment: [Double]?
    /// Adam's second moment `v` after the update, before bias correction; `nil` for the others.
    public let secondMoment: [Double]?

    /// Creates a record.
    public init(epoch: Int, step: Int, sampleIndex: Int?, parameters: [Double], meanSquaredError: Double,
                firstMoment: [Double]? = nil, secondMoment: [Double]? = nil) {
        self.epoch = epoch
        self.step = step
        self.sampleIndex = sampleIndex
        self.parameters = parameters
        self.meanSquaredError = meanSquaredError
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
    }
}
