import Foundation

/// The options of a frame sequence beyond the figure request: layout, which states, threads,
/// PNG compression and resuming.
public struct FrameOptions: Sendable {
    /// What each frame shows. Default `.full` (fit | loss so far | landscape with path so far).
    public var layout: FrameLayout = .full
    /// Keep every `every`-th state (plus the first and the last), `≥ 1`. Default 1.
    public var every = 1
    /// One frame per update instead of per epoch.
    public var perStep = false
    /// Rendering threads, 1...256. Default: the number of active cores.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// The zlib level of the frames' PNGs, 0...9. Default 1 (`PNGOptions.fast`).
    public var compressionLevel = PNGOptions.fastCompressionLevel
    /// Keep complete frames of an interrupted run with the same settings and render the rest.
    public var resume = false

    /// Creates default options.
    public init() {}

    /// Checks the ranges.
    ///
    /// - Throws: `FrameSequenceError.invalidEvery`, `.invalidJobs`, `.invalidCompression`.
    public func validate() throws {
        guard every >= 1 else { throw FrameSequenceError.invalidEvery(every) }
        guard (1...256).contains(jobs) else { throw FrameSequenceError.invalidJobs(jobs) }
        guard (0...9).contains(compressionLevel) else { throw FrameSequenceError.invalidCompression(compressionLevel) }
    }
}

import Plotting

extension PNGOptions {
    /// The zlib level of `PNGOptions.fast`.
    static var fastCompressionLevel: Int { PNGOptions.fast.compressionLevel }
}
