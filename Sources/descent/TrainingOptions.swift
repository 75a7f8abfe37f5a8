import ArgumentParser
import Foundation
import Training

/// Which of the lecture's models to train.
enum ModelChoice: String, ExpressibleByArgument, CaseIterable {
    case linear, cubic, both, mlp
}

/// The optimizer, as named on the command line.
enum OptimizerChoice: String, ExpressibleByArgument, CaseIterable {
    case sgd, gd, minibatch, momentum, adam
}

/// A CSV field separator, as named on the command line: `,` `;` or `tab` (also `comma`, `semicolon`).
extension CSVFormat.Delimiter: ExpressibleByArgument {
    public init?(argument: String) { self.init(naming: argument) }
    public static var allValueStrings: [String] { [",", ";", "tab"] }
    public var defaultValueDescription: String { self == .tab ? "tab" : rawValue }
}

/// The learning-rate schedule, as named on the command line.
enum ScheduleChoice: String, ExpressibleByArgument, CaseIterable {
    case constant, step, exponential, cosine, warmup
}

/// The stop rule, as named on the command line.
enum StopChoice: String, ExpressibleByArgument, CaseIterable {
    case fixed, notebook, tolerance
}

/// The training options that `train`, `figure` and `frames` share.
///
/// Every option is optional: what is not given comes from the notebook's settings for the model
/// (`TrainingConfiguration.notebook(for:)`).
struct TrainingOptions: ParsableArguments {
    @Option(help: "The model: linear (w·x + b), cubic (w1·x + w2·x² + w3·x³ + b), both where a command draws two, or mlp (descent train: a network with one hidden layer of --hidden tanh units). Default: linear (slides: both).")
    var model: ModelChoice?

    @Option(parsing: .unconditional, help: "--model mlp: the number of hidden tanh units (1...64); parameters w1...wH, c1...cH, v1...vH, b. Default: 8.")
    var hidden: Int?

    @Option(parsing: .unconditional, help: "A polynomial of this degree (1...9) instead of --model; parameters w1...wN, b.")
    var degree: Int?

    @Option(help: "The optimizer: sgd (batch size 1), gd (full batch), minibatch, momentum or adam. Default: sgd, as in the notebook.")
    var optimizer: OptimizerChoice?

    @Option(name: .customLong("lr"), parsing: .unconditional, help: "Learning rate (> 0). Default: 0.001 linear, 0.01 cubic and mlp.")
    var learningRate: Double?

    @Option(parsing: .unconditional, help: "Number of epochs; the maximum under every stop rule (1...1000000). Default: 300 linear, 1000 cubic and mlp.")
    var epochs: Int?

    @Option(name: .customLong("init"), parsing: .unconditional,
            help: "Initial parameters, comma separated, in the order w, b (linear), w1, w2, w3, b (cubic) or w1...wH, c1...cH, v1...vH, b (mlp). Default: 0.1,0.1, -1,0,0,1 and a Glorot-uniform start drawn with --seed (mlp).")
    var initialParameters: String?

    @Option(help: "Learning-rate schedule over the updates t = 0, 1, … (one update an epoch for gd, one per sample for sgd, momentum and adam, one per batch for minibatch): constant; step (× --schedule-gamma every --schedule-step-every epochs); exponential (× --schedule-gamma every epoch); cosine (η·½(1 + cos(π·t/T)) over the T updates of --epochs); warmup (rising linearly to η over --warmup-epochs, then η). Default: constant.")
    var schedule: ScheduleChoice?

    @Option(name: .customLong("schedule-step-every"), parsing: .unconditional, help: "--schedule step: epochs between decays (at least 1). Default: a quarter of --epochs.")
    var scheduleStepEvery: Int?

    @Option(name: .customLong("schedule-gamma"), parsing: .unconditional, help: "--schedule step or exponential: the factor each decay multiplies the rate by, in (0, 1]. Default: 0.5 step, 0.99 exponential.")
    var scheduleGamma: Double?

    @Option(name: .customLong("warmup-epochs"), parsing: .unconditional, help: "--schedule warmup: epochs of the linear ramp (at least 1). Default: a tenth of --epochs.")
    var warmupEpochs: Int?

    @Option(help: "Stop rule: fixed (exactly --epochs), notebook (stop at the first epoch whose MSE does not decrease) or tolerance (--tol). Default: fixed linear and mlp, notebook cubic.")
    var stop: StopChoice?

    @Option(name: .customLong("tol"), parsing: .unconditional, help: "Tolerance on the change of MSE between epochs for --stop tolerance.")
    var tolerance: Double = 1e-9

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Samples per update for --optimizer minibatch. Default: 4.")
    var batchSize: Int?

    @Option(parsing: .unconditional, help: "--optimizer momentum: β, the share of the velocity each update keeps, in [0, 1). Default: 0.9.")
    var beta: Double?

    @Option(parsing: .unconditional, help: "Seed of the generator that shuffles the sample order each epoch (a whole number 0 or more); with --model mlp also the seed of its start and of a landscape's random directions. Default: 42.")
    var seed: UInt64?

