/// Strict parsing of decimal numbers from text fields.
///
/// Only plain decimal notation is accepted: an optional sign, digits with at most one dot, and an
/// optional exponent (`58`, `-1.5`, `.5`, `1.5e3`). Hexadecimal floats, `nan`, `inf` and thousands
/// separators are rejected, because in a data file they are almost always mistakes. With a decimal
/// comma the same notation is read with a comma in place of the dot (`58,5`), and a dot is refused.
enum NumberParsing {
    /// The value of `text` (surrounding spaces and tabs ignored), or `nil` when it is not plain decimal
    /// notation. The result can be infinite when the literal is out of range (`1e400`); callers check.
    static func parseDecimal(_ text: String) -> Double? {
        var sawDigit = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": sawDigit = true
            case "+", "-", ".", "e", "E", " ", "\t": continue
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        let trimmed = text.trimmingSpacesAndTabs()
        guard !trimmed.contains(" "), !trimmed.contains("\t") else { return nil }
        return Double(trimmed)
    }

    /// The value of `text` written with a decimal comma (`58,5`, `-1,5e3`), or `nil` when it is not
    /// that notation; a dot is refused, since it may be a thousands separator (`1.000`).
    static func parseDecimal(_ text: String, decimalComma: Bool) -> Double? {
        guard decimalComma else { return parseDecimal(text) }
        guard !text.contains("."), text.filter({ $0 == "," }).count <= 1 else { return nil }
        return parseDecimal(text.replacingOccurrences(of: ",", with: "."))
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpacesAndTabs() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
