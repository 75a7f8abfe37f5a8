/// A data set together with its z-scored copy, the space in which models are trained.
///
/// `x[i] = xScale.normalize(original.x[i])`, `y[i] = yScale.normalize(original.y[i])`. With
/// `normalize: false` both scales are ``Normalizer/identity`` and `x`, `y` equal the original values
/// (raw training, the CLI's `--raw`).
public struct NormalizedDataset: Sendable {
    /// The data in original units.
    public let original: Dataset
    /// The normalized inputs.
    public let x: [Double]
    /// The normalized targets.
    public let y: [Double]
    /// The transform of the inputs.
    public let xScale: Normalizer
    /// The transform of the targets.
    public let yScale: Normalizer

    /// The number of data points `N`.
    public var count: Int { x.count }

    /// Normalizes `dataset`, or wraps it unchanged when `normalize` is `false`.
    ///
    /// - Throws: The errors of ``Normalizer/init(fitting:name:source:)`` (fewer than 2 rows, a constant
    ///   column, overflow) when normalizing.
    public init(_ dataset: Dataset, normalize: Bool = true) throws {
        original = dataset
        if normalize {
            let xScale = try Normalizer(fitting: dataset.x, name: dataset.xName, source: dataset.source)
            let yScale = try Normalizer(fitting: dataset.y, name: dataset.yName, source: dataset.source)
            self.xScale = xScale
            self.yScale = yScale
            x = dataset.x.map(xScale.normalize)
            y = dataset.y.map(yScale.normalize)
        } else {
            xScale = .identity
            yScale = .identity
            x = dataset.x
            y = dataset.y
        }
    }
}
