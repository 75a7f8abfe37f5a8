import Foundation
import Training

/// Writes a trained polynomial as an equation in the data's original units.
///
/// The model lives in normalised space, `ŷ_z = Σ θ_k z^{p_k}` with `z = (x − m_x)/s_x`; in
/// original units it is `y = m_y + s_y·ŷ_z`, a polynomial `Σ c_k x^k` whose coefficients
/// `PolynomialModel.coefficientsInOriginalUnits` expands. Coefficients are written with four
/// significant digits and at least two decimals (`107.73`, `0.8513`), very small or large ones in
/// scientific notation, terms in ascending powers, signs folded into the operators.
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

    /// The equation `yName = c0 + c1*xName + c2*xName^2 ...` of `parameters` in original units.
    func originalUnits(model: PolynomialModel, parameters: [Double], xScale: Normalizer,
                              yScale: Normalizer, xName: String, yName: String) -> String {
        let coefficients = model.coefficientsInOriginalUnits(parameters, xScale: xScale, yScale: yScale)
        return "\(yName) = " + polynomial(coefficients: coefficients, variable: xName)
    }

    /// The right-hand side `c0 + c1·x + c2·x² ...`, skipping coefficients that are exactly zero.
    func polynomial(coefficients: [Double], variable: String) -> String {
        var text = ""
        for (power, coefficient) in coefficients.enumerated() where coefficient != 0 || coefficients.count == 1 {
            let magnitude = number(abs(coefficient))
            let term: String
            switch power {
            case 0: term = magnitude
            default: term = magnitude + times + variable + exponent(power)
            }
            if text.isEmpty {
                text = (coefficient < 0 ? minus : "") + term
            } else {
                text += (coefficient < 0 ? " \(minus) " : " + ") + term
            }
        }
        return text.isEmpty ? "0" : text
    }

    /// A coefficient: four significant digits, at least two decimals; scientific below 1e-4 or from 1e6.
    func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? minus : "") + "inf" }
        let magnitude = abs(value)
        var text: String
        if magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e6) {
            let exponentValue = Int(floor(log10(magnitude)))
            let mantissa = value / pow(10, Double(exponentValue))
            text = String(format: "%.3f", mantissa)
            switch notation {
            case .ascii: text += "e\(exponentValue)"
            case .typographic: text += "×10" + superscript(exponentValue)
            }
        } else {
            let leading = magnitude == 0 ? 0 : Int(floor(log10(magnitude)))
            let decimals = max(2, 3 - leading)
            text = String(format: "%.\(decimals)f", value)
        }
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
