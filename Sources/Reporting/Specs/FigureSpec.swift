import Foundation
import Training

/// One lecture figure to draw: its kind and that kind's own options.
///
/// A spec says *what* to show (which runs, which options); ``FigureSpec/runRequests(_:)`` lists the
/// training runs it reads, ``RunStore`` trains them once, and ``LectureFigures/make(_:style:store:)``
/// draws the figure from the store. Each kind validates its own options (``FigureSpec/validate()``)
/// and throws ``ReportingError``s that name settings, not command-line flags.
public enum FigureSpec: Sendable, Hashable {
    /// The data with the fitted model(s) in original units.
    case fit(FitSpec)
    /// MSE per epoch with the closed-form minimum.
    case loss(LossSpec)
    /// The notebook's two-panel view (fit | MSE so far) at one epoch.
    case training(TrainingViewSpec)
    /// The MSE over two parameters with the optimizer's path.
    case landscape(LandscapeSpec)
    /// Raw vs z-scored landscapes side by side with the Hessian's numbers.
    case normalization(NormalizationSpec)
    /// Loss curves for several learning rates.
    case lrSweep(LearningRateSweepSpec)
    /// The loss along one parameter with the tangent and the step.
    case slice(SliceSpec)
    /// The slides' worked gradient step card.
    case step(StepSpec)
    /// Linear vs cubic fits and per-person errors.
    case compareModels(CompareModelsSpec)
    /// Several optimizers' paths on one landscape.
    case compareOptimizers(CompareOptimizersSpec)
    /// 1-D gradient descent along the Hessian's top eigenvector.
    case overshoot(OvershootSpec)
    /// The negative gradient as arrows over the contours.
    case gradientField(GradientFieldSpec)
    /// Every per-sample gradient at one point and the minibatch spread.
    case sgdNoise(GradientNoiseSpec)
    /// Momentum's and Adam's state over updates.
    case optimizerState(OptimizerStateSpec)
    /// The loss as a 3-D surface with the path.
    case surface(SurfaceSpec)
    /// Every parameter and the gradient norm against epochs.
    case parameters(ParametersSpec)
    /// Every learning-rate schedule on equal footing.
    case schedules(SchedulesSpec)
    /// Residuals against x, one panel per model.
    case residuals(ResidualsSpec)
    /// The overfitting U-curve over polynomial degrees.
    case degreeSweep(DegreeSweepSpec)
    /// One sample's chain rule, forward and backward, with the update.
    case chainRule(ChainRuleSpec)
    /// `landscape --surface`: a named test surface or a formula with a descent's path.
    case surfaceLandscape(SurfaceLandscapeSpec)
    /// `surface --surface`: a test surface or formula as a 3-D mesh with the path.
    case surfaceMesh(SurfaceMeshSpec)
    /// `gradient-field --surface`: the direction of `−∇f` and the Hessian's eigenvectors at the path's end.
    case surfaceGradientField(SurfaceGradientFieldSpec)
    /// `compare --compare optimizers --surface`: gd, momentum and Adam on a surface's landscape.
    case surfaceCompare(SurfaceCompareSpec)
    /// The loss on the straight line from a run's start to its end.
    case interpolation(InterpolationSpec)

    /// The kind, as `descent figure KIND` names it.
    public var kind: FigureKind {
        switch self {
        case .fit: return .fit
        case .loss: return .loss
        case .training: return .training
        case .landscape, .surfaceLandscape: return .landscape
        case .normalization: return .normalization
        case .lrSweep: return .lrSweep
        case .slice: return .slice
        case .step: return .step
        case .compareModels, .compareOptimizers, .surfaceCompare: return .compare
        case .overshoot: return .overshoot
        case .gradientField, .surfaceGradientField: return .gradientField
        case .sgdNoise: return .sgdNoise
        case .optimizerState: return .optimizerState
        case .surface, .surfaceMesh: return .surface
        case .parameters: return .parameters
        case .schedules: return .schedules
        case .residuals: return .residuals
        case .degreeSweep: return .degreeSweep
        case .chainRule: return .chainRule
        case .interpolation: return .interpolation
        }
    }

