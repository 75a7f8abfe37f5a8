/// Text as XML character data or an attribute value, shared by the SVG writer and the slide deck's
/// Office Open XML parts.
public enum XMLText {
    /// `text` with `&`, `<`, `>` and `"` escaped (and `'` when `apostrophes` is true), and the
    /// characters XML 1.0 does not allow (controls other than tab, line feed and carriage return,
    /// and U+FFFE, U+FFFF) left out.
    public static func escaped(_ text: String, apostrophes: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'" where apostrophes: result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
