import Foundation
import Plotting
import Training

/// What a frame sequence animates: one run and, for layouts with a landscape, its plane; or a
/// descent on a test surface or formula (``surface``) with its window.
public struct FramesSpec: Sendable, Hashable {
    /// The run animated (not read when ``surface`` is set).
    public var run: TrainingConfiguration
    /// The descent on a surface animated instead of ``run``, with its window (ranges, grid,
    /// aspect); only the `landscape` and `surface` layouts show it.
    public var surface: SurfaceLandscapeSpec?
    /// The landscape plane, ranges and grid.
    public var plane: LandscapeOptions
    /// Logarithmic MSE axis in the loss panel.
    public var logScale: Bool

    /// Creates the spec.
    public init(run: TrainingConfiguration, plane: LandscapeOptions = LandscapeOptions(), logScale: Bool = false) {
        self.run = run
        self.plane = plane
        self.logScale = logScale
    }

    /// The descent `surface.run` on its surface.
    public init(surface: SurfaceLandscapeSpec) {
        self.init(run: .notebook(for: .linear))
        self.surface = surface
    }
}

/// A training run turned into numbered PNG frames for an animation, plus a manifest.
///
/// ```swift
/// let spec = FramesSpec(run: configuration)
/// let store = try await RunStore.train([FrameSequence.runRequest(spec, options: options)], catalog: catalog)
/// let sequence = try FrameSequence(spec, style: FigureStyle(), options: options, store: store)
/// let result = try await sequence.write(to: URL(fileURLWithPath: "frames")) { progress in … }
/// ```
///
/// Creating a sequence reads the run from the store (with every update for `perStep`), plans the
/// frames (`FramePlan`) and computes what all frames share (`FrameSceneModel`: fixed axis limits
/// from the whole history, the landscape grid). `write(to:progress:)` renders the static layer
/// once, then the frames in parallel (`FrameRenderer`), each written atomically, and the manifest
/// last. See `FrameDirectory` for the folder policy and `--resume`.
public struct FrameSequence: Sendable {
    /// What is animated.
    public let spec: FramesSpec
    /// Theme, language, size and dpi.
    public let style: FigureStyle
    /// The frame options.
    public let options: FrameOptions
    /// The trained run (nil for a descent on a surface).
    public let trained: TrainedModel?
    /// The descent on a surface (``FramesSpec/surface``), else nil.
    public let surfaceHistory: SurfaceHistory?
    /// The frames.
    public let plan: FramePlan
    /// What every frame shares.
    let model: FrameSceneModel

    /// The run a sequence of `spec` with `options` reads (every update recorded for `perStep`).
    public static func runRequest(_ spec: FramesSpec, options: FrameOptions) -> RunRequest {
        var configuration = spec.run
        configuration.recordSteps = options.perStep
        return RunRequest(configuration)
    }

    /// Reads the run of `spec` from `store` and plans its frames.
    ///
    /// - Throws: `FrameSequenceError` for invalid options, `ReportingError` for an invalid plane or
    ///   a run missing from the store.
    public init(_ spec: FramesSpec, style: FigureStyle, options: FrameOptions, store: RunStore) throws {
        try options.validate()
        try FrameMemory(size: style.size, compressionLevel: options.compressionLevel).check(style.size)
        self.spec = spec
        self.style = style
        self.options = options
        if let surface = spec.surface {
            guard options.layout == .landscape || options.layout == .surface else {
                throw ReportingError.outOfRange(setting: .frameLayout, value: options.layout.rawValue,
                                                allowed: "landscape or surface for a descent on a surface, which has no data to fit")
            }
            try surface.validate()
            let history = try store.surfaceHistory(surface.run)
            trained = nil
            surfaceHistory = history
            plan = FramePlan(surface: history, every: options.every)
            try FramePlan.checkLimit(candidates: plan.track.count, every: options.every, limit: options.maximumFrames, certain: true)
            model = FrameSceneModel(surface: surface, history: history, style: style, layout: options.layout, plan: plan,
                                    camera: (options.elevation, options.azimuth, options.orbit))
            return
        }
        if options.layout.showsLandscape { try spec.plane.validate(for: spec.run.model) }
        let trained = try store.model(Self.runRequest(spec, options: options))
        self.trained = trained
        surfaceHistory = nil
        plan = try FramePlan(history: trained.history, sampleCount: trained.data.count, every: options.every, perStep: options.perStep)
        try FramePlan.checkLimit(candidates: plan.track.count, every: options.every, limit: options.maximumFrames, certain: true)
        model = try FrameSceneModel(spec: spec, style: style, layout: options.layout, trained: trained, plan: plan,
                                    camera: (options.elevation, options.azimuth, options.orbit))
    }

