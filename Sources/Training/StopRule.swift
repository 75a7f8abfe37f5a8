/// When training stops before ``TrainingConfiguration/maxEpochs`` (which caps every rule).
public enum StopRule: Sendable, Hashable, Codable {
    /// Run exactly `maxEpochs` epochs.
    case fixed
    /// The lecture notebook's rule: stop after the first epoch `e ≥ 1` with `MSE_e ≥ MSE_{e−1}`
    /// (epoch 0 is the starting point, so the first comparison is epoch 1 against epoch 0). The
    /// epoch that triggers the stop is recorded.
    case notebook
    /// Stop after the first epoch `e ≥ 1` with `|MSE_{e−1} − MSE_e| < tolerance`, an absolute
    /// tolerance in the units of the (normalized) MSE. The epoch that triggers the stop is recorded.
    case tolerance(Double)

    /// The short name: `"fixed"`, `"notebook"`, `"tolerance"`.
    public var name: String {
        switch self {
        case .fixed: return "fixed"
        case .notebook: return "notebook"
        case .tolerance: return "tolerance"
        }
    }
}
