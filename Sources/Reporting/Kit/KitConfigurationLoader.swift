import Foundation
import Plotting
import Training
import Yams

/// Reads a `descent build` configuration from YAML (or JSON, which is YAML too).
///
/// The file is composed into a node tree with positions, then walked key by key, so every
/// problem names the key path, the line and column, the bad value and what is allowed:
/// unknown keys, wrong types, values out of range, unknown kinds/themes/formats, and output
/// names that would leave the output folder (`..` components or absolute paths).
public final class KitConfigurationLoader {
    /// The file name used in messages.
    public let fileName: String
    /// The figure stems named under `figures.titles` and `figures.subtitles`, checked once the
    /// kit's figures are known.
    private var stemKeys: [(path: String, stem: String, node: Node)] = []
    /// The nodes of the output keys given, for the position of a shared-path error.
    private var outputNodes: [String: Node] = [:]

    /// Creates a loader whose messages name `fileName`.
    public init(fileName: String) {
        self.fileName = fileName
    }

    /// Loads the configuration at `path`.
    public static func load(path: String) throws -> KitConfiguration {
        let loader = KitConfigurationLoader(fileName: path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw loader.error(nil, "the file does not exist; check the path, or run `descent` without a file for the default build")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw loader.error(nil, "the file cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw loader.error(nil, "the file is not valid UTF-8 text; save it as UTF-8 YAML or JSON")
        }
        return try loader.parse(text)
    }

    /// Parses configuration text.
    public func parse(_ text: String) throws -> KitConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error)
        } catch {
            throw self.error(nil, "it is not valid YAML: \(error)")
        }
        var configuration = KitConfiguration()
        guard let root else { return configuration }
        let top = try mapping(root, path: "", allowed: ["output", "data_folder", "data", "models", "figures", "frames", "report"])
        stemKeys = []
        outputNodes = [:]
        for (key, value) in top {
            switch key.name {
            case "output": configuration.output = try outputRoot(value, path: "output")
            case "data_folder": configuration.dataFolder = try outputName(value, path: "data_folder")
            case "data": configuration.data = try dataSource(value)
            case "models": configuration.models = try models(value)
            case "figures": configuration.figures = try figures(value)
            case "frames": configuration.frames = try frames(value)
            case "report": configuration.report = try report(value)
            default: break
            }
        }
        let stems = KitFigureStage.jobs(configuration).map(\.stem)
        for key in stemKeys where !stems.contains(key.stem) {
            var message = "\(key.path): this kit has no figure '\(key.stem)'"
            if let near = stems.min(by: { FigureKind.editDistance($0, key.stem) < FigureKind.editDistance($1, key.stem) }),
               FigureKind.editDistance(near, key.stem) <= 3 {
                message += " (did you mean '\(near)'?)"
            }
            throw error(key.node, message + "; its figures are \(stems.joined(separator: ", "))")
        }
        if case let .sharedPath(path, first, second)? = KitOutputPlan(configuration).sharedPath() {
            let shared = OutputTreeError.sharedPath(path: path, first: first, second: second).description
            throw error(outputNodes[second] ?? outputNodes[first], String(shared.dropLast()))
        }
        return configuration
    }

    // MARK: Sections

    private func dataSource(_ node: Node) throws -> KitConfiguration.DataSource {
        var source = KitConfiguration.DataSource(file: nil, x: "", y: "", label: nil)
        let entries = try mapping(node, path: "data", allowed: ["file", "x", "y", "label", "x_label", "y_label"])
        for (key, value) in entries {
            switch key.name {
            case "file": source.file = try string(value, path: "data.file")
            case "x": source.x = try string(value, path: "data.x")
            case "y": source.y = try string(value, path: "data.y")
            case "label": source.label = try string(value, path: "data.label")
            case "x_label": source.xLabel = try string(value, path: "data.x_label")
            case "y_label": source.yLabel = try string(value, path: "data.y_label")
            default: break
            }
        }
        if source.file == nil {
            var notebook = KitConfiguration.DataSource.notebook
            notebook.xLabel = source.xLabel
            notebook.yLabel = source.yLabel
            return notebook
        }
        guard !source.x.isEmpty, !source.y.isEmpty else {
            throw error(node, "data needs 'x' and 'y' to name the columns of data.file")
        }
        return source
    }

    private func models(_ node: Node) throws -> [TrainingConfiguration] {
        let entries = try mapping(node, path: "models", allowed: ["linear", "cubic"])
        guard !entries.isEmpty else { throw error(node, "models is empty; list linear, cubic or both") }
        return try entries.map { key, value in
            let model: PolynomialModel = key.name == "linear" ? .linear : .cubic
            return try modelConfiguration(value, model: model, path: "models.\(key.name)")
        }
    }

    private func modelConfiguration(_ node: Node, model: PolynomialModel, path: String) throws -> TrainingConfiguration {
        var configuration = TrainingConfiguration.notebook(for: model)
        if case .scalar = node, node.null != nil { return configuration }
        let allowed = ["optimizer", "learning_rate", "epochs", "init", "stop", "tolerance", "batch_size", "seed", "shuffle"]
        let entries = try mapping(node, path: path, allowed: allowed)
        var batchSize = 4
        var optimizerName = configuration.optimizer.name
        var tolerance = 1e-9
        var stopName = configuration.stopRule.name
        for (key, value) in entries {
            let keyPath = "\(path).\(key.name)"
            switch key.name {
            case "optimizer":
                optimizerName = try choice(value, path: keyPath, allowed: ["sgd", "gd", "minibatch", "momentum", "adam"])
            case "learning_rate":
                configuration.learningRate = try number(value, path: keyPath, where: { $0 > 0 }, requirement: "a number greater than 0")
            case "epochs":
                configuration.maxEpochs = try integer(value, path: keyPath, in: 1...1_000_000)
            case "init":
                let values = try numbers(value, path: keyPath)
                guard values.count == model.parameterCount else {
                    throw error(value, "\(keyPath) has \(values.count) values but the \(model.name) model has \(model.parameterCount) parameters: \(model.parameterNames.joined(separator: ", "))")
                }
                configuration.initialParameters = values
            case "stop":
                stopName = try choice(value, path: keyPath, allowed: ["fixed", "notebook", "tolerance"])
            case "tolerance":
                tolerance = try number(value, path: keyPath, where: { $0 > 0 }, requirement: "a number greater than 0")
            case "batch_size":
                batchSize = try integer(value, path: keyPath, in: 1...1_000_000)
            case "seed":
                configuration.seed = UInt64(try integer(value, path: keyPath, in: 0...Int.max))
            case "shuffle":
                configuration.shuffle = try boolean(value, path: keyPath)
            default: break
            }
        }
        switch optimizerName {
        case "gd": configuration.optimizer = .gd
        case "minibatch": configuration.optimizer = .minibatch(batchSize: batchSize)
        case "momentum": configuration.optimizer = .momentum(beta: 0.9)
        case "adam": configuration.optimizer = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        default: configuration.optimizer = .sgd
        }
        switch stopName {
        case "fixed": configuration.stopRule = .fixed
        case "tolerance": configuration.stopRule = .tolerance(tolerance)
        default: configuration.stopRule = .notebook
        }
        do {
            return try configuration.validated()
        } catch {
            throw self.error(node, "\(path): \(error)")
        }
    }

    private func figures(_ node: Node) throws -> KitConfiguration.Figures {
        var figures = KitConfiguration.Figures()
        let entries = try mapping(node, path: "figures", allowed: ["kinds", "formats", "size", "dpi", "themes", "languages", "grid", "folder", "gallery", "gallery_size", "titles", "subtitles"])
        for (key, value) in entries {
            let keyPath = "figures.\(key.name)"
            switch key.name {
            case "kinds":
                figures.kinds = try list(value, path: keyPath).map { try choice($0, path: $1, of: FigureKind.self) }
            case "formats":
                figures.formats = try list(value, path: keyPath).map { try choice($0, path: $1, of: ExportFormat.self) }
            case "size":
                figures.size = try size(value, path: keyPath)
            case "dpi":
                figures.dpi = try number(value, path: keyPath, where: { (10...4800).contains($0) }, requirement: "a number from 10 to 4800")
            case "themes":
                figures.themes = try list(value, path: keyPath).map { try choice($0, path: $1, of: FigureTheme.self) }
            case "languages":
                figures.languages = try list(value, path: keyPath).map { try choice($0, path: $1, of: Language.self) }
            case "grid":
                figures.grid = try integer(value, path: keyPath, in: 2...4096)
            case "folder":
                figures.folder = try outputName(value, path: keyPath)
            case "gallery":
                figures.galleryFolder = try optionalOutputName(value, path: keyPath, default: "gallery")
            case "gallery_size":
                figures.gallerySize = try size(value, path: keyPath)
            case "titles":
                figures.titles = try texts(value, path: keyPath)
            case "subtitles":
                figures.subtitles = try texts(value, path: keyPath)
            default: break
            }
        }
        return figures
    }

    private func frames(_ node: Node) throws -> KitConfiguration.Frames {
        var frames = KitConfiguration.Frames()
        if let enabled = node.bool, case .scalar = node {
            frames.enabled = enabled
            return frames
        }
        let allowed = ["enabled", "size", "every", "max_frames", "compression", "video", "fps", "folder"]
        let entries = try mapping(node, path: "frames", allowed: allowed)
        for (key, value) in entries {
            let keyPath = "frames.\(key.name)"
            switch key.name {
            case "enabled": frames.enabled = try boolean(value, path: keyPath)
            case "size": frames.size = try size(value, path: keyPath)
            case "every": frames.every = try integer(value, path: keyPath, in: 1...1_000_000)
            case "max_frames": frames.maximumFrames = try integer(value, path: keyPath, in: 2...100_000)
            case "compression": frames.compression = try integer(value, path: keyPath, in: 0...9)
            case "video": frames.video = try boolean(value, path: keyPath)
            case "fps": frames.fps = try integer(value, path: keyPath, in: 1...120)
            case "folder": frames.folder = try outputName(value, path: keyPath)
            default: break
            }
        }
        return frames
    }

    private func report(_ node: Node) throws -> KitConfiguration.Report {
        var report = KitConfiguration.Report()
        let entries = try mapping(node, path: "report", allowed: ["html", "markdown", "handout"])
        for (key, value) in entries {
            let keyPath = "report.\(key.name)"
            let name = try optionalOutputName(value, path: keyPath, default: defaultName(key.name))
            switch key.name {
            case "html": report.html = name
            case "markdown": report.markdown = name
            case "handout": report.handout = name
            default: break
            }
        }
        return report
    }

    private func defaultName(_ part: String) -> String {
        switch part {
        case "html": return "report.html"
        case "markdown": return "report.md"
        default: return "handout.pdf"
        }
    }

    // MARK: Values

    /// A key of a mapping with its node, for positions in messages.
    private struct Key {
        let name: String
        let node: Node
    }

    private func mapping(_ node: Node, path: String, allowed: [String]) throws -> [(Key, Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(path.isEmpty ? "the file" : path) must be a mapping of keys (\(allowed.joined(separator: ", ")))")
        }
        var seen = Set<String>()
        var entries: [(Key, Node)] = []
        for (keyNode, value) in mapping {
            guard let name = keyNode.string else {
                throw error(keyNode, "a key in \(path.isEmpty ? "the file" : path) is not text")
            }
            let keyPath = path.isEmpty ? name : "\(path).\(name)"
            guard allowed.contains(name) else {
                var message = "unknown key '\(keyPath)'"
                if let near = allowed.min(by: { FigureKind.editDistance($0, name) < FigureKind.editDistance($1, name) }),
                   FigureKind.editDistance(near, name) <= 2 {
                    message += " (did you mean '\(near)'?)"
                }
                throw error(keyNode, message + "; allowed keys here: \(allowed.joined(separator: ", "))")
            }
            guard seen.insert(name).inserted else {
                throw error(keyNode, "the key '\(keyPath)' appears twice; keep one")
            }
            entries.append((Key(name: name, node: keyNode), value))
        }
        return entries
    }

    /// A mapping of figure stems to texts; the stems are checked against the kit's figures later.
    private func texts(_ node: Node, path: String) throws -> [String: String] {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(path) must be a mapping of figure names to texts, e.g. fit-linear: My title")
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error(key, "a key in \(path) is not text") }
            result[name] = try string(value, path: "\(path).\(name)")
            stemKeys.append((path: "\(path).\(name)", stem: name, node: key))
        }
        return result
    }

    private func list(_ node: Node, path: String) throws -> [(Node, String)] {
        switch node {
        case .sequence(let sequence):
            return sequence.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
        case .scalar:
            return [(node, path)]
        default:
            throw error(node, "\(path) must be a list")
        }
    }

    private func scalarText(_ node: Node, path: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "\(path) must be a single value, not a list or mapping") }
        return scalar.string
    }

    private func string(_ node: Node, path: String) throws -> String {
        let text = try scalarText(node, path: path)
        guard !text.isEmpty else { throw error(node, "\(path) is empty; give a value") }
        return text
    }

    private func choice(_ node: Node, path: String, allowed: [String]) throws -> String {
        let text = try scalarText(node, path: path)
        guard allowed.contains(text) else {
            throw error(node, "\(path) is '\(text)'; allowed values are \(allowed.joined(separator: ", "))")
        }
        return text
    }

    /// A value of an enumeration named by its raw value.
    private func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, path: String, of type: Value.Type) throws -> Value
        where Value.RawValue == String {
        let name = try choice(node, path: path, allowed: Value.allCases.map(\.rawValue))
        guard let value = Value(rawValue: name) else { throw error(node, "\(path) is '\(name)'") }
        return value
    }

    private func number(_ node: Node, path: String, where valid: (Double) -> Bool, requirement: String) throws -> Double {
        let text = try scalarText(node, path: path)
        guard let value = node.float ?? Double(text), value.isFinite, valid(value) else {
            throw error(node, "\(path) is '\(text)'; it must be \(requirement)")
        }
        return value
    }

    private func integer(_ node: Node, path: String, in range: ClosedRange<Int>) throws -> Int {
        let text = try scalarText(node, path: path)
        guard let value = node.int ?? Int(text), range.contains(value) else {
            throw error(node, "\(path) is '\(text)'; it must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private func numbers(_ node: Node, path: String) throws -> [Double] {
        guard case .sequence(let sequence) = node else { throw error(node, "\(path) must be a list of numbers, e.g. [0.1, 0.1]") }
        return try sequence.enumerated().map { index, item in
            try number(item, path: "\(path)[\(index)]", where: { _ in true }, requirement: "a finite number")
        }
    }

    private func boolean(_ node: Node, path: String) throws -> Bool {
        let text = try scalarText(node, path: path)
        guard let value = node.bool else { throw error(node, "\(path) is '\(text)'; it must be true or false") }
        return value
    }

    private func size(_ node: Node, path: String) throws -> FigureSize {
        let text = try scalarText(node, path: path)
        do {
            return try FigureSize(parsing: text)
        } catch {
            throw self.error(node, "\(path): \(error)")
        }
    }

    /// The output folder: `~/…` is a folder in the home folder (`$HOME`); a null value and the home
    /// folder itself are errors.
    private func outputRoot(_ node: Node, path: String) throws -> String {
        try refuseNull(node, path: path, example: "output: kit")
        let text = try string(node, path: path)
        if text == "~" || text == "~/" {
            throw error(node, "\(path) '\(text)' is your home folder itself; give a folder in it for the kit, e.g. output: ~/kit")
        }
        if text.hasPrefix("~/") {
            let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? FileManager.default.homeDirectoryForCurrentUser.path
            return home + text.dropFirst()
        }
        guard !text.hasPrefix("~") else {
            throw error(node, "\(path) '\(text)': only ~ and ~/… (your home folder) are expanded; write the folder's full path")
        }
        return text
    }

    /// A null value (`~`, `null` or nothing) for an output key is an error, not a folder named `null`.
    private func refuseNull(_ node: Node, path: String, example: String) throws {
        outputNodes[path] = node
        if case .scalar = node, node.null != nil {
            throw error(node, "\(path) is null (empty); give a name, e.g. \(example)")
        }
    }

    /// An output name that may also be a YAML boolean: `true` gives `defaultName`, `false` leaves
    /// the part out (nil), anything else must be a name inside the output folder.
    private func optionalOutputName(_ node: Node, path: String, default defaultName: String) throws -> String? {
        try refuseNull(node, path: path, example: "\(path.split(separator: ".").last ?? ""): \(defaultName), or false to leave it out")
        let booleans = ["true", "false", "yes", "no", "on", "off"]
        if let flag = node.bool, let text = node.string, booleans.contains(text.lowercased()) {
            return flag ? defaultName : nil
        }
        return try outputName(node, path: path)
    }

    /// A file or folder name inside the output folder: relative, no `..` component.
    private func outputName(_ node: Node, path: String) throws -> String {
        try refuseNull(node, path: path, example: "\(path.split(separator: ".").last ?? ""): figures")
        let text = try string(node, path: path)
        let components = text.split(separator: "/", omittingEmptySubsequences: true)
        guard !text.hasPrefix("/"), !text.hasPrefix("~"), !components.contains(".."), !components.isEmpty else {
            throw error(node, "\(path) '\(text)' would leave the output folder; use a relative name without '..', e.g. 'figures'")
        }
        return text
    }

    // MARK: Errors

    private func error(_ node: Node?, _ message: String) -> ReportingError {
        .configuration(file: fileName, line: node?.mark?.line, column: node?.mark?.column, message: message + ".")
    }

    private func yamlError(_ error: YamlError) -> ReportingError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let contextText = context.map { "\($0.text) " } ?? ""
            return .configuration(file: fileName, line: mark.line, column: mark.column,
                                  message: "it is not valid YAML: \(contextText)\(problem); check the indentation and punctuation there.")
        case let .composer(context, problem, mark, _):
            let contextText = context.map { "\($0.text) " } ?? ""
            return .configuration(file: fileName, line: mark.line, column: mark.column,
                                  message: "it is not valid YAML: \(contextText)\(problem).")
        default:
            return .configuration(file: fileName, line: nil, column: nil, message: "it is not valid YAML: \(error).")
        }
    }
}
