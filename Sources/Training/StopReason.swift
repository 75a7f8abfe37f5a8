/// Why a training run ended.
public enum StopReason: Sendable, Equatable, Codable, CustomStringConvertible {
    /// `maxEpochs` epochs ran.
    case completedEpochs
    /// ``StopRule/notebook``: the MSE of `epoch` was not lower than the previous epoch's.
    case lossStoppedDecreasing(epoch: Int)
    /// ``StopRule/tolerance(_:)``: the MSE changed by less than `tolerance` in `epoch`.
    case converged(epoch: Int, tolerance: Double)
    /// The MSE exceeded `1e12` or became non-finite (or the parameters did) during `epoch`.
    case diverged(epoch: Int)

    /// One sentence for people.
    public var description: String {
        switch self {
        case .completedEpochs:
            return "completed all epochs"
        case .lossStoppedDecreasing(let epoch):
            return "stopped at epoch \(epoch): the MSE did not decrease"
        case .converged(let epoch, let tolerance):
            return "converged at epoch \(epoch): the MSE changed by less than \(tolerance)"
        case .diverged(let epoch):
            return "diverged in epoch \(epoch): the loss grew without bound; lower the learning rate"
        }
    }
}
