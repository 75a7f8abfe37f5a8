import Foundation
import Testing
@testable import Plotting
@testable import Reporting
import Synchronization
import Training

/// Frame sequences: plan, manifest, fixed axes, determinism across thread counts, resume.
@Suite struct FrameSequenceTests {
    /// A sequence of the linear model from (−1.5, 1.5), its run trained through the store.
    static func sequence(epochs: Int = 6, optimizer: Optimizer = .gd, learningRate: Double = 0.05,
                         size: String = "480x270", theme: FigureTheme = .light, options: FrameOptions = options()) async throws -> FrameSequence {
        var configuration = TrainingConfiguration.notebook(for: .linear)
        configuration.optimizer = optimizer
        configuration.learningRate = learningRate
        configuration.maxEpochs = epochs
        configuration.initialParameters = [-1.5, 1.5]
        let style = FigureStyle(theme: theme, size: try FigureSize(parsing: size))
        let spec = FramesSpec(run: configuration, plane: LandscapeOptions(gridSize: 80))
        let store = try await RunStore.train([FrameSequence.runRequest(spec, options: options)], catalog: try DataCatalog(dataset: .notebook))
        return try FrameSequence(spec, style: style, options: options, store: store)
    }

    static func options(layout: FrameLayout = .full, every: Int = 1, perStep: Bool = false, jobs: Int = 2,
                        resume: Bool = false) -> FrameOptions {
        var options = FrameOptions()
        options.layout = layout
        options.every = every
        options.perStep = perStep
        options.jobs = jobs
        options.resume = resume
        return options
    }

    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("descent-frames-\(UUID().uuidString)")
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    @Test func sixtyEpochsGiveSixtyOneFramesFromTheStart() async throws {
        let sequence = try await Self.sequence(epochs: 60, options: Self.options())
        let frames = sequence.plan.frames
        #expect(frames.count == 61)
        #expect(frames.map(\.number) == Array(1...61))
        #expect(frames.map(\.point.epoch) == Array(0...60))
        #expect(frames.first?.fileName == "frame_00001.png" && frames.first?.point.parameters == [-1.5, 1.5])
        #expect(frames.last?.fileName == "frame_00061.png")
        // The track starts at epoch 0, so every path and loss curve begins at the start.
        #expect(sequence.plan.track.first?.epoch == 0)
        #expect(sequence.plan.track.first?.parameters == [-1.5, 1.5])
    }

