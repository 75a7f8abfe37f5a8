import Foundation
import Plotting
import Training

/// Writes the kit's animation frames: one sequence per model in `frames/<model>/`, the three-panel
/// layout, at most `frameLimit` per model (evenly spaced epochs, first and last kept, or every
/// `every`-th epoch, refused past the limit), and an MP4 per model when asked for and ffmpeg is
/// installed. `output` is the build's staging folder (fresh), so a previous kit's frames are
/// replaced only by the commit.
struct KitFrameStage {
    let configuration: KitConfiguration
    let store: RunStore
    let output: URL

    /// The frames of each kit model: what is animated (the kit's own runs, so nothing is trained again).
    static func specs(_ configuration: KitConfiguration) -> [FramesSpec] {
        guard configuration.frames.enabled else { return [] }
        return configuration.models.map { FramesSpec(run: $0, plane: LandscapeOptions(gridSize: min(configuration.figures.grid, 300))) }
    }

    /// The options of one model's sequence, thinned to at most `frameLimit` frames unless `every` is given.
    static func options(_ configuration: KitConfiguration, epochs: Int) -> FrameOptions {
        let frames = configuration.frames
        var options = FrameOptions()
        options.compressionLevel = frames.compression
        options.maximumFrames = frames.frameLimit
        // Frames are epochs 0, k, 2k, ... plus the last: at most `frameLimit` when
        // k = ⌈E / (frameLimit − 1)⌉.
        options.every = frames.every ?? FramePlan.every(toFit: max(0, epochs) + 1, within: frames.frameLimit)
        return options
    }

    /// Refuses, before anything is trained or written, frames that could not be made: a size
    /// whose rendering does not fit in memory, or a model whose epochs at `every` give more than
    /// `frameLimit` frames.
    ///
    /// - Throws: `FrameSequenceError.frameTooLarge`, `.tooManyFrames`.
    static func check(_ configuration: KitConfiguration) throws {
        let frames = configuration.frames
        guard frames.enabled else { return }
        try FrameMemory(size: frames.size, compressionLevel: frames.compression).check(frames.size)
        for spec in specs(configuration).sorted(by: { $0.run.maxEpochs > $1.run.maxEpochs }) {  // the longest fails first
            let options = options(configuration, epochs: spec.run.maxEpochs)
            try FramePlan.checkLimit(candidates: max(0, spec.run.maxEpochs) + 1, every: options.every,
                                     limit: options.maximumFrames, certain: spec.run.stopRule == .fixed)
        }
    }

    /// Writes the sequences; returns the files written (relative to the output folder) and a note.
    func run(progress: @escaping @Sendable (Int, Int) -> Void) async throws -> (files: [String], detail: String) {
        let frames = configuration.frames
        guard frames.enabled else { return ([], "skipped") }
        var style = FigureStyle(theme: configuration.figures.themes.first ?? .light,
                                language: configuration.figures.languages.first ?? .english,
                                size: frames.size, dpi: configuration.figures.dpi)
        style.labels = configuration.data.labels
        var files: [String] = []
        var counts: [String] = []
        var videoNote = ""
        var sequences: [FrameSequence] = []
        for spec in Self.specs(configuration) {
            let trained = try store.model(RunRequest(spec.run))
            sequences.append(try FrameSequence(spec, style: style, options: Self.options(configuration, epochs: trained.history.epochsRun),
                                               store: store))
        }
        let total = sequences.reduce(0) { $0 + $1.plan.frames.count }
        var before = 0
        for sequence in sequences {
            let name = sequence.spec.run.model.fileName
            let folder = "\(frames.folder)/\(name)"
            let directory = output.appendingPathComponent(folder)
            let offset = before
            let result = try await sequence.write(to: directory) { step in progress(offset + step.done, total) }
            before += sequence.plan.frames.count
            files += (1...max(1, result.frameCount)).map { "\(folder)/\(FrameState.fileName(number: $0))" }
            files += ["\(folder)/frames.csv", "\(folder)/frames.settings"]
            counts.append("\(name) \(result.frameCount)")
            if frames.video {
                do {
                    let encoder = try VideoEncoder(framesDirectory: directory.path)
                    let video = output.appendingPathComponent("\(frames.folder)/\(name).mp4")
                    try encoder.encode(frames: directory, framesPerSecond: Double(frames.fps), to: video)
                    files.append("\(frames.folder)/\(name).mp4")
                } catch let error as FrameSequenceError {
                    videoNote = "; no video: \(error)"
                }
            }
        }
        return (files, "frames: " + counts.joined(separator: ", ") + " in \(frames.folder)/" + videoNote)
    }
}
