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
    /// The most frames the sequence may have, ≥ 1; a longer one is refused before anything is
    /// written. Default ``defaultMaximumFrames``.
    public var maximumFrames = FrameOptions.defaultMaximumFrames
    /// The surface layout's camera elevation in degrees, `SurfaceSpec.elevations`. Default 30.
    public var elevation = 30.0
    /// The surface layout's camera azimuth in degrees (of the first frame when orbiting). Default −60.
    public var azimuth = -60.0
    /// The surface layout: turn the camera a full circle over the sequence (frame `k` of `n` at
    /// `azimuth + 360°·(k − 1)/n`, so the last frame leads back into the first).
    public var orbit = false

    /// The default frame limit: 10,000 frames (about 4 GB of 1920x1080 PNGs, 17 minutes of video at 10 fps).
    public static let defaultMaximumFrames = 10_000

    /// Creates default options.
    public init() {}

    /// Checks the ranges.
    ///
    /// - Throws: `FrameSequenceError.invalidEvery`, `.invalidJobs`, `.invalidCompression`,
    ///   `.invalidMaximumFrames`; `ReportingError.outOfRange` for the camera.
    public func validate() throws {
        guard every >= 1 else { throw FrameSequenceError.invalidEvery(every) }
        guard maximumFrames >= 1 else { throw FrameSequenceError.invalidMaximumFrames(maximumFrames) }
        guard (1...256).contains(jobs) else { throw FrameSequenceError.invalidJobs(jobs) }
        guard (0...9).contains(compressionLevel) else { throw FrameSequenceError.invalidCompression(compressionLevel) }
        guard elevation.isFinite, SurfaceSpec.elevations.contains(elevation) else {
            throw ReportingError.outOfRange(setting: .elevation, value: "\(elevation)", allowed: "5 to 90 degrees")
        }
        guard azimuth.isFinite else {
            throw ReportingError.outOfRange(setting: .azimuth, value: "\(azimuth)", allowed: "a finite angle in degrees")
        }
    }
}

import Plotting

extension PNGOptions {
    /// The zlib level of `PNGOptions.fast`.
    static var fastCompressionLevel: Int { PNGOptions.fast.compressionLevel }
}
