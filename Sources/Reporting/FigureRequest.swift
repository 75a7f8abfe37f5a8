import Foundation
import Plotting
import Training

/// Everything one lecture figure is built from: the style, the data, the training settings of
/// each model it shows, and the options of its kind.
///
/// Options that a kind does not use are ignored by it. Ranges and parameter names are checked
/// by the kind that uses them, against the model, and reported as `ReportingError`s.
public struct FigureRequest: Sendable {
    /// Which figure.
    public var kind: FigureKind
    /// Theme, language, size, dpi.
    public var style: FigureStyle
    /// The data set (original units).
    public var dataset: Dataset
    /// One training configuration per model to show (`--model both` gives linear and cubic).
    public var configurations: [TrainingConfiguration]

    // fit
    /// Draw vertical residual segments (`fit`).
    public var showResiduals = false
    /// Label the points with their names (`fit`).
    public var showLabels = false

    // loss
    /// Log scale on the loss axis (`loss`, `lr-sweep`).
    public var logScale = false

    // training
    /// The epoch to show (`training`); nil = the last.
    public var epoch: Int?

    // landscape
    /// The two parameters spanning the plane (`landscape`); nil = the first two (w, b for the linear model, w1, b... see the kind).
    public var parameters: [String]?
    /// Use the plane of the path's first two principal directions (`landscape`).
    public var principalPlane = false
    /// Use the unnormalised data (`landscape`).
    public var rawData = false
    /// Grid points per side (`landscape`, `normalization`, `compare optimizers`), 2...4096.
    public var gridSize = 400
    /// Axis ranges by parameter name (`--range-w`, `--range-b`, `--range-w1`, ...).
    public var ranges: [String: ClosedRange<Double>] = [:]
    /// Where to write the grid as CSV (`landscape`), or nil.
    public var gridCSV: URL?

    // lr-sweep
    /// The learning rates to compare (`lr-sweep`); nil = fractions and multiples of the stable limit.
    public var learningRates: [Double]?
    /// Whether the optimizer was chosen explicitly (`--optimizer`); `lr-sweep` uses full-batch GD otherwise.
    public var optimizerChosen = false
    /// Whether the stop rule was chosen explicitly (`--stop`); `lr-sweep` runs every epoch otherwise.
    public var stopRuleChosen = false

    // slice
    /// The parameter to vary (`slice`); nil = the first.
    public var sliceParameter: String?

    // step
    /// Initial weight of the worked example (`step`).
    public var stepInitialWeight = 1.0
    /// Learning rate of the worked example (`step`).
    public var stepLearningRate = 0.05
    /// Number of steps of the worked example (`step`).
    public var stepCount = 3

    // compare
    /// `compare`: models (linear vs cubic) or optimizers (paths on one landscape).
    public var comparison: Comparison = .models

    /// What `compare` compares.
    public enum Comparison: String, Sendable, CaseIterable, Codable {
        /// Linear vs cubic fits and per-person errors.
        case models
        /// sgd, gd, momentum and adam paths on one landscape.
        case optimizers
    }

    /// Creates a request with default options.
    public init(kind: FigureKind, style: FigureStyle = FigureStyle(), dataset: Dataset = .notebook,
                configurations: [TrainingConfiguration]) {
        self.kind = kind
        self.style = style
        self.dataset = dataset
        self.configurations = configurations
    }

    /// Trains every configuration on the z-scored data.
    public func trainedModels() throws -> [TrainedModel] {
        let data = try NormalizedDataset(dataset)
        return try configurations.map { try TrainedModel(data: data, configuration: $0) }
    }
}

/// A built figure and any data files that go with it.
public struct FigureProduct {
    /// The figure to write.
    public let figure: Figure
    /// A one-line description for the PNG's tEXt Description and the terminal.
    public let summary: String
    /// Extra files (e.g. the landscape grid CSV): contents by destination.
    public let attachments: [(url: URL, contents: Data)]

    /// Creates a product.
    public init(figure: Figure, summary: String, attachments: [(url: URL, contents: Data)] = []) {
        self.figure = figure
        self.summary = summary
        self.attachments = attachments
    }
}