    /// Checks the options (those that can be checked before training).
    ///
    /// - Throws: ``ReportingError``.
    public func validate() throws {
        switch self {
        case .fit(let spec): try Self.requireModels(spec.runs, kind: kind)
        case .loss(let spec): try Self.requireModels(spec.runs, kind: kind)
        case .training(let spec): try spec.validate()
        case .landscape(let spec):
            if spec.run.network != nil { try spec.validateNetwork() } else { try spec.plane.validate(for: spec.run.model) }
        case .normalization(let spec): try spec.plane.validate(for: spec.run.model)
        case .lrSweep(let spec): try spec.validate()
        case .slice(let spec): try spec.validate()
        case .step(let spec): try spec.validate()
        case .compareModels(let spec): try Self.requireModels(spec.runs, kind: kind)
        case .compareOptimizers(let spec): try spec.plane.validate(for: spec.base.model)
        case .overshoot: break
        case .gradientField(let spec): try spec.plane.validate(for: spec.run.model)
        case .sgdNoise(let spec): try spec.validate()
        case .optimizerState: break
        case .surface(let spec): try spec.validate()
        case .parameters(let spec): try Self.requireModels(spec.runs, kind: kind)
        case .schedules(let spec): try spec.validate()
        case .residuals(let spec): try Self.requireModels(spec.runs, kind: kind)
        case .degreeSweep(let spec): try spec.validate()
        case .chainRule(let spec): try spec.validate()
        case .surfaceLandscape(let spec): try spec.validate()
        case .surfaceMesh(let spec): try spec.validate()
        case .surfaceGradientField(let spec): try spec.landscape.validate()
        case .surfaceCompare(let spec): try spec.landscape.validate()
        case .interpolation: return
        }
    }

    /// The runs the figure reads, in the order it uses them.
    ///
    /// Derived runs (a sweep's learning rates, the normalization figure's rates) come from the
    /// data's statistics in `catalog`, never from training.
    public func runRequests(_ catalog: DataCatalog) throws -> [RunRequest] {
        switch self {
        case .fit(let spec): return spec.runs.map { RunRequest($0) }
        case .loss(let spec): return spec.runs.map { RunRequest($0) }
        case .training(let spec): return [RunRequest(spec.run)]
        case .landscape(let spec): return [spec.request]
        case .normalization(let spec): return try spec.requests(catalog)
        case .lrSweep(let spec): return try spec.requests(catalog).flatMap { $0 }
        case .slice(let spec): return [spec.request]
        case .step(let spec): return [spec.request]
        case .compareModels(let spec): return spec.runs.map { RunRequest($0) }
        case .compareOptimizers(let spec): return spec.requests
        case .overshoot(let spec): return [spec.request]
        case .gradientField(let spec): return [spec.request]
        case .sgdNoise(let spec): return [spec.request]
        case .optimizerState(let spec): return spec.requests(catalog)
        case .surface(let spec): return [spec.request]
        case .parameters(let spec): return spec.runs.map { RunRequest($0) }
        case .schedules(let spec): return try spec.requests(catalog)
        case .residuals(let spec): return spec.runs.map { RunRequest($0) }
        case .degreeSweep: return []
        case .chainRule(let spec): return [RunRequest(spec.run)]
        case .surfaceLandscape, .surfaceMesh, .surfaceGradientField, .surfaceCompare: return []
        case .interpolation(let spec): return [RunRequest(spec.run)]
        }
    }

    /// The descents on surfaces the figure reads (``RunStore/surfaceHistory(_:)``), in the order it uses them.
    public var surfaceRequests: [SurfaceRequest] {
        switch self {
        case .surfaceLandscape(let spec): return [SurfaceRequest(spec.run)]
        case .surfaceMesh(let spec): return [SurfaceRequest(spec.landscape.run)]
        case .surfaceGradientField(let spec): return [SurfaceRequest(spec.landscape.run)]
        case .surfaceCompare(let spec): return spec.requests
        default: return []
        }
    }

    /// Whether the figure draws a test surface or formula (`--surface`) rather than a model.
    public var drawsSurface: Bool { !surfaceRequests.isEmpty }

    static func requireModels(_ runs: [TrainingConfiguration], kind: FigureKind) throws {
        guard !runs.isEmpty else { throw ReportingError.needsModel(kind: kind) }
    }
}

/// `fit`: the data in original units with each run's fitted curve.
public struct FitSpec: Sendable, Hashable {
    /// The runs whose final curves are drawn (one or more).
    public var runs: [TrainingConfiguration]
    /// Draw each point's vertical error to the first run's prediction.
    public var residuals: Bool
    /// Write each point's label beside it (where it can be read).
    public var labels: Bool

