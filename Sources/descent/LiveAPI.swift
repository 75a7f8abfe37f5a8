import ArgumentParser
import Foundation
import LiveServer
import Plotting
import Reporting
import Training

/// `descent live`'s answers: every query is read as `descent`'s own options (`lr=0.1` is
/// `--lr=0.1`, `batch` is `--batch-size`), so the API validates and words its errors as the command
/// line does, and every number and picture comes from the run store and the lecture's figures.
///
/// Endpoints (`/api/…`): `run` (the history as `descent train --history` writes it), `view` (the
/// explorer's per-epoch positions for the page), `picture/ID.png` (a view's cached static
/// picture), `start` (a clicked landscape pixel as `init`), `figure/KIND.png|svg|pdf` (`descent
/// figure KIND`) and `yaml` (the build file that rebuilds the view).
struct LiveAPI: LiveResponder {
    /// The built-in data every request trains on (no request names a file).
    let catalog: DataCatalog
    let pictures = PictureCache()

    init() throws {
        catalog = try DataCatalog(dataset: .notebook)
    }

    /// The query keys of a run; `batch` stands for `--batch-size`.
    static let trainingKeys: Set<String> = [
        "model", "degree", "optimizer", "lr", "epochs", "init", "schedule", "schedule-step-every", "schedule-gamma",
        "warmup-epochs", "stop", "tol", "batch", "beta", "seed", "no-shuffle",
    ]
    /// The look of a picture.
    static let lookKeys: Set<String> = ["theme", "lang", "size", "dpi"]
    /// The plane of the view's landscape.
    static let viewKeys = trainingKeys.union(lookKeys).union(["params"])
    /// `descent figure`'s options that name no file.
    static let figureKeys = trainingKeys.union(lookKeys).union([
        "title", "subtitle", "x-label", "y-label", "svg-text", "residuals", "labels", "log", "epoch", "params", "pca", "raw",
        "grid", "aspect", "range-w", "range-b", "range-w1", "range-w2", "range-w3", "lrs", "param", "w0", "steps", "elev",
        "azim", "sample", "degrees", "compare",
    ])
    static let flags: Set<String> = ["no-shuffle", "residuals", "labels", "log", "pca", "raw"]
    /// Keys the page keeps in its URL that no endpoint reads (the animation's place).
    static let pageKeys: Set<String> = ["at", "playing"]

    func respond(endpoint: String, parameters: [String: String]) async throws -> LiveResponse {
        do {
            switch endpoint {
            case "run": return try await run(parameters)
            case "view": return try await view(parameters)
            case "start": return try await start(parameters)
            case "yaml": return try yaml(parameters)
            default:
                if endpoint.hasPrefix("picture/") { return await picture(String(endpoint.dropFirst("picture/".count))) }
                if endpoint.hasPrefix("figure/") { return try await figure(String(endpoint.dropFirst("figure/".count)), parameters) }
                return .error(404, "no endpoint /api/\(endpoint); the API has run, view, start, figure/KIND.png|svg|pdf and yaml.")
            }
        } catch let failure as LiveFailure {
            return .error(400, failure.message)
        } catch {
            if let failure = ToolFailure(mapping: error), failure.status == .usage || failure.status == .data {
                return .error(400, Self.apiWording(failure.message))
            }
            if ExitStatus(of: error) == nil {  // swift-argument-parser's own usage errors
                return .error(400, Self.apiWording(DescentCommand.oneLine(LiveRunOptions.message(for: error))))
            }
            throw error
        }
    }

    // MARK: Endpoints

    /// `{"history": [{epoch, <parameters>, mse, mae_cm, grad_norm, lr}, …]}` with the numbers of
    /// `descent train --history h.csv`, character for character.
    private func run(_ parameters: [String: String]) async throws -> LiveResponse {
        let options = try LiveRunOptions.parse(try Self.arguments(parameters, allowed: Self.trainingKeys.union(Self.pageKeys)))
        let trained = try await train(options.training)
        let history = trained.history
        let columns = history.csvColumns.map(LiveResponse.jsonString)
        let rows = history.epochs.map { record in
            "{" + zip(columns, history.csvFields(of: record)).map { "\($0):\($1)" }.joined(separator: ",") + "}"
        }
        return .json("{\"history\":[\n" + rows.joined(separator: ",\n") + "\n]}\n")
    }

