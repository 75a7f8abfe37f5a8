import Foundation
import Plotting
import Synchronization
import Training

/// Builds the lecture kit: loads the data, trains every run once into a ``RunStore``, then draws
/// every figure, the frames, the data files, the HTML and Markdown reports, the PDF handout and
/// the PowerPoint deck from that store into the output folder.
///
/// Every file goes through `AtomicFile` (temporary file, then rename) into a staging folder of the
/// output folder, and the whole kit is moved into place at the end (`OutputTree`: lock, no links
/// followed, the previous kit intact until then). Figures are drawn in
/// parallel (a task group, one task per figure, each with its own Cairo surfaces); the output
/// bytes do not depend on the order the tasks finish in.
public struct KitBuilder: Sendable {
    /// A stage finished: its name, what it wrote, and how long it took.
    public struct Stage: Sendable {
        /// Short name, e.g. "figures".
        public let name: String
        /// One line on what was written.
        public let detail: String
        /// Wall time in seconds.
        public let seconds: Double
    }

    /// How far the build is.
    public enum Progress: Sendable {
        /// A stage started.
        case started(String)
        /// A stage did `done` of `total` pieces of work (runs, figures, frames).
        case advanced(String, done: Int, total: Int)
        /// A stage finished.
        case finished(Stage)
    }

    /// What the build wrote.
    public struct Result: Sendable {
        /// The output folder.
        public let output: URL
        /// Every file written, relative to the output folder, sorted.
        public let files: [String]
        /// The stages in order.
        public let stages: [Stage]
        /// The number of training runs the build made (each distinct run once).
        public let trainedRuns: Int
    }

    /// The configuration to build.
    public let configuration: KitConfiguration
    /// The folder relative paths are resolved against.
    public let workingDirectory: URL

    /// Creates a builder for `configuration`, resolving relative paths against `workingDirectory`.
    public init(configuration: KitConfiguration, workingDirectory: URL) {
        self.configuration = configuration
        self.workingDirectory = workingDirectory
    }

    /// The output folder as a URL.
    public var outputURL: URL {
        configuration.output.hasPrefix("/") ? URL(fileURLWithPath: configuration.output)
            : workingDirectory.appendingPathComponent(configuration.output)
    }

    /// Every run the kit reads: the configured models, every figure's runs, the frames'.
    static func runRequests(_ configuration: KitConfiguration, catalog: DataCatalog) throws -> [RunRequest] {
        let models = configuration.models.map { RunRequest($0) }
        let figures = try LectureFigures.runRequests(KitFigureStage.jobs(configuration).map(\.spec), catalog: catalog)
        let frames = KitFrameStage.specs(configuration).map { FrameSequence.runRequest($0, options: FrameOptions()) }
        var seen = Set<RunRequest>()
        return (models + figures + frames).filter { seen.insert($0).inserted }
    }

