import Foundation
import Plotting
import Reporting
import Training

/// An error the tool reports as one sentence with a distinct exit status.
///
/// Exit statuses follow sysexits(3): 64 usage (swift-argument-parser's own), 65 bad input data,
/// 69 a missing external program, 73 cannot create an output file, 74 I/O failure.
struct ToolFailure: Error, CustomStringConvertible {
    /// The sentence shown after `error: `.
    let message: String
    /// The process exit status.
    let exitCode: Int32

    var description: String { message }

    static func usage(_ message: String) -> ToolFailure { ToolFailure(message: message, exitCode: 64) }
    static func inputOutput(_ message: String) -> ToolFailure { ToolFailure(message: message, exitCode: 74) }
    static func data(_ message: String) -> ToolFailure { ToolFailure(message: message, exitCode: 65) }
    static func output(_ message: String) -> ToolFailure { ToolFailure(message: message, exitCode: 73) }
    static func unavailable(_ message: String) -> ToolFailure { ToolFailure(message: message, exitCode: 69) }

    /// Maps the library modules' errors to tool failures; `nil` for errors the argument parser handles.
    init?(mapping error: Error) {
        switch error {
        case let error as TrainingError:
            self = .data(error.description)
        case let error as ReportingError:
            switch error {
            case .unsupported: self = .data(error.description)
            default: self = .usage(error.description)
            }
        case let error as FrameSequenceError:
            switch error {
            case .ffmpegMissing: self = .unavailable(error.description)
            case .ffmpegFailed: self = .inputOutput(error.description)
            case .stepsNotRecorded: self = .data(error.description)
            case .notADirectory, .directoryHoldsFrames, .settingsDiffer, .settingsMissing: self = .output(error.description)
            default: self = .usage(error.description)
            }
        case let error as PlottingError:
            switch error {
            case .invalidFigureSize, .unsupportedFileExtension, .invalidPNGOptions:
                self = .usage(error.description)
            case .parentDirectoryMissing, .parentIsNotDirectory, .targetIsNotRegularFile, .notWritable:
                self = .output(error.description)
            default:
                self = .inputOutput(error.description)
            }
        default:
            return nil
        }
    }

    private init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }
}
