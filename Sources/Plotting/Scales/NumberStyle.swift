/// Locale conventions for writing numbers on figures: the decimal separator and minus sign.
///
/// Figures never consult the process locale: a lecture's slides look the same on every
/// machine. Pick `.english` or `.finnish`, or build your own.
public struct NumberStyle: Sendable, Hashable {
    /// The character between the integer and fractional digits: `"."` or `","`.
    public var decimalSeparator: Character
    /// The sign written before negative numbers; typographic minus U+2212 by default.
    public var minusSign: Character

    /// Creates a style from a decimal separator and, optionally, a minus sign.
    public init(decimalSeparator: Character, minusSign: Character = "\u{2212}") {
        self.decimalSeparator = decimalSeparator
        self.minusSign = minusSign
    }

    /// English conventions: `"−1.5"`.
    public static let english = NumberStyle(decimalSeparator: ".")
    /// Finnish conventions: decimal comma, `"−1,5"`.
    public static let finnish = NumberStyle(decimalSeparator: ",")
}
