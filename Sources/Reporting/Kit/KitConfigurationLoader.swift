import Foundation
import Plotting
import Training
import Yams

/// Reads a `descent build` configuration from YAML (or JSON, which is YAML too).
///
/// The file is composed into a node tree with positions, then walked key by key, so every
/// problem names the key path, the line and column, the bad value and what is allowed:
/// unknown keys, repeated keys, wrong types, values out of range, unknown kinds/themes/formats,
/// and output names that would leave the output folder (`..` components or absolute paths).
/// Every message is one line: values from the file are shown with control characters escaped
/// and cut to ``MessageText/valueLimit`` characters.
///
/// Only a regular file of at most ``maximumFileSize`` bytes is read (a FIFO or a device is refused
/// before it is opened), and lists hold at most ``maximumListLength`` items, so no file can make
/// the loader wait forever or fill the memory. Repeated entries of kinds, formats, themes and
/// languages count once.
public final class KitConfigurationLoader {
    /// The largest configuration file read, in bytes: far above any real one (the full example is
    /// 2 KB), far below what makes parsing slow or large.
    public static let maximumFileSize = 1 << 20
    /// The most items a list may have (each of its values is one of a few names).
    public static let maximumListLength = 100

    /// The file name used in messages.
    public let fileName: String
    /// The folder relative data paths are read from (the configuration file's folder, as given);
    /// nil or empty = the current folder.
    public let baseFolder: String?
    /// The figure stems named under `figures.titles` and `figures.subtitles`, checked once the
    /// kit's figures are known.
    private var stemKeys: [(path: String, stem: String, node: Node)] = []
    /// The `frames` section and its `every` and `size` values, for the checks that need the models.
    private var framesNodes: (section: Node?, every: Node?, size: Node?) = (nil, nil, nil)
    /// The nodes of the output keys given, for the position of a shared-path error.
    private var outputNodes: [String: Node] = [:]

    /// Creates a loader whose messages name `fileName`, reading relative data paths from `baseFolder`.
    public init(fileName: String, baseFolder: String? = nil) {
        self.fileName = fileName
        self.baseFolder = baseFolder
    }

