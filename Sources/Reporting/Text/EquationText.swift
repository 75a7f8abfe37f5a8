import Foundation
import Training

/// Writes a trained polynomial as an equation in the data's original units that reproduces it.
///
/// The model lives in normalised space, `ŷ_z = Σ θ_k z^{p_k}` with `z = (x − m_x)/s_x`; in
/// original units it is `y = m_y + s_y·ŷ_z`. Written naively as `Σ c_k x^k`, a polynomial in
/// kilograms cannot be carried by four-digit coefficients (the cubic's `x³` term is about 10⁶
/// times its coefficient, so rounding it moves the curve by centimetres). So:
///
/// - **Form.** Degree 1 is written `c₀ + c₁·x` (`height = 107.73 + 0.8513·weight`). Higher degrees
///   are written around a centre `c`, the data's mean rounded to three significant digits:
///   `d₀ + d₁·(x − c) + d₂·(x − c)² + …`, whose coefficients come straight from `θ`
///   (`z = ((x − c) + (c − m_x))/s_x`, expanded by the binomial theorem), so they are well conditioned.
/// - **Digits.** Coefficients get four significant digits (at least two decimals) and more, up to
///   seventeen, until the printed equation — the numbers exactly as printed — stays within
///   ``tolerance(yScale:)`` (a thousandth of the target's standard deviation; for a curve far
///   larger than the data, 10⁻⁵ of its size) of the model over the x range it is drawn on. Terms
///   whose printed coefficient is 0 are left out.
///
/// Terms run in ascending powers, signs folded into the operators; very small or large
/// coefficients in scientific notation. The same writer serves legends, titles, captions, the
/// reports, `summary.json` and `descent train`, so they all print the same equation.
struct EquationText: Sendable {
    /// Plain ASCII (`*`, `^2`, `-`) for terminals and CSV, or typographic (`·`, `²`, `−`) for figures.
    enum Notation: Sendable { case ascii, typographic }

    /// ASCII or typographic operators.
    var notation: Notation
    /// The decimal separator: "." in English, "," in Finnish.
    var decimalSeparator: String

    /// Creates a writer.
    init(notation: Notation = .ascii, decimalSeparator: String = ".") {
        self.notation = notation
        self.decimalSeparator = decimalSeparator
    }

    /// The largest difference allowed between the printed equation and the model: a thousandth
    /// of the target's standard deviation (0.012 cm for the notebook's heights).
    static func tolerance(yScale: Normalizer) -> Double { 1e-3 * yScale.standardDeviation }

    /// The x range an equation must hold over when the caller gives none: the mean ± 3 standard deviations.
    static func defaultDomain(xScale: Normalizer) -> ClosedRange<Double> {
        let half = 3 * xScale.standardDeviation
        return (xScale.mean - half)...(xScale.mean + half)
    }

    /// An equation as printed: the centre (nil for the plain form) and each power's coefficient
    /// exactly as its printed text reads back.
    struct Printed: Sendable, Equatable {
        /// The centre `c` of the form `Σ d_j (x − c)^j`, or nil for `Σ c_j x^j`.
        let centre: Double?
        /// `(power, value)` of every printed term, ascending powers.
        let terms: [(power: Int, value: Double)]

        static func == (lhs: Printed, rhs: Printed) -> Bool {
            lhs.centre == rhs.centre && lhs.terms.map(\.power) == rhs.terms.map(\.power) && lhs.terms.map(\.value) == rhs.terms.map(\.value)
        }

        /// The printed polynomial's value at `x`.
        func value(at x: Double) -> Double {
            let u = x - (centre ?? 0)
            return terms.reduce(0) { $0 + $1.value * pow(u, Double($1.power)) }
        }
    }

