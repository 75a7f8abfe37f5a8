import Foundation
import Plotting
import Synchronization

/// Renders and writes frames on several workers with a bounded number in flight.
///
/// The workers are the child tasks of one task group. Each owns one `FrameScene` and one
/// `FrameCanvas` (Cairo surfaces that never leave the task) over the shared, read-only background
/// raster, takes the next frame from a shared queue, draws it, encodes the PNG and writes it
/// atomically; so at most `jobs` frames (one raster and one PNG each) exist at any moment, however
/// many frames are asked for. A frame's bytes depend only on its state, never on the worker or the
/// order, so any `jobs` gives the same files.
struct FrameRenderer: Sendable {
    let model: FrameSceneModel
    let background: FrameBackground
    let directory: FrameDirectory
    let pngOptions: PNGOptions

    /// Tiles compressed anew and tiles in all, over the frames spliced (`SplicedPNGEncoder`).
    struct Tiles: Sendable {
        var compressed = 0
        var total = 0
    }

    /// Renders `frames` on `jobs` workers; `progress` is called after every frame, one call at a time.
    ///
    /// - Throws: the first error of any worker (the others stop after their current frame).
    func run(_ frames: [FrameState], jobs: Int, total: Int, reused: Int,
             progress: (@Sendable (FrameProgress) -> Void)?) async throws -> Tiles {
        let queue = FrameQueue(frames: frames, done: reused, total: total, reused: reused, progress: progress)
        progress?(FrameProgress(done: reused, total: total, reused: reused, elapsed: 0))
        guard !frames.isEmpty else { return Tiles() }
        // No more workers than frames, nor than the machine's memory holds (see FrameMemory).
        let memory = FrameMemory(width: background.raster.width, height: background.raster.height,
                                 compressionLevel: pngOptions.compressionLevel)
        let workers = max(1, min(memory.jobs(requested: jobs), frames.count))
        return try await withThrowingTaskGroup(of: Tiles.self) { group in
            for _ in 0..<workers {
                group.addTask { try work(queue) }
            }
            var tiles = Tiles()
            do {
                for try await worker in group {
                    tiles.compressed += worker.compressed
                    tiles.total += worker.total
                }
            } catch {
                queue.stop()
                throw error
            }
            return tiles
        }
    }

    /// One worker: its own scene and canvas, then frames until none are left or a worker failed.
    private func work(_ queue: FrameQueue) throws -> Tiles {
        let scene = FrameScene(model: model)
        let canvas = try FrameCanvas(figure: scene.figure, background: background)
        var tiles = Tiles()
        do {
            while let frame = queue.take() {
                scene.show(frame)
                var options = pngOptions
                options.title = scene.figure.title
                let png = try canvas.framePNG(options: options)
                try AtomicFile.write(data: png, to: directory.file(frame.fileName), durable: false)
                if let splicing = canvas.lastSplicing {
                    tiles.compressed += splicing.compressedTiles
                    tiles.total += splicing.totalTiles
                }
                queue.finishedOne()
            }
        } catch {
            queue.stop()
            throw error
        }
        return tiles
    }
}

/// The frames left to render, shared by the workers: each `take()` hands out the next one.
private final class FrameQueue: Sendable {
    private struct State {
        var next = 0
        var done: Int
        var stopped = false
    }

    private let frames: [FrameState]
    private let total: Int
    private let reused: Int
    private let start = Date()
    private let progress: (@Sendable (FrameProgress) -> Void)?
    private let state: Mutex<State>

    init(frames: [FrameState], done: Int, total: Int, reused: Int, progress: (@Sendable (FrameProgress) -> Void)?) {
        self.frames = frames
        self.total = total
        self.reused = reused
        self.progress = progress
        state = Mutex(State(done: done))
    }

    /// The next frame, or nil when none are left or a worker failed.
    func take() -> FrameState? {
        state.withLock { state in
            guard !state.stopped, state.next < frames.count else { return nil }
            defer { state.next += 1 }
            return frames[state.next]
        }
    }

    /// Counts a written frame and reports progress.
    func finishedOne() {
        state.withLock { state in
            state.done += 1
            progress?(FrameProgress(done: state.done, total: total, reused: reused, elapsed: Date().timeIntervalSince(start)))
        }
    }

    /// Stops handing out frames (after an error).
    func stop() {
        state.withLock { $0.stopped = true }
    }
}
