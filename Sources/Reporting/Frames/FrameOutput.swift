import Foundation
import Plotting

/// Where `descent frames` writes a sequence and its video, checked before any work.
///
/// - With a folder: the folder is an `OutputTree` (created, locked, no links followed, stale
///   temporaries of ended runs removed). A folder already holding a sequence is refused unless
///   `resume` (finish it in place) or `overwrite`: then the new sequence is written into a staging
///   folder and committed over the old one at the end (frames beyond the new count removed), so
///   an interrupted run leaves the previous sequence whole.
/// - Without a folder (a video only): the frames go into a private staging folder beside the
///   video, removed when the video is made.
/// - The video is encoded into a temporary file beside its target and renamed onto it; its folder
///   and ffmpeg are checked before any frame is drawn.
public final class FrameOutput {
    /// What to do with a sequence already in the folder.
    public enum Existing: Sendable {
        /// Refuse it.
        case refuse
        /// Keep its complete frames made with the same settings and render the rest.
        case resume
        /// Replace it whole once the new sequence is complete.
        case overwrite
    }

    /// The frames' folder, nil for a video only.
    public let folder: URL?
    /// The video, if any.
    public let video: URL?
    private let encoder: VideoEncoder?
    private let tree: OutputTree?
    private let lock: OutputLock?
    private let replaces: Bool

    /// Checks the outputs and takes the folder's lock.
    ///
    /// - Throws: `FrameSequenceError.notADirectory`, `.directoryHoldsFrames` (a sequence is there
    ///   and `existing` is `.refuse`), `.ffmpegMissing`, `.unsupportedVideoFormat`;
    ///   `OutputTreeError` (locked, links); `PlottingError` (folders that cannot be created or
    ///   written).
    public init(folder: URL?, video: URL?, existing: Existing) throws {
        let display = folder?.relativePath
        precondition(folder != nil || video != nil, "frames need a folder or a video")
        self.folder = folder?.standardizedFileURL
        self.video = video?.standardizedFileURL
        if let video {
            try VideoEncoder.checkTarget(video)
            encoder = try VideoEncoder(framesDirectory: folder?.path ?? video.path)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: video.deletingLastPathComponent().path)) ?? []
            where OutputCleanup.isStale(name) {
                OutputCleanup.removeTree(video.deletingLastPathComponent().appendingPathComponent(name).path)
            }
        } else {
            encoder = nil
        }
        guard let folder else {
            tree = nil
            lock = nil
            replaces = false
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw FrameSequenceError.notADirectory(path: folder.path)
        }
        let tree = try OutputTree(root: folder, display: display)
        let lock = try tree.lock()
        do {
            try tree.recover()
            let directory = try FrameDirectory(url: folder)
            if directory.holdsSequence, existing == .refuse {
                throw FrameSequenceError.directoryHoldsFrames(path: folder.path, frameCount: directory.frameNumbers.count)
            }
            replaces = directory.holdsSequence && existing == .overwrite
        } catch {
            lock.release()
            throw error
        }
        self.tree = tree
        self.lock = lock
    }

    /// Lets go of the folder's lock.
    public func close() {
        lock?.release()
    }

    /// Writes `sequence` (and the video at `framesPerSecond`); `progress` as for `FrameSequence.write`.
    ///
    /// - Returns: the sequence's result, its `directory` the folder the frames are in at the end
    ///   (nil for a video only).
    public func write(_ sequence: FrameSequence, framesPerSecond: Double,
                      progress: (@Sendable (FrameProgress) -> Void)? = nil) async throws -> FrameSequenceResult {
        if let tree, replaces {
            let staging = try tree.stage()
            var committed = false
            defer { if !committed { tree.discard(stage: staging) } }
            let result = try await sequence.write(to: staging, progress: progress)
            var extra: [(from: URL, to: URL)] = []
            if let encoder, let video {
                extra.append((try encoder.encodeBeside(video, frames: staging, framesPerSecond: framesPerSecond), video))
            }
            do {
                try tree.commit(stage: staging, sequences: ["": result.frameCount], extra: extra)
            } catch {
                for move in extra { OutputCleanup.discard(move.from.path) }
                throw error
            }
            committed = true
            return result.moved(to: tree.root)
        }
        if let folder {
            let result = try await sequence.write(to: folder, progress: progress)
            if let encoder, let video { try encoder.encode(frames: folder, framesPerSecond: framesPerSecond, to: video) }
            return result
        }
        guard let encoder, let video else { preconditionFailure("frames need a folder or a video") }
        let staging = try OutputCleanup.makeStagingFolder(in: video.deletingLastPathComponent())
        defer { OutputCleanup.removeStagingFolder(staging) }
        let result = try await sequence.write(to: staging, progress: progress)
        try encoder.encode(frames: staging, framesPerSecond: framesPerSecond, to: video)
        return result
    }
}
