import Foundation

/// What `FrameSequence.write(to:progress:)` did.
public struct FrameSequenceResult: Sendable {
    /// The output folder.
    public let directory: URL
    /// `frames.csv` in it.
    public let manifest: URL
    /// The frames of the sequence (all present now).
    public let frameCount: Int
    /// Frames rendered by this call.
    public let rendered: Int
    /// Frames kept from an earlier run (`--resume`).
    public let reused: Int
    /// Wall-clock seconds of the call.
    public let seconds: Double
    /// PNG tiles compressed anew over the rendered frames (the rest reused the compressed
    /// static layer; see `SplicedPNGEncoder`); 0 when no frame was spliced.
    public let compressedTiles: Int
    /// All PNG tiles of the spliced frames, `frames · height · ⌈width / 64⌉`.
    public let totalTiles: Int

    /// The fraction of tiles compressed anew, `compressedTiles / totalTiles` (nil when none were spliced).
    public var changedTileFraction: Double? {
        totalTiles > 0 ? Double(compressedTiles) / Double(totalTiles) : nil
    }

    /// The same result with the frames in `folder` (where a commit moved them).
    func moved(to folder: URL) -> FrameSequenceResult {
        FrameSequenceResult(directory: folder, manifest: folder.appendingPathComponent(manifest.lastPathComponent),
                            frameCount: frameCount, rendered: rendered, reused: reused, seconds: seconds,
                            compressedTiles: compressedTiles, totalTiles: totalTiles)
    }

    /// The URL of frame `number` (1-based).
    public func frameURL(_ number: Int) -> URL {
        directory.appendingPathComponent(FrameState.fileName(number: number))
    }
}