    /// Loads the configuration at `path`; `data.file` is read relative to the file's folder.
    public static func load(path: String) throws -> KitConfiguration {
        let loader = KitConfigurationLoader(fileName: path, baseFolder: (path as NSString).deletingLastPathComponent)
        let file = InputFile(path: path)
        switch file {
        case .missing:
            throw loader.error(nil, "the file does not exist; check the path, or run `descent` without a file for the default build")
        case .regular(let size) where size > Int64(maximumFileSize):
            throw loader.error(nil, "the file has \(size) bytes, more than a build configuration can have (at most \(maximumFileSize)); give the YAML file that describes the kit")
        case .regular:
            break
        default:
            throw loader.error(nil, "\(file.problem ?? "it is not a regular file"); give a YAML or JSON file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw loader.error(nil, "the file cannot be read; check its permissions")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte more than allowed, in case the file grew since it was measured.
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw loader.error(nil, "the file cannot be read (\(error.localizedDescription))")
        }
        guard data.count <= maximumFileSize else {
            throw loader.error(nil, "the file has more than \(maximumFileSize) bytes, more than a build configuration can have")
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
        framesNodes = (nil, nil, nil)
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
            var message = "\(key.path): this kit has no figure '\(shown(key.stem))'"
            if let near = stems.min(by: { FigureKind.editDistance($0, key.stem) < FigureKind.editDistance($1, key.stem) }),
               FigureKind.editDistance(near, key.stem) <= 3 {
                message += " (did you mean '\(near)'?)"
            }
            throw error(key.node, message + "; its figures are \(stems.joined(separator: ", "))")
        }
        try checkFrames(configuration)
        if case let .sharedPath(path, first, second)? = KitOutputPlan(configuration).sharedPath() {
            let shared = OutputTreeError.sharedPath(path: path, first: first, second: second).description
            throw error(outputNodes[second] ?? outputNodes[first], String(shared.dropLast()))
        }
        return configuration
    }

    /// Refuses frames that could not be made (see `KitFrameStage.check`), naming the keys.
    private func checkFrames(_ configuration: KitConfiguration) throws {
        do {
            try KitFrameStage.check(configuration)
        } catch let FrameSequenceError.frameTooLarge(size, needed, available) {
            throw error(framesNodes.size ?? framesNodes.section,
                        "frames.size: a \(size) frame needs about \(FrameMemory.describe(needed)) of memory to render, more than the "
                            + "\(FrameMemory.describe(available)) frames may use on this machine (half its memory); choose a smaller size")
        } catch let FrameSequenceError.tooManyFrames(count, limit, certain, every) {
            let epochs = configuration.models.map(\.maxEpochs).max() ?? 0
            throw error(framesNodes.every ?? framesNodes.section,
                        "frames.every \(configuration.frames.every ?? 1) gives \(certain ? "" : "up to ")\(count) frames of \(epochs) epochs, "
                            + "more than frames.max_frames \(limit): set frames.every to \(every) or more, train fewer epochs, "
                            + "or raise frames.max_frames")
        }
    }

    // MARK: Sections

    private func dataSource(_ node: Node) throws -> KitConfiguration.DataSource {
        var source = KitConfiguration.DataSource(file: nil, x: "", y: "", label: nil)
        let entries = try mapping(node, path: "data", allowed: ["file", "x", "y", "label", "x_label", "y_label", "delimiter", "decimal_comma"])
        for (key, value) in entries {
            switch key.name {
            case "file": source.file = resolved(try string(value, path: "data.file"))
            case "x": source.x = try string(value, path: "data.x")
            case "y": source.y = try string(value, path: "data.y")
            case "label": source.label = try string(value, path: "data.label")
            case "x_label": source.xLabel = try string(value, path: "data.x_label")
            case "y_label": source.yLabel = try string(value, path: "data.y_label")
            case "delimiter":
                let text = try scalarText(value, path: "data.delimiter")
                guard let delimiter = CSVFormat.Delimiter(naming: text) else {
                    throw error(value, "data.delimiter is '\(shown(text))'; it must be ',', ';' or tab (or leave it out to use the header's)")
                }
                source.format.delimiter = delimiter
            case "decimal_comma": source.format.decimalComma = try boolean(value, path: "data.decimal_comma")
            default: break
            }
        }
        if source.file == nil {
            if source.format != CSVFormat() {
                throw error(node, "data.delimiter and data.decimal_comma describe data.file; name the file too")
            }
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

    /// `path` read from the configuration file's folder when it is relative.
    private func resolved(_ path: String) -> String {
        guard !path.hasPrefix("/"), let baseFolder, !baseFolder.isEmpty else { return path }
        return (baseFolder as NSString).appendingPathComponent(path)
    }

    /// The models: each listed one with its settings, the others with the notebook's, in the
    /// lecture's order (linear, then cubic); `false` leaves a model out.
    private func models(_ node: Node) throws -> [TrainingConfiguration] {
        let entries = try mapping(node, path: "models", allowed: ["linear", "cubic"])
        var chosen: [PolynomialModel: TrainingConfiguration] = [:]
        var dropped = Set<PolynomialModel>()
        for (key, value) in entries {
            let model: PolynomialModel = key.name == "linear" ? .linear : .cubic
            if case .scalar = value, let keep = value.bool, value.null == nil {
                if !keep { dropped.insert(model) }
                continue
            }
            chosen[model] = try modelConfiguration(value, model: model, path: "models.\(key.name)")
        }
        let models = [PolynomialModel.linear, .cubic].filter { !dropped.contains($0) }
        guard !models.isEmpty else {
            throw error(node, "models leaves out both linear and cubic; keep at least one (a model not listed trains with the notebook's settings)")
        }
        return models.map { chosen[$0] ?? .notebook(for: $0) }
    }

    private func modelConfiguration(_ node: Node, model: PolynomialModel, path: String) throws -> TrainingConfiguration {
        var configuration = TrainingConfiguration.notebook(for: model)
        if case .scalar = node, node.null != nil { return configuration }
        let allowed = ["optimizer", "learning_rate", "epochs", "init", "stop", "tolerance", "batch_size", "seed", "shuffle",
                       "schedule", "schedule_step_every", "schedule_gamma", "warmup_epochs"]
        let entries = try mapping(node, path: path, allowed: allowed)
        var batchSize = 4
        var optimizerName = configuration.optimizer.name
        var tolerance = 1e-9
        var stopName = configuration.stopRule.name
        var scheduleName = "constant"
        var stepEvery: Int?, gamma: Double?, warmupEpochs: Int?
        var scheduleSettings: [(key: String, node: Node)] = []
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
            case "schedule":
                scheduleName = try choice(value, path: keyPath, allowed: LearningRateSchedule.names)
            case "schedule_step_every":
                stepEvery = try integer(value, path: keyPath, in: 1...1_000_000)
                scheduleSettings.append((key.name, value))
            case "schedule_gamma":
                gamma = try number(value, path: keyPath, where: { $0 > 0 && $0 <= 1 }, requirement: "a number greater than 0 and at most 1")
                scheduleSettings.append((key.name, value))
            case "warmup_epochs":
                warmupEpochs = try integer(value, path: keyPath, in: 1...1_000_000)
                scheduleSettings.append((key.name, value))
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
        let uses = LearningRateSchedule.settings(of: scheduleName).map { $0.replacingOccurrences(of: "-", with: "_") }
        if let unused = scheduleSettings.first(where: { !uses.contains($0.key) }) {
            throw error(unused.node, "\(path).\(unused.key) does not apply to the \(scheduleName) schedule; set \(path).schedule to one that uses it (\(unused.key == "warmup_epochs" ? "warmup" : unused.key == "schedule_gamma" ? "step or exponential" : "step")) or remove it")
        }
        if let schedule = LearningRateSchedule.named(scheduleName, stepEvery: stepEvery, gamma: gamma, warmupEpochs: warmupEpochs,
                                                     epochs: configuration.maxEpochs) {
            configuration.schedule = schedule
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
        let entries = try mapping(node, path: "figures", allowed: ["kinds", "formats", "svg_text", "size", "dpi", "themes", "languages", "grid", "folder", "gallery", "gallery_size", "titles", "subtitles"])
        for (key, value) in entries {
            let keyPath = "figures.\(key.name)"
            switch key.name {
            case "kinds":
                figures.kinds = try choices(value, path: keyPath, of: FigureKind.self)
            case "formats":
                figures.formats = try choices(value, path: keyPath, of: ExportFormat.self)
            case "svg_text":
                figures.svgText = try choice(value, path: keyPath, of: SVGTextMode.self)
            case "size":
                figures.size = try size(value, path: keyPath)
            case "dpi":
                figures.dpi = try number(value, path: keyPath, where: { (10...4800).contains($0) }, requirement: "a number from 10 to 4800")
            case "themes":
                figures.themes = try choices(value, path: keyPath, of: FigureTheme.self)
            case "languages":
                figures.languages = try choices(value, path: keyPath, of: Language.self)
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
        framesNodes.section = node
        for (key, value) in entries {
            let keyPath = "frames.\(key.name)"
            if key.name == "every" { framesNodes.every = value }
            if key.name == "size" { framesNodes.size = value }
            switch key.name {
            case "enabled": frames.enabled = try boolean(value, path: keyPath)
            case "size": frames.size = try size(value, path: keyPath)
            case "every": frames.every = try integer(value, path: keyPath, in: 1...1_000_000)
            case "max_frames": frames.maximumFrames = try integer(value, path: keyPath, in: 2...1_000_000)
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
        let entries = try mapping(node, path: "report", allowed: ["html", "markdown", "handout", "slides", "slide_builds"])
        for (key, value) in entries {
            let keyPath = "report.\(key.name)"
            if key.name == "slide_builds" {
                report.slideBuilds = try boolean(value, path: keyPath)
                continue
            }
            let name = try optionalOutputName(value, path: keyPath, default: defaultName(key.name))
            switch key.name {
            case "html": report.html = name
            case "markdown": report.markdown = name
            case "handout": report.handout = name
            case "slides": report.slides = name
            default: break
            }
        }
        return report
    }

    private func defaultName(_ part: String) -> String {
        switch part {
        case "html": return "report.html"
        case "markdown": return "report.md"
        case "slides": return "slides.pptx"
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
            let keyPath = path.isEmpty ? shown(name) : "\(path).\(shown(name))"
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
            result[name] = try string(value, path: "\(path).\(shown(name))")
            stemKeys.append((path: "\(path).\(shown(name))", stem: name, node: key))
        }
        return result
    }

    private func list(_ node: Node, path: String) throws -> [(Node, String)] {
        switch node {
        case .sequence(let sequence):
            guard sequence.count <= Self.maximumListLength else {
                throw error(node, "\(path) has \(sequence.count) items; list each value once (at most \(Self.maximumListLength) items)")
            }
            return sequence.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
        case .scalar:
            return [(node, path)]
        default:
            throw error(node, "\(path) must be a list")
        }
    }

    /// A list of values of an enumeration, each once, in the order of their first appearance.
    private func choices<Value: RawRepresentable & CaseIterable & Hashable>(_ node: Node, path: String, of type: Value.Type) throws -> [Value]
        where Value.RawValue == String {
        var seen = Set<Value>()
        return try list(node, path: path).map { try choice($0, path: $1, of: type) }.filter { seen.insert($0).inserted }
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
            throw error(node, "\(path) is '\(shown(text))'; allowed values are \(allowed.joined(separator: ", "))")
        }
        return text
    }

    /// A value of an enumeration named by its raw value.
    private func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, path: String, of type: Value.Type) throws -> Value
        where Value.RawValue == String {
        let name = try choice(node, path: path, allowed: Value.allCases.map(\.rawValue))
        guard let value = Value(rawValue: name) else { throw error(node, "\(path) is '\(shown(name))'") }
        return value
    }

    private func number(_ node: Node, path: String, where valid: (Double) -> Bool, requirement: String) throws -> Double {
        let text = try scalarText(node, path: path)
        guard let value = node.float ?? Double(text), value.isFinite, valid(value) else {
            throw error(node, "\(path) is '\(shown(text))'; it must be \(requirement)")
        }
        return value
    }

    private func integer(_ node: Node, path: String, in range: ClosedRange<Int>) throws -> Int {
        let text = try scalarText(node, path: path)
        guard let value = node.int ?? Int(text), range.contains(value) else {
            throw error(node, "\(path) is '\(shown(text))'; it must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private func numbers(_ node: Node, path: String) throws -> [Double] {
        guard case .sequence(let sequence) = node else { throw error(node, "\(path) must be a list of numbers, e.g. [0.1, 0.1]") }
        guard sequence.count <= Self.maximumListLength else {
            throw error(node, "\(path) has \(sequence.count) items; give one number per parameter")
        }
        return try sequence.enumerated().map { index, item in
            try number(item, path: "\(path)[\(index)]", where: { _ in true }, requirement: "a finite number")
        }
    }

    private func boolean(_ node: Node, path: String) throws -> Bool {
        let text = try scalarText(node, path: path)
        guard let value = node.bool else { throw error(node, "\(path) is '\(shown(text))'; it must be true or false") }
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
            throw error(node, "\(path) '\(shown(text))' would leave the output folder; use a relative name without '..', e.g. 'figures'")
        }
        return text
    }

    // MARK: Errors

    /// A value from the file as shown in a message: control characters escaped, cut when long.
    private func shown(_ text: String) -> String { MessageText.value(text) }

    private func error(_ node: Node?, _ message: String) -> ReportingError {
        .configuration(file: fileName, line: node?.mark?.line, column: node?.mark?.column, message: MessageText.escaped(message) + ".")
    }

    /// Yams' errors as one line each: the problem and where, never the file's text around it.
    private func yamlError(_ error: YamlError) -> ReportingError {
        func configuration(_ line: Int?, _ column: Int?, _ message: String) -> ReportingError {
            .configuration(file: fileName, line: line, column: column, message: MessageText.escaped(message))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let contextText = context.map { "\($0.text) " } ?? ""
            return configuration(mark.line, mark.column, "it is not valid YAML: \(contextText)\(problem); check the indentation and punctuation there.")
        case let .composer(context, problem, mark, _):
            let contextText = context.map { "\($0.text) " } ?? ""
            return configuration(mark.line, mark.column, "it is not valid YAML: \(contextText)\(problem).")
        case let .reader(problem, offset, value, yaml):
            let character = value >= 0 ? " (U+\(String(format: "%04X", value)))" : ""
            let place = offset.map { Self.lineAndColumn(ofCharacter: $0, in: yaml) }
            return configuration(place?.line, place?.column, "it is not valid YAML: \(problem)\(character); remove that character or save the file as plain UTF-8 text.")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted()
            let key = keys.first ?? ""
            let more = keys.count > 1 ? " (and \(keys.count - 1) more repeated key\(keys.count == 2 ? "" : "s"))" : ""
            let first = context.mark
            guard let second = Self.repeatedKey(key, first: first, in: context.text) else {
                return configuration(first.line, first.column,
                                     "the key '\(shown(key))' appears more than once in the same mapping, first on line \(first.line)\(more); keep one.")
            }
            let places = second.line == first.line ? "on line \(first.line), columns \(first.column) and \(second.column)"
                : "on lines \(first.line) and \(second.line)"
            return configuration(second.line, second.column, "the key '\(shown(key))' appears twice in the same mapping, \(places)\(more); keep one.")
        default:
            return configuration(nil, nil, "it is not valid YAML: \(error).")
        }
    }

    /// The 1-based line and column of the character at `offset` in `text`.
    static func lineAndColumn(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// Where the second `key` of the mapping whose first `key` is at `first` is (1-based line and
    /// column), found in one pass over the lines after it: the next key at the same column (block
    /// style), or failing that the next one anywhere after it (flow style, `{a: 1, a: 2}`). The key
    /// may be written plain, 'single' or "double" quoted.
    static func repeatedKey(_ key: String, first: Yams.Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard first.line >= 1, first.line <= lines.count, !key.isEmpty else { return nil }
        let column = first.column - 1
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map(Array.init)
        // The length of a spelling of the key at `index` followed by a colon, or nil.
        func keyLength(_ line: [Character], at index: Int) -> Int? {
            guard index >= 0, index == 0 || " \t{,[-?".contains(line[index - 1]) else { return nil }
            for spelling in spellings where index + spelling.count <= line.count && Array(line[index..<(index + spelling.count)]) == spelling {
                var after = index + spelling.count
                while after < line.count, line[after] == " " || line[after] == "\t" { after += 1 }
                if after < line.count, line[after] == ":" { return spelling.count }
            }
            return nil
        }
        let firstLine = Array(lines[first.line - 1])
        guard column >= 0, column < firstLine.count, let length = keyLength(firstLine, at: column) else { return nil }
        var anywhere: (line: Int, column: Int)?
        for number in first.line...lines.count {
            let line = Array(lines[number - 1])
            if number > first.line, column < line.count, line[..<column].allSatisfy({ $0 == " " || $0 == "-" }),
               keyLength(line, at: column) != nil {
                return (number, column + 1)
            }
            let start = number == first.line ? column + length : 0
            if anywhere == nil, start < line.count, let index = (start..<line.count).first(where: { keyLength(line, at: $0) != nil }) {
                anywhere = (number, index + 1)
            }
        }
        return anywhere
    }
}