    /// Runs every stage, reporting each as it starts, advances and finishes.
    public func build(progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Result {
        // The files' fsyncs run on a thread of their own while the drawing goes on; the commit
        // waits for them (`SyncBatch`).
        let batch = SyncBatch()
        return try await batch.collecting { try await build(syncing: batch, progress: progress) }
    }

    private func build(syncing batch: SyncBatch, progress: @escaping @Sendable (Progress) -> Void) async throws -> Result {
        var stages: [Stage] = []
        var written: [String] = []
        /// Runs a stage's body and reports it: its own time when it ran earlier (concurrently), else the body's.
        func stage<T>(_ name: String, _ body: () async throws -> (T, String, Double?)) async rethrows -> T {
            let start = DispatchTime.now()
            let (value, detail, ownSeconds) = try await body()
            let finished = Stage(name: name, detail: detail, seconds: ownSeconds ?? Self.seconds(since: start))
            stages.append(finished)
            progress(.finished(finished))
            return value
        }
        try KitFrameStage.check(configuration)
        let configuration = self.configuration
        // Before any work: no two outputs share a path; the folder is ours alone (the lock), holds
        // nothing in the way (links, files where folders go); what killed runs left is finished
        // or removed. Everything is then written into a staging folder and committed at the end.
        guard !configuration.output.isEmpty else { throw OutputTreeError.emptyPath(setting: "The output folder") }
        let plan = KitOutputPlan(configuration)
        if let shared = plan.sharedPath() { throw shared }
        let tree = try OutputTree(root: outputURL, display: configuration.output)
        let lock = try tree.lock()
        defer { lock.release() }
        try tree.recover()
        try plan.check(tree)
        plan.sweep(tree)
        let staging = try tree.stage()
        var committed = false
        defer { if !committed { tree.discard(stage: staging) } }
        let output = staging

        progress(.started("load"))
        let catalog: DataCatalog = try await stage("load") {
            var dataset = Dataset.notebook
            if let file = configuration.data.file {
                let path = file.hasPrefix("/") ? file : workingDirectory.appendingPathComponent(file).path
                dataset = try Dataset.load(csvAt: path, x: configuration.data.x, y: configuration.data.y, label: configuration.data.label,
                                           format: configuration.data.format)
            }
            let catalog = try DataCatalog(dataset: dataset)
            return (catalog, "\(dataset.count) rows" + (dataset.source.map { " from \($0)" } ?? " (the notebook's people)"), nil)
        }

        progress(.started("train"))
        let store: RunStore = try await stage("train") {
            let requests = try Self.runRequests(configuration, catalog: catalog)
            let store = try await RunStore.train(requests, catalog: catalog) { done, total in
                progress(.advanced("train", done: done, total: total))
            }
            let models = try store.models(configuration.models.map { RunRequest($0) })
            let detail = models.map { model -> String in
                if case .diverged(let epoch) = model.history.stopReason { return "\(model.model.name): diverged at epoch \(epoch)" }
                let mse = model.finalMeanSquaredError
                return "\(model.model.name): \(model.history.epochsRun) epochs, MSE \(String(format: abs(mse) < 1e5 ? "%.4f" : "%.4g", mse))"
            }.joined(separator: "; ") + "; \(store.trainedRunCount) runs in all"
            return (store, detail, nil)
        }
        let models = try store.models(configuration.models.map { RunRequest($0) })

        // Drawing: the figures (with their slides' pictures), the frames and the handout need
        // nothing from each other (the handout draws its own pages from the store), so they run
        // at once and keep every core busy to the end; each stage's line reports its own time,
        // in the usual order. Progress counts the pieces of all of them together.
        let drawing = DrawingProgress(progress)
        progress(.started("drawing"))
        let handoutStyle = KitFigureStage.variants(configuration).first?.style
        let handoutPages = KitReport.lectureOrder(KitFigureStage.jobs(configuration)) { $0.stem }
            .compactMap { job in handoutStyle.map { (job: job, style: configuration.style($0, for: job)) } }
        let plainReport = KitReport(configuration: configuration, models: models, store: store, figures: [])
        async let figuresTask = timed {
            try await KitFigureStage(configuration: configuration, store: store, models: models, output: output)
                .run { done, total in drawing.advance("figures", done: done, total: total) }
        }
        async let framesTask = timed {
            try await KitFrameStage(configuration: configuration, store: store, output: output)
                .run { done, total in drawing.advance("frames", done: done, total: total) }
        }
        async let handoutTask: (Int, Double)? = configuration.report.handout.map { name in
            try timedNow { try plainReport.handout(pages: handoutPages, to: output.appendingPathComponent(name)) }
        }
        // The HTML report's explorer needs only the models: made now, not after the figures.
        async let explorerTask: (String, Double)? = configuration.report.html.map { _ in try timedNow { try plainReport.explorerHTML() } }
        let figuresDone = try await figuresTask
        let rendered: [KitRenderedFigure] = await stage("figures") {
            let (result, seconds) = figuresDone
            written += result.primary.flatMap(\.files) + result.thumbnails
            let formats = configuration.figures.formats.map(\.rawValue).joined(separator: ", ")
            return (result.primary, "\(result.primary.count) figures (\(formats)) in \(configuration.figures.folder)/", seconds)
        }

        // What reads the drawn figures (the data files, the reports, the deck) runs at once too,
        // while the frames and the handout may still be drawing.
        let report = KitReport(configuration: configuration, models: models, store: store, figures: rendered)
        func writeReport(_ name: String?, _ body: () throws -> Data) throws -> Double? {
            guard let name else { return nil }
            return try timedNow { try KitFileSystem.write(try body(), to: output.appendingPathComponent(name)) }.1
        }
        func deck() async throws -> (slides: Int, seconds: Double)? {
            guard let name = configuration.report.slides else { return nil }
            // Each figure's own slide was made with the figure (its picture from the same
            // pixels); the deck draws only build slides, when asked for.
            let prepared = Dictionary(rendered.compactMap { figure in figure.slide.map { (figure.job.stem, $0) } },
                                      uniquingKeysWith: { first, _ in first })
            return try await timed {
                let deck = try await LectureDeck(configuration: configuration, builds: configuration.report.slideBuilds)
                    .deck(store: store, prepared: prepared) { done, total in drawing.advance("slides", done: done, total: total) }
                let url = output.appendingPathComponent(name)
                try KitFileSystem.makeFolder(url.deletingLastPathComponent())
                try deck.write(to: url)
                return deck.slides.count + 1
            }
        }
        async let dataTask = timedNow { try KitDataStage(configuration: configuration, models: models, output: output).run() }
        async let markdownTask = writeReport(configuration.report.markdown) { Data(report.markdown().utf8) }
        let explorer = try await explorerTask
        // Its stage's time counts the explorer's too.
        async let htmlTask = writeReport(configuration.report.html) { Data(try report.html(explorer: explorer?.0).utf8) }
            .map { $0 + (explorer?.1 ?? 0) }
        async let slidesTask = deck()

        let framesDone = try await framesTask
        await stage("frames") {
            let ((files, detail), seconds) = framesDone
            written += files
            return ((), detail, seconds)
        }
        let dataDone = try await dataTask
        await stage("data") {
            written += dataDone.0
            return ((), "\(dataDone.0.count) files in \(configuration.dataFolder)/", dataDone.1)
        }
        for (stageName, name, seconds) in [("report.md", configuration.report.markdown, try await markdownTask),
                                           ("report.html", configuration.report.html, try await htmlTask)] {
            guard let name, let seconds else { continue }
            await stage(stageName) {
                written.append(name)
                return ((), name, seconds)
            }
        }
        if let name = configuration.report.handout, let (pages, seconds) = try await handoutTask {
            await stage("handout") {
                written.append(name)
                return ((), "\(name), \(pages) pages", seconds)
            }
        }
        if let name = configuration.report.slides, let (slides, seconds) = try await slidesTask {
            await stage("slides") {
                written.append(name)
                return ((), "\(name), \(slides) slides", seconds)
            }
        }
        // Each sequence's new frame count: the previous kit's frames numbered above it go.
        let sequences = Dictionary(KitFrameStage.specs(configuration).map { spec -> (String, Int) in
            let folder = "\(configuration.frames.folder)/\(spec.run.model.fileName)"
            return (folder, written.filter { $0.hasPrefix(folder + "/frame_") }.count)
        }, uniquingKeysWith: { first, _ in first })
        // Every file durable before the kit becomes visible.
        try await batch.finish()
        let files = try tree.commit(stage: staging, sequences: sequences)
        committed = true
        return Result(output: outputURL, files: files, stages: stages, trainedRuns: store.trainedRunCount)
    }
}

extension KitBuilder {
    /// Seconds since `start`.
    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// `body`'s value and how many seconds it took.
private func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = DispatchTime.now()
    return (try await body(), KitBuilder.seconds(since: start))
}

/// `body`'s value and how many seconds it took (synchronous work).
private func timedNow<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now()
    return (try body(), KitBuilder.seconds(since: start))
}

