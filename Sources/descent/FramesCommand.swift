import ArgumentParser
import Foundation
import Plotting
import Reporting
import Training

extension FrameLayout: ExpressibleByArgument {}

/// `descent frames`: a training run as numbered PNG frames (and optionally a video).
struct FramesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frames",
        abstract: "Render a training run as numbered PNG frames for an animation, optionally as a video.",
        discussion: """
            Writes DIR/frame_00001.png, frame_00002.png, ... (five digits, from 1, so that \
            `ffmpeg -i DIR/frame_%05d.png` reads them) and DIR/frames.csv (frame, epoch, step, the \
            parameters, mse and file per frame). The first frame shows the start (epoch 0), then one \
            frame per epoch (E epochs give E + 1 frames); --per-step gives one frame per update and \
            rings the sample each update used. Axis ranges come from the whole run, so nothing jumps.

            The folder must not hold another sequence: an existing frame sequence is refused \
            unless --resume is given, which keeps the complete frames made with the same settings \
            (checked against DIR/frames.settings) and renders the rest (the result is byte-identical \
            to an uninterrupted run), or --overwrite, which replaces it whole once the new one is \
            complete (an interrupted run leaves the old one). --video without --out writes only the \
            video (the frames go into a temporary folder that is removed).

            Examples:
              descent frames --model linear --optimizer gd --lr 0.05 \\
                  --init -1.5,1.5 --epochs 60 --out frames
              descent frames --model cubic --layout training --every 5 --out cubic \\
                  --video cubic.mp4
              descent frames --per-step --epochs 5 --layout landscape --out steps \\
                  --video steps.gif --fps 15
              descent frames --epochs 60 --video training.mp4
              descent frames --surface rosenbrock --every 20 --out rosenbrock
              descent frames --surface himmelblau --layout surface --orbit \\
                  --video himmelblau.mp4
            """
    )

    @OptionGroup var training: TrainingOptions
    @OptionGroup var style: StyleOptions

    @Option(help: "The output folder for the frames (created if needed). Default frames, or none with --video: then only the video is written.")
    var out: String?

    @Option(help: "What each frame shows: full (fit | loss so far | landscape with path; the default), training (the notebook's fit | loss so far), landscape, or surface (the loss as a 3-D surface with the path so far). With --surface: landscape (the default) or surface.")
    var layout: FrameLayout?

    @Option(parsing: .unconditional, help: SurfaceCommandLine.help)
    var surface: String?

    @Option(name: .customLong("range-x"), parsing: .unconditional, help: "--surface: range LOW:HIGH of x. Default: the named surface's window (-3:3 for a formula), widened to the path.")
    var rangeX: String?

    @Option(name: .customLong("range-y"), parsing: .unconditional, help: "--surface: range LOW:HIGH of y.")
    var rangeY: String?

    @Option(parsing: .unconditional, help: "Keep every K-th state (the first and the last are always kept).")
    var every: Int = 1

    @Option(name: .customLong("max-frames"), parsing: .unconditional,
            help: "The most frames a sequence may have; a longer one is refused before anything is trained or written. Default 10000.")
    var maxFrames: Int = FrameOptions.defaultMaximumFrames

    @Flag(name: .customLong("per-step"), help: "One frame per parameter update instead of per epoch.")
    var perStep = false

    @Option(parsing: .unconditional, help: "Rendering threads, 1...256, fewer when the frames would not fit in half the memory. Default: the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "PNG zlib level of the frames, 0 (fastest) ... 9 (smallest). Default 1.")
    var compression: Int = 1

    @Option(help: "Also encode a video with ffmpeg: FILE.mp4 (H.264, yuv420p, plays in PowerPoint and browsers) or FILE.gif.")
    var video: String?

    @Option(parsing: .unconditional, help: "Frames per second of --video.")
    var fps: Double = 10

    @Option(parsing: .unconditional, help: "surface layout: the camera's elevation above the floor in degrees, 5...90.")
    var elev: Double = 30

    @Option(parsing: .unconditional, help: "surface layout: the camera's azimuth in degrees (of the first frame with --orbit).")
    var azim: Double = -60

    @Flag(help: "surface layout: turn the camera a full circle over the sequence.")
    var orbit = false

    @Flag(help: "Finish an interrupted sequence in --out made with the same settings: keep its complete frames, render the rest.")
    var resume = false

    @Flag(help: "Replace a sequence already in --out, once the new one is complete.")
    var overwrite = false

    @Flag(name: [.short, .long], help: "Print nothing (errors still go to standard error).")
    var quiet = false

    @Option(parsing: .unconditional, help: "Landscape plane: the two parameters spanning it, e.g. w1,w3 (others held at their final values). Default: w,b (linear), w1,b (cubic).")
    var params: String?

    @Flag(help: "Landscape plane: the plane of the path's first two principal directions.")
    var pca = false

    @Option(parsing: .unconditional, help: "Landscape grid points per side, 2...4096.")
    var grid: Int = 400

    @Option(help: "Landscape axes: equal (the default: one unit as long on both axes) or fill.")
    var aspect: LandscapeOptions.Aspect?

    func validate() throws {
        if out?.isEmpty == true { throw ValidationError("--out is empty: give the frames' folder, e.g. --out frames.") }
        if video?.isEmpty == true { throw ValidationError("--video is empty: give the video's file name, e.g. --video training.mp4.") }
        if resume, overwrite { throw ValidationError("--resume and --overwrite exclude each other: --resume finishes a sequence, --overwrite replaces it.") }
        if resume, out == nil, video != nil { throw ValidationError("--resume needs --out: a sequence is resumed in its folder.") }
        guard every >= 1 else { throw ValidationError(OptionWording.message(for: FrameSequenceError.invalidEvery(every))) }
        guard maxFrames >= 1 else { throw ValidationError(OptionWording.message(for: FrameSequenceError.invalidMaximumFrames(maxFrames))) }
        guard (1...256).contains(jobs) else { throw ValidationError(OptionWording.message(for: FrameSequenceError.invalidJobs(jobs))) }
        guard (0...9).contains(compression) else { throw ValidationError(OptionWording.message(for: FrameSequenceError.invalidCompression(compression))) }
        guard fps.isFinite, fps > 0, fps <= 240 else { throw ValidationError(OptionWording.message(for: FrameSequenceError.invalidFrameRate(fps))) }
        if let video {
            do {
                _ = try VideoEncoder.format(of: URL(fileURLWithPath: video))
            } catch let error as FrameSequenceError {
                throw ValidationError(OptionWording.message(for: error))
            }
        }
    }

    func run() async throws {
        if let surface { return try await runSurface(surface) }
        if rangeX != nil || rangeY != nil {
            throw ToolFailure.usage("--range-x and --range-y set the window of a --surface; give --surface NAME|FORMULA.")
        }
        let layout = self.layout ?? .full
        let model = try training.singleModel(for: "descent frames")
        let spec = FramesSpec(run: try training.configuration(for: model),
                              plane: LandscapeOptions(parameters: params.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                                                      principalPlane: pca, gridSize: grid, aspect: aspect))
        let options = frameOptions(layout: layout)
        let style = try self.style.style()
        if layout != .training { try spec.plane.validate(for: spec.run.model) }  // before reading the data
        try FrameMemory(size: style.size, compressionLevel: compression).check(style.size)
        let dataset = try training.dataset()
        // The most frames the run can give, refused before training when past the limit.
        try FramePlan.checkLimit(candidates: FramePlan.maximumCandidates(spec.run, sampleCount: dataset.count, perStep: perStep),
                                 every: every, limit: maxFrames, certain: false)
        let catalog = try DataCatalog(dataset: dataset)
        try await write(spec, options: options, style: style, catalog: catalog, requests: [FrameSequence.runRequest(spec, options: options)],
                        surfaces: [])
    }

    /// `--surface`: the descent on the surface, landscape (default) or surface layout.
    private func runSurface(_ text: String) async throws {
        let layout = self.layout ?? .landscape
        guard layout == .landscape || layout == .surface else {
            throw ToolFailure.usage("--layout \(layout.rawValue) shows a model's fit and loss, which a --surface has not: use --layout landscape (the default with --surface) or surface.")
        }
        let refused: [(String, Bool)] = [("--per-step", perStep), ("--params", params != nil), ("--pca", pca)]
        if let flag = refused.first(where: \.1)?.0 {
            throw ToolFailure.usage("\(flag) does not apply to --surface: a surface's plane is (x, y) and each epoch is one update; set its window with --range-x and --range-y.")
        }
        let run = try SurfaceCommandLine.run(text, training: training)
        let spec = FramesSpec(surface: SurfaceLandscapeSpec(run: run, xRange: try Self.range(rangeX, name: "x"),
                                                            yRange: try Self.range(rangeY, name: "y"), gridSize: grid, aspect: aspect))
        let options = frameOptions(layout: layout)
        let style = try self.style.style()
        try spec.surface?.validate()
        try FrameMemory(size: style.size, compressionLevel: compression).check(style.size)
        try FramePlan.checkLimit(candidates: run.epochs + 1, every: every, limit: maxFrames, certain: false)
        let catalog = try DataCatalog(dataset: try training.dataset())
        try await write(spec, options: options, style: style, catalog: catalog, requests: [], surfaces: [SurfaceRequest(run)])
    }

    /// `--range-x` or `--range-y` as a closed range.
    private static func range(_ text: String?, name: String) throws -> ClosedRange<Double>? {
        guard let text else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let high = Double(parts[1].trimmingCharacters(in: .whitespaces)), low.isFinite, high.isFinite, low < high else {
            throw ToolFailure.usage("--range-\(name) '\(text)' is not a range: write LOW:HIGH with finite numbers and LOW < HIGH, e.g. -2:2.")
        }
        return low...high
    }

    /// The frame options of the command line with `layout`.
    private func frameOptions(layout: FrameLayout) -> FrameOptions {
        var options = FrameOptions()
        options.layout = layout
        options.every = every
        options.perStep = perStep
        options.jobs = jobs
        options.compressionLevel = compression
        options.resume = resume
        options.maximumFrames = maxFrames
        options.elevation = elev
        options.azimuth = azim
        options.orbit = orbit
        return options
    }

    /// Trains `requests` and `surfaces`, then writes the sequence of `spec` (and the video).
    private func write(_ spec: FramesSpec, options: FrameOptions, style: FigureStyle, catalog: DataCatalog,
                       requests: [RunRequest], surfaces: [SurfaceRequest]) async throws {
        // Before any work: the folder (created, locked, no links, a sequence there refused unless
        // --resume or --overwrite), the video's folder and ffmpeg.
        let folder = out ?? (video == nil ? "frames" : nil)
        let output = try FrameOutput(folder: folder.map { URL(fileURLWithPath: $0) }, video: video.map { URL(fileURLWithPath: $0) },
                                     existing: resume ? .resume : overwrite ? .overwrite : .refuse)
        defer { output.close() }
        let store = try await RunStore.train(requests, surfaces: surfaces, catalog: catalog)
        let sequence = try FrameSequence(spec, style: style, options: options, store: store)
        // On a terminal the bar says, before the first frame, how many frames and about how much disk.
        let disk = FrameMemory.diskBytes(frames: sequence.plan.frames.count, size: style.size, compressionLevel: compression)
        let bar = quiet ? nil : ProgressBar(note: "about \(FrameMemory.describe(disk)) of PNGs")
        let result = try await output.write(sequence, framesPerSecond: fps) { progress in bar?.update(progress) }
        bar?.finish()
        guard !quiet else { return }
        let rate = result.seconds > 0 ? Double(result.rendered) / result.seconds : 0
        if let folder {
            var line = "Wrote \(result.frameCount) frames (\(style.size), \(options.layout.rawValue)) to \(folder)/frame_%05d.png and \(folder)/frames.csv"
            line += result.reused > 0 ? " (\(result.reused) kept, \(result.rendered) rendered" : " (\(result.rendered) rendered"
            line += String(format: " in %.1f s, %.0f frames/s)", result.seconds, rate)
            print(line)
        }
        if let video { print("Wrote \(video) (\(result.frameCount) frames at \(fps) fps)") }
    }
}
