/// Everything that determines a training run; equal configurations on equal data give equal histories.
public struct TrainingConfiguration: Sendable, Codable, Hashable {
    /// The model to train; for a network run (``network`` set) the linear model, whose closed-form
    /// optimum is the baseline the run's summary compares with.
    public var model: PolynomialModel
    /// The one-hidden-layer network to train instead of ``model``, nil for the polynomial models
    /// (and then absent from the JSON, so polynomial runs read as before networks existed).
    public var network: NetworkModel?
    /// The update rule.
    public var optimizer: Optimizer
    /// The step size `η`, finite and `> 0`.
    public var learningRate: Double
    /// The most epochs to run, `1...1_000_000`; caps every stop rule.
    public var maxEpochs: Int
    /// `θ` at epoch 0, one value per ``PolynomialModel/parameterNames`` entry.
    public var initialParameters: [Double]
    /// When to stop before `maxEpochs`.
    public var stopRule: StopRule
    /// The seed of the ``SeededGenerator`` that shuffles the sample order.
    public var seed: UInt64
    /// Whether each epoch visits the samples in a fresh random order (else `0, 1, …, N−1`). Full-batch
    /// ``Optimizer/gd`` never shuffles.
    public var shuffle: Bool
    /// Whether to record every update as a ``StepRecord``.
    public var recordSteps: Bool
    /// How the learning rate changes from update to update (``LearningRateSchedule``); the
    /// default ``LearningRateSchedule/constant`` keeps ``learningRate`` throughout.
    public var schedule: LearningRateSchedule {
        get { storedSchedule ?? .constant }
        set { storedSchedule = newValue == .constant ? nil : newValue }
    }
    /// The schedule, nil when constant, so a constant run's JSON has no `schedule` key and reads
    /// as before schedules existed.
    private var storedSchedule: LearningRateSchedule?

    private enum CodingKeys: String, CodingKey {
        case model, network, optimizer, learningRate, maxEpochs, initialParameters, stopRule, seed, shuffle, recordSteps
        case storedSchedule = "schedule"
    }

    /// Creates a configuration; call ``validated()`` (or let ``Trainer`` do it) before use.
    public init(
        model: PolynomialModel, optimizer: Optimizer = .sgd, learningRate: Double, maxEpochs: Int,
        initialParameters: [Double], stopRule: StopRule = .fixed, seed: UInt64 = 42,
        shuffle: Bool = true, recordSteps: Bool = false
    ) {
        self.model = model
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.maxEpochs = maxEpochs
        self.initialParameters = initialParameters
        self.stopRule = stopRule
        self.seed = seed
        self.shuffle = shuffle
        self.recordSteps = recordSteps
    }

    /// The network `network` with the notebook's cubic-model settings otherwise (`sgd`, learning
    /// rate 0.01, 1000 epochs, seed `seed`, shuffling on) but ``StopRule/fixed`` (a network's
    /// per-sample loss wobbles, so the first rise would stop it early), starting from
    /// ``NetworkModel/initialParameters(seed:)``; ``model`` is the linear baseline.
    public static func network(_ network: NetworkModel, seed: UInt64 = 42) -> TrainingConfiguration {
        var configuration = TrainingConfiguration(model: .linear, learningRate: 0.01, maxEpochs: 1000,
                                                  initialParameters: network.initialParameters(seed: seed),
                                                  stopRule: .fixed, seed: seed)
        configuration.network = network
        return configuration
    }

    /// The number of parameters trained: the network's, else the model's.
    public var parameterCount: Int { network?.parameterCount ?? model.parameterCount }

    /// The names of the parameters trained (the CSV columns): the network's, else the model's.
    public var parameterNames: [String] { network?.parameterNames ?? model.parameterNames }

    /// The name of what is trained: the network's (`"mlp (8 tanh units)"`), else the model's.
    public var modelName: String { network?.name ?? model.name }

    /// The lecture notebook's settings for `model` (all with `sgd`, seed 42, shuffling on):
    /// - linear: learning rate 0.001, 300 epochs, `w = 0.1, b = 0.1`, ``StopRule/fixed``;
    /// - cubic: learning rate 0.01, `w1 = −1, w2 = 0, w3 = 0, b = 1`, ``StopRule/notebook``, at most
    ///   1000 epochs;
    /// - any other model: learning rate 0.01, ``StopRule/notebook``, at most 1000 epochs, initial
    ///   parameters 0 except 0.1 for the `x¹` weight and the bias (as the linear model); a
    ///   one-parameter monomial starts at `w = 1` (the slides' `w₀`).
    public static func notebook(for model: PolynomialModel) -> TrainingConfiguration {
        if model == .linear {
            return TrainingConfiguration(model: model, learningRate: 0.001, maxEpochs: 300,
                                         initialParameters: [0.1, 0.1], stopRule: .fixed)
        }
        if model == .cubic {
            return TrainingConfiguration(model: model, learningRate: 0.01, maxEpochs: 1000,
                                         initialParameters: [-1, 0, 0, 1], stopRule: .notebook)
        }
        let initial: [Double] = model.parameterCount == 1
            ? [1]
            : model.powers.map { $0 <= 1 ? 0.1 : 0 }
        return TrainingConfiguration(model: model, learningRate: 0.01, maxEpochs: 1000,
                                     initialParameters: initial, stopRule: .notebook)
    }

    /// The configuration itself after checking it: learning rate finite and `> 0`; epochs in
    /// `1...1_000_000`; one finite initial value per parameter; valid optimizer settings; a finite
    /// tolerance `> 0`.
    ///
    /// - Throws: ``TrainingError/invalidLearningRate(_:)``, ``TrainingError/invalidEpochs(_:)``,
    ///   ``TrainingError/invalidParameterCount(model:expected:got:)`` (naming the parameters),
    ///   ``TrainingError/nonFiniteParameter(name:value:)``, the errors of ``Optimizer/validate()``,
    ///   ``TrainingError/invalidTolerance(_:)``, ``TrainingError/invalidSchedule(_:)``.
    public func validated() throws -> TrainingConfiguration {
        guard learningRate.isFinite, learningRate > 0 else { throw TrainingError.invalidLearningRate(learningRate) }
        guard (1...1_000_000).contains(maxEpochs) else { throw TrainingError.invalidEpochs(maxEpochs) }
        let names = parameterNames
        guard initialParameters.count == names.count else {
            throw TrainingError.invalidParameterCount(model: modelName, expected: names, got: initialParameters.count)
        }
        for (name, value) in zip(names, initialParameters) where !value.isFinite {
            throw TrainingError.nonFiniteParameter(name: name, value: value)
        }
        try optimizer.validate()
        try schedule.validate()
        if case .tolerance(let tolerance) = stopRule, !(tolerance.isFinite && tolerance > 0) {
            throw TrainingError.invalidTolerance(tolerance)
        }
        return self
    }
}