    /// Every input that changes the frames' bytes (see `FrameSettings`).
    var settings: FrameSettings {
        if let history = surfaceHistory, let surface = spec.surface { return surfaceSettings(history, surface) }
        guard let trained else { return FrameSettings([]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let configuration = (try? encoder.encode(trained.history.configuration)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        let dataset = trained.data.original
        let ranges = spec.plane.ranges.keys.sorted().compactMap { name in
            spec.plane.ranges[name].map { "\(name)=\($0.lowerBound):\($0.upperBound)" }
        }
        return FrameSettings(head + [("per-step", String(options.perStep))] + look + [
            ("plane", spec.plane.principalPlane ? "pca" : (spec.plane.parameters?.joined(separator: ",") ?? "default")),
            ("grid", String(spec.plane.gridSize)),
            ("ranges", ranges.isEmpty ? "none" : ranges.joined(separator: " ")),
            ("training", configuration),
            ("data", "\(dataset.xName),\(dataset.yName),\(dataset.count) points,\(FrameSettings.fingerprint(of: dataset))"),
            ("frames", String(plan.frames.count)),
        ] + camera)
    }

    /// The settings every sequence starts with: the format, the layout and the sampling.
    private var head: [(String, String)] {
        [("format", "descent frames 1"), ("layout", options.layout.rawValue), ("every", String(options.every))]
    }

    /// The look of the frames: size, theme, language, dpi and compression.
    private var look: [(String, String)] {
        [("size", style.size.description), ("theme", style.theme.name), ("language", style.language.rawValue),
         ("dpi", "\(style.dpi)"), ("compression", String(options.compressionLevel))]
    }

    /// The camera, only for the surface layout, so the other layouts' settings stay as they were.
    private var camera: [(String, String)] {
        options.layout == .surface ? [("camera", "elevation \(options.elevation), azimuth \(options.azimuth), orbit \(options.orbit)")] : []
    }

    /// The settings of a descent on a surface: the surface, the run, the window and the camera.
    private func surfaceSettings(_ history: SurfaceHistory, _ surface: SurfaceLandscapeSpec) -> FrameSettings {
        let run = history.run
        func range(_ range: ClosedRange<Double>?) -> String { range.map { "\($0.lowerBound):\($0.upperBound)" } ?? "default" }
        return FrameSettings(head + look + [
            ("surface", run.surface.definition),
            ("descent", "\(run.optimizer.name), lr \(run.learningRate), \(run.epochs) epochs, \(run.schedule.name) schedule, start \(run.startX),\(run.startY)"),
            ("grid", String(surface.gridSize)),
            ("ranges", "x=\(range(surface.xRange)) y=\(range(surface.yRange)) aspect=\(surface.aspect.map { "\($0)" } ?? "default")"),
            ("frames", String(plan.frames.count)),
        ] + camera)
    }

    /// The PNG settings of every frame: `PNGOptions.fast` with the chosen zlib level and the style's dpi.
    public var pngOptions: PNGOptions {
        var png = PNGOptions.fast
        png.compressionLevel = options.compressionLevel
        png.dpi = style.dpi
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
    /// - Parameter progress: called after every frame, from a rendering task, one call at a time.
    /// - Throws: `FrameSequenceError` when the folder holds another sequence (or, resuming, one
    ///   with other settings), `PlottingError` for unwritable files; frames written before an
    ///   error stay (complete) for `--resume`.
    @discardableResult
    public func write(to directory: URL, progress: (@Sendable (FrameProgress) -> Void)? = nil) async throws -> FrameSequenceResult {
        let started = Date()
        let folder = try FrameDirectory(url: directory)
        let total = plan.frames.count
        let complete = try folder.prepare(settings: settings, resume: options.resume, frameCount: total)
        let missing = plan.frames.filter { !complete.contains($0.number) }
        var tiles = FrameRenderer.Tiles()
        if !missing.isEmpty {
            let background = try FrameCanvas.prepareBackground(of: FrameScene(model: model).figure, options: pngOptions,
                                                               threads: options.jobs)
            let renderer = FrameRenderer(model: model, background: background, directory: folder, pngOptions: pngOptions)
            tiles = try await renderer.run(missing, jobs: options.jobs, total: total, reused: total - missing.count, progress: progress)
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
