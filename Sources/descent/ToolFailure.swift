import ArgumentParser
import Foundation
import Plotting
import Reporting
import Training

/// The exit statuses of `descent`, after sysexits(3), and the one rule that picks them.
///
/// | status | name | when |
/// |---|---|---|
/// | 64 | usage | the command line or the build file asks for something that cannot be: an unknown option, kind or key, a value out of range, options that contradict each other, a build file that is not a regular file or not valid YAML |
/// | 65 | data | the data cannot be used: the `--data` file (or `data.file`) is missing, not a regular file, or malformed, or its values cannot be normalised or trained on |
/// | 69 | unavailable | a program the command needs is missing (ffmpeg) |
/// | 70 | software | an internal error: a defect of `descent`, never the user's input |
/// | 73 | cannot create | an output file or folder cannot be created where it was asked for: a missing or unwritable folder, a name too long, a symbolic link or a file in the way inside the output folder, a folder another `descent` is writing |
/// | 74 | I/O | reading or writing failed on the way (disk full, ffmpeg failed, an I/O error) |
///
/// A setting is a usage error even when the data makes it impossible to draw (an epoch beyond the
/// history is 64), and the data is a data error even when it comes from a build file.
enum ExitStatus: Int32, CaseIterable {
    case usage = 64
    case data = 65
    case unavailable = 69
    case software = 70
    case cannotCreate = 73
    case inputOutput = 74

    /// The status of `error`: every error type the modules throw is listed case by case, so a new
    /// case must be given its status here. `nil` for swift-argument-parser's own errors, whose
    /// status it decides (64 for usage, 0 for `--help` and `--version`).
    init?(of error: Error) {
        switch error {
        case let failure as ToolFailure: self = failure.status
        case let error as TrainingError: self = Self.status(of: error)
        case let error as ReportingError: self = Self.status(of: error)
        case let error as FrameSequenceError: self = Self.status(of: error)
        case let error as PlottingError: self = Self.status(of: error)
        case let error as OutputTreeError: self = Self.status(of: error)
        case let error as CocoaError where error.isFileError: self = .inputOutput
        default:
            // swift-argument-parser's own errors (usage 64, `--help` 0) keep its status; it gives
            // EXIT_FAILURE to errors it does not know, which are internal errors here.
            guard DescentCommand.exitCode(for: error) == .failure else { return nil }
            self = .software
        }
    }

    static func status(of error: TrainingError) -> ExitStatus {
        switch error {
        case .fileNotFound, .unreadableFile, .emptyFile, .headerOnly, .missingColumn, .duplicateColumn, .raggedRow,
             .nonNumeric, .overflow, .invalidEncoding, .tooFewRows, .zeroVariance, .spreadTooSmall, .nonFiniteValue,
             .lengthMismatch, .singularSystem:
            return .data
        case .invalidParameterCount, .nonFiniteParameter, .invalidDegree, .invalidHiddenUnits, .invalidPowers, .invalidLearningRate,
             .invalidEpochs, .invalidBatchSize, .invalidOptimizerSetting, .invalidTolerance, .invalidSchedule,
             .invalidSurface, .optimizerNeedsSamples, .surfaceStartNotFinite:
            return .usage
        case .startingLossNotFinite, .networkStartingLossNotFinite:
            // A start whose loss overflows is fixed by the starting values (an option or a build-file key).
            return .usage
        }
    }

    static func status(of error: ReportingError) -> ExitStatus {
        switch error {
        case .unknownParameter, .parameterCount, .repeatedParameter, .invalidRange, .rangeTooNarrow, .rangeOffPlane,
             .rangeWithPrincipalPlane, .outOfRange, .epochOutOfRange, .singleParameterModel, .needsModel,
             .needsOneModel, .kindShowsOneModel, .configuration:
            return .usage
        case .pathDoesNotMove:
            // The options are valid; the trained path is what cannot span a plane.
            return .data
        case .runNotPlanned:
            return .software
        }
    }

    static func status(of error: FrameSequenceError) -> ExitStatus {
        switch error {
        case .invalidEvery, .invalidJobs, .invalidCompression, .invalidMaximumFrames, .invalidFrameRate, .unsupportedVideoFormat,
             .tooManyFrames, .frameTooLarge:
            return .usage
        case .stepsNotRecorded:
            return .data
        case .notADirectory, .directoryHoldsFrames, .settingsDiffer, .settingsMissing:
            return .cannotCreate
        case .ffmpegMissing:
            return .unavailable
        case .ffmpegFailed:
            return .inputOutput
        }
    }

    static func status(of error: PlottingError) -> ExitStatus {
        switch error {
        case .invalidFigureSize, .unsupportedFileExtension, .invalidPNGOptions:
            return .usage
        case .parentDirectoryMissing, .parentIsNotDirectory, .targetIsNotRegularFile, .notWritable, .cannotCreate:
            return .cannotCreate
        case .diskFull, .writeFailed, .png:
            return .inputOutput
        case .cairo, .rasterSizeMismatch:
            return .software
        }
    }

    static func status(of error: OutputTreeError) -> ExitStatus {
        switch error {
        case .sharedPath, .emptyPath:
            // What was asked for cannot be: two outputs on one path, a folder without a name.
            return .usage
        case .symbolicLink, .notAFolder, .notAFile, .locked:
            return .cannotCreate
        }
    }
}

/// An error the tool reports as one line with its exit status (see ``ExitStatus``).
struct ToolFailure: Error, CustomStringConvertible {
    /// The sentence shown after `Error: `.
    let message: String
    /// The kind of failure, which sets the exit status.
    let status: ExitStatus

    var description: String { message }

    /// The process exit status.
    var exitCode: Int32 { status.rawValue }

    static func usage(_ message: String) -> ToolFailure { ToolFailure(message: message, status: .usage) }
    static func data(_ message: String) -> ToolFailure { ToolFailure(message: message, status: .data) }
    static func unavailable(_ message: String) -> ToolFailure { ToolFailure(message: message, status: .unavailable) }
    static func output(_ message: String) -> ToolFailure { ToolFailure(message: message, status: .cannotCreate) }
    static func inputOutput(_ message: String) -> ToolFailure { ToolFailure(message: message, status: .inputOutput) }

    /// The library modules' errors as tool failures, worded with `descent`'s flags; `nil` for
    /// swift-argument-parser's own errors.
    init?(mapping error: Error) {
        guard let status = ExitStatus(of: error) else { return nil }
        let message: String
        switch error {
        case let failure as ToolFailure: message = failure.message
        case let error as TrainingError: message = OptionWording.message(for: error)
        case let error as ReportingError: message = OptionWording.message(for: error)
        case let error as FrameSequenceError: message = OptionWording.message(for: error)
        case let error as CocoaError: message = error.localizedDescription
        default: message = "\(error)"
        }
        self.init(message: message, status: status)
    }

    private init(message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }
}