/// The progress of stages that run at once, reported as one count of pieces ("drawing").
private final class DrawingProgress: Sendable {
    private let report: @Sendable (KitBuilder.Progress) -> Void
    private let counts = Mutex([String: (done: Int, total: Int)]())

    init(_ report: @escaping @Sendable (KitBuilder.Progress) -> Void) { self.report = report }

    /// Stage `name` did `done` of its `total` pieces.
    func advance(_ name: String, done: Int, total: Int) {
        let (sum, all) = counts.withLock { counts in
            counts[name] = (done, total)
            return counts.values.reduce((0, 0)) { ($0.0 + $1.done, $0.1 + $1.total) }
        }
        report(.advanced("drawing", done: sum, total: all))
    }
}

/// Folder creation and atomic writes for the kit.
enum KitFileSystem {
    /// Creates `url` and its parents; a file in the way is an error naming it.
    static func makeFolder(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PlottingError.parentIsNotDirectory(path: url.path)
            }
            return
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw PlottingError.notWritable(path: url.path, reason: "the folder cannot be created (\(error.localizedDescription))")
        }
    }

    /// Writes `data` to `url` atomically, creating the parent folder.
    static func write(_ data: Data, to url: URL) throws {
        try makeFolder(url.deletingLastPathComponent())
        try AtomicFile.write(data: data, to: url)
    }
}
