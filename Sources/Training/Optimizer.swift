/// How the parameters are updated from gradients.
///
/// With learning rate `η` and the batch gradient `g = (1/n) Σ_{i∈batch} 2eᵢ·xᵢ^{pₖ}`
/// (`eᵢ = ŷᵢ − yᵢ`; for a batch of one sample `g = 2e·x^{pₖ}`, not averaged over the data set):
/// - ``sgd``: one update per sample in the epoch's order, `θ ← θ − η·g` (the lecture notebook).
/// - ``gd``: one update per epoch with the mean gradient over all `N` samples, `θ ← θ − η·g`.
/// - ``minibatch(batchSize:)``: one update per consecutive chunk of `batchSize` samples of the
///   epoch's order (the last chunk may be smaller), with the chunk's mean gradient.
/// - ``momentum(beta:)``: per sample (batch size 1, like `sgd`), heavy-ball momentum
///   `v ← β·v + g`, `θ ← θ − η·v`, `v` starting at 0.
/// - ``adam(beta1:beta2:epsilon:)``: per sample (batch size 1), Adam (Kingma & Ba, 2015) with the
///   update count `t = 1, 2, …`: `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
///   `m̂ = m/(1−β₁ᵗ)`, `v̂ = v/(1−β₂ᵗ)`, `θ ← θ − η·m̂/(√v̂ + ε)`.
public enum Optimizer: Sendable, Hashable, Codable {
    /// Stochastic gradient descent, batch size 1.
    case sgd
    /// Full-batch gradient descent, one update per epoch.
    case gd
    /// Mini-batch gradient descent with chunks of `batchSize` samples.
    case minibatch(batchSize: Int)
    /// Per-sample SGD with heavy-ball momentum `v ← βv + g`, `θ ← θ − ηv`.
    case momentum(beta: Double)
    /// Per-sample Adam with bias correction.
    case adam(beta1: Double, beta2: Double, epsilon: Double)

    /// Momentum with `β = 0.9`.
    public static let defaultMomentum = Optimizer.momentum(beta: 0.9)
    /// Adam with `β₁ = 0.9`, `β₂ = 0.999`, `ε = 1e-8`.
    public static let defaultAdam = Optimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)

    /// The short name: `"sgd"`, `"gd"`, `"minibatch"`, `"momentum"`, `"adam"`.
    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .gd: return "gd"
        case .minibatch: return "minibatch"
        case .momentum: return "momentum"
        case .adam: return "adam"
        }
    }

    /// The number of samples per update for `count` data points: 1, `count`, or `min(batchSize, count)`.
    public func batchSize(count: Int) -> Int {
        switch self {
        case .sgd, .momentum, .adam: return 1
        case .gd: return count
        case .minibatch(let batchSize): return max(1, min(batchSize, count))
        }
    }

    /// Checks the settings: batch size `≥ 1`; `β`, `β₁`, `β₂` in `[0, 1)`; `ε` finite and `> 0`.
    ///
    /// - Throws: ``TrainingError/invalidBatchSize(_:)`` or
    ///   ``TrainingError/invalidOptimizerSetting(name:value:validRange:)``.
    public func validate() throws {
        func checkBeta(_ name: String, _ value: Double) throws {
            guard value >= 0, value < 1 else {
                throw TrainingError.invalidOptimizerSetting(name: name, value: value, validRange: "[0, 1)")
            }
        }
        switch self {
        case .sgd, .gd:
            return
        case .minibatch(let batchSize):
            guard batchSize >= 1 else { throw TrainingError.invalidBatchSize(batchSize) }
        case .momentum(let beta):
            try checkBeta("beta", beta)
        case .adam(let beta1, let beta2, let epsilon):
            try checkBeta("beta1", beta1)
            try checkBeta("beta2", beta2)
            guard epsilon.isFinite, epsilon > 0 else {
                throw TrainingError.invalidOptimizerSetting(name: "epsilon", value: epsilon, validRange: "(0, ∞), such as 1e-8")
            }
        }
    }
}