    /// The explorer's view of one run: the cached static picture's address and overlay frame, the
    /// per-epoch curve, path and numbers, the loss panel, the stable limit and the page's words.
    private func view(_ parameters: [String: String]) async throws -> LiveResponse {
        let options = try LiveViewOptions.parse(try Self.arguments(parameters, allowed: Self.viewKeys.union(Self.pageKeys)))
        let trained = try await train(options.training)
        let (id, picture) = try await explorerPicture(options, trained: trained)
        var lossStyle = try options.look.style()
        lossStyle.size = try FigureSize(width: 560, height: 360)
        let loss = try ExplorerLossPanel(model: trained, style: lossStyle)
        let style = try options.look.style()
        let limit = trained.statistics.stableLearningRate
        let configuration = trained.history.configuration
        let view = ViewPayload(
            picture: "/api/picture/\(id).png", width: picture.width, height: picture.height, frame: picture.frame,
            frames: picture.frames(of: trained, gradient: true), planeParameters: [picture.planeParameters.0, picture.planeParameters.1],
            parameterNames: trained.model.parameterNames,
            loss: LossPayload(picture: "data:image/png;base64," + loss.png.base64EncodedString(), width: loss.width,
                              height: loss.height, clip: loss.clip, points: loss.points),
            learningRate: configuration.learningRate, stableLimit: limit,
            diverged: trained.history.diverged, epochsRun: trained.history.epochsRun,
            initial: configuration.initialParameters.map { "\($0)" }.joined(separator: ","),
            epochs: configuration.maxEpochs, seed: configuration.seed, optimizer: trained.history.configuration.optimizer.name,
            batch: { if case .minibatch(let size) = configuration.optimizer { return size } else { return options.training.batchSize ?? 4 } }(),
            beta: { if case .momentum(let beta) = configuration.optimizer { return beta } else { return 0.9 } }(),
            schedule: options.training.schedule?.rawValue ?? "constant",
            words: LiveWords(language: style.language, stableLimit: limit))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return LiveResponse(status: 200, contentType: "application/json; charset=utf-8", body: Array(try encoder.encode(view)))
    }

    /// `{"init": "w,b"}`: the start at the landscape's pixel (`x`, `y`) of the view the other
    /// parameters describe, from Descent's own axes.
    private func start(_ parameters: [String: String]) async throws -> LiveResponse {
        var rest = parameters
        let x = try Self.pixelCoordinate(rest.removeValue(forKey: "x"), name: "x")
        let y = try Self.pixelCoordinate(rest.removeValue(forKey: "y"), name: "y")
        let options = try LiveViewOptions.parse(try Self.arguments(rest, allowed: Self.viewKeys.union(Self.pageKeys)))
        let trained = try await train(options.training)
        let (_, picture) = try await explorerPicture(options, trained: trained)
        guard let values = picture.parameters(atPixel: x, y: y, keeping: trained.history.configuration.initialParameters) else {
            throw LiveFailure(message: "x, y (\(x), \(y)) is outside the landscape's plot area; click inside the landscape.")
        }
        // The clicked two rounded to 4 significant digits, as a person would type them.
        let start = trained.history.configuration.initialParameters
        let rounded = values.enumerated().map { index, value in
            index < start.count && start[index] == value ? value : Double(String(format: "%.4g", value)) ?? value
        }
        return .json("{\"init\":\(LiveResponse.jsonString(rounded.map { "\($0)" }.joined(separator: ",")))}\n")
    }