    /// The equation `yName = …` of `parameters` in original units, reproducing the model over `domain`.
    func originalUnits(model: PolynomialModel, parameters: [Double], xScale: Normalizer, yScale: Normalizer,
                       xName: String, yName: String, domain: ClosedRange<Double>? = nil) -> String {
        let (printed, texts) = choose(model: model, parameters: parameters, xScale: xScale, yScale: yScale,
                                      domain: domain ?? Self.defaultDomain(xScale: xScale))
        return "\(yName) = " + render(printed, texts: texts, variable: xName)
    }

    /// The printed form of `parameters` (for checks): centre and coefficients as they read back.
    func printed(model: PolynomialModel, parameters: [Double], xScale: Normalizer, yScale: Normalizer,
                 domain: ClosedRange<Double>? = nil) -> Printed {
        choose(model: model, parameters: parameters, xScale: xScale, yScale: yScale,
               domain: domain ?? Self.defaultDomain(xScale: xScale)).printed
    }

    /// The right-hand side `c0 + c1·x + c2·x² ...` of plain coefficients, skipping exact zeros.
    func polynomial(coefficients: [Double], variable: String) -> String {
        let terms = coefficients.enumerated().filter { $0.element != 0 || coefficients.count == 1 }
        let printed = Printed(centre: nil, terms: terms.map { (power: $0.offset, value: $0.element) })
        return render(printed, texts: terms.map { number(abs($0.element)) }, variable: variable)
    }

    /// A coefficient: four significant digits, at least two decimals; scientific below 1e-4 or from 1e6.
    func number(_ value: Double) -> String { number(value, significantDigits: 4) }

    // MARK: Choosing the digits

    private func choose(model: PolynomialModel, parameters: [Double], xScale: Normalizer, yScale: Normalizer,
                        domain: ClosedRange<Double>) -> (printed: Printed, texts: [String]) {
        let centre: Double? = model.degree >= 2 ? Self.centre(xScale.mean) : nil
        // Coefficients in u = x − centre: z = (u − (m − centre))/s.
        let shifted = Normalizer(mean: xScale.mean - (centre ?? 0), standardDeviation: xScale.standardDeviation)
        let coefficients = model.coefficientsInOriginalUnits(parameters, xScale: shifted, yScale: yScale)
        let samples = (0...200).map { domain.lowerBound + (domain.upperBound - domain.lowerBound) * Double($0) / 200 }
        let exact = samples.map { yScale.denormalize(model.predict(parameters, at: xScale.normalize($0))) }
        // Within a thousandth of σ_y, or of 10⁻⁵ of the curve's size for a curve far larger
        // than the data (a diverged run), which no number of digits makes worth reading.
        let size = exact.lazy.filter(\.isFinite).map(abs).max() ?? 0
        let tolerance = max(Self.tolerance(yScale: yScale), 1e-5 * size)
        var best: (printed: Printed, texts: [String], error: Double)?
        for digits in 4...17 {
            var terms: [(power: Int, value: Double)] = []
            var texts: [String] = []
            for (power, coefficient) in coefficients.enumerated() where coefficient.isFinite {
                let text = number(abs(coefficient), significantDigits: digits)
                guard let magnitude = Self.readBack(text), magnitude != 0 || coefficients.count == 1 else { continue }
                terms.append((power, coefficient < 0 ? -magnitude : magnitude))
                texts.append(text)
            }
            if terms.isEmpty { terms = [(0, 0)]; texts = [number(0, significantDigits: digits)] }
            let printed = Printed(centre: centre, terms: terms)
            let error = zip(samples, exact).reduce(0.0) { worst, pair in
                let difference = abs(printed.value(at: pair.0) - pair.1)
                return difference.isFinite ? max(worst, difference) : worst
            }
            if best == nil || error < best!.error { best = (printed, texts, error) }
            if error <= tolerance { break }
        }
        return (best!.printed, best!.texts)
    }

