import ArgumentParser
import Foundation
import Plotting
import Reporting
import Training

/// `descent figure KIND`: draws one of the lecture's figures.
struct FigureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Draw one lecture figure as PNG, SVG or PDF.",
        discussion: """
            Kinds: \(FigureKind.allCases.map(\.rawValue).joined(separator: ", ")).
            The output format follows the extension of --out (png, svg or pdf).

            Examples:
              descent figure fit --out fit.png
              descent figure fit --model both --residuals --labels --theme dark \\
                  --out fit.svg
              descent figure landscape --range-w -2:2 --range-b -2:2 --out l.png
              descent figure landscape --out landscape.svg --svg-text paths
              descent figure landscape --surface rosenbrock --init -1.5,2 --lr 0.001 \\
                  --epochs 500 --out rosenbrock.png
              descent figure landscape --model mlp --hidden 8 --optimizer adam \\
                  --lr 0.01 --epochs 2000 --directions pca --out mlp.png
              descent figure interpolation --model mlp --optimizer adam --lr 0.01 \\
                  --out line.png
            """
    )

    @Argument(help: ArgumentHelp("The figure to draw.", valueName: "kind"))
    var kindName: String

    @OptionGroup var training: TrainingOptions
    @OptionGroup var style: StyleOptions

    @Option(help: "Output file: .png, .svg or .pdf. Default: KIND.png in the current folder.")
    var out: String?

    @Option(name: .customLong("svg-text"), help: "SVG only: text (labels stay editable <text> in DejaVu Sans, the default) or paths (Cairo's glyph outlines: exact letter shapes without the fonts installed, not editable, several times larger).")
    var svgText: SVGTextMode = .text

    @Flag(help: "fit: draw each point's vertical error to the first model's prediction.")
    var residuals = false

    @Flag(help: "fit: write each point's label (the people's names) beside it.")
    var labels = false

    @Flag(help: "loss, lr-sweep: logarithmic MSE axis; parameters: logarithmic gradient-norm axis (also chosen when the norms span two decades).")
    var log = false

    @Option(parsing: .unconditional, help: "training, slice, sgd-noise, chain-rule: the epoch to show (0 = the start, which --init sets). Default: the last for training, 0 for slice, sgd-noise and chain-rule.")
    var epoch: Int?

    @Option(parsing: .unconditional, help: "landscape, gradient-field, surface, sgd-noise: the two parameters spanning the plane, e.g. w1,w3 (others held at their final values). Default: w,b (linear), w1,w3 (cubic: x and x³ are correlated, so that plane shows the long narrow valley).")
    var params: String?

    @Flag(help: "landscape: use the plane of the path's first two principal directions (axes pc1, pc2 with the share of the path's variance; --grid-csv header pc1,pc2,mse).")
    var pca = false

    @Option(help: "landscape with --model mlp: the plane through the final parameters: random (two filter-normalised random directions, seeded with --seed) or pca (the path's first two principal directions). Default: random.")
    var directions: NetworkDirections?

    @Flag(help: "landscape: use the unnormalised data (raw units) instead of z-scores.")
    var raw = false

    @Option(parsing: .unconditional, help: "landscape, normalization, compare, gradient-field, surface: grid points per side, 2...4096.")
    var grid: Int = 400

    @Option(help: "landscape, normalization, compare: equal (one unit as long on both axes, so the bowl's circles stay round) or fill (each axis fills the panel). Default: equal on z-scored data, fill with --raw.")
    var aspect: LandscapeOptions.Aspect?

    @Option(name: .customLong("range-w"), parsing: .unconditional, help: "landscape, gradient-field, surface: range LOW:HIGH of w (linear).")
    var rangeW: String?

    @Option(name: .customLong("range-b"), parsing: .unconditional, help: "landscape, gradient-field, surface: range LOW:HIGH of b.")
    var rangeB: String?

    @Option(name: .customLong("range-w1"), parsing: .unconditional, help: "landscape, gradient-field, surface: range LOW:HIGH of w1 (cubic).")
    var rangeW1: String?

    @Option(name: .customLong("range-w2"), parsing: .unconditional, help: "landscape, gradient-field, surface: range LOW:HIGH of w2 (cubic).")
    var rangeW2: String?

    @Option(name: .customLong("range-w3"), parsing: .unconditional, help: "landscape, gradient-field, surface: range LOW:HIGH of w3 (cubic).")
    var rangeW3: String?

    @Option(parsing: .unconditional, help: SurfaceCommandLine.help)
    var surface: String?

    @Option(name: .customLong("range-x"), parsing: .unconditional, help: "--surface (landscape, surface, gradient-field, compare): range LOW:HIGH of x. Default: the named surface's window (-3:3 for a formula), widened to the path.")
    var rangeX: String?

    @Option(name: .customLong("range-y"), parsing: .unconditional, help: "--surface (landscape, surface, gradient-field, compare): range LOW:HIGH of y.")
    var rangeY: String?

    @Option(name: .customLong("grid-csv"), help: "landscape: also write the grid as CSV (header <P1>,<P2>,mse, e.g. w,b,mse; pc1,pc2,mse with --pca; x,y,loss with --surface, nan where f is undefined), one row per grid point, P2 outer and P1 inner, numbers in shortest round-trip form.")
    var gridCSV: String?

    @Option(parsing: .unconditional, help: "lr-sweep: learning rates to compare, comma separated. Default: fractions and multiples of the stable limit 2/λmax.")
    var lrs: String?

    @Option(help: "slice: the parameter to vary, others fixed. Default: the first (w or w1). The step arrow uses --lr (default 0.05, so the step is visible).")
    var param: String?

    @Option(help: "step: the worked example; 'lecture' is the slides' y = w·x², point (2, 8).")
    var example: String = "lecture"

    @Option(parsing: .unconditional, help: "step: the starting weight w0 (default 1).")
    var w0: Double = 1

    @Option(parsing: .unconditional, help: "step: the number of gradient steps (1...20, default 3). The step's learning rate is --lr (default 0.05).")
    var steps: Int = 3

    @Option(parsing: .unconditional, help: "surface: the camera's elevation above the floor in degrees, 5...90.")
    var elev: Double = 30

    @Option(parsing: .unconditional, help: "surface: the camera's azimuth in degrees (-60 looks from the front left, as matplotlib).")
    var azim: Double = -60

    @Option(help: "chain-rule: the sample followed, a name from the data (Oliver) or a row number from 1. Default: the first row. The parameters are those of --epoch (default 0, the start).")
    var sample: String?

    @Option(parsing: .unconditional, help: "degree-sweep: the degrees whose fits are drawn over the data, comma separated, each 1...8 (at most six). Default: 1,3,8.")
    var degrees: String?

    @Option(help: "degree-sweep: also write its table as CSV (header degree,train_mse_cm2,loo_mse_cm2 for the notebook's heights in cm), numbers in shortest round-trip form.")
    var csv: String?

    @Option(help: "compare: models (linear vs cubic; the default) or optimizers (sgd, gd, momentum and adam on one landscape; gd, momentum and adam with --surface, where optimizers is the default).")
    var compare: CompareChoice?

    func validate() throws {
        guard FigureKind(rawValue: kindName) != nil else {
            var message = "unknown figure kind '\(kindName)'"
            if let suggestion = FigureKind.suggestion(for: kindName) { message += "; did you mean \(suggestion.rawValue)?" }
            message += " Kinds: \(FigureKind.allCases.map(\.rawValue).joined(separator: ", "))."
            throw ValidationError(message)
        }
        guard example == "lecture" else {
            throw ValidationError("--example '\(example)' is unknown: the only worked example is 'lecture'.")
        }
        _ = try parsedRanges()
        _ = try parsedLearningRates()
        _ = try parsedDegrees()
        if directions != nil, training.model != .mlp || kindName != FigureKind.landscape.rawValue {
            throw ValidationError("--directions chooses the plane of a network's landscape; use it with 'descent figure landscape --model mlp' (a polynomial's plane is --params or --pca).")
        }
        if training.model == .mlp {
            guard [FigureKind.landscape, .interpolation, .chainRule].map(\.rawValue).contains(kindName) else {
                throw ValidationError("--model mlp draws the landscape, interpolation and chain-rule figures; use --model linear, cubic or both for '\(kindName)'.")
            }
            if let flag = [("--params", params != nil), ("--pca", pca), ("--raw", raw),
                           ("--range-*", [rangeW, rangeB, rangeW1, rangeW2, rangeW3].contains { $0 != nil })].first(where: \.1)?.0 {
                throw ValidationError("\(flag) does not apply to --model mlp: a network's plane is --directions random or pca, on z-scored data.")
            }
        }
        if csv != nil, kindName != FigureKind.degreeSweep.rawValue {
            throw ValidationError("--csv writes the degree sweep's table; use it with 'descent figure degree-sweep'.")
        }
        if let out {
            guard !out.isEmpty else { throw ValidationError("--out is empty: give the figure's file name, e.g. --out fit.png.") }
            let ext = (out as NSString).pathExtension.lowercased()
            guard ["png", "svg", "pdf"].contains(ext) else {
                throw ValidationError("--out '\(out)' has an unknown format '\(ext)': use a .png, .svg or .pdf file name.")
            }
        }
    }

    func run() async throws {
        guard let kind = FigureKind(rawValue: kindName) else { return }
        let spec = try figureSpec(kind)
        try spec.validate()  // before reading the data, which may be large
        let catalog = try DataCatalog(dataset: try training.dataset())
        let store = try await LectureFigures.train([spec], catalog: catalog)
        let product = try LectureFigures.make(spec, style: try style.style(), store: store)
        if let csv, let table = product.tableCSV() {
            try AtomicFile.write(data: Data(table.utf8), to: URL(fileURLWithPath: csv))
        }
        if let gridCSV, let grid = product.gridCSV() {
            try AtomicFile.write(data: Data(grid.utf8), to: URL(fileURLWithPath: gridCSV))
        }
        let destination = out ?? "\(kind.rawValue).png"
        let options = try style.style().pngOptions(title: product.figure.title, description: product.summary)
        try product.figure.write(to: URL(fileURLWithPath: destination), pngOptions: options, svgText: svgText)
        print("Wrote \(destination): \(product.summary)")
    }

    /// The figure these options describe, on `--surface` or a model.
    func figureSpec(_ kind: FigureKind) throws -> FigureSpec {
        try surface.map { try surfaceSpec($0, kind: kind) } ?? spec(kind)
    }

    /// The figure these options describe for a model.
    func spec(_ kind: FigureKind) throws -> FigureSpec {
        if rangeX != nil || rangeY != nil {
            throw ToolFailure.usage("--range-x and --range-y set the window of a --surface; give --surface NAME|FORMULA, or --range-w, --range-b … for a model's plane.")
        }
        if let network = try training.network() {
            let run = try training.configuration(network: network)
            if kind == .interpolation { return .interpolation(InterpolationSpec(run: run)) }
            if kind == .chainRule { return .chainRule(ChainRuleSpec(run: run, sample: sample, epoch: epoch ?? 0)) }
            return .landscape(LandscapeSpec(run: run, plane: LandscapeOptions(principalPlane: directions == .pca, gridSize: grid, aspect: aspect)))
        }
        let runs = try training.models().map { try training.configuration(for: $0) }
        guard let first = runs.first else { throw ReportingError.needsModel(kind: kind) }
        let showsOne: Set<FigureKind> = [.training, .landscape, .normalization, .slice, .schedules, .chainRule, .overshoot, .gradientField, .sgdNoise, .optimizerState, .surface, .interpolation]
        if runs.count > 1 && (showsOne.contains(kind) || (kind == .compare && compare == .optimizers)) {
            throw ReportingError.kindShowsOneModel(kind: kind, count: runs.count)
        }
        let plane = LandscapeOptions(parameters: params.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                                     principalPlane: pca, ranges: try parsedRanges(), gridSize: grid, aspect: aspect)
        switch kind {
        case .fit: return .fit(FitSpec(runs: runs, residuals: residuals, labels: labels))
        case .loss: return .loss(LossSpec(runs: runs, logScale: log))
        case .training: return .training(TrainingViewSpec(run: first, epoch: epoch, logScale: log))
        case .landscape: return .landscape(LandscapeSpec(run: first, plane: plane, raw: raw))
        case .normalization: return .normalization(NormalizationSpec(run: first, plane: plane))
        case .lrSweep:
            return .lrSweep(LearningRateSweepSpec(runs: runs, learningRates: try parsedLearningRates(),
                                                  optimizer: training.optimizer == nil ? nil : first.optimizer,
                                                  stopRule: training.stop == nil ? nil : first.stopRule, logScale: log))
        case .slice:
            return .slice(SliceSpec(run: first, parameter: param, epoch: epoch ?? 0,
                                    learningRate: training.learningRate ?? SliceSpec.defaultLearningRate, raw: raw))
        case .step:
            return .step(StepSpec(initialWeight: w0, learningRate: training.learningRate ?? StepSpec().learningRate, steps: steps))
        case .compare:
            switch compare ?? .models {
            case .models: return .compareModels(CompareModelsSpec(completing: runs))
            case .optimizers: return .compareOptimizers(CompareOptimizersSpec(base: first, plane: plane, raw: raw))
            }
        case .overshoot: return .overshoot(OvershootSpec(run: first))
        case .gradientField: return .gradientField(GradientFieldSpec(run: first, plane: plane))
        case .optimizerState: return .optimizerState(OptimizerStateSpec(run: first))
        case .surface: return .surface(SurfaceSpec(run: first, plane: plane, elevation: elev, azimuth: azim))
        case .sgdNoise: return .sgdNoise(GradientNoiseSpec(run: first, parameters: plane.parameters, epoch: epoch ?? 0))
        case .parameters: return .parameters(ParametersSpec(runs: runs, logScale: log))
        case .residuals: return .residuals(ResidualsSpec(runs: runs))
        case .chainRule: return .chainRule(ChainRuleSpec(run: first, sample: sample, epoch: epoch ?? 0))
        case .degreeSweep: return .degreeSweep(DegreeSweepSpec(shownDegrees: try parsedDegrees() ?? DegreeSweepSpec.defaultShownDegrees))
        case .schedules:
            return .schedules(SchedulesSpec(base: first, optimizer: training.optimizer == nil ? nil : first.optimizer,
                                            learningRate: training.learningRate))
        case .interpolation: return .interpolation(InterpolationSpec(run: first))
        }
    }

    /// The kinds that draw a `--surface` (`compare` with `--compare optimizers`).
    static let surfaceKinds: [FigureKind] = [.landscape, .surface, .gradientField, .compare]

    /// `--surface` with `landscape`, `surface`, `gradient-field` or `compare --compare optimizers`;
    /// other kinds and the options of a model's plane are refused.
    private func surfaceSpec(_ text: String, kind: FigureKind) throws -> FigureSpec {
        guard Self.surfaceKinds.contains(kind) else {
            throw ToolFailure.usage("--surface does not apply to '\(kind.rawValue)', which draws a model on data: --surface works with the kinds "
                                    + "landscape, surface, gradient-field and compare --compare optimizers (and descent frames).")
        }
        if kind == .compare, compare == .models {
            throw ToolFailure.usage("--surface with compare needs --compare optimizers: a surface has no models to compare.")
        }
        let planeOptions: [(String, Bool)] = [("--params", params != nil), ("--pca", pca), ("--raw", raw), ("--range-w", rangeW != nil),
                                              ("--range-b", rangeB != nil), ("--range-w1", rangeW1 != nil), ("--range-w2", rangeW2 != nil),
                                              ("--range-w3", rangeW3 != nil)]
        if let flag = planeOptions.first(where: \.1)?.0 {
            throw ToolFailure.usage("\(flag) chooses a plane of a model's parameters and does not apply to --surface, whose plane is (x, y): "
                                    + "set its window with --range-x and --range-y.")
        }
        let run = try SurfaceCommandLine.run(text, training: training)
        let ranges = try parsedRanges()
        let landscape = SurfaceLandscapeSpec(run: run, xRange: ranges["x"], yRange: ranges["y"], gridSize: grid, aspect: aspect)
        switch kind {
        case .surface: return .surfaceMesh(SurfaceMeshSpec(landscape: landscape, elevation: elev, azimuth: azim))
        case .gradientField: return .surfaceGradientField(SurfaceGradientFieldSpec(landscape: landscape))
        case .compare: return .surfaceCompare(SurfaceCompareSpec(landscape: landscape))
        default: return .surfaceLandscape(landscape)
        }
    }

    /// The `--range-*` options as closed ranges by parameter name.
    private func parsedRanges() throws -> [String: ClosedRange<Double>] {
        var ranges: [String: ClosedRange<Double>] = [:]
        let options = [("w", rangeW), ("b", rangeB), ("w1", rangeW1), ("w2", rangeW2), ("w3", rangeW3), ("x", rangeX), ("y", rangeY)]
        for case let (name, text?) in options {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let low = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                  let high = Double(parts[1].trimmingCharacters(in: .whitespaces)),
                  low.isFinite, high.isFinite, low < high else {
                throw ValidationError("--range-\(name) '\(text)' is not a range: write LOW:HIGH with finite numbers and LOW < HIGH, e.g. -2:2.")
            }
            ranges[name] = low...high
        }
        return ranges
    }

    /// `--degrees` as whole numbers in 1...8.
    private func parsedDegrees() throws -> [Int]? {
        guard let degrees else { return nil }
        return try degrees.split(separator: ",", omittingEmptySubsequences: false).map { field in
            let text = field.trimmingCharacters(in: .whitespaces)
            guard let value = Int(text), (1...DegreeSweepSpec.maximumDegree).contains(value) else {
                throw ValidationError("--degrees value '\(text)' is not a degree from 1 to 8; give comma-separated whole numbers such as 1,3,8.")
            }
            return value
        }
    }

    /// `--lrs` as numbers, each finite and positive.
    private func parsedLearningRates() throws -> [Double]? {
        guard let lrs else { return nil }
        return try lrs.split(separator: ",", omittingEmptySubsequences: false).map { field in
            let text = field.trimmingCharacters(in: .whitespaces)
            guard let value = Double(text), value.isFinite, value > 0 else {
                throw ValidationError("--lrs value '\(text)' is not a positive finite learning rate; give comma-separated numbers such as 0.01,0.1,0.5.")
            }
            return value
        }
    }
}
