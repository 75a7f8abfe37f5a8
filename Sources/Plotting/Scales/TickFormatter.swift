import Foundation

/// Turns numbers into the strings drawn on figures: tick labels, equations and captions.
///
/// All output uses the `style`'s decimal separator and minus sign (U+2212 by default); zero
/// is never written with a sign. Very large or very small magnitudes are written as
/// `m×10ⁿ` with superscript digits (e.g. `"2.5×10⁻⁵"`). Non-finite values are written
/// `"NaN"`, `"∞"` and `"−∞"`.
public struct TickFormatter: Sendable {
    /// The separator and minus sign to use.
    public var style: NumberStyle
    /// Tick sets whose largest magnitude is at least this are written in scientific form.
    public var scientificAbove: Double = 1e6
    /// Tick sets whose largest non-zero magnitude is below this are written in scientific form.
    public var scientificBelow: Double = 1e-4

    /// The most decimals (or mantissa decimals) a label ever gets.
    static let maximumDecimals = 15

    /// Creates a formatter for the given style.
    public init(style: NumberStyle = .english) {
        self.style = style
    }

    // MARK: Tick labels

    /// Labels for a set of linear-axis ticks, all written with one shared precision.
    ///
    /// The precision is the fewest decimals `d` (0…15) at which every label reads back as its
    /// tick to within `10⁻³` of the smallest gap between distinct ticks, and distinct ticks
    /// get distinct labels; so `[0, 0.25, 0.5]` gives `"0.00", "0.25", "0.50"` and
    /// `[0.1, 0.2, 0.30000000000000004]` gives `"0.1", "0.2", "0.3"`. Zero is `"0"` with
    /// the shared decimals, never `"−0"`.
    ///
    /// When the largest magnitude is `≥ scientificAbove` or below `scientificBelow` (and not
    /// zero) the ticks are written `m×10ⁿ`, each with its own exponent and the mantissas
    /// sharing the precision, e.g. `"0", "2×10⁻⁵", "4×10⁻⁵"` (zero stays `"0"`).
    /// Non-finite ticks get `"NaN"`, `"∞"`, `"−∞"`; an empty input gives `[]`.
    public func labels(for ticks: [Double]) -> [String] {
        let finite = ticks.filter(\.isFinite)
        guard !finite.isEmpty else { return ticks.map(nonFiniteLabel) }
        let largest = finite.map(\.magnitude).max() ?? 0
        let tolerance = labelTolerance(finite)
        let scientific = largest >= scientificAbove || (largest > 0 && largest < scientificBelow)
        var chosen: [String] = []
        for decimals in 0...Self.maximumDecimals {
            chosen = ticks.map { tick in
                guard tick.isFinite else { return nonFiniteLabel(tick) }
                return scientific ? scientificLabel(tick, mantissaDecimals: decimals) : format(tick, decimals: decimals)
            }
            if labelsAreFaithful(ticks, decimals: decimals, scientific: scientific, tolerance: tolerance, labels: chosen) {
                break
            }
        }
        return chosen
    }

    /// Labels for logarithmic-axis ticks, choosing the readable form for the range.
    ///
    /// If every tick lies in `[0.01, 1000]` they are written as plain numbers with up to
    /// three significant digits (`"0.01"`, `"0.5"`, `"1"`, `"20"`). Otherwise powers of ten are
    /// written `"10ⁿ"` (`"10⁻²"`, `"10⁰"`, `"10³"`) and other ticks `"m×10ⁿ"` (`"2×10⁻³"`).
    /// Non-positive ticks, which a log axis cannot show, are formatted plainly.
    public func logLabels(for ticks: [Double]) -> [String] {
        let positive = ticks.filter { $0 > 0 && $0.isFinite }
        let plain = positive.allSatisfy { $0 >= 0.01 * (1 - 1e-12) && $0 <= 1000 * (1 + 1e-12) }
        return ticks.map { tick in
            guard tick.isFinite else { return nonFiniteLabel(tick) }
            guard tick > 0, !plain else { return format(tick, significantDigits: 3) }
            let parts = scientificParts(tick, mantissaDecimals: 2)
            let mantissa = trimmingZeros(parts.mantissa)
            if mantissa == "1" { return "10" + superscript(parts.exponent) }
            return mantissa + "×10" + superscript(parts.exponent)
        }
    }

    // MARK: General numbers

