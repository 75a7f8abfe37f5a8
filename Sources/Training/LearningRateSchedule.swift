import Foundation

/// How the learning rate changes over a run: `ηₜ` for update `t = 0, 1, …` from the base rate `η`
/// (``TrainingConfiguration/learningRate``).
///
/// `t` counts parameter updates from 0: full-batch ``Optimizer/gd`` makes one update an epoch, so
/// `t` is the epoch minus one; `sgd`, `momentum` and `adam` make `N` (one per sample) and
/// `minibatch` `⌈N/batch⌉`. With `U` updates an epoch, update `t` belongs to the 0-based epoch
/// `e = ⌊t/U⌋`, and a run of `T` epochs has `U·T` updates:
///
/// - ``constant``: `ηₜ = η`;
/// - ``step(every:gamma:)``: `ηₜ = η·γ^⌊e/k⌋`, multiplied by `γ` every `k` epochs;
/// - ``exponential(gamma:)``: `ηₜ = η·γᵉ`, multiplied by `γ` every epoch;
/// - ``cosine``: `ηₜ = η·½(1 + cos(π·t/(U·T)))`, from `η` at `t = 0` down towards 0 at the last
///   update (per update, so it also falls within an SGD epoch);
/// - ``warmup(epochs:)``: `ηₜ = η·(t + 1)/(U·W)` for the first `W` epochs' updates, then `η`.
///
/// The epochs `T` are ``TrainingConfiguration/maxEpochs``: a stop rule may end the run before the
/// schedule does.
public enum LearningRateSchedule: Sendable, Codable, Hashable {
    /// The same rate for every update.
    case constant
    /// The rate multiplied by `gamma` every `every` epochs.
    case step(every: Int, gamma: Double)
    /// The rate multiplied by `gamma` every epoch.
    case exponential(gamma: Double)
    /// Half a cosine from `η` down to 0 over the run's updates.
    case cosine
    /// A linear ramp from `η/(U·W)` up to `η` over the first `epochs` epochs, then `η`.
    case warmup(epochs: Int)

    /// The schedule names, as `--schedule` and a build file's `schedule` spell them.
    public static let names = ["constant", "step", "exponential", "cosine", "warmup"]

    /// The schedule's name: `constant`, `step`, `exponential`, `cosine` or `warmup`.
    public var name: String {
        switch self {
        case .constant: return "constant"
        case .step: return "step"
        case .exponential: return "exponential"
        case .cosine: return "cosine"
        case .warmup: return "warmup"
        }
    }

    /// `ηₜ` for update `t` (0-based) of a run with `updatesPerEpoch` updates an epoch and
    /// `epochs` epochs, from the base rate `base`.
    public func rate(base: Double, update t: Int, updatesPerEpoch: Int, epochs: Int) -> Double {
        let perEpoch = max(1, updatesPerEpoch)
        let epoch = t / perEpoch
        switch self {
        case .constant:
            return base
        case .step(let every, let gamma):
            return base * pow(gamma, Double(epoch / max(1, every)))
        case .exponential(let gamma):
            return base * pow(gamma, Double(epoch))
        case .cosine:
            let total = Double(perEpoch * max(1, epochs))
            return base * 0.5 * (1 + cos(Double.pi * Double(t) / total))
        case .warmup(let warmupEpochs):
            let ramp = perEpoch * max(1, warmupEpochs)
            return t < ramp ? base * Double(t + 1) / Double(ramp) : base
        }
    }

    /// The schedule `name` (one of ``names``) with its settings, each defaulting as `--schedule`
    /// documents for a run of `epochs` epochs: `stepEvery` a quarter of the epochs (at least 1),
    /// `gamma` 0.5 for `step` and 0.99 for `exponential`, `warmupEpochs` a tenth of the epochs (at
    /// least 1). Settings the schedule does not use are ignored; nil for an unknown name.
    public static func named(_ name: String, stepEvery: Int? = nil, gamma: Double? = nil, warmupEpochs: Int? = nil,
                             epochs: Int) -> LearningRateSchedule? {
        switch name {
        case "constant": return .constant
        case "step": return .step(every: stepEvery ?? max(1, epochs / 4), gamma: gamma ?? 0.5)
        case "exponential": return .exponential(gamma: gamma ?? 0.99)
        case "cosine": return .cosine
        case "warmup": return .warmup(epochs: warmupEpochs ?? max(1, epochs / 10))
        default: return nil
        }
    }

    /// The settings each schedule uses, by their command-line names without `--`.
    public static func settings(of name: String) -> [String] {
        switch name {
        case "step": return ["schedule-step-every", "schedule-gamma"]
        case "exponential": return ["schedule-gamma"]
        case "warmup": return ["warmup-epochs"]
        default: return []
        }
    }

    /// Checks the schedule's settings: `every` and `epochs` at least 1, `gamma` in `(0, 1]`.
    ///
    /// - Throws: ``TrainingError/invalidSchedule(_:)``.
    public func validate() throws {
        switch self {
        case .constant, .cosine:
            return
        case .step(let every, let gamma):
            guard every >= 1 else { throw TrainingError.invalidSchedule("the step schedule's interval must be at least 1 epoch, got \(every)") }
            try Self.checkGamma(gamma)
        case .exponential(let gamma):
            try Self.checkGamma(gamma)
        case .warmup(let epochs):
            guard epochs >= 1 else { throw TrainingError.invalidSchedule("the warmup must last at least 1 epoch, got \(epochs)") }
        }
    }

    private static func checkGamma(_ gamma: Double) throws {
        guard gamma.isFinite, gamma > 0, gamma <= 1 else {
            throw TrainingError.invalidSchedule("the decay factor gamma must be greater than 0 and at most 1, got \(gamma)")
        }
    }
}