    /// Creates the spec.
    public init(runs: [TrainingConfiguration], residuals: Bool = false, labels: Bool = false) {
        self.runs = runs
        self.residuals = residuals
        self.labels = labels
    }
}

/// `loss`: MSE per epoch of each run.
public struct LossSpec: Sendable, Hashable {
    /// The runs drawn.
    public var runs: [TrainingConfiguration]
    /// Logarithmic MSE axis.
    public var logScale: Bool

    /// Creates the spec.
    public init(runs: [TrainingConfiguration], logScale: Bool = false) {
        self.runs = runs
        self.logScale = logScale
    }
}

/// `parameters`: every parameter of each run and the gradient norm against epochs.
public struct ParametersSpec: Sendable, Hashable {
    /// The runs drawn, one parameter panel each.
    public var runs: [TrainingConfiguration]
    /// Logarithmic gradient-norm axis (it is also logarithmic when the norms span two decades).
    public var logScale: Bool

    /// Creates the spec.
    public init(runs: [TrainingConfiguration], logScale: Bool = false) {
        self.runs = runs
        self.logScale = logScale
    }
}

/// `chain-rule`: one sample through the model at one epoch.
public struct ChainRuleSpec: Sendable, Hashable {
    /// The run whose parameters are used.
    public var run: TrainingConfiguration
    /// The sample: a label of the data or a row number from 1; nil = the first row.
    public var sample: String?
    /// The epoch whose parameters are used (0 = the start).
    public var epoch: Int

    /// Creates the spec.
    public init(run: TrainingConfiguration, sample: String? = nil, epoch: Int = 0) {
        self.run = run
        self.sample = sample
        self.epoch = epoch
    }

    func validate() throws {
        if epoch < 0 { throw ReportingError.outOfRange(setting: .epoch, value: "\(epoch)", allowed: "0 or more") }
        if let sample, sample.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ReportingError.outOfRange(setting: .sample, value: "(empty)", allowed: "a name from the data or a row number from 1")
        }
    }
}

/// `degree-sweep`: closed-form polynomial fits of degrees 1 to 8 (no training run).
public struct DegreeSweepSpec: Sendable, Hashable {
    /// The degrees whose fits are drawn over the data.
    public var shownDegrees: [Int]

    /// The highest degree swept (degree 8 on 9 points of a left-out fit nearly interpolates).
    public static let maximumDegree = 8
    /// The fits drawn by default: a line, the notebook's cubic, and the nearly interpolating degree 8.
    public static let defaultShownDegrees = [1, 3, 8]

    /// Creates the spec.
    public init(shownDegrees: [Int] = DegreeSweepSpec.defaultShownDegrees) {
        self.shownDegrees = shownDegrees
    }

    func validate() throws {
        guard !shownDegrees.isEmpty, shownDegrees.count <= 6 else {
            throw ReportingError.outOfRange(setting: .degrees, value: shownDegrees.map(String.init).joined(separator: ","),
                                            allowed: "one to six degrees")
        }
        if let bad = shownDegrees.first(where: { !(1...Self.maximumDegree).contains($0) }) {
            throw ReportingError.outOfRange(setting: .degrees, value: "\(bad)", allowed: "degrees from 1 to \(Self.maximumDegree)")
        }
    }

    /// The sweep over every degree `dataset` allows and the shown degrees among them (repeats dropped).
    func sweep(_ dataset: Dataset) throws -> (DegreeSweep, [Int]) {
        guard let degrees = DegreeSweep.degrees(for: dataset) else {
            throw ReportingError.outOfRange(setting: .degrees, value: "\(Set(dataset.x).count) distinct x values",
                                            allowed: "at least 3 distinct x values for a leave-one-out degree sweep")
        }
        var shown: [Int] = []
        for degree in shownDegrees where degrees.contains(degree) && !shown.contains(degree) { shown.append(degree) }
        return (try DegreeSweep.compute(dataset, degrees: degrees), shown)
    }
}

/// `residuals`: each point's residual against x, one panel per run.
public struct ResidualsSpec: Sendable, Hashable {
    /// The runs, one panel each.
    public var runs: [TrainingConfiguration]

    /// Creates the spec.
    public init(runs: [TrainingConfiguration]) {
        self.runs = runs
    }
}

