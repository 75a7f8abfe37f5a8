import Foundation
import Plotting
import Training

/// Builds the lecture kit: trains the models, draws every figure, writes the data files, the
/// frames, the HTML and Markdown reports and the PDF handout into the output folder.
///
/// Every file goes through `AtomicFile` (temporary file, then rename). Figures are drawn in
/// parallel, one job per figure, each with its own Cairo surfaces; the output bytes do not
/// depend on the order the jobs finish in.
public struct KitBuilder {
    /// A stage finished: its name, what it wrote, and how long it took.
    public struct Stage: Sendable {
        /// Short name, e.g. "figures".
        public let name: String
        /// One line on what was written.
        public let detail: String
        /// Wall time in seconds.
        public let seconds: Double
    }

    /// What the build wrote.
    public struct Result: Sendable {
        /// The output folder.
        public let output: URL
        /// Every file written, relative to the output folder, sorted.
        public let files: [String]
        /// The stages in order.
        public let stages: [Stage]
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

    /// Runs every stage, calling `progress` after each.
    public func build(progress: (Stage) -> Void = { _ in }) throws -> Result {
        var stages: [Stage] = []
        var written: [String] = []
        func stage(_ name: String, _ body: () throws -> String) rethrows {
            let start = DispatchTime.now()
            let detail = try body()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            let finished = Stage(name: name, detail: detail, seconds: seconds)
            stages.append(finished)
            progress(finished)
        }
        let output = outputURL
        try KitFileSystem.makeFolder(output)

        var dataset = Dataset.notebook
        var models: [TrainedModel] = []
        try stage("train") {
            if let file = configuration.data.file {
                let path = file.hasPrefix("/") ? file : workingDirectory.appendingPathComponent(file).path
                dataset = try Dataset.load(csvAt: path, x: configuration.data.x, y: configuration.data.y, label: configuration.data.label)
            }
            let data = try NormalizedDataset(dataset)
            models = try configuration.models.map { try TrainedModel(data: data, configuration: $0) }
            return models.map { "\($0.model.name): \($0.history.epochsRun) epochs, MSE \(String(format: "%.4f", $0.finalMeanSquaredError))" }
                .joined(separator: "; ")
        }

        var rendered: [KitRenderedFigure] = []
        try stage("figures") {
            var figureStage = KitFigureStage(configuration: configuration, dataset: dataset, models: models, output: output)
            rendered = try figureStage.run()
            written += rendered.flatMap(\.files) + figureStage.thumbnails
            let formats = configuration.figures.formats.joined(separator: ", ")
            return "\(rendered.count) figures (\(formats)) in \(configuration.figures.folder)/"
        }

        try stage("frames") {
            let (files, detail) = try KitFrameStage(configuration: configuration, dataset: dataset, models: models, output: output).run()
            written += files
            return detail
        }

        try stage("data") {
            let files = try KitDataStage(configuration: configuration, models: models, output: output).run()
            written += files
            return "\(files.count) files in \(configuration.dataFolder)/"
        }

        let report = KitReport(configuration: configuration, models: models, figures: rendered)
        if let name = configuration.report.markdown {
            try stage("report.md") {
                try KitFileSystem.write(Data(report.markdown().utf8), to: output.appendingPathComponent(name))
                written.append(name)
                return name
            }
        }
        if let name = configuration.report.html {
            try stage("report.html") {
                try KitFileSystem.write(Data(try report.html().utf8), to: output.appendingPathComponent(name))
                written.append(name)
                return name
            }
        }
        if let name = configuration.report.handout {
            try stage("handout") {
                let pages = try report.handout(to: output.appendingPathComponent(name))
                written.append(name)
                return "\(name), \(pages) pages"
            }
        }
        return Result(output: output, files: written.sorted(), stages: stages)
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