    private func picture(_ name: String) async -> LiveResponse {
        guard name.hasSuffix(".png"), let png = await pictures.png(id: String(name.dropLast(4))) else {
            return .error(404, "no picture \(LiveResponse.quoted(name)); ask /api/view for the current one.")
        }
        return LiveResponse(status: 200, contentType: "image/png", body: Array(png))
    }

    /// `descent figure KIND` with the query's options, as PNG, SVG or PDF.
    private func figure(_ name: String, _ parameters: [String: String]) async throws -> LiveResponse {
        let ext = (name as NSString).pathExtension.lowercased()
        let kindName = (name as NSString).deletingPathExtension
        guard let format = ["png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"][ext] else {
            throw LiveFailure(message: "figure \(LiveResponse.quoted(name)) needs a format: ask for figure/KIND.png, .svg or .pdf.")
        }
        let command = try FigureCommand.parse([kindName] + Self.arguments(parameters, allowed: Self.figureKeys.union(Self.pageKeys)))
        guard let kind = FigureKind(rawValue: kindName) else { throw LiveFailure(message: "unknown figure kind \(kindName)") }
        try Self.checkLimits(command.training)
        if command.grid > LiveLimits.maximumGrid {
            throw LiveFailure(message: "grid must be at most \(LiveLimits.maximumGrid) here, got \(command.grid); descent figure draws finer grids.")
        }
        if let lrs = command.lrs, lrs.split(separator: ",").count > 12 {
            throw LiveFailure(message: "lrs may list at most 12 learning rates here.")
        }
        let style = try command.style.style()
        try Self.checkSize(style.size)
        let spec = try command.spec(kind)
        try spec.validate()
        let store = try await LectureFigures.train([spec], catalog: catalog)
        let product = try LectureFigures.make(spec, style: style, store: store)
        let data: Data
        switch ext {
        case "png": data = try product.figure.pngData(options: style.pngOptions(title: product.figure.title, description: product.summary))
        case "svg": data = try product.figure.svgData(text: command.svgText)
        default: data = try product.figure.pdfData()
        }
        return LiveResponse(status: 200, contentType: format, body: Array(data), filename: "\(kind.rawValue).\(ext)")
    }

    /// The build file (`descent build FILE.yaml`) whose kit draws this view's figures with this run.
    private func yaml(_ parameters: [String: String]) throws -> LiveResponse {
        let options = try LiveViewOptions.parse(try Self.arguments(parameters, allowed: Self.viewKeys.union(Self.pageKeys)))
        let training = options.training
        let model = try training.singleModel(for: "the view")
        guard model == .linear || model == .cubic else {
            throw LiveFailure(message: "degree: a build file trains the linear and cubic models only; choose model linear or cubic to export the build file.")
        }
        if let beta = training.beta, beta != 0.9 {
            throw LiveFailure(message: "beta: a build file's momentum uses β = 0.9; set beta to 0.9 to export the build file.")
        }
        let configuration = try training.configuration(for: model)
        let style = try options.look.style()
        let other = model == .linear ? "cubic" : "linear"
        var lines = [
            "# Rebuilds the view of descent live: descent build view.yaml",
            "output: output",
            "models:",
            "  \(model.name):",
            "    optimizer: \(training.optimizer?.rawValue ?? configuration.optimizer.name)",
            "    learning_rate: \(configuration.learningRate)",
            "    epochs: \(configuration.maxEpochs)",
            "    init: [\(configuration.initialParameters.map { "\($0)" }.joined(separator: ", "))]",
            "    stop: \(configuration.stopRule.name)",
        ]
        if case .tolerance(let tolerance) = configuration.stopRule { lines.append("    tolerance: \(tolerance)") }
        if case .minibatch(let size) = configuration.optimizer { lines.append("    batch_size: \(size)") }
        if let schedule = training.schedule {
            lines.append("    schedule: \(schedule.rawValue)")
            if let every = training.scheduleStepEvery { lines.append("    schedule_step_every: \(every)") }
            if let gamma = training.scheduleGamma { lines.append("    schedule_gamma: \(gamma)") }
            if let warmup = training.warmupEpochs { lines.append("    warmup_epochs: \(warmup)") }
        }
        lines += [
            "    seed: \(configuration.seed)",
            "    shuffle: \(configuration.shuffle)",
            "  \(other): false",
            "figures:",
            "  kinds: [fit, loss, training, landscape]",
            "  formats: [png, svg, pdf]",
            "  size: \(options.look.size)",
            "  dpi: \(OptionWording.number(style.dpi))",
            "  themes: [\(options.look.theme.rawValue)]",
            "  languages: [\(style.language.rawValue)]",
            "frames:",
            "  enabled: false",
            "report:",
            "  html: report.html",
            "  markdown: false",
            "  handout: false",
            "  slides: false",
        ]
        return LiveResponse(status: 200, contentType: "application/yaml; charset=utf-8",
                            body: Array((lines.joined(separator: "\n") + "\n").utf8), filename: "view.yaml")
    }