/// `schedules`: one run per ``LearningRateSchedule`` from the same model, start, base rate and epochs.
public struct SchedulesSpec: Sendable, Hashable {
    /// The model, start, epochs, seed and data settings; a non-constant schedule here replaces the
    /// default settings of its kind (so `--schedule step --schedule-gamma 0.3` draws that step).
    public var base: TrainingConfiguration
    /// The optimizer of every run; nil = full-batch GD.
    public var optimizer: Optimizer?
    /// The base learning rate of every run; nil = ``defaultFraction`` of the stable limit `2/λmax`.
    public var learningRate: Double?

    /// The base rate's default as a fraction of the full-batch stable limit `2/λmax`.
    public static let defaultFraction = 0.1

    /// Creates the spec.
    public init(base: TrainingConfiguration, optimizer: Optimizer? = nil, learningRate: Double? = nil) {
        self.base = base
        self.optimizer = optimizer
        self.learningRate = learningRate
    }

    func validate() throws {
        if let learningRate, !(learningRate.isFinite && learningRate > 0) {
            throw ReportingError.outOfRange(setting: .learningRate, value: "\(learningRate)", allowed: "a positive finite number")
        }
    }

    /// One request per schedule in the order of ``LearningRateSchedule/names``: every epoch run
    /// (no stop rule), steps not recorded.
    func requests(_ catalog: DataCatalog) throws -> [RunRequest] {
        let statistics = try catalog.facts(base.model, on: .zScored).statistics
        return try LearningRateSchedule.names.map { name in
            var configuration = base
            configuration.optimizer = optimizer ?? .gd
            configuration.learningRate = learningRate ?? Self.defaultFraction * statistics.stableLearningRate
            configuration.stopRule = .fixed
            configuration.recordSteps = false
            if base.schedule.name != name {
                configuration.schedule = LearningRateSchedule.named(name, epochs: base.maxEpochs) ?? .constant
            }
            return RunRequest(try configuration.validated())
        }
    }
}

/// `training`: the notebook's two panels at one epoch.
public struct TrainingViewSpec: Sendable, Hashable {
    /// The run shown.
    public var run: TrainingConfiguration
    /// The epoch shown; nil = the last.
    public var epoch: Int?
    /// Logarithmic MSE axis.
    public var logScale: Bool

    /// Creates the spec.
    public init(run: TrainingConfiguration, epoch: Int? = nil, logScale: Bool = false) {
        self.run = run
        self.epoch = epoch
        self.logScale = logScale
    }

    func validate() throws {
        if let epoch, epoch < 0 { throw ReportingError.outOfRange(setting: .epoch, value: "\(epoch)", allowed: "0 or more") }
    }
}

/// `landscape`: the exact MSE over a plane with the run's path.
public struct LandscapeSpec: Sendable, Hashable {
    /// The run whose path is drawn.
    public var run: TrainingConfiguration
    /// The plane, ranges and grid.
    public var plane: LandscapeOptions
    /// Train and draw on the data's original units instead of z-scores.
    public var raw: Bool

    /// Creates the spec.
    public init(run: TrainingConfiguration, plane: LandscapeOptions = LandscapeOptions(), raw: Bool = false) {
        self.run = run
        self.plane = plane
        self.raw = raw
    }

    var request: RunRequest { RunRequest(run, on: raw ? .raw : .zScored) }
}

/// `normalization`: full-batch GD on the raw and on the z-scored data, each at a fraction of its
/// own stable limit.
public struct NormalizationSpec: Sendable, Hashable {
    /// The model, start, epochs and data settings (the optimizer and learning rate are the figure's).
    public var run: TrainingConfiguration
    /// The plane's parameters and the grid (ranges are the figure's own).
    public var plane: LandscapeOptions

    /// The fraction of each run's own stable limit `2/λmax` used as its learning rate.
    public static let stableFraction = 0.8

    /// Creates the spec.
    public init(run: TrainingConfiguration, plane: LandscapeOptions = LandscapeOptions()) {
        self.run = run
        self.plane = LandscapeOptions(parameters: plane.parameters, gridSize: plane.gridSize, aspect: plane.aspect)
    }

    /// The raw run, then the z-scored one.
    func requests(_ catalog: DataCatalog) throws -> [RunRequest] {
        try [DataSource.raw, .zScored].map { source in
            var configuration = run
            configuration.optimizer = .gd
            configuration.learningRate = Self.stableFraction * (try catalog.facts(run.model, on: source)).statistics.stableLearningRate
            return RunRequest(try configuration.validated(), on: source)
        }
    }
}

