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

    /// The words of the lecture's figures in this language.
    public var text: LectureText { LectureText(language: self) }
}
