import Foundation
import Plotting
import Training

/// A training run turned into numbered PNG frames for an animation, plus a manifest.
///
/// ```swift
/// var request = FigureRequest(kind: .training, configurations: [configuration])
/// let sequence = try FrameSequence(request: request, options: FrameOptions())
/// let result = try sequence.write(to: URL(fileURLWithPath: "frames")) { progress in … }
/// ```
///
/// Creating a sequence trains the model (recording every update for `perStep`), plans the frames
/// (`FramePlan`) and computes what all frames share (`FrameSceneModel`: fixed axis limits from
/// the whole history, the landscape grid). `write(to:progress:)` renders the static layer once,
/// then the frames in parallel (`FrameRenderer`), each written atomically, and the manifest last.
/// See `FrameDirectory` for the folder policy and `--resume`.
public struct FrameSequence {
    /// The figure request: style, data, training configuration, plane and grid options.
    public let request: FigureRequest
    /// The frame options.
    public let options: FrameOptions
    /// The trained model.
    public let trained: TrainedModel
    /// The frames.
    public let plan: FramePlan
    /// What every frame shares.
    let model: FrameSceneModel

    /// Trains the request's single model and plans its frames.
    ///
    /// - Throws: `FrameSequenceError` for invalid options, `ReportingError.unsupported` when the
    ///   request has more than one model, `TrainingError` for bad data or settings,
    ///   `ReportingError` for an unknown plane parameter.
    public init(request: FigureRequest, options: FrameOptions) throws {
        try options.validate()
        guard request.configurations.count == 1, var configuration = request.configurations.first else {
            throw ReportingError.unsupported("Frames animate one model at a time: use --model linear or --model cubic (not both).")
        }
        configuration.recordSteps = options.perStep
        var request = request
        request.configurations = [configuration]
        self.request = request
        self.options = options
        let data = try NormalizedDataset(request.dataset)
        trained = try TrainedModel(data: data, configuration: configuration)
        plan = try FramePlan(history: trained.history, sampleCount: data.count, every: options.every, perStep: options.perStep)
        model = try FrameSceneModel(request: request, layout: options.layout, trained: trained, plan: plan)
    }

    /// Every input that changes the frames' bytes (see `FrameSettings`).
    public var settings: FrameSettings {
        let style = request.style
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let configuration = (try? encoder.encode(trained.history.configuration)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        let dataset = request.dataset
        let values = zip(dataset.x, dataset.y).map { "\($0),\($1)" }.joined(separator: ";")
            + "|" + (dataset.labels ?? []).joined(separator: ";")
        let ranges = request.ranges.keys.sorted().map { "\($0)=\(request.ranges[$0]!.lowerBound):\(request.ranges[$0]!.upperBound)" }
        return FrameSettings([
            ("format", "descent frames 1"),
            ("layout", options.layout.rawValue),
            ("every", String(options.every)),
            ("per-step", String(options.perStep)),
            ("size", style.size.description),
            ("theme", style.theme.name),
            ("language", style.language.rawValue),
            ("dpi", "\(style.dpi)"),
            ("compression", String(options.compressionLevel)),
            ("plane", request.principalPlane ? "pca" : (request.parameters?.joined(separator: ",") ?? "default")),
            ("grid", String(request.gridSize)),
            ("ranges", ranges.isEmpty ? "none" : ranges.joined(separator: " ")),
            ("training", configuration),
            ("data", "\(dataset.xName),\(dataset.yName),\(dataset.count) points,\(FrameSettings.fingerprint(values))"),
            ("frames", String(plan.frames.count)),
        ])
    }

    /// The PNG settings of every frame: `PNGOptions.fast` with the chosen zlib level and the style's dpi.
    public var pngOptions: PNGOptions {
        var png = PNGOptions.fast
        png.compressionLevel = options.compressionLevel
        png.dpi = request.style.dpi
        return png
    }

    /// A complete figure of one frame (static and dynamic layers), for checks and single stills.
    public func figure(for frame: FrameState) -> Figure {
        let scene = FrameScene(model: model)
        scene.show(frame)
        return scene.figure
    }

    /// The axis limits of each panel, fixed for the whole sequence (left to right).
    public var panelLimits: [(x: AxisLimits, y: AxisLimits)] {
        FrameScene(model: model).figure.panels.map { ($0.xLimits ?? AxisLimits(0, 1), $0.yLimits ?? AxisLimits(0, 1)) }
    }

    /// Writes the frames and `frames.csv` into `directory` (created if needed).
    ///
    /// - Parameter progress: called after every frame, from a rendering thread, one call at a time.
    /// - Throws: `FrameSequenceError` when the folder holds another sequence (or, resuming, one
    ///   with other settings), `PlottingError` for unwritable files; frames written before an
    ///   error stay (complete) for `--resume`.
    @discardableResult
    public func write(to directory: URL, progress: ((FrameProgress) -> Void)? = nil) throws -> FrameSequenceResult {
        let started = Date()
        let folder = try FrameDirectory(url: directory)
        let total = plan.frames.count
        let complete = try folder.prepare(settings: settings, resume: options.resume, frameCount: total)
        let missing = plan.frames.filter { !complete.contains($0.number) }
        var tiles = (compressed: 0, total: 0)
        if !missing.isEmpty {
            let background = try FrameCanvas.renderBackground(of: FrameScene(model: model).figure)
            let encoded = PNGBackground(raster: background, options: pngOptions, threads: options.jobs)
            let renderer = FrameRenderer(model: model, background: background, encodedBackground: encoded, directory: folder,
                                         pngOptions: pngOptions, frames: missing, total: total, reused: total - missing.count,
                                         progress: progress)
            try renderer.run(jobs: options.jobs)
            tiles = (renderer.compressedTiles, renderer.totalTiles)
        } else {
            progress?(FrameProgress(done: total, total: total, reused: total, elapsed: 0))
        }
        let manifest = folder.file(FrameDirectory.manifestFileName)
        try AtomicFile.write(data: Data(plan.manifestCSV().utf8), to: manifest)
        return FrameSequenceResult(directory: folder.url, manifest: manifest, frameCount: total,
                                   rendered: missing.count, reused: total - missing.count,
                                   seconds: Date().timeIntervalSince(started),
                                   compressedTiles: tiles.compressed, totalTiles: tiles.total)
    }
}