/// `lr-sweep`: loss curves of several learning rates, one panel per model.
public struct LearningRateSweepSpec: Sendable, Hashable {
    /// The base runs, one panel each; their learning rates are replaced by the sweep's.
    public var runs: [TrainingConfiguration]
    /// The learning rates; nil = ``defaultMultiples`` of each model's stable limit `2/λmax`.
    public var learningRates: [Double]?
    /// The optimizer of every run; nil = full-batch GD, whose stable limit the rates refer to.
    public var optimizer: Optimizer?
    /// The stop rule of every run; nil = every epoch (a stop rule would end a diverging run after
    /// one epoch and hide the divergence).
    public var stopRule: StopRule?
    /// Logarithmic MSE axis (it is also logarithmic when a run diverged or the curves span more
    /// than two decades).
    public var logScale: Bool

    /// The default multiples of the stable limit.
    public static let defaultMultiples: [Double] = [0.1, 0.5, 0.9, 1.1]

    /// Creates the spec.
    public init(runs: [TrainingConfiguration], learningRates: [Double]? = nil, optimizer: Optimizer? = nil,
                stopRule: StopRule? = nil, logScale: Bool = false) {
        self.runs = runs
        self.learningRates = learningRates
        self.optimizer = optimizer
        self.stopRule = stopRule
        self.logScale = logScale
    }

    func validate() throws {
        try FigureSpec.requireModels(runs, kind: .lrSweep)
        if let learningRates {
            guard !learningRates.isEmpty else {
                throw ReportingError.outOfRange(setting: .learningRates, value: "(none)", allowed: "one or more positive learning rates")
            }
            if let bad = learningRates.first(where: { !($0.isFinite && $0 > 0) }) {
                throw ReportingError.outOfRange(setting: .learningRates, value: "\(bad)", allowed: "positive finite learning rates")
            }
        }
    }

    /// The learning rates swept for a model with `statistics`.
    func rates(_ statistics: SufficientStatistics) -> [Double] {
        learningRates ?? Self.defaultMultiples.map { $0 * statistics.stableLearningRate }
    }

    /// Per base run, one request per learning rate.
    func requests(_ catalog: DataCatalog) throws -> [[RunRequest]] {
        try runs.map { base in
            let statistics = try catalog.facts(base.model, on: .zScored).statistics
            return rates(statistics).map { rate in
                var configuration = base
                configuration.learningRate = rate
                configuration.optimizer = optimizer ?? .gd
                configuration.stopRule = stopRule ?? .fixed
                configuration.recordSteps = false
                return RunRequest(configuration)
            }
        }
    }
}

/// `slice`: the loss along one parameter at one epoch, with its tangent and one step.
public struct SliceSpec: Sendable, Hashable {
    /// The run whose parameters fix the others.
    public var run: TrainingConfiguration
    /// The parameter varied; nil = the first.
    public var parameter: String?
    /// The epoch whose parameters are used (0 = the start).
    public var epoch: Int
    /// The step arrow's learning rate.
    public var learningRate: Double
    /// Use the data's original units instead of z-scores.
    public var raw: Bool

    /// The step arrow's learning rate when none is given: large enough to see with the notebook's settings.
    public static let defaultLearningRate = 0.05

    /// Creates the spec.
    public init(run: TrainingConfiguration, parameter: String? = nil, epoch: Int = 0,
                learningRate: Double = SliceSpec.defaultLearningRate, raw: Bool = false) {
        self.run = run
        self.parameter = parameter
        self.epoch = epoch
        self.learningRate = learningRate
        self.raw = raw
    }

    func validate() throws {
        if epoch < 0 { throw ReportingError.outOfRange(setting: .epoch, value: "\(epoch)", allowed: "0 or more") }
        guard learningRate.isFinite, learningRate > 0 else {
            throw ReportingError.outOfRange(setting: .learningRate, value: "\(learningRate)", allowed: "a positive finite number")
        }
        if let parameter, !run.model.parameterNames.contains(parameter) {
            throw ReportingError.unknownParameter(name: parameter, model: run.model.name, available: run.model.parameterNames,
                                                  setting: .sliceParameter)
        }
    }

    var request: RunRequest { RunRequest(run, on: raw ? .raw : .zScored) }
}

