import Foundation
import Training

/// One training run: the data it learns from and its configuration.
///
/// Whether every update is recorded is not part of the key (`configuration.recordSteps` is always
/// false here): a run is trained once, with steps when any request for it needs them.
public struct RunKey: Hashable, Sendable {
    /// The data trained on.
    public let source: DataSource
    /// The configuration, with `recordSteps` false.
    public let configuration: TrainingConfiguration

    /// The key of `configuration` on `source`.
    public init(_ configuration: TrainingConfiguration, on source: DataSource = .zScored) {
        var plain = configuration
        plain.recordSteps = false
        self.source = source
        self.configuration = plain
    }
}

/// What a figure, a frame sequence or a report asks of the store: a run, whether it needs every
/// update recorded, and what to do when it diverges.
public struct RunRequest: Hashable, Sendable {
    /// What to do with a run that diverges.
    public enum DivergencePolicy: Hashable, Sendable {
        /// Keep the diverged run (figures show where it diverged).
        case keep
        /// Train again with the learning rate halved, up to `times` times, until the run stays finite.
        case halveLearningRate(times: Int)
    }

    /// The run (or, with `.halveLearningRate`, the first attempt).
    public let key: RunKey
    /// Whether the history must hold a `StepRecord` per update.
    public let recordSteps: Bool
    /// What to do when the run diverges.
    public let onDivergence: DivergencePolicy

    /// A request for `configuration` on `source`; steps are recorded when `configuration.recordSteps` is set.
    public init(_ configuration: TrainingConfiguration, on source: DataSource = .zScored,
                onDivergence: DivergencePolicy = .keep) {
        key = RunKey(configuration, on: source)
        recordSteps = configuration.recordSteps
        self.onDivergence = onDivergence
    }
}

/// What a figure or frame sequence asks of the store about a descent on a surface: the run and
/// what to do when it diverges (as ``RunRequest/onDivergence``).
public struct SurfaceRequest: Hashable, Sendable {
    /// The run (or, with `.halveLearningRate`, the first attempt).
    public let run: SurfaceRun
    /// What to do when the run diverges.
    public let onDivergence: RunRequest.DivergencePolicy

    /// A request for `run`.
    public init(_ run: SurfaceRun, onDivergence: RunRequest.DivergencePolicy = .keep) {
        self.run = run
        self.onDivergence = onDivergence
    }
}
