import Foundation

/// The complete record of one training run: its configuration, every epoch, optionally every update,
/// and why it stopped. Contains only finite numbers.
public struct TrainingHistory: Sendable, Codable {
    /// The (validated) configuration that produced the run.
    public let configuration: TrainingConfiguration
    /// One record per epoch; `epochs[0]` is epoch 0, the starting point. Empty only when even the
    /// starting point's MSE was not finite (see ``stopReason``).
    public let epochs: [EpochRecord]
    /// One record per update when ``TrainingConfiguration/recordSteps`` is on, else empty.
    public let steps: [StepRecord]
    /// Why the run ended.
    public let stopReason: StopReason
    /// The transform of the inputs used in training.
    public let xScale: Normalizer
    /// The transform of the targets used in training.
    public let yScale: Normalizer

    /// Creates a history.
    public init(configuration: TrainingConfiguration, epochs: [EpochRecord], steps: [StepRecord],
                stopReason: StopReason, xScale: Normalizer, yScale: Normalizer) {
        self.configuration = configuration
        self.epochs = epochs
        self.steps = steps
        self.stopReason = stopReason
        self.xScale = xScale
        self.yScale = yScale
    }

    /// The parameters of the last recorded epoch (the initial parameters if none was recorded).
    public var finalParameters: [Double] {
        epochs.last?.parameters ?? configuration.initialParameters
    }

    /// The number of the last recorded epoch (0 when only the starting point was recorded).
    public var epochsRun: Int { epochs.last?.epoch ?? 0 }

    /// Whether the run stopped because the loss diverged.
    public var diverged: Bool {
        if case .diverged = stopReason { return true }
        return false
    }

    /// The epochs as CSV: header `epoch,<parameter names>,mse,mae_cm,grad_norm,lr`, one line per
    /// epoch, `\n` line endings; `lr` is ``EpochRecord/learningRate`` (epoch 0: the first update's rate).
    ///
    /// Numbers use Swift's shortest round-trip description (`"\(value)"`, such as `0.1` or `1e-05`),
    /// so `Double(field)` reads back exactly the stored value; non-finite values would be written as
    /// `nan`/`inf`, but a history never stores them.
    public func csv() -> String {
        var text = csvColumns.joined(separator: ",") + "\n"
        for record in epochs {
            text += csvFields(of: record).joined(separator: ",") + "\n"
        }
        return text
    }

    /// The columns of ``csv()``: `epoch`, the parameter names, `mse`, `mae_cm`, `grad_norm`, `lr`.
    public var csvColumns: [String] {
        ["epoch"] + configuration.parameterNames + ["mse", "mae_cm", "grad_norm", "lr"]
    }

    /// One row of ``csv()``: every number in Swift's shortest round-trip form, so it reads back
    /// bit for bit (and is a valid JSON number too: the trainer keeps the numbers finite).
    public func csvFields(of record: EpochRecord) -> [String] {
        [String(record.epoch)]
            + record.parameters.map { "\($0)" }
            + ["\(record.meanSquaredError)", "\(record.meanAbsoluteErrorOriginal)", "\(record.gradientNorm)", "\(record.learningRate)"]
    }

    /// The run as JSON: pretty printed with sorted keys, so equal histories give equal bytes.
    ///
    /// Holds everything of the Codable representation (the configuration with model powers,
    /// optimizer, learning rate and seed; the normalizers; the stop reason; the epochs and steps)
    /// plus the derived `model`, `parameterNames`, `optimizerName`, `stopDescription`,
    /// `finalParameters`, `epochsRun` and `diverged` for readers that do not decode it back.
    /// - Throws: `EncodingError` (only if a non-finite number slipped in, which the trainer prevents).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    private enum CodingKeys: String, CodingKey {
        case configuration, epochs, steps, stopReason, xScale, yScale
        case model, parameterNames, optimizerName, stopDescription, finalParameters, epochsRun, diverged
    }

    /// Decodes a history written by ``json()`` (the derived keys are ignored).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        configuration = try container.decode(TrainingConfiguration.self, forKey: .configuration)
        epochs = try container.decode([EpochRecord].self, forKey: .epochs)
        steps = try container.decode([StepRecord].self, forKey: .steps)
        stopReason = try container.decode(StopReason.self, forKey: .stopReason)
        xScale = try container.decode(Normalizer.self, forKey: .xScale)
        yScale = try container.decode(Normalizer.self, forKey: .yScale)
    }

    /// Encodes the stored properties and the derived summary keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(configuration, forKey: .configuration)
        try container.encode(epochs, forKey: .epochs)
        try container.encode(steps, forKey: .steps)
        try container.encode(stopReason, forKey: .stopReason)
        try container.encode(xScale, forKey: .xScale)
        try container.encode(yScale, forKey: .yScale)
        try container.encode(configuration.modelName, forKey: .model)
        try container.encode(configuration.parameterNames, forKey: .parameterNames)
        try container.encode(configuration.optimizer.name, forKey: .optimizerName)
        try container.encode(stopReason.description, forKey: .stopDescription)
        try container.encode(finalParameters, forKey: .finalParameters)
        try container.encode(epochsRun, forKey: .epochsRun)
        try container.encode(diverged, forKey: .diverged)
    }
}