    /// `value` written with exactly `decimals` digits after the separator (clamped to 0…17),
    /// rounded half-to-even on the binary value like `printf("%.*f")`.
    ///
    /// Negative numbers get the style's minus sign unless they round to zero (`-0.001` with
    /// one decimal gives `"0.0"`, never `"−0.0"`).
    public func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return nonFiniteLabel(value) }
        let digits = Swift.min(17, Swift.max(0, decimals))
        return localized(String(format: "%.\(digits)f", value))
    }

    /// `value` rounded to `significantDigits` significant digits (clamped to 1…17), trailing
    /// zeros dropped, in scientific form `m×10ⁿ` when the rounded magnitude is
    /// `≥ scientificAbove` or `< scientificBelow`.
    ///
    /// Examples (English): `0.012345, 3 → "0.0123"`, `1234.5, 2 → "1200"`,
    /// `0.00001234, 2 → "1.2×10⁻⁵"`, `-2, 3 → "−2"`, `0 → "0"`.
    public func format(_ value: Double, significantDigits: Int) -> String {
        guard value.isFinite else { return nonFiniteLabel(value) }
        if value == 0 { return "0" }
        let digits = Swift.min(17, Swift.max(1, significantDigits))
        let parts = scientificParts(value, mantissaDecimals: digits - 1)
        let scale = pow(10, Double(parts.exponent))
        if scale >= scientificAbove || scale < scientificBelow {
            return scientificLabel(value, mantissaDecimals: digits - 1, trimming: true)
        }
        let magnitude = Double("\(parts.mantissa)e\(parts.exponent)") ?? value.magnitude
        let decimals = Swift.max(0, digits - 1 - parts.exponent)
        let text = format(value < 0 ? -magnitude : magnitude, decimals: decimals)
        return trimmingZeros(text)
    }

    // MARK: Helpers

    /// The label of a non-finite value.
    func nonFiniteLabel(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        return value < 0 ? String(style.minusSign) + "∞" : "∞"
    }

    /// The largest error a label may have: `10⁻³ ×` the smallest positive gap between ticks,
    /// or `10⁻⁹ ×` the largest magnitude when there is no gap.
    private func labelTolerance(_ finite: [Double]) -> Double {
        let sorted = Array(Set(finite)).sorted()
        var gap = Double.infinity
        for index in sorted.indices.dropFirst() {
            gap = Swift.min(gap, sorted[index] - sorted[index - 1])
        }
        if gap.isFinite, gap > 0 { return gap * 1e-3 }
        let largest = finite.map(\.magnitude).max() ?? 0
        return largest > 0 ? largest * 1e-9 : 0
    }

    /// Whether labels at `decimals` read back as their ticks within `tolerance` and are
    /// distinct for distinct ticks.
    private func labelsAreFaithful(_ ticks: [Double], decimals: Int, scientific: Bool, tolerance: Double, labels: [String]) -> Bool {
        var seen: [String: Double] = [:]
        for (tick, label) in zip(ticks, labels) where tick.isFinite {
            let plain = scientific ? String(format: "%.\(decimals)e", tick) : String(format: "%.\(decimals)f", tick)
            guard let readBack = Double(plain), (readBack - tick).magnitude <= tolerance else { return false }
            if let other = seen[label], other != tick { return false }
            seen[label] = tick
        }
        return true
    }

    /// Mantissa text (English, unsigned) and exponent of `|value|` rounded to
    /// `mantissaDecimals` decimals, from `printf("%.*e")`, which carries 9.99 → 1.00×10¹.
    private func scientificParts(_ value: Double, mantissaDecimals: Int) -> (mantissa: String, exponent: Int) {
        let text = String(format: "%.\(Swift.min(17, Swift.max(0, mantissaDecimals)))e", value.magnitude)
        guard let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return (text, 0) }
        let mantissa = String(text[..<marker])
        let exponent = Int(text[text.index(after: marker)...]) ?? 0
        return (mantissa, exponent)
    }

    /// `m×10ⁿ` with the style's sign and separator; zero is `"0"`.
    private func scientificLabel(_ value: Double, mantissaDecimals: Int, trimming: Bool = false) -> String {
        if value == 0 { return "0" }
        let parts = scientificParts(value, mantissaDecimals: mantissaDecimals)
        var mantissa = parts.mantissa
        if trimming { mantissa = trimmingZeros(mantissa) }
        let sign = value < 0 ? String(style.minusSign) : ""
        return sign + localized(mantissa) + "×10" + superscript(parts.exponent)
    }

    /// Replaces `-` and `.` of C-locale output with the style's characters; a result that
    /// is all zeros loses its sign.
    private func localized(_ text: String) -> String {
        var body = Substring(text)
        var negative = false
        if body.first == "-" {
            negative = true
            body = body.dropFirst()
        }
        if body.allSatisfy({ $0 == "0" || $0 == "." }) { negative = false }
        let converted = String(body.map { $0 == "." ? style.decimalSeparator : $0 })
        return negative ? String(style.minusSign) + converted : converted
    }

    /// Drops trailing fractional zeros and a then-trailing separator: `"1.50"` → `"1.5"`, `"2.0"` → `"2"`.
    private func trimmingZeros(_ text: String) -> String {
        let separators: Set<Character> = [".", style.decimalSeparator]
        guard text.contains(where: { separators.contains($0) }) else { return text }
        var result = Substring(text)
        while result.last == "0" { result = result.dropLast() }
        if let last = result.last, separators.contains(last) { result = result.dropLast() }
        return String(result)
    }

    /// The exponent in superscript digits with a superscript minus: `-5` → `"⁻⁵"`.
    func superscript(_ exponent: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(exponent.magnitude).map { character -> Character in
            guard let digit = character.wholeNumberValue else { return character }
            return digits[digit]
        }
        return (exponent < 0 ? "⁻" : "") + String(body)
    }
}
