import Foundation

/// One point of a training run as an animation sees it: after an epoch, or after one update.
public struct TrackPoint: Sendable, Equatable {
    /// The epoch (0 = the start; in per-step mode the epoch the update belongs to).
    public let epoch: Int
    /// The number of parameter updates done so far, over the whole run (0 at the start).
    public let step: Int
    /// `θ` at this point (normalised space).
    public let parameters: [Double]
    /// `MSE(θ)` over the whole data set, normalised units.
    public let meanSquaredError: Double
    /// The sample the update used (per-update tracks of one-sample optimizers), else nil.
    public let sampleIndex: Int?

    /// Creates a track point.
    public init(epoch: Int, step: Int, parameters: [Double], meanSquaredError: Double, sampleIndex: Int? = nil) {
        self.epoch = epoch
        self.step = step
        self.parameters = parameters
        self.meanSquaredError = meanSquaredError
        self.sampleIndex = sampleIndex
    }
}

/// One frame of a sequence: which point of the track it shows and where it is written.
public struct FrameState: Sendable, Equatable {
    /// The frame number, 1-based: the `N` of `frame_0000N.png`.
    public let number: Int
    /// The index of the shown point in `FramePlan.track` (the path and loss curve so far are
    /// `track[0...trackIndex]`).
    public let trackIndex: Int
    /// The shown point.
    public let point: TrackPoint

    /// Creates a frame state.
    public init(number: Int, trackIndex: Int, point: TrackPoint) {
        self.number = number
        self.trackIndex = trackIndex
        self.point = point
    }

    /// The file name, `frame_` + the number with at least five digits + `.png`, so that
    /// `ffmpeg -i DIR/frame_%05d.png` reads the sequence in order.
    public var fileName: String { FrameState.fileName(number: number) }

    /// `frame_00001.png` for 1 (more digits beyond 99999).
    public static func fileName(number: Int) -> String {
        let digits = String(number)
        return "frame_" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".png"
    }

    /// The frame number of a file name `frame_NNNNN.png` (five or more digits), or nil.
    public static func number(ofFileName name: String) -> Int? {
        guard name.hasPrefix("frame_"), name.hasSuffix(".png") else { return nil }
        let digits = name.dropFirst("frame_".count).dropLast(".png".count)
        guard digits.count >= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits), value >= 1 else { return nil }
        return fileName(number: value) == name ? value : nil
    }
}
