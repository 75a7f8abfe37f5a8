import Foundation
import Plotting

/// Renders and writes frames on several threads with a bounded number in flight.
///
/// Each of the `jobs` threads owns one `FrameScene` and one `FrameCanvas` over the shared,
/// read-only background raster, takes the next frame number from a shared counter, draws it,
/// encodes the PNG and writes it atomically; so at most `jobs` frames (one raster and one PNG
/// each) exist at any moment, however many frames are asked for. A frame's bytes depend only on
/// its state, never on the thread or the order, so any `jobs` gives the same files.
final class FrameRenderer: @unchecked Sendable {
    private let model: FrameSceneModel
    private let background: Raster
    private let encodedBackground: PNGBackground?
    private let directory: FrameDirectory
    private let pngOptions: PNGOptions
    private let lock = NSLock()
    private var pending: [FrameState]
    private var nextIndex = 0
    private var done: Int
    private var firstError: Error?
    private let total: Int
    private let reused: Int
    private let start: Date
    private let progress: ((FrameProgress) -> Void)?

    /// Prepares to render `frames` (those not already complete) of `model`.
    /// Tiles compressed anew and tiles in all, over the frames spliced so far (`SplicedPNGEncoder`).
    private(set) var compressedTiles = 0
    private(set) var totalTiles = 0

    init(model: FrameSceneModel, background: Raster, encodedBackground: PNGBackground?, directory: FrameDirectory,
         pngOptions: PNGOptions, frames: [FrameState], total: Int, reused: Int, progress: ((FrameProgress) -> Void)?) {
        self.model = model
        self.background = background
        self.encodedBackground = encodedBackground
        self.directory = directory
        self.pngOptions = pngOptions
        pending = frames
        self.total = total
        self.reused = reused
        done = reused
        start = Date()
        self.progress = progress
    }

    /// Renders every pending frame on `jobs` threads and waits for them.
    ///
    /// - Throws: the first error of any thread (the others stop after their current frame).
    func run(jobs: Int) throws {
        progress?(FrameProgress(done: done, total: total, reused: reused, elapsed: 0))
        let workers = max(1, min(jobs, pending.count))
        guard !pending.isEmpty else { return }
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                work()
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        if let firstError { throw firstError }
    }

    /// One thread: its own scene and canvas, then frames until none are left or one failed.
    private func work() {
        do {
            let scene = FrameScene(model: model)
            let canvas = try FrameCanvas(figure: scene.figure, background: background, encodedBackground: encodedBackground)
            while let frame = take() {
                scene.show(frame)
                var options = pngOptions
                options.title = scene.figure.title
                let png = try canvas.framePNG(options: options)
                try AtomicFile.write(data: png, to: directory.file(frame.fileName), durable: false)
                finished(splicing: canvas.lastSplicing)
            }
        } catch {
            lock.lock()
            if firstError == nil { firstError = error }
            lock.unlock()
        }
    }

    private func take() -> FrameState? {
        lock.lock()
        defer { lock.unlock() }
        guard firstError == nil, nextIndex < pending.count else { return nil }
        defer { nextIndex += 1 }
        return pending[nextIndex]
    }

    private func finished(splicing: SplicedPNGEncoder.Statistics?) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if let splicing {
            compressedTiles += splicing.compressedTiles
            totalTiles += splicing.totalTiles
        }
        progress?(FrameProgress(done: done, total: total, reused: reused, elapsed: Date().timeIntervalSince(start)))
    }
}
