import Foundation
import Plotting
import Reporting
import Training

/// An error the tool reports as one sentence with a distinct exit status.
///
/// Exit statuses follow sysexits(3): 64 usage (swift-argument-parser's own), 65 bad input data,
/// 69 a missing external program, 70 an internal error, 73 cannot create an output file, 74 I/O failure.
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
            let message = OptionWording.message(for: error)
            switch error {
            case .pathDoesNotMove, .singleParameterModel: self = .data(message)
            case .runNotPlanned: self = ToolFailure(message: message, exitCode: 70)
            default: self = .usage(message)
            }
        case let error as FrameSequenceError:
            let message = OptionWording.message(for: error)
            switch error {
            case .ffmpegMissing: self = .unavailable(message)
            case .ffmpegFailed: self = .inputOutput(message)
            case .stepsNotRecorded: self = .data(message)
            case .notADirectory, .directoryHoldsFrames, .settingsDiffer, .settingsMissing: self = .output(message)
            default: self = .usage(message)
            }
        case let error as OutputTreeError:
            switch error {
            case .sharedPath, .emptyPath: self = .usage(error.description)
            default: self = .output(error.description)
            }
        case let error as PlottingError:
            switch error {
            case .invalidFigureSize, .unsupportedFileExtension, .invalidPNGOptions:
                self = .usage(error.description)
            case .parentDirectoryMissing, .parentIsNotDirectory, .targetIsNotRegularFile, .notWritable, .cannotCreate:
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
