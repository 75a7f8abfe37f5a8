import Foundation

/// Errors of frame sequences: each a sentence that names the option or path and says what to do.
public enum FrameSequenceError: Error, CustomStringConvertible, Equatable {
    /// `--every` below 1.
    case invalidEvery(Int)
    /// `--jobs` outside 1...256.
    case invalidJobs(Int)
    /// `--compression` outside 0...9.
    case invalidCompression(Int)
    /// `--fps` not a positive finite number up to 240.
    case invalidFrameRate(Double)
    /// Per-step frames of a history recorded without steps.
    case stepsNotRecorded
    /// The output path exists and is not a folder.
    case notADirectory(path: String)
    /// The folder already holds (part of) a frame sequence and `--resume` was not given.
    case directoryHoldsFrames(path: String, frameCount: Int)
    /// `--resume` on a folder whose frames were made with other settings.
    case settingsDiffer(path: String, differences: [String])
    /// `--resume` on a folder with frames but without the settings file, so they cannot be checked.
    case settingsMissing(path: String, frameCount: Int)
    /// The video file name does not end in `.mp4` or `.gif`.
    case unsupportedVideoFormat(path: String)
    /// ffmpeg is not on `PATH`.
    case ffmpegMissing(framesDirectory: String)
    /// ffmpeg ran and failed.
    case ffmpegFailed(status: Int32, output: String, video: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .invalidEvery(value):
            return "--every \(value) is not a frame interval: use 1 (every state, the default) or more, e.g. --every 5 keeps every fifth."
        case let .invalidJobs(value):
            return "--jobs \(value) is out of range: use 1 to 256 rendering threads (default: the number of cores)."
        case let .invalidCompression(value):
            return "--compression \(value) is out of range: use a zlib level from 0 (fastest, largest) to 9 (smallest); frames default to 1."
        case let .invalidFrameRate(value):
            return "--fps \(value) is not a frame rate: use a positive number up to 240, e.g. --fps 10."
        case .stepsNotRecorded:
            return "--per-step needs a history with every update recorded; this run has none. Train with step recording (TrainingConfiguration.recordSteps)."
        case let .notADirectory(path):
            return "--out '\(path)' exists and is not a folder: frames go into a folder; give a new or existing folder name."
        case let .directoryHoldsFrames(path, count):
            return "The folder '\(path)' already holds a frame sequence (\(count) frame\(count == 1 ? "" : "s")). "
                + "Add --resume to finish it with the same settings, or choose an empty folder (or delete its frame_*.png, frames.csv and \(FrameDirectory.settingsFileName)); frames of different runs are never mixed."
        case let .settingsDiffer(path, differences):
            return "--resume: the frames in '\(path)' were made with other settings (\(differences.joined(separator: "; "))). "
                + "Resume with the same options, or write the new sequence to another folder."
        case let .settingsMissing(path, count):
            return "--resume: '\(path)' holds \(count) frame\(count == 1 ? "" : "s") but no \(FrameDirectory.settingsFileName), so they cannot be checked against these settings. "
                + "Delete the frames or choose another folder."
        case let .unsupportedVideoFormat(path):
            return "--video '\(path)' has an unknown format: use a file name ending in .mp4 (H.264, plays in PowerPoint and browsers) or .gif."
        case let .ffmpegMissing(directory):
            return "--video needs ffmpeg, which is not on PATH. Install it (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg) and run again with --resume to make the video from the frames already in '\(directory)'."
        case let .ffmpegFailed(status, output, video):
            let detail = output.trimmingCharacters(in: .whitespacesAndNewlines)
            return "ffmpeg failed (exit status \(status)) making '\(video)'\(detail.isEmpty ? "" : ": \(detail)"). The frames are complete; check the file name and free disk space."
        }
    }
}
