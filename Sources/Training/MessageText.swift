/// Text from files and command lines made safe to show in a one-line message.
///
/// Control characters (NUL, escape, line breaks, DEL, C1 controls) and invisible format characters
/// (bidirectional overrides, zero-width spaces, line and paragraph separators) are shown as escapes,
/// so a message stays on one line and cannot move the terminal's cursor or change its colours;
/// long values are cut to a length that still identifies them.
public enum MessageText {
    /// The longest value shown in full, in characters.
    public static let valueLimit = 60

    /// `text` with every control and format character written as an escape: `\n`, `\r`, `\t`, and
    /// `\u{1B}` (hexadecimal code point) for the others.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// `text` escaped and, when longer than `limit` characters, cut with "…" and its length.
    public static func value(_ text: String, limit: Int = valueLimit) -> String {
        let characters = text.count
        guard characters > limit else { return escaped(text) }
        return escaped(String(text.prefix(limit))) + "… (\(characters) characters)"
    }

    /// `true` for scalars that must not reach a terminal as they are.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true
        default:
            return scalar.properties.generalCategory == .format
        }
    }
}