    @Test func manifestHasTheColumnsAndTheHistoryValues() async throws {
        let sequence = try await Self.sequence(epochs: 60, optimizer: .sgd, learningRate: 0.01, options: Self.options(every: 7))
        let lines = sequence.plan.manifestCSV().split(separator: "\n").map(String.init)
        #expect(lines.first == "frame,epoch,step,w,b,mse,file")
        // Every 7th epoch from the start, and always the last: 0, 7, ..., 56, 60.
        let expectedEpochs = Array(stride(from: 0, through: 56, by: 7)) + [60]
        #expect(lines.count == 1 + expectedEpochs.count)
        let history = try #require(sequence.trained).history
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",").map(String.init)
            #expect(fields.count == 7)
            let epoch = try #require(Int(fields[1]))
            #expect(Int(fields[0]) == index + 1)
            #expect(epoch == expectedEpochs[index])
            // SGD on 10 points: 10 updates per epoch.
            #expect(Int(fields[2]) == 10 * epoch)
            let record = history.epochs[epoch]
            #expect(abs(try #require(Double(fields[3])) - record.parameters[0]) <= 0)
            #expect(abs(try #require(Double(fields[4])) - record.parameters[1]) <= 0)
            #expect(abs(try #require(Double(fields[5])) - record.meanSquaredError) <= 0)
            #expect(fields[6] == FrameState.fileName(number: index + 1))
        }
    }

    @Test func perStepFramesFollowEveryUpdate() async throws {
        let sequence = try await Self.sequence(epochs: 3, optimizer: .sgd, learningRate: 0.01, options: Self.options(every: 4, perStep: true))
        let steps = try #require(sequence.trained).history.steps
        #expect(steps.count == 30)
        // The start (step 0), steps 4, 8, ..., 28 and the last, 30.
        let expected = Array(stride(from: 0, through: 28, by: 4)) + [30]
        #expect(sequence.plan.frames.map(\.point.step) == expected)
        for frame in sequence.plan.frames.dropFirst() {
            let step = steps[frame.point.step - 1]
            #expect(frame.point.parameters == step.parameters && frame.point.sampleIndex == step.sampleIndex)
            #expect(frame.point.epoch == (frame.point.step - 1) / 10 + 1)
        }
        // The manifest names the sample each update used (1-based); the start used none.
        let rows = sequence.plan.manifestCSV().split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["frame", "epoch", "step", "w", "b", "mse", "sample", "file"])
        let fourth = try #require(steps[3].sampleIndex)
        #expect(rows[1][6] == "" && rows[2][6] == String(fourth + 1))
        // The MSE of a step is the full-data MSE at its parameters (checked by the direct sum).
        let data = try NormalizedDataset(.notebook)
        let last = try #require(sequence.plan.frames.last)
        let direct = zip(data.x, data.y).reduce(0.0) { sum, point in
            let error = last.point.parameters[0] * point.0 + last.point.parameters[1] - point.1
            return sum + error * error
        } / Double(data.count)
        #expect(abs(last.point.meanSquaredError - direct) < 1e-12)
    }

    @Test func fileNamesHaveFiveDigitsAndParseBack() {
        #expect(FrameState.fileName(number: 7) == "frame_00007.png")
        #expect(FrameState.fileName(number: 123_456) == "frame_123456.png")
        #expect(FrameState.number(ofFileName: "frame_00042.png") == 42)
        #expect(FrameState.number(ofFileName: "frame_0042.png") == nil)
        #expect(FrameState.number(ofFileName: "frame_00000.png") == nil)
        #expect(FrameState.number(ofFileName: ".frame_00042.png.tmp-abc") == nil)
    }

    @Test func staticLayerIsTheSameForEveryFrame() async throws {
        let sequence = try await Self.sequence(epochs: 20, size: "960x540", options: Self.options())
        let first = try #require(sequence.plan.frames.first), last = try #require(sequence.plan.frames.last)
        let firstFigure = sequence.figure(for: first), lastFigure = sequence.figure(for: last)
        for (a, b) in zip(firstFigure.panels, lastFigure.panels) {
            #expect(a.xLimits == b.xLimits && a.yLimits == b.yLimits)
        }
        let firstStatic = try firstFigure.renderRaster(layers: .staticOnly)
        let lastStatic = try lastFigure.renderRaster(layers: .staticOnly)
        #expect(firstStatic.hasSamePixels(as: lastStatic))
        // The complete frames differ (the curve, the loss so far and the path moved) ...
        let firstAll = try firstFigure.renderRaster(), lastAll = try lastFigure.renderRaster()
        #expect(firstAll.countDifferentPixels(from: lastAll) > 1000)
        // ... but not below the plot areas (tick labels, axis labels), where nothing is dynamic.
        for y in Int(0.93 * 540)..<540 {
            for x in 0..<960 where firstAll.pixel(x: x, y: y) != lastAll.pixel(x: x, y: y) {
                Issue.record("pixel (\(x), \(y)) changed between the first and the last frame")
                return
            }
        }
    }

    @Test func writtenFramesAreTheFiguresOfTheirStates() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sequence = try await Self.sequence(epochs: 4, options: Self.options(layout: .training))
        try await sequence.write(to: folder)
        let frame = try #require(sequence.plan.frames.last)
        let png = try Data(contentsOf: folder.appendingPathComponent(frame.fileName))
        let decoded = try PNGDecoder.decode(png)
        #expect(decoded.width == 480 && decoded.height == 270)
        let reference = try sequence.figure(for: frame).renderRaster()
        // Compare a few hundred pixels of the PNG with the directly rendered figure.
        for index in stride(from: 0, to: 480 * 270, by: 397) {
            let x = index % 480, y = index / 480
            let color = reference.color(x: x, y: y)
            let offset = index * 4
            let red = Double(decoded.rgba[offset]) / 255
            #expect(abs(red - color.red) < 0.01, "pixel (\(x), \(y))")
        }
        let title = sequence.figure(for: frame).title ?? ""
        #expect(title.hasPrefix("Epoch 4 | z-scores: ŷ = "))
        #expect(title.contains("| MSE "))
    }

    @Test func framesAreTheSameBytesWithOneOrFourThreads() async throws {
        let one = Self.folder(), four = Self.folder()
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: four)
        }
        try await Self.sequence(options: Self.options(jobs: 1)).write(to: one)
        try await Self.sequence(options: Self.options(jobs: 4)).write(to: four)
        let a = try Self.files(in: one), b = try Self.files(in: four)
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { $0.hasPrefix("frame_") }.count == 7)
        for (name, data) in a { #expect(b[name] == data, "\(name) differs") }
    }

    @Test func resumeAfterAnInterruptedRunGivesTheSameBytes() async throws {
        let reference = Self.folder(), interrupted = Self.folder()
        defer {
            try? FileManager.default.removeItem(at: reference)
            try? FileManager.default.removeItem(at: interrupted)
        }
        try await Self.sequence(options: Self.options()).write(to: reference)
        try await Self.sequence(options: Self.options()).write(to: interrupted)
        // Simulate a kill: frames 2 and 4 missing, frame 5 truncated, a temporary file left, no manifest.
        let manager = FileManager.default
        try manager.removeItem(at: interrupted.appendingPathComponent("frame_00002.png"))
        try manager.removeItem(at: interrupted.appendingPathComponent("frame_00004.png"))
        try manager.removeItem(at: interrupted.appendingPathComponent("frames.csv"))
        let five = interrupted.appendingPathComponent("frame_00005.png")
        try Data(try Data(contentsOf: five).prefix(100)).write(to: five)
        let temporary = interrupted.appendingPathComponent(".frame_00004.png.tmp-Ab12Cd")
        try Data([0x89, 0x50]).write(to: temporary)

        let collected = Mutex<[FrameProgress]>([])
        let result = try await Self.sequence(options: Self.options(resume: true))
            .write(to: interrupted) { progress in collected.withLock { $0.append(progress) } }
        let reports = collected.withLock { $0 }
        #expect(result.reused == 4)
        #expect(result.rendered == 3)
        #expect(reports.last?.done == 7 && reports.last?.total == 7)
        #expect(!manager.fileExists(atPath: temporary.path))
        let a = try Self.files(in: reference), b = try Self.files(in: interrupted)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, data) in a { #expect(b[name] == data, "\(name) differs after resuming") }
    }

    @Test func anExistingSequenceIsRefusedWithoutResume() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.sequence(options: Self.options()).write(to: folder)
        await #expect(throws: FrameSequenceError.directoryHoldsFrames(path: folder.standardizedFileURL.path, frameCount: 7)) {
            try await Self.sequence(options: Self.options()).write(to: folder)
        }
        do {
            try await Self.sequence(learningRate: 0.1, options: Self.options(resume: true)).write(to: folder)
            Issue.record("resuming with another learning rate was accepted")
        } catch let error as FrameSequenceError {
            guard case let .settingsDiffer(_, differences) = error else { throw error }
            #expect(differences.count == 1 && differences[0].hasPrefix("training was"))
            #expect(error.description.contains("resume") && !error.description.contains("--"))
        }
        // Nothing was deleted by the refusals.
        #expect(try Self.files(in: folder).keys.filter { $0.hasPrefix("frame_") }.count == 7)
    }

    @Test func resumingAFinishedSequenceRendersNothing() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.sequence(options: Self.options()).write(to: folder)
        let before = try Self.files(in: folder)
        let result = try await Self.sequence(options: Self.options(resume: true)).write(to: folder)
        #expect(result.rendered == 0 && result.reused == 7)
        #expect(try Self.files(in: folder) == before)
    }

    @Test func invalidOptionsAreSentencesNamingTheOption() async throws {
        await #expect(throws: FrameSequenceError.invalidEvery(0)) {
            try await Self.sequence(options: Self.options(every: 0))
        }
        #expect(FrameSequenceError.invalidJobs(0).description.contains("0 rendering threads"))
        #expect(FrameSequenceError.ffmpegMissing(framesDirectory: "out").description.contains("apt-get install ffmpeg"))
    }

    @Test func missingFfmpegIsReportedWithHowToInstallIt() {
        #expect(throws: FrameSequenceError.ffmpegMissing(framesDirectory: "frames")) {
            try VideoEncoder(searchPath: "/nonexistent-folder", framesDirectory: "frames")
        }
    }

    @Test func videoArgumentsMakeH264InYuv420pWithFaststart() {
        let arguments = VideoEncoder.arguments(framesPerSecond: 12, format: .mp4, output: URL(fileURLWithPath: "/v.mp4"))
        let joined = arguments.joined(separator: " ")
        #expect(joined.contains("-f image2pipe -c:v png -framerate 12.0 -i pipe:0"))
        #expect(joined.contains("-c:v libx264"))
        #expect(joined.contains("-pix_fmt yuv420p"))
        #expect(joined.contains("-movflags +faststart"))
        #expect(joined.contains("pad=ceil(iw/2)*2:ceil(ih/2)*2"))
        let gif = VideoEncoder.arguments(framesPerSecond: 12, format: .gif, output: URL(fileURLWithPath: "/v.gif")).joined(separator: " ")
        #expect(gif.contains("palettegen") && gif.contains("paletteuse"))
    }
}
