import Foundation

/// The language of every title, label, legend and caption, with its number conventions.
public enum Language: String, Sendable, CaseIterable, Codable {
    /// English: decimal point.
    case english = "en"
    /// Finnish: decimal comma.
    case finnish = "fi"

    /// The decimal separator of numbers written in this language.
    public var decimalSeparator: String {
        switch self {
        case .english: return "."
        case .finnish: return ","
        }
    }

    /// The separator of a list of numbers: ", " in English, "; " in Finnish (where the comma is the
    /// decimal separator, so "0,1, 0,2" would be ambiguous).
    public var listSeparator: String {
        switch self {
        case .english: return ", "
        case .finnish: return "; "
        }
    }

    /// A number written by `String(format:)` (decimal point, ASCII hyphen) in this language's
    /// typography: its decimal separator and the Unicode minus U+2212.
    func typeset(_ formatted: String) -> String {
        var text = formatted
        if decimalSeparator != "." { text = text.replacingOccurrences(of: ".", with: decimalSeparator) }
        return text.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// The words of the lecture's figures in this language.
    var text: LectureText { LectureText(language: self) }
}
