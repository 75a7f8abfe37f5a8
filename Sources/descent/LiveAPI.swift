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

    /// The query keys of a run; `batch` stands for `--batch-size`, `surface` is `--surface NAME|FORMULA`.
    static let trainingKeys: Set<String> = [
        "model", "hidden", "degree", "optimizer", "lr", "epochs", "init", "schedule", "schedule-step-every", "schedule-gamma",
        "warmup-epochs", "stop", "tol", "batch", "beta", "seed", "no-shuffle", "surface",
    ]
    /// The look of a picture.
    static let lookKeys: Set<String> = ["theme", "lang", "size", "dpi"]
    /// The plane of the view's landscape.
    static let viewKeys = trainingKeys.union(lookKeys).union(["params"])
    /// `descent figure`'s options that name no file.
    static let figureKeys = trainingKeys.union(lookKeys).union([
        "title", "subtitle", "x-label", "y-label", "svg-text", "residuals", "labels", "log", "epoch", "params", "pca", "raw",
        "grid", "aspect", "range-w", "range-b", "range-w1", "range-w2", "range-w3", "lrs", "param", "w0", "steps", "elev",
        "azim", "sample", "degrees", "compare", "directions", "range-x", "range-y",
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
                return .error(400, Self.apiWording(Self.parserWording(DescentCommand.oneLine(LiveRunOptions.message(for: error)))))
            }
            throw error
        }
    }

    // MARK: Endpoints

    /// `{"history": [{epoch, <parameters>, mse, mae_cm, grad_norm, lr}, …]}` with the numbers of
    /// `descent train --history h.csv`, character for character; with `surface`, the rows of
    /// `descent train --surface … --history h.csv` (`epoch, x, y, loss, grad_norm`).
    private func run(_ parameters: [String: String]) async throws -> LiveResponse {
        let options = try LiveRunOptions.parse(try Self.arguments(parameters, allowed: Self.trainingKeys.union(Self.pageKeys)))
        let columns: [String], rows: [[String]]
        if let surface = options.surface {
            // The CSV's own lines: every number as `descent train --surface --history` writes it.
            let lines = try await descend(surface, options.training).csv().split(separator: "\n")
            columns = lines[0].split(separator: ",").map(String.init)
            rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        } else {
            let history = try await train(options.training).history
            columns = history.csvColumns
            rows = history.epochs.map(history.csvFields)
        }
        let keys = columns.map(LiveResponse.jsonString)
        let objects = rows.map { fields in "{" + zip(keys, fields).map { "\($0):\($1)" }.joined(separator: ",") + "}" }
        return .json("{\"history\":[\n" + objects.joined(separator: ",\n") + "\n]}\n")
    }

    /// The loss panel's text scale: the page shows the 560×360 picture about 370 px wide, where
    /// the size's own scale (1/3) gave 6 px tick labels; at 0.6 they are about 10 px.
    static let lossPanelScale = 0.6

    /// The explorer's view of one run: the cached static picture's address and overlay frame, the
    /// per-epoch curve, path and numbers, the loss panel, the stable limit and the page's words.
    private func view(_ parameters: [String: String]) async throws -> LiveResponse {
        let options = try LiveViewOptions.parse(try Self.arguments(parameters, allowed: Self.viewKeys.union(Self.pageKeys)))
        if let surface = options.surface { return try await surfaceView(surface, options) }
        let trained = try await train(options.training)
        let (id, picture) = try await explorerPicture(options, trained: trained)
        var lossStyle = try options.look.style()
        lossStyle.size = try FigureSize(width: 560, height: 360)
        lossStyle.metricsScale = Self.lossPanelScale
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
            schedule: options.training.schedule?.rawValue ?? "constant", surface: nil,
            words: LiveWords(language: style.language, stableLimit: limit))
        return try Self.json(view)
    }

    /// The view of a descent on a surface: its landscape (cached by surface, start and look),
    /// the path and numbers of each epoch, `f` per epoch, and the stable limit `2/λmax` of the
    /// exact Hessian at the surface's first known minimum (none for a formula or the saddle).
    private func surfaceView(_ surface: String, _ options: LiveViewOptions) async throws -> LiveResponse {
        let history = try await descend(surface, options.training)
        let run = history.run
        let (id, picture) = try await surfacePicture(run, options)
        var lossStyle = try options.look.style()
        lossStyle.size = try FigureSize(width: 560, height: 360)
        lossStyle.metricsScale = Self.lossPanelScale
        let loss = try ExplorerLossPanel(surface: history, style: lossStyle)
        let style = try options.look.style()
        let limit = run.surface.minima.first.map { minimum -> Double in
            let h = run.surface.dual(x: minimum.x, y: minimum.y)
            let largest = (h.hxx + h.hyy) / 2 + (((h.hxx - h.hyy) / 2) * ((h.hxx - h.hyy) / 2) + h.hxy * h.hxy).squareRoot()
            return 2 / largest
        }.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        let view = ViewPayload(
            picture: "/api/picture/\(id).png", width: picture.width, height: picture.height, frame: picture.frame,
            frames: picture.frames(of: history), planeParameters: ["x", "y"], parameterNames: ["x", "y"],
            loss: LossPayload(picture: "data:image/png;base64," + loss.png.base64EncodedString(), width: loss.width,
                              height: loss.height, clip: loss.clip, points: loss.points),
            learningRate: run.learningRate, stableLimit: limit, diverged: history.diverged, epochsRun: history.final.epoch,
            initial: "\(run.startX),\(run.startY)", epochs: run.epochs, seed: nil, optimizer: run.optimizer.name,
            batch: nil, beta: { if case .momentum(let beta) = run.optimizer { return beta } else { return 0.9 } }(),
            schedule: options.training.schedule?.rawValue ?? "constant", surface: surface,
            words: LiveWords(language: style.language, stableLimit: limit))
        return try Self.json(view)
    }

    private static func json(_ value: some Encodable) throws -> LiveResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return LiveResponse(status: 200, contentType: "application/json; charset=utf-8", body: Array(try encoder.encode(value)))
    }

    /// `{"init": "w,b"}`: the start at the landscape's pixel (`x`, `y`) of the view the other
    /// parameters describe, from Descent's own axes.
    private func start(_ parameters: [String: String]) async throws -> LiveResponse {
        var rest = parameters
        let x = try Self.pixelCoordinate(rest.removeValue(forKey: "x"), name: "x")
        let y = try Self.pixelCoordinate(rest.removeValue(forKey: "y"), name: "y")
        let options = try LiveViewOptions.parse(try Self.arguments(rest, allowed: Self.viewKeys.union(Self.pageKeys)))
        if let surface = options.surface {
            let run = try SurfaceCommandLine.run(surface, training: options.training)
            guard let point = try await surfacePicture(run, options).1.point(atPixel: x, y: y) else {
                throw LiveFailure(message: "x, y (\(x), \(y)) is outside the landscape's plot area; click inside the landscape.")
            }
            return .json("{\"init\":\(LiveResponse.jsonString([point.x, point.y].map { "\(Self.typed($0))" }.joined(separator: ",")))}\n")
        }
        let trained = try await train(options.training)
        let (_, picture) = try await explorerPicture(options, trained: trained)
        guard let values = picture.parameters(atPixel: x, y: y, keeping: trained.history.configuration.initialParameters) else {
            throw LiveFailure(message: "x, y (\(x), \(y)) is outside the landscape's plot area; click inside the landscape.")
        }
        // The clicked two rounded to 4 significant digits, as a person would type them.
        let start = trained.history.configuration.initialParameters
        let rounded = values.enumerated().map { index, value in
            index < start.count && start[index] == value ? value : Self.typed(value)
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
        if let surface = command.surface {
            guard FigureCommand.surfaceKinds.contains(kind) else {
                let kinds = FigureCommand.surfaceKinds.map(\.rawValue).joined(separator: ", ")
                throw LiveFailure(message: "surface draws with the figures \(kinds) only: ask for figure/landscape.png (or .svg, .pdf).")
            }
            try Self.checkSurfaceLimits(try SurfaceCommandLine.run(surface, training: command.training))
        } else {
            try Self.checkLimits(command.training)
        }
        if command.grid > LiveLimits.maximumGrid {
            throw LiveFailure(message: "grid must be at most \(LiveLimits.maximumGrid) here, got \(command.grid); descent figure draws finer grids.")
        }
        // A network's landscape evaluates the whole network at every grid point.
        if command.surface == nil, let network = try command.training.network() {
            let most = Int((Double(LiveLimits.maximumNetworkGridWork) / Double(network.parameterCount)).squareRoot())
            if command.grid > most {
                throw LiveFailure(message: "grid must be at most \(most) here for \(network.hiddenUnits) hidden units, got \(command.grid); descent figure draws finer grids.")
            }
        }
        if let lrs = command.lrs, lrs.split(separator: ",").count > 12 {
            throw LiveFailure(message: "lrs may list at most 12 learning rates here.")
        }
        let style = try command.style.style()
        try Self.checkSize(style.size)
        let spec = try command.figureSpec(kind)
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
        guard options.surface == nil else {
            throw LiveFailure(message: "surface: a build file draws the lecture's models, not surfaces; export the landscape as PNG, SVG or PDF instead (figure/landscape.pdf with the same parameters).")
        }
        guard training.model != .mlp else {
            throw LiveFailure(message: "model: a build file trains the linear and cubic models only; choose model linear or cubic to export the build file.")
        }
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
        let request = RunRequest(try training.singleConfiguration(for: "the API"))
        return try await RunStore.train([request], catalog: catalog).model(request)
    }

    /// The descent on the surface `text` (`--surface`) with the query's optimizer, rate, epochs,
    /// schedule and start, within ``LiveLimits``.
    private func descend(_ text: String, _ training: TrainingOptions) async throws -> SurfaceHistory {
        let run = try SurfaceCommandLine.run(text, training: training)
        try Self.checkSurfaceLimits(run)
        return try await RunStore.train([], surfaces: [SurfaceRequest(run)], catalog: catalog).surfaceHistory(run)
    }

    /// The static landscape of `run`'s surface around its start, from the cache or drawn.
    private func surfacePicture(_ run: SurfaceRun, _ options: LiveViewOptions) async throws -> (String, SurfaceExplorerPicture) {
        let key = ["surface", run.surface.definition, options.look.theme.rawValue, options.look.language.rawValue,
                   options.look.size, "\(options.look.dpi)", "\(run.startX),\(run.startY)"].joined(separator: "|")
        if let cached = await pictures.surfacePicture(key: key) { return cached }
        var style = try options.look.style()
        style.size = try FigureSize(width: 700, height: 500)
        return await pictures.insert(key: key, surfacePicture: try SurfaceExplorerPicture(run: run, style: style))
    }

    /// The static picture of the view's model, plane, look and start, from the cache or drawn from
    /// the model's notebook run (so a new learning rate, optimizer or schedule only retrains).
    private func explorerPicture(_ options: LiveViewOptions, trained: TrainedModel) async throws -> (String, ExplorerPicture) {
        guard trained.network == nil else {
            throw LiveFailure(message: "model: the explorer draws the polynomials and surfaces; ask /api/run or /api/figure/landscape.png for model=mlp.")
        }
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
        let epochs: Int
        let network = try training.network()
        if let network {
            epochs = training.epochs ?? TrainingConfiguration.network(network).maxEpochs
        } else {
            epochs = try training.epochs ?? TrainingConfiguration.notebook(for: training.models().first ?? .linear).maxEpochs
        }
        guard epochs <= LiveLimits.maximumEpochs else {
            throw LiveFailure(message: "epochs must be at most \(LiveLimits.maximumEpochs) here, got \(epochs); descent train runs longer.")
        }
        let updates = epochs * Dataset.notebook.count
        guard updates <= LiveLimits.maximumUpdates else {
            throw LiveFailure(message: "epochs × samples (\(updates) updates) must be at most \(LiveLimits.maximumUpdates) here; give fewer epochs.")
        }
        // A network's update costs in proportion to its 3H + 1 parameters.
        if let network {
            let work = updates * network.parameterCount
            guard work <= LiveLimits.maximumParameterUpdates else {
                let most = LiveLimits.maximumParameterUpdates / (network.parameterCount * Dataset.notebook.count)
                throw LiveFailure(message: "epochs must be at most \(most) here for \(network.hiddenUnits) hidden units, got \(epochs); give fewer epochs or units.")
            }
        }
    }

    /// A surface's descent makes one update an epoch: the epoch limit alone.
    static func checkSurfaceLimits(_ run: SurfaceRun) throws {
        guard run.epochs <= LiveLimits.maximumEpochs else {
            throw LiveFailure(message: "epochs must be at most \(LiveLimits.maximumEpochs) here, got \(run.epochs); descent train runs longer.")
        }
    }

    /// A clicked coordinate rounded to 4 significant digits, as a person would type it.
    static func typed(_ value: Double) -> Double {
        Double(String(format: "%.4g", value)) ?? value
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
    /// swift-argument-parser's "The value 'X' is invalid for '--name <name>'" as the API says it:
    /// "name cannot be 'X'; …" (the option's own wording is for the command line).
    static func parserWording(_ message: String) -> String {
        let pattern = /The value '(?<value>.*)' is invalid for '(?:--)?(?<name>[a-z0-9-]+)(?: <[^>]*>)?'/
        guard let match = message.firstMatch(of: pattern) else { return message }
        return "\(match.name) cannot be '\(match.value)'; give a value of the kind descent train's (or descent figure's) option \(match.name) takes."
    }

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

    @Option(help: SurfaceCommandLine.help)
    var surface: String?
}

/// `/api/view`'s options: the run, its look and the landscape's plane.
struct LiveViewOptions: ParsableArguments {
    @OptionGroup var training: TrainingOptions
    @OptionGroup var look: LookOptions

    @Option(help: "The landscape's two parameters, e.g. w1,w3.")
    var params: String?

    @Option(help: SurfaceCommandLine.help)
    var surface: String?

    func validate() throws {
        guard training.data == nil else { throw ValidationError("the API trains on the built-in data only.") }
        let size = try FigureSize(parsing: look.size)
        do { try LiveAPI.checkSize(size) } catch let failure as LiveFailure { throw ValidationError(failure.message) }
    }
}

/// The static pictures of recent views, by key, and their PNGs by id (at most 48).
actor PictureCache {
    /// A model's explorer picture or a surface's.
    private enum Entry {
        case model(ExplorerPicture)
        case surface(SurfaceExplorerPicture)

        var png: Data {
            switch self {
            case .model(let picture): return picture.png
            case .surface(let picture): return picture.png
            }
        }
    }

    private var byKey: [String: (id: String, entry: Entry)] = [:]
    private var order: [String] = []

    func picture(key: String) -> (String, ExplorerPicture)? {
        guard let cached = byKey[key], case .model(let picture) = cached.entry else { return nil }
        return (cached.id, picture)
    }

    func surfacePicture(key: String) -> (String, SurfaceExplorerPicture)? {
        guard let cached = byKey[key], case .surface(let picture) = cached.entry else { return nil }
        return (cached.id, picture)
    }

    func insert(key: String, picture: ExplorerPicture) -> (String, ExplorerPicture) {
        let id = insert(key: key, entry: .model(picture))
        return self.picture(key: key) ?? (id, picture)
    }

    func insert(key: String, surfacePicture picture: SurfaceExplorerPicture) -> (String, SurfaceExplorerPicture) {
        let id = insert(key: key, entry: .surface(picture))
        return surfacePicture(key: key) ?? (id, picture)
    }

    /// Keeps `entry` under `key` (an earlier one wins) and gives its id; the oldest beyond 48 go.
    private func insert(key: String, entry: Entry) -> String {
        if let existing = byKey[key] { return existing.id }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let id = String(hash, radix: 16)
        byKey[key] = (id, entry)
        order.append(key)
        if order.count > 48 { byKey[order.removeFirst()] = nil }
        return id
    }

    func png(id: String) -> Data? {
        byKey.values.first { $0.id == id }?.entry.png
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
    /// 2/λmax; nil for a surface without a known minimum.
    let stableLimit: Double?
    let diverged: Bool
    let epochsRun: Int
    let initial: String
    let epochs: Int
    /// Nil for a surface (no samples to shuffle).
    let seed: UInt64?
    let optimizer: String
    /// Nil for a surface.
    let batch: Int?
    let beta: Double
    let schedule: String
    /// The `surface` parameter (a name or a formula), nil for a model.
    let surface: String?
    let words: LiveWords
}

private struct LossPayload: Encodable {
    let picture: String
    let width: Int
    let height: Int
    let clip: [Double]
    let points: [String]
}