    /// The centre of a centred equation: `mean` rounded to three significant digits.
    static func centre(_ mean: Double) -> Double {
        guard mean != 0, mean.isFinite else { return 0 }
        let exponent = Int(floor(log10(abs(mean)))) - 2
        let unit = pow(10, Double(exponent))
        return Double(String(format: "%.\(max(0, -exponent))f", (mean / unit).rounded() * unit)) ?? mean
    }

    /// The value a printed number stands for (any notation, any separator).
    static func readBack(_ text: String) -> Double? {
        var plain = text.replacingOccurrences(of: "\u{2212}", with: "-").replacingOccurrences(of: ",", with: ".")
        if let times = plain.range(of: "×10") {
            let exponent = plain[times.upperBound...].map { character -> Character in
                let superscripts: [Character: Character] = ["⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5",
                                                            "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-"]
                return superscripts[character] ?? character
            }
            plain = String(plain[..<times.lowerBound]) + "e" + String(exponent)
        }
        return Double(plain)
    }

    // MARK: Writing

    /// A coefficient with `significantDigits` significant digits and at least two decimals;
    /// scientific below 1e-4 or from 1e6.
    private func number(_ value: Double, significantDigits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? minus : "") + "inf" }
        let magnitude = abs(value)
        var text: String
        if magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e6) {
            var exponentValue = Int(floor(log10(magnitude)))
            var mantissa = value / pow(10, Double(exponentValue))
            text = String(format: "%.\(significantDigits - 1)f", mantissa)
            if abs(Double(text) ?? 0) >= 10 {  // 9.9996 rounds up to 10.000
                exponentValue += 1
                mantissa = value / pow(10, Double(exponentValue))
                text = String(format: "%.\(significantDigits - 1)f", mantissa)
            }
            switch notation {
            case .ascii: text += "e\(exponentValue)"
            case .typographic: text += "×10" + superscript(exponentValue)
            }
        } else {
            let leading = magnitude == 0 ? 0 : Int(floor(log10(magnitude)))
            let decimals = max(2, significantDigits - 1 - leading)
            text = String(format: "%.\(decimals)f", value)
        }
        if decimalSeparator != "." { text = text.replacingOccurrences(of: ".", with: decimalSeparator) }
        if notation == .typographic { text = text.replacingOccurrences(of: "-", with: minus) }
        return text
    }

    /// `printed` as text, each coefficient's magnitude written as in `texts`.
    private func render(_ printed: Printed, texts: [String], variable: String) -> String {
        let base: String
        if let centre = printed.centre, centre != 0 {
            base = "(" + variable + (centre < 0 ? " + " : " \(minus) ") + centreText(abs(centre)) + ")"
        } else {
            base = variable
        }
        var text = ""
        for (term, magnitude) in zip(printed.terms, texts) {
            let body = term.power == 0 ? magnitude : magnitude + times + base + exponent(term.power)
            if text.isEmpty {
                text = (term.value < 0 ? minus : "") + body
            } else {
                text += (term.value < 0 ? " \(minus) " : " + ") + body
            }
        }
        return text.isEmpty ? "0" : text
    }

    /// A centre as short as it reads back exactly (`75.5`, `120`, `0.0123`), in this notation.
    private func centreText(_ value: Double) -> String {
        var text = value == value.rounded() && value < 1e15 ? String(Int(value)) : "\(value)"
        if decimalSeparator != "." { text = text.replacingOccurrences(of: ".", with: decimalSeparator) }
        if notation == .typographic { text = text.replacingOccurrences(of: "-", with: minus) }
        return text
    }

    private var times: String { notation == .ascii ? "*" : "·" }
    private var minus: String { notation == .ascii ? "-" : "\u{2212}" }

    private func exponent(_ power: Int) -> String {
        guard power > 1 else { return "" }
        return notation == .ascii ? "^\(power)" : superscript(power)
    }

    private func superscript(_ value: Int) -> String {
        let digits: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return String(String(value).map { digits[$0] ?? $0 })
    }
}