    // MARK: Shared

    /// Trains through the run store (a figure never trains itself), within ``LiveLimits``.
    private func train(_ training: TrainingOptions) async throws -> TrainedModel {
        try Self.checkLimits(training)
        let model = try training.singleModel(for: "the API")
        let request = RunRequest(try training.configuration(for: model))
        return try await RunStore.train([request], catalog: catalog).model(request)
    }

    /// The static picture of the view's model, plane, look and start, from the cache or drawn from
    /// the model's notebook run (so a new learning rate, optimizer or schedule only retrains).
    private func explorerPicture(_ options: LiveViewOptions, trained: TrainedModel) async throws -> (String, ExplorerPicture) {
        let model = trained.model
        let start = trained.history.configuration.initialParameters
        let key = [model.name, options.params ?? "", options.look.theme.rawValue, options.look.language.rawValue,
                   options.look.size, "\(options.look.dpi)", start.map { "\($0)" }.joined(separator: ",")].joined(separator: "|")
        if let cached = await pictures.picture(key: key) { return cached }
        var reference = TrainingConfiguration.notebook(for: model)
        reference.maxEpochs = min(reference.maxEpochs, LiveLimits.maximumEpochs)
        let request = RunRequest(reference)
        let notebook = try await RunStore.train([request], catalog: catalog).model(request)
        var style = try options.look.style()
        style.size = try FigureSize(width: 1250, height: 500)
        let plane = LandscapeOptions(parameters: options.params.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                                     gridSize: 200)
        let picture = try ExplorerPicture(reference: notebook, style: style, plane: plane, covering: [start], drawsStart: false)
        return await pictures.insert(key: key, picture: picture)
    }

