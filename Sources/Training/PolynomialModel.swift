/// A model that is linear in its parameters: `ŷ = Σₖ θₖ · x^{pₖ}` with one power `pₖ` per parameter.
///
/// The power 0 is the bias (`x⁰ = 1`). Parameters are ordered as in ``powers``; predictions add the
/// terms left to right in that order, so the linear model computes `w·x + b` and the cubic model
/// `w1·x + w2·x² + w3·x³ + b`, as the lecture notebook does. Powers are computed by repeated
/// multiplication (`x³ = (x·x)·x`), never with `pow`.
public struct PolynomialModel: Sendable, Hashable, Codable {
    /// The highest power a model may use.
    public static let maximumPower = 9

    /// The exponent of each parameter's feature; 0 is the bias. Linear `[1, 0]`, cubic `[1, 2, 3, 0]`,
    /// the slides' `w·x²` is `[2]`.
    public let powers: [Int]

    /// Creates a model from a list of distinct powers in `0...9`.
    ///
    /// - Throws: ``TrainingError/invalidPowers(_:)`` when the list is empty, has a power outside
    ///   `0...9`, or repeats a power.
    public init(powers: [Int]) throws {
        guard !powers.isEmpty, powers.allSatisfy({ (0...Self.maximumPower).contains($0) }),
              Set(powers).count == powers.count else {
            throw TrainingError.invalidPowers(powers)
        }
        self.powers = powers
    }

    /// Decodes `{"powers": [...]}` and validates it as ``init(powers:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(powers: container.decode([Int].self, forKey: .powers))
    }

    /// Creates a model whose powers the caller has already validated.
    private init(validPowers: [Int]) {
        powers = validPowers
    }

    /// `ŷ = w·x + b`, powers `[1, 0]`.
    public static let linear = PolynomialModel(validPowers: [1, 0])

    /// `ŷ = w1·x + w2·x² + w3·x³ + b`, powers `[1, 2, 3, 0]`.
    public static let cubic = PolynomialModel(validPowers: [1, 2, 3, 0])

    /// The full polynomial of degree `degree`: `ŷ = w1·x + … + wn·xⁿ + b`, powers `[1, …, n, 0]`.
    ///
    /// Degree 1 is ``linear`` and degree 3 is ``cubic``.
    /// - Throws: ``TrainingError/invalidDegree(_:)`` outside `1...9`.
    public static func polynomial(degree: Int) throws -> PolynomialModel {
        guard (1...maximumPower).contains(degree) else { throw TrainingError.invalidDegree(degree) }
        return PolynomialModel(validPowers: Array(1...degree) + [0])
    }

    /// The one-parameter model without bias `ŷ = w·x^power` (the slides use `power: 2`).
    ///
    /// - Precondition: `power` is in `0...9` (a programmer error otherwise; validate user input with
    ///   ``init(powers:)``).
    public static func monomial(power: Int) -> PolynomialModel {
        precondition((0...maximumPower).contains(power), "monomial power must be in 0...\(maximumPower)")
        return PolynomialModel(validPowers: [power])
    }

    /// The number of parameters `p`.
    public var parameterCount: Int { powers.count }

    /// The highest power `d` used by the model.
    public var degree: Int { powers.max() ?? 0 }

    /// Parameter names: the bias is `b`; a single weight is `w`; several weights are `w<power>`.
    /// Linear `["w", "b"]`, cubic `["w1", "w2", "w3", "b"]`, degree n `["w1", …, "wn", "b"]`, monomial `["w"]`.
    public var parameterNames: [String] {
        let weightCount = powers.filter { $0 != 0 }.count
        return powers.map { power in
            if power == 0 { return "b" }
            return weightCount == 1 ? "w" : "w\(power)"
        }
    }

    /// A human-readable name: `"linear"`, `"cubic"`, `"degree 5"`, `"w·x²"`, or the formula otherwise.
    public var name: String {
        if self == .linear { return "linear" }
        if self == .cubic { return "cubic" }
        let degree = self.degree
        if degree >= 1, powers == Array(1...degree) + [0] { return "degree \(degree)" }
        return formula
    }

    /// The model as a formula of its parameter names, such as `w·x²` or `w1·x + w3·x³ + b`.
    public var formula: String {
        zip(parameterNames, powers).map { name, power in
            switch power {
            case 0: return name
            case 1: return "\(name)·x"
            default: return "\(name)·x" + Self.superscript(power)
            }
        }.joined(separator: " + ")
    }

    /// `ŷ = Σₖ θₖ · x^{pₖ}`, summed left to right in parameter order.
    ///
    /// - Precondition: `parameters.count == parameterCount`.
    @inline(__always)
    public func predict(_ parameters: [Double], at x: Double) -> Double {
        precondition(parameters.count == powers.count, "expected \(powers.count) parameters, got \(parameters.count)")
        var prediction = 0.0
        for index in powers.indices {
            prediction += parameters[index] * Self.power(x, powers[index])
        }
        return prediction
    }

    /// The features `x^{pₖ}` of one input, written into `features` (no allocation).
    @inline(__always)
    func fillFeatures(at x: Double, into features: UnsafeMutableBufferPointer<Double>) {
        for index in powers.indices {
            features[index] = Self.power(x, powers[index])
        }
    }

    /// `x^power` by repeated multiplication: `x·x·…·x`, left to right; `x⁰ = 1`.
    @inline(__always)
    static func power(_ x: Double, _ power: Int) -> Double {
        if power == 0 { return 1 }
        var result = x
        var remaining = power - 1
        while remaining > 0 {
            result *= x
            remaining -= 1
        }
        return result
    }

    /// The coefficients `c₀ … c_d` of the same polynomial in original units:
    /// `y_orig = Σⱼ cⱼ · x_orig^j`.
    ///
    /// With `z = (x_orig − m)/s` (the ``Normalizer`` of x, `m = μx`, `s = σx`) and
    /// `y_orig = σy · Σₖ θₖ zᵖᵏ + μy`, the binomial theorem gives
    /// `zᵖ = Σⱼ C(p, j) · x_orig^j · (−m)^{p−j} / sᵖ`, so
    /// `cⱼ = σy · Σₖ θₖ · C(pₖ, j) · (−m)^{pₖ−j} / s^{pₖ}` plus `μy` in `c₀`. The result has
    /// `degree + 1` entries. With identity scales it simply sorts the parameters by power.
    public func coefficientsInOriginalUnits(_ parameters: [Double], xScale: Normalizer, yScale: Normalizer) -> [Double] {
        precondition(parameters.count == powers.count, "expected \(powers.count) parameters, got \(parameters.count)")
        var coefficients = [Double](repeating: 0, count: degree + 1)
        let mean = xScale.mean
        let scale = xScale.standardDeviation
        for (theta, power) in zip(parameters, powers) {
            let factor = theta / Self.power(scale, power)
            var binomial = 1.0 // C(power, j), starting at j = power
            for j in stride(from: power, through: 0, by: -1) {
                coefficients[j] += factor * binomial * Self.power(-mean, power - j)
                // C(p, j−1) = C(p, j) · j / (p − j + 1)
                binomial = binomial * Double(j) / Double(power - j + 1)
            }
        }
        for j in coefficients.indices { coefficients[j] *= yScale.standardDeviation }
        coefficients[0] += yScale.mean
        return coefficients
    }

    /// Superscript digits for an exponent (`2` → `²`).
    static func superscript(_ value: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(value).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}