/// `step`: the slides' worked example `ŷ = w·x²` at the point `(2, 8)`.
public struct StepSpec: Sendable, Hashable {
    /// `w₀`.
    public var initialWeight: Double
    /// `η`.
    public var learningRate: Double
    /// The number of steps, ``stepCounts``.
    public var steps: Int
    /// How many of the steps are drawn, `0...steps` (slides that reveal them one at a time); nil =
    /// all. The axes and the table keep the room of every step, so successive builds line up.
    public var shownSteps: Int?

    /// The step counts allowed.
    public static let stepCounts = 1...20

    /// Creates the spec; the defaults are the slides' (`w₀ = 1`, `η = 0.05`, 3 steps, all shown).
    public init(initialWeight: Double = 1, learningRate: Double = 0.05, steps: Int = 3, shownSteps: Int? = nil) {
        self.initialWeight = initialWeight
        self.learningRate = learningRate
        self.steps = steps
        self.shownSteps = shownSteps
    }

    func validate() throws {
        guard Self.stepCounts.contains(steps) else {
            throw ReportingError.outOfRange(setting: .stepCount, value: "\(steps)", allowed: "1 to 20 steps")
        }
        if let shownSteps, !(0...steps).contains(shownSteps) {
            throw ReportingError.outOfRange(setting: .stepCount, value: "\(shownSteps)", allowed: "0 to \(steps) steps shown")
        }
        guard initialWeight.isFinite else {
            throw ReportingError.outOfRange(setting: .initialWeight, value: "\(initialWeight)", allowed: "a finite number")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw ReportingError.outOfRange(setting: .learningRate, value: "\(learningRate)", allowed: "a positive finite number")
        }
    }

    /// Full-batch GD of `ŷ = w·x²` on the single raw point for `steps` epochs.
    var configuration: TrainingConfiguration {
        TrainingConfiguration(model: .monomial(power: 2), optimizer: .gd, learningRate: learningRate, maxEpochs: steps,
                              initialParameters: [initialWeight], stopRule: .fixed, shuffle: false)
    }

    var request: RunRequest { RunRequest(configuration, on: .workedExample) }
}

/// `compare` (models): the linear and the cubic model side by side.
public struct CompareModelsSpec: Sendable, Hashable {
    /// The runs compared: linear, cubic, then any other.
    public var runs: [TrainingConfiguration]

    /// Compares `runs` as given.
    public init(runs: [TrainingConfiguration]) {
        self.runs = runs
    }

    /// Linear and cubic always: a model among `requested` keeps its settings, a missing one gets the
    /// notebook's settings with the first requested run's seed and shuffling; other requested
    /// models (another degree) come after them.
    public init(completing requested: [TrainingConfiguration]) {
        let reference = requested.first
        func configuration(for model: PolynomialModel) -> TrainingConfiguration {
            if let given = requested.first(where: { $0.model == model }) { return given }
            var configuration = TrainingConfiguration.notebook(for: model)
            if let reference {
                configuration.seed = reference.seed
                configuration.shuffle = reference.shuffle
            }
            return configuration
        }
        let others = requested.filter { $0.model != .linear && $0.model != .cubic }
        runs = [configuration(for: .linear), configuration(for: .cubic)] + others
    }
}

/// `compare` (optimizers): several optimizers from the same start on one landscape.
public struct CompareOptimizersSpec: Sendable, Hashable {
    /// The model, start, epochs, stop rule, seed and learning rate every optimizer uses.
    public var base: TrainingConfiguration
    /// The plane, ranges and grid.
    public var plane: LandscapeOptions
    /// Use the data's original units instead of z-scores.
    public var raw: Bool

    /// The optimizers compared, in legend order.
    public static let optimizers: [Optimizer] = [.sgd, .gd, .defaultMomentum, .defaultAdam]
    /// How often a diverging run's learning rate is halved.
    public static let halvings = 30

    /// Creates the spec.
    public init(base: TrainingConfiguration, plane: LandscapeOptions = LandscapeOptions(), raw: Bool = false) {
        self.base = base
        self.plane = plane
        self.raw = raw
    }

    /// One request per optimizer, every epoch run (no stop rule cuts one optimizer short); a run
    /// that diverges is repeated with the learning rate halved.
    var requests: [RunRequest] {
        Self.optimizers.map { optimizer in
            var configuration = base
            configuration.optimizer = optimizer
            configuration.stopRule = .fixed
            return RunRequest(configuration, on: raw ? .raw : .zScored, onDivergence: .halveLearningRate(times: Self.halvings))
        }
    }
}