    /// The query as `descent` arguments, `--key=value` (a flag `--key` for `1`, `true` or nothing).
    static func arguments(_ parameters: [String: String], allowed: Set<String>) throws -> [String] {
        var arguments: [String] = []
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
            guard allowed.contains(key) else {
                let shown = allowed.subtracting(pageKeys).sorted().joined(separator: ", ")
                throw LiveFailure(message: "unknown parameter \(LiveResponse.quoted(key)); this endpoint takes \(shown).")
            }
            if pageKeys.contains(key) { continue }
            let option = key == "batch" ? "batch-size" : key
            if flags.contains(key) {
                switch value.lowercased() {
                case "", "1", "true": arguments.append("--\(option)")
                case "0", "false": break
                default: throw LiveFailure(message: "\(key) is a switch: give \(key)=true or \(key)=false, got \(LiveResponse.quoted(value)).")
                }
            } else {
                guard !value.isEmpty else { throw LiveFailure(message: "\(key) is empty: give a value, or leave the parameter out for the default.") }
                arguments.append("--\(option)=\(value)")
            }
        }
        return arguments
    }

    /// The limits that keep one request within about a second.
    static func checkLimits(_ training: TrainingOptions) throws {
        let model = try training.models().first ?? .linear
        let epochs = training.epochs ?? TrainingConfiguration.notebook(for: model).maxEpochs
        guard epochs <= LiveLimits.maximumEpochs else {
            throw LiveFailure(message: "epochs must be at most \(LiveLimits.maximumEpochs) here, got \(epochs); descent train runs longer.")
        }
        let updates = epochs * Dataset.notebook.count
        guard updates <= LiveLimits.maximumUpdates else {
            throw LiveFailure(message: "epochs × samples (\(updates) updates) must be at most \(LiveLimits.maximumUpdates) here; give fewer epochs.")
        }
    }

    static func checkSize(_ size: FigureSize) throws {
        guard size.width <= LiveLimits.maximumWidth, size.height <= LiveLimits.maximumHeight else {
            throw LiveFailure(message: "size must be at most \(LiveLimits.maximumWidth)x\(LiveLimits.maximumHeight) here, got \(size.width)x\(size.height).")
        }
    }

    private static func pixelCoordinate(_ text: String?, name: String) throws -> Double {
        guard let text else { throw LiveFailure(message: "\(name) is missing: give the clicked pixel as x=… and y=… in the picture's pixels.") }
        guard let value = Double(text), value.isFinite else {
            throw LiveFailure(message: "\(name) \(LiveResponse.quoted(text)) is not a number; give the clicked pixel in the picture's pixels.")
        }
        return value
    }

    /// A command-line message in the API's words: `--batch-size` is `batch`, `--lr` is `lr`.
    static func apiWording(_ message: String) -> String {
        var text = message.replacingOccurrences(of: "--batch-size", with: "batch")
        for key in figureKeys.sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: "--\(key)", with: key)
        }
        return text
    }
}

/// A bad request, worded for the API.
struct LiveFailure: Error {
    let message: String
}

/// `/api/run`'s options: `descent train`'s training options.
struct LiveRunOptions: ParsableArguments {
    @OptionGroup var training: TrainingOptions
}

/// `/api/view`'s options: the run, its look and the landscape's plane.
struct LiveViewOptions: ParsableArguments {
    @OptionGroup var training: TrainingOptions
    @OptionGroup var look: LookOptions

    @Option(help: "The landscape's two parameters, e.g. w1,w3.")
    var params: String?

    func validate() throws {
        guard training.data == nil else { throw ValidationError("the API trains on the built-in data only.") }
        let size = try FigureSize(parsing: look.size)
        do { try LiveAPI.checkSize(size) } catch let failure as LiveFailure { throw ValidationError(failure.message) }
    }
}

/// The static pictures of recent views, by key, and their PNGs by id (at most 48).
actor PictureCache {
    private var byKey: [String: (id: String, picture: ExplorerPicture)] = [:]
    private var order: [String] = []

    func picture(key: String) -> (String, ExplorerPicture)? {
        byKey[key].map { ($0.id, $0.picture) }
    }

    func insert(key: String, picture: ExplorerPicture) -> (String, ExplorerPicture) {
        if let existing = byKey[key] { return (existing.id, existing.picture) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let id = String(hash, radix: 16)
        byKey[key] = (id, picture)
        order.append(key)
        if order.count > 48 { byKey[order.removeFirst()] = nil }
        return (id, picture)
    }

    func png(id: String) -> Data? {
        byKey.values.first { $0.id == id }?.picture.png
    }
}

private struct ViewPayload: Encodable {
    let picture: String
    let width: Int
    let height: Int
    let frame: ExplorerFrame
    let frames: ExplorerFrames
    let planeParameters: [String]
    let parameterNames: [String]
    let loss: LossPayload
    let learningRate: Double
    let stableLimit: Double
    let diverged: Bool
    let epochsRun: Int
    let initial: String
    let epochs: Int
    let seed: UInt64
    let optimizer: String
    let batch: Int
    let beta: Double
    let schedule: String
    let words: LiveWords
}

private struct LossPayload: Encodable {
    let picture: String
    let width: Int
    let height: Int
    let clip: [Double]
    let points: [String]
}