    /// `--optimizer momentum` with `--beta`, or ``Optimizer/defaultMomentum``'s β = 0.9.
    var momentum: Optimizer { beta.map { .momentum(beta: $0) } ?? .defaultMomentum }

    /// `--seed`, or the default every run uses (``TrainingConfiguration``'s 42).
    private var seedOrDefault: UInt64 { seed ?? TrainingConfiguration.notebook(for: .linear).seed }

    @Flag(name: .customLong("no-shuffle"), help: "Keep the samples in file order instead of shuffling each epoch.")
    var noShuffle = false

    @Option(help: "A CSV file to train on instead of the built-in 10 people (needs --x and --y).")
    var data: String?

    @Option(help: "The CSV column to use as x (with --data).")
    var x: String?

    @Option(help: "The CSV column to use as y (with --data).")
    var y: String?

    @Option(help: "The CSV column with point labels, e.g. names (with --data).")
    var label: String?

    @Option(help: ArgumentHelp("The --data file's field separator: ',', ';' or tab. Default: the one its header uses.", valueName: "separator"))
    var delimiter: CSVFormat.Delimiter?

    @Flag(name: .customLong("decimal-comma"), help: "The --data file writes decimals with a comma (58,5), as spreadsheets in Finnish and other locales export with ';' between fields.")
    var decimalComma = false

    func validate() throws {
        if let learningRate, !(learningRate.isFinite && learningRate > 0) {
            throw ValidationError("--lr must be a finite number greater than 0, got \(OptionWording.number(learningRate)); the notebook uses 0.001 (linear) and 0.01 (cubic).")
        }
        if let epochs, !(1...1_000_000).contains(epochs) {
            throw ValidationError("--epochs must be between 1 and 1000000, got \(epochs).")
        }
        if let degree, !(1...9).contains(degree) {
            throw ValidationError("--degree must be between 1 and 9, got \(degree).")
        }
        if let hidden, !(1...NetworkModel.maximumHiddenUnits).contains(hidden) {
            throw ValidationError("--hidden must be between 1 and \(NetworkModel.maximumHiddenUnits), got \(hidden); try 8.")
        }
        if hidden != nil, model != .mlp {
            throw ValidationError("--hidden sets the units of --model mlp; give --model mlp too, or leave --hidden out.")
        }
        if model == .mlp, degree != nil {
            throw ValidationError("--degree chooses a polynomial and --model mlp a network; give one of them.")
        }
        if !(tolerance.isFinite && tolerance > 0) {
            throw ValidationError("--tol must be a finite number greater than 0, got \(OptionWording.number(tolerance)).")
        }
        if let beta {
            guard optimizer == .momentum else {
                throw ValidationError("--beta applies to --optimizer momentum; give that optimizer too, or leave the option out.")
            }
            guard beta.isFinite, beta >= 0, beta < 1 else {
                throw ValidationError("--beta must be at least 0 and less than 1, got \(OptionWording.number(beta)); momentum's usual β is 0.9.")
            }
        }
        if let batchSize, batchSize < 1 {
            throw ValidationError("--batch-size must be at least 1, got \(batchSize).")
        }
        if data != nil, x == nil || y == nil {
            throw ValidationError("--data needs --x COLUMN and --y COLUMN to name the columns to use.")
        }
        if data == nil, x != nil || y != nil || label != nil {
            throw ValidationError("--x, --y and --label choose columns of a --data FILE.csv; give --data too.")
        }
        if data == nil, delimiter != nil || decimalComma {
            throw ValidationError("--delimiter and --decimal-comma describe a --data FILE.csv; give --data too.")
        }
        if let initialParameters {
            _ = try parseInitialParameters(initialParameters)
        }
        let given = [("schedule-step-every", scheduleStepEvery != nil), ("schedule-gamma", scheduleGamma != nil),
                     ("warmup-epochs", warmupEpochs != nil)].filter(\.1).map(\.0)
        let uses = LearningRateSchedule.settings(of: (schedule ?? .constant).rawValue)
        if let unused = given.first(where: { !uses.contains($0) }) {
            let owners = ScheduleChoice.allCases.filter { LearningRateSchedule.settings(of: $0.rawValue).contains(unused) }
                .map { "--schedule \($0.rawValue)" }.joined(separator: " or ")
            throw ValidationError("--\(unused) applies to \(owners); give that schedule too, or leave the option out.")
        }
        if let scheduleStepEvery, scheduleStepEvery < 1 {
            throw ValidationError("--schedule-step-every must be at least 1 epoch, got \(scheduleStepEvery).")
        }
        if let scheduleGamma, !(scheduleGamma.isFinite && scheduleGamma > 0 && scheduleGamma <= 1) {
            throw ValidationError("--schedule-gamma must be greater than 0 and at most 1, got \(OptionWording.number(scheduleGamma)).")
        }
        if let warmupEpochs, warmupEpochs < 1 {
            throw ValidationError("--warmup-epochs must be at least 1, got \(warmupEpochs).")
        }
    }

