import Foundation

/// Errors of the lecture figures: each a sentence that quotes the bad value and says what to do.
public enum ReportingError: Error, CustomStringConvertible, Equatable {
    /// A parameter name the model does not have.
    case unknownParameter(name: String, model: String, available: [String])
    /// The wrong number of parameters for a plane or a slice.
    case parameterCount(option: String, expected: Int, got: Int)
    /// A range whose ends are not finite or not increasing.
    case invalidRange(option: String, text: String)
    /// A grid size outside 2...4096.
    case gridSize(Int)
    /// An epoch outside the history.
    case epochOutOfRange(epoch: Int, last: Int)
    /// A kind that cannot draw what was asked.
    case unsupported(String)
    /// A problem in a build configuration file, at a line and column when known.
    case configuration(file: String, line: Int?, column: Int?, message: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .unknownParameter(name, model, available):
            return "The \(model) model has no parameter '\(name)'; its parameters are \(available.joined(separator: ", "))."
        case let .parameterCount(option, expected, got):
            return "\(option) needs \(expected) parameter name\(expected == 1 ? "" : "s"), got \(got)."
        case let .invalidRange(option, text):
            return "\(option) '\(text)' is not a range: write it as LOW:HIGH with finite numbers and LOW < HIGH, e.g. -2:2."
        case let .gridSize(size):
            return "--grid \(size) is out of range: use 2 to 4096 points per side (default 400)."
        case let .epochOutOfRange(epoch, last):
            return "--epoch \(epoch) is outside the training history, which has epochs 0 to \(last)."
        case let .unsupported(message):
            return message
        case let .configuration(file, line, column, message):
            var place = "'\(file)'"
            if let line { place += ", line \(line)" + (column.map { ", column \($0)" } ?? "") }
            return "In \(place): \(message)"
        }
    }
}
