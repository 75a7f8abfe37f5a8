import Foundation
import Plotting
import Training

/// Writes the kit's animation frames: one sequence per model in `frames/<model>/`, the three-panel
/// layout, at most `maximumFrames` per model (evenly spaced epochs, first and last kept) unless
/// `every` is set, and an MP4 per model when asked for and ffmpeg is installed.
struct KitFrameStage {
    let configuration: KitConfiguration
    let dataset: Dataset
    /// The models the kit trained; their epoch counts set the thinning.
    let models: [TrainedModel]
    let output: URL

    /// Writes the sequences; returns the files written (relative to the output folder) and a note.
    func run() throws -> (files: [String], detail: String) {
        let frames = configuration.frames
        guard frames.enabled else { return ([], "skipped") }
        let style = FigureStyle(theme: Theme.named(configuration.figures.themes.first ?? "light") ?? .light,
                                language: configuration.figures.languages.first ?? .english,
                                size: frames.size, dpi: configuration.figures.dpi)
        var files: [String] = []
        var counts: [String] = []
        var videoNote = ""
        for trained in models {
            let model = trained.history.configuration
            let name = model.model.fileName
            let folder = "\(frames.folder)/\(name)"
            let directory = output.appendingPathComponent(folder)
            var request = FigureRequest(kind: .landscape, style: style, dataset: dataset, configurations: [model])
            request.gridSize = min(configuration.figures.grid, 300)
            var options = FrameOptions()
            options.compressionLevel = frames.compression
            let epochs = max(1, trained.history.epochsRun)
            // Frames are epochs 1, 1 + k, 1 + 2k, ... plus the last: at most `maximumFrames` when
            // k = ⌈(E − 1) / (maximumFrames − 1)⌉.
            options.every = frames.every ?? max(1, Int((Double(epochs - 1) / Double(max(1, frames.maximumFrames - 1))).rounded(.up)))
            let sequence = try FrameSequence(request: request, options: options)
            try KitFileSystem.makeFolder(directory)
            try FrameDirectory.removeSequence(in: directory)
            let result = try sequence.write(to: directory)
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