    /// The schedule these options name for a run of `epochs` epochs (nil without `--schedule`).
    func learningRateSchedule(epochs: Int) -> LearningRateSchedule? {
        guard let schedule else { return nil }
        return LearningRateSchedule.named(schedule.rawValue, stepEvery: scheduleStepEvery, gamma: scheduleGamma,
                                          warmupEpochs: warmupEpochs, epochs: epochs)
    }

    /// The models these options name: one, or linear and cubic for `--model both`; `fallback`
    /// when neither `--model` nor `--degree` is given.
    /// `--model mlp` is refused here: `descent train` and the network's figures read ``network()``.
    func models(default fallback: ModelChoice = .linear) throws -> [PolynomialModel] {
        if let degree {
            return [try PolynomialModel.polynomial(degree: degree)]
        }
        switch model ?? fallback {
        case .linear: return [.linear]
        case .cubic: return [.cubic]
        case .both: return [.linear, .cubic]
        case .mlp: throw ValidationError("--model mlp is for descent train and descent figure landscape or interpolation; this command draws the polynomial models: use --model linear, cubic or both.")
        }
    }

    /// The network of `--model mlp` (`--hidden` units, 8 by default), nil for the polynomial models.
    func network() throws -> NetworkModel? {
        guard model == .mlp else { return nil }
        return try NetworkModel(hiddenUnits: hidden ?? 8)
    }

    /// The single model these options name; `--model both` is refused with `command`'s name.
    func singleModel(for command: String) throws -> PolynomialModel {
        let models = try models()
        guard models.count == 1, let model = models.first else {
            throw ValidationError("\(command) trains one model: use --model linear or --model cubic.")
        }
        return model
    }

    /// The one run these options name: the network of `--model mlp`, else the single polynomial
    /// (`--model both` is refused with `command`'s name).
    func singleConfiguration(for command: String) throws -> TrainingConfiguration {
        if let network = try network() { return try configuration(network: network) }
        return try configuration(for: try singleModel(for: command))
    }

    /// The data set: the built-in notebook data or the CSV file.
    func dataset() throws -> Dataset {
        guard let data, let x, let y else { return .notebook }
        return try Dataset.load(csvAt: data, x: x, y: y, label: label,
                                format: CSVFormat(delimiter: delimiter, decimalComma: decimalComma))
    }

    /// The training configuration for `model`: the notebook's settings with the options applied.
    func configuration(for model: PolynomialModel, recordSteps: Bool = false) throws -> TrainingConfiguration {
        try applied(to: .notebook(for: model), recordSteps: recordSteps)
    }

    /// The training configuration for `network`: ``TrainingConfiguration/network(_:seed:)`` (its
    /// seeded start drawn with `--seed`) with the options applied.
    func configuration(network: NetworkModel) throws -> TrainingConfiguration {
        try applied(to: .network(network, seed: seedOrDefault), recordSteps: false)
    }

    /// `configuration` with the options given applied.
    private func applied(to start: TrainingConfiguration, recordSteps: Bool) throws -> TrainingConfiguration {
        var configuration = start
        if let optimizer {
            switch optimizer {
            case .sgd: configuration.optimizer = .sgd
            case .gd: configuration.optimizer = .gd
            case .minibatch: configuration.optimizer = .minibatch(batchSize: batchSize ?? 4)
            case .momentum: configuration.optimizer = momentum
            case .adam: configuration.optimizer = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
            }
        }
        if let learningRate { configuration.learningRate = learningRate }
        if let epochs { configuration.maxEpochs = epochs }
        if let stop {
            switch stop {
            case .fixed: configuration.stopRule = .fixed
            case .notebook: configuration.stopRule = .notebook
            case .tolerance: configuration.stopRule = .tolerance(tolerance)
            }
        }
        if let initialParameters {
            let values = try parseInitialParameters(initialParameters)
            let names = configuration.parameterNames
            guard values.count == names.count else {
                throw ValidationError(
                    "--init has \(values.count) value\(values.count == 1 ? "" : "s") but the \(configuration.modelName) model has \(names.count) parameters: \(Self.nameList(names)).")
            }
            configuration.initialParameters = values
        }
        if let schedule = learningRateSchedule(epochs: configuration.maxEpochs) { configuration.schedule = schedule }
        configuration.seed = seedOrDefault
        configuration.shuffle = !noShuffle
        configuration.recordSteps = recordSteps
        return try configuration.validated()
    }

    /// The parameter names for a message, at most 13 of them (`w1, …, b`).
    private static func nameList(_ names: [String]) -> String {
        names.count <= 13 ? names.joined(separator: ", ") : (names.prefix(12) + ["…", names[names.count - 1]]).joined(separator: ", ")
    }

    /// `--init` as finite numbers.
    func parseInitialParameters(_ text: String) throws -> [Double] {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        var values: [Double] = []
        for (index, field) in fields.enumerated() {
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed), value.isFinite else {
                throw ValidationError("--init value \(index + 1) '\(trimmed)' is not a finite number; give comma-separated numbers such as 0.1,0.1.")
            }
            values.append(value)
        }
        return values
    }
}
