/// A z-score transform `z = (v − μ) / σ` and its inverse `v = z·σ + μ`.
///
/// `μ` is the mean and `σ` the population standard deviation (divide by `N`, numpy's default):
/// `σ = sqrt(Σ(vᵢ − μ)² / N)`, computed in two passes with compensated sums. Unlike the lecture
/// notebook, no `1e-12` is added to `σ`: a constant column is reported as an error instead (the
/// notebook's epsilon changes results by about `1e-13` relative, far below any tolerance in use).
public struct Normalizer: Sendable, Codable, Equatable {
    /// The mean `μ` of the fitted values.
    public let mean: Double
    /// The population standard deviation `σ` of the fitted values; always finite and `> 0`.
    public let standardDeviation: Double

    /// Fits `μ` and `σ` to `values`.
    ///
    /// - Parameters:
    ///   - values: At least two values, not all equal, all finite.
    ///
    /// Deviations whose squares underflow (values such as 1e-300, 2e-300, 3e-300) are summed again
    /// scaled by a power of two, so tiny but distinct values normalise; ordinary data never takes
    /// that path, and its `σ` is the plain two-pass result.
    ///   - name: The column's name, used in error messages.
    ///   - source: The file the values came from, used in error messages.
    /// - Throws: ``TrainingError/tooFewRows(path:count:)`` for fewer than 2 values,
    ///   ``TrainingError/nonFiniteValue(name:index:value:path:)`` for NaN/infinity,
    ///   ``TrainingError/zeroVariance(name:value:path:)`` when every value is equal,
    ///   ``TrainingError/spreadTooSmall(name:standardDeviation:path:)`` when the values differ but
    ///   `σ` is subnormal or its reciprocal overflows (values below about 1e-308 apart), and
    ///   ``TrainingError/overflow(path:line:column:columnNumber:value:)`` when `μ` or `σ` is not finite.
    public init(fitting values: [Double], name: String, source: String? = nil) throws {
        guard values.count >= 2 else { throw TrainingError.tooFewRows(path: source, count: values.count) }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw TrainingError.nonFiniteValue(name: name, index: index, value: values[index], path: source)
        }
        let count = Double(values.count)
        var sum = CompensatedSum()
        for value in values { sum.add(value) }
        let mean = sum.value / count
        guard mean.isFinite else {
            throw TrainingError.overflow(path: source, line: nil, column: name, columnNumber: nil, value: "mean")
        }
        var squares = CompensatedSum()
        for value in values {
            let deviation = value - mean
            squares.add(deviation * deviation)
        }
        var standardDeviation = (squares.value / count).squareRoot()
        guard standardDeviation.isFinite else {
            throw TrainingError.overflow(path: source, line: nil, column: name, columnNumber: nil, value: "standard deviation")
        }
        guard values.contains(where: { $0 != values[0] }) else {
            throw TrainingError.zeroVariance(name: name, value: values[0], path: source)
        }
        if !standardDeviation.isNormal {
            // The squared deviations underflowed (values such as 1e-300, 2e-300): the same sums on
            // deviations scaled by a power of two, exact in binary floating point.
            standardDeviation = Self.scaledStandardDeviation(values, mean: mean)
        }
        // z = (v − μ) / σ needs σ > 0 with a finite reciprocal, and σ normal so no digits are lost.
        guard standardDeviation.isNormal, (1 / standardDeviation).isFinite else {
            throw TrainingError.spreadTooSmall(name: name, standardDeviation: standardDeviation, path: source)
        }
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The population standard deviation of `values` around `mean`, computed on deviations scaled
    /// by a power of two so that their squares neither underflow nor overflow.
    static func scaledStandardDeviation(_ values: [Double], mean: Double) -> Double {
        let largest = values.reduce(0) { max($0, abs($1 - mean)) }
        guard largest > 0, largest.isFinite else { return 0 }
        let scale = Double(sign: .plus, exponent: largest.exponent, significand: 1)
        var squares = CompensatedSum()
        for value in values {
            let deviation = (value - mean) / scale
            squares.add(deviation * deviation)
        }
        return (squares.value / Double(values.count)).squareRoot() * scale
    }

    /// Creates a normalizer from known statistics; `standardDeviation` must be finite and `> 0`.
    public init(mean: Double, standardDeviation: Double) {
        precondition(mean.isFinite && standardDeviation.isFinite && standardDeviation > 0,
                     "Normalizer needs a finite mean and a finite standard deviation > 0")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// Decodes `mean` and `standardDeviation`, rejecting a non-finite mean or a deviation that is not `> 0`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let mean = try container.decode(Double.self, forKey: .mean)
        let standardDeviation = try container.decode(Double.self, forKey: .standardDeviation)
        guard mean.isFinite, standardDeviation.isFinite, standardDeviation > 0 else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "A normalizer needs a finite mean and a standard deviation > 0, got \(mean) and \(standardDeviation)."))
        }
        self.init(mean: mean, standardDeviation: standardDeviation)
    }

    /// The transform that changes nothing: `μ = 0`, `σ = 1` (used for raw, unnormalized training).
    public static let identity = Normalizer(mean: 0, standardDeviation: 1)

    /// `(v − μ) / σ`.
    @inline(__always)
    public func normalize(_ value: Double) -> Double { (value - mean) / standardDeviation }

    /// `z·σ + μ`, the inverse of ``normalize(_:)``.
    @inline(__always)
    public func denormalize(_ value: Double) -> Double { value * standardDeviation + mean }
}
