import Synchronization

/// Watches which runs ``Trainer/run()`` performs, for tests that check that a command trains each
/// distinct run exactly once.
///
/// ```swift
/// let trace = TrainingTrace()
/// try await TrainingTrace.$current.withValue(trace) { try await buildSomething() }
/// #expect(trace.runs.count == Set(trace.runs).count)
/// ```
///
/// The trace is a task-local value, so it sees the runs of the task that installed it and of its
/// child tasks (task groups, `async let`), and nothing of other tasks running at the same time.
public final class TrainingTrace: Sendable {
    /// One observed run: its configuration and the data it was trained on.
    public struct Run: Hashable, Sendable {
        /// The configuration trained.
        public let configuration: TrainingConfiguration
        /// The number of samples.
        public let sampleCount: Int
        /// Whether the data was z-scored (`false`: raw values).
        public let normalized: Bool
        /// A fingerprint of the training data's values (FNV-1a over their bits).
        public let dataFingerprint: UInt64
    }

    /// The trace of the current task, if one is installed.
    @TaskLocal public static var current: TrainingTrace?

    private let recorded = Mutex<[Run]>([])

    /// Creates an empty trace.
    public init() {}

    /// The runs recorded so far, in the order they started.
    public var runs: [Run] { recorded.withLock { $0 } }

    /// Records a run of `configuration` on `data`.
    func record(_ configuration: TrainingConfiguration, data: NormalizedDataset) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in data.x + data.y {
            hash ^= value.bitPattern
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let run = Run(configuration: configuration, sampleCount: data.count,
                      normalized: data.xScale != .identity || data.yScale != .identity, dataFingerprint: hash)
        recorded.withLock { $0.append(run) }
    }
}
