/// How a CSV file separates fields and writes decimals.
///
/// The default reads what most tools write: the delimiter found in the header (a comma, a semicolon
/// or a tab) and decimal points. Spreadsheets in locales with a decimal comma (Finnish, German, ...)
/// export semicolon-separated files with numbers such as `58,5`: those need ``decimalComma``.
public struct CSVFormat: Sendable, Equatable, Hashable {
    /// A field separator.
    public enum Delimiter: String, Sendable, CaseIterable, Hashable {
        case comma = ","
        case semicolon = ";"
        case tab = "\t"

        /// The separator's name in messages: "comma", "semicolon", "tab".
        public var name: String {
            switch self {
            case .comma: return "comma"
            case .semicolon: return "semicolon"
            case .tab: return "tab"
            }
        }

        /// The separator as written in messages: `','`, `';'`, `tab`.
        public var shown: String { self == .tab ? "tab" : "'\(rawValue)'" }

        /// The delimiter named by `text`: `,` `;` `tab` (or a tab character), or `comma`, `semicolon`.
        public init?(naming text: String) {
            switch text.lowercased() {
            case ",", "comma": self = .comma
            case ";", "semicolon": self = .semicolon
            case "\t", "tab", "\\t": self = .tab
            default: return nil
            }
        }
    }

    /// The field separator; nil = the one found in the header.
    public var delimiter: Delimiter?
    /// Numbers use a decimal comma (`58,5`) instead of a decimal point.
    public var decimalComma: Bool

    /// A format; by default the delimiter is found in the header and decimals use a point.
    public init(delimiter: Delimiter? = nil, decimalComma: Bool = false) {
        self.delimiter = delimiter
        self.decimalComma = decimalComma
    }

    /// The delimiter of a header line: the one of comma, semicolon and tab that occurs most often
    /// outside quotes (a comma on ties, and when none occurs).
    static func detectDelimiter(inHeader bytes: some Sequence<UInt8>) -> Delimiter {
        var counts: [Delimiter: Int] = [:]
        var quoted = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ","): if !quoted { counts[.comma, default: 0] += 1 }
            case UInt8(ascii: ";"): if !quoted { counts[.semicolon, default: 0] += 1 }
            case UInt8(ascii: "\t"): if !quoted { counts[.tab, default: 0] += 1 }
            default: break
            }
        }
        var best = Delimiter.comma
        for candidate in [Delimiter.semicolon, .tab] where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return best
    }
}
