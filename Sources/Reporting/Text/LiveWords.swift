import Foundation
import Training

/// The words of `descent live`'s page in one language, sent with each view so the page holds no
/// text of its own.
public struct LiveWords: Sendable, Encodable {
    public let title: String
    public let hint: String
    public let model: String
    public let linear: String
    public let cubic: String
    public let degree: String
    /// "Surface", the group of the test surfaces in the model menu.
    public let surface: String
    /// The named surfaces by name (`rosenbrock`: "Rosenbrock").
    public let surfaces: [String: String]
    /// "formula f(x, y)…", the choice of a typed surface.
    public let formula: String
    public let optimizer: String
    public let optimizers: [String: String]
    public let learningRate: String
    public let stableLimit: String
    public let batchSize: String
    public let momentum: String
    public let schedule: String
    public let schedules: [String: String]
    public let epochs: String
    public let seed: String
    public let play: String
    public let pause: String
    public let step: String
    public let epoch: String
    public let loss: String
    public let export: String
    public let buildFile: String
    public let language: String
    public let diverged: String
    public let working: String
    /// "stable limit 2/λmax = 0.5069", the number typeset in the language; empty without a limit.
    public let stableLimitValue: String

    /// The words, with `stableLimit` (nil: a surface with no known minimum) in the language.
    public init(language: Language, stableLimit: Double?) {
        let text = language.text
        stableLimitValue = stableLimit.map { text.stableLimitValue(FigureStyle(language: language).number($0, decimals: 4)) } ?? ""
        func pick(_ english: String, _ finnish: String) -> String { text.pick(english, finnish) }
        title = pick("Gradient descent, live", "Gradienttimenetelmä livenä")
        hint = pick("Drag the learning rate past the stable limit, switch the optimizer, or click the landscape to start from there.",
                    "Vedä oppimisnopeus vakausrajan yli, vaihda optimoijaa tai napsauta häviöpintaa aloittaaksesi sieltä.")
        model = pick("Model", "Malli")
        linear = text.modelName("linear")
        cubic = text.modelName("cubic")
        degree = pick("degree", "aste")
        surface = pick("Surface", "Pinta")
        surfaces = Dictionary(uniqueKeysWithValues: NamedSurface.allCases.map { ($0.rawValue, text.surfaceName($0)) })
        formula = pick("formula f(x, y)…", "kaava f(x, y)…")
        optimizer = pick("Optimizer", "Optimoija")
        optimizers = Dictionary(uniqueKeysWithValues: ["sgd", "gd", "minibatch", "momentum", "adam"].map { ($0, text.optimizerName($0)) })
        learningRate = pick("Learning rate η", "Oppimisnopeus η")
        self.stableLimit = text.stableLimit
        batchSize = pick("Batch size", "Erän koko")
        momentum = pick("Momentum β", "Momentti β")
        schedule = pick("Schedule", "Aikataulu")
        schedules = Dictionary(uniqueKeysWithValues: LearningRateSchedule.names.map { ($0, text.scheduleName($0)) })
        epochs = pick("Epochs", "Epookit")
        seed = pick("Seed", "Siemen")
        play = pick("Play", "Toista")
        pause = pick("Pause", "Tauko")
        step = pick("Step", "Askel")
        epoch = text.epochCapitalized
        loss = text.lossTitle
        export = pick("Export", "Vie")
        buildFile = pick("build file", "koontitiedosto")
        self.language = pick("Language", "Kieli")
        diverged = pick("diverged", "hajosi")
        working = pick("computing…", "lasketaan…")
    }
}
