import Foundation

/// How far a frame sequence is, reported after every frame written (from a rendering thread,
/// one call at a time).
public struct FrameProgress: Sendable, Equatable {
    /// Frames finished: kept from an earlier run plus rendered now.
    public let done: Int
    /// All frames of the sequence.
    public let total: Int
    /// Frames kept from an earlier run (`--resume`), counted in `done`.
    public let reused: Int
    /// Seconds since rendering started.
    public let elapsed: Double

    /// Creates a progress report.
    public init(done: Int, total: Int, reused: Int, elapsed: Double) {
        self.done = done
        self.total = total
        self.reused = reused
        self.elapsed = elapsed
    }

    /// Frames rendered per second in this run: `(done − reused) / elapsed` (0 before the first).
    public var framesPerSecond: Double {
        elapsed > 0 ? Double(done - reused) / elapsed : 0
    }

    /// Estimated seconds left at the current rate, `(total − done) / framesPerSecond`; nil before
    /// the rate is known.
    public var secondsLeft: Double? {
        let rate = framesPerSecond
        return rate > 0 ? Double(total - done) / rate : nil
    }

    /// `done / total` in `0...1` (1 for an empty sequence).
    public var fraction: Double { total > 0 ? Double(done) / Double(total) : 1 }
}
