import Foundation
import Reporting
import Training

/// The library's errors reworded for the command line: each names the flag that sets what was wrong.
///
/// Reporting names settings (`FigureSetting`), never flags, because a build file sets the same
/// things with keys; this is the one place that knows `--grid`, `--range-w`, `--params` and the rest.
enum OptionWording {
    /// A number as typed: whole values without ".0" (`-1`, not `-1.0`).
    static func number(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// The flag of a figure setting.
    static func flag(_ setting: FigureSetting) -> String {
        switch setting {
        case .models: return "--model"
        case .gridSize: return "--grid"
        case .planeParameters: return "--params"
        case .range(let name): return "--range-\(name)"
        case .epoch: return "--epoch"
        case .sliceParameter: return "--param"
        case .stepCount: return "--steps"
        case .initialWeight: return "--w0"
        case .learningRate: return "--lr"
        case .learningRates: return "--lrs"
        case .elevation: return "--elev"
        case .azimuth: return "--azim"
        case .degrees: return "--degrees"
        case .sample: return "--sample"
        case .frameLayout: return "--layout"
        }
    }

    /// `error` with its settings named by their flags.
    static func message(for error: ReportingError) -> String {
        switch error {
        case let .unknownParameter(name, model, available, setting):
            return "\(flag(setting)): the \(model) model has no parameter '\(name)'; its parameters are \(available.joined(separator: ", "))."
        case let .parameterCount(setting, expected, got):
            return "\(flag(setting)) needs \(expected) parameter name\(expected == 1 ? "" : "s"), got \(got)."
        case let .repeatedParameter(name, model, available):
            return "--params names \(name) twice; give two different parameters of the \(model) model: \(available.joined(separator: ", "))."
        case let .invalidRange(parameter, low, high):
            return "--range-\(parameter) '\(low):\(high)' is not a range: write it as LOW:HIGH with finite numbers and LOW < HIGH, e.g. -2:2."
        case let .rangeTooNarrow(parameter, low, high, minimum):
            return "--range-\(parameter) '\(low):\(high)' is too narrow to draw: make it at least \(String(format: "%g", minimum)) wide "
                + "(the larger of 1e-300 and 1e-12 times its larger bound's size)."
        case let .rangeOffPlane(parameter, plane):
            return "--range-\(parameter) sets the range of \(parameter), which is not on the plane (\(plane.joined(separator: ", "))); add it to --params or drop --range-\(parameter)."
        case let .rangeWithPrincipalPlane(parameter):
            return "--range-\(parameter) cannot be used with --pca: the principal axes pc1, pc2 are not parameters; drop --range-\(parameter) or draw two parameters with --params."
        case let .outOfRange(setting, value, allowed):
            return "\(flag(setting)) \(value) is out of range: use \(allowed)."
        case let .epochOutOfRange(epoch, last):
            return "--epoch \(epoch) is outside the training history, which has epochs 0 to \(last)."
        case .pathDoesNotMove:
            return "--pca needs a path that moves, but every recorded epoch has the same parameters; train for more epochs or with a larger --lr, or draw two parameters with --params."
        case let .singleParameterModel(model, parameter):
            return "The \(model) model has one parameter (\(parameter)), so it has no loss landscape over a plane; use the slice figure instead."
        case let .needsModel(kind):
            return "The \(kind.rawValue) figure needs a model to train; give --model linear, cubic or both."
        case let .needsOneModel(count):
            return "Frames animate one model at a time (\(count) given): use --model linear or --model cubic (not both)."
        case let .kindShowsOneModel(kind, _):
            return "--model both: the \(kind.rawValue) figure shows one model; use --model linear or --model cubic (fit, loss, lr-sweep and compare show both)."
        case .runNotPlanned, .configuration:
            return error.description
        }
    }

    /// `error` with the surface options named by their flags (`--surface`, `--optimizer`, `--init`).
    static func message(for error: TrainingError) -> String {
        switch error {
        case .invalidSurface:
            return "--surface: \(error.description)"
        case .optimizerNeedsSamples(let name):
            return "--optimizer \(name) draws samples, and a --surface has none: use --optimizer gd, momentum or adam, which follow the exact gradient."
        case let .surfaceStartNotFinite(x, y):
            return "--init \(number(x)),\(number(y)): the surface's value or gradient there is not a finite number (outside the formula's domain or too large); choose another start."
        default:
            return error.description
        }
    }

    /// `error` with the frame options named by their flags.
    static func message(for error: FrameSequenceError) -> String {
        switch error {
        case let .invalidEvery(value):
            return "--every \(value) is not a frame interval: use 1 (every state, the default) or more, e.g. --every 5 keeps every fifth."
        case let .invalidJobs(value):
            return "--jobs \(value) is out of range: use 1 to 256 rendering threads (default: the number of cores)."
        case let .invalidCompression(value):
            return "--compression \(value) is out of range: use a zlib level from 0 (fastest, largest) to 9 (smallest); frames default to 1."
        case let .invalidMaximumFrames(value):
            return "--max-frames \(value) is out of range: allow at least 1 frame (default 10000)."
        case let .invalidFrameRate(value):
            return "--fps \(number(value)) is not a frame rate: use a positive number up to 240, e.g. --fps 10."
        case .stepsNotRecorded:
            return "--per-step needs a history with every update recorded; this run has none."
        case let .tooManyFrames(count, limit, certain, every):
            let length = certain ? "makes \(count) frames" : "could make up to \(count) frames (fewer only if training stops early)"
            return "This sequence \(length), more than --max-frames \(limit): thin it with --every \(every), train fewer --epochs, "
                + "or raise --max-frames."
        case let .frameTooLarge(size, needed, available):
            return "--size \(size): one frame needs about \(FrameMemory.describe(needed)) of memory to render, more than the \(FrameMemory.describe(available)) "
                + "frames may use on this machine (half its memory); choose a smaller --size."
        case let .notADirectory(path):
            return "--out '\(path)' exists and is not a folder: frames go into a folder; give a new or existing folder name."
        case let .directoryHoldsFrames(path, count):
            return "The folder '\(path)' already holds a frame sequence (\(count) frame\(count == 1 ? "" : "s")). "
                + "Add --overwrite to replace it once the new one is complete, --resume to finish it with the same settings, or choose an empty folder; frames of different runs are never mixed."
        case let .settingsDiffer(path, differences):
            return "--resume: the frames in '\(path)' were made with other settings (\(differences.joined(separator: "; "))). "
                + "Resume with the same options, or write the new sequence to another folder."
        case let .settingsMissing(path, count):
            return "--resume: '\(path)' holds \(count) frame\(count == 1 ? "" : "s") but no frames.settings, so they cannot be checked against these settings. "
                + "Delete the frames or choose another folder."
        case let .unsupportedVideoFormat(path):
            return "--video '\(path)' has an unknown format: use a file name ending in .mp4 (H.264, plays in PowerPoint and browsers) or .gif."
        case .ffmpegMissing:
            return "--video needs ffmpeg, which is not on PATH (nothing was written). Install it (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg), or leave --video out to write only the frames."
        case .ffmpegFailed:
            return error.description
        }
    }
}
