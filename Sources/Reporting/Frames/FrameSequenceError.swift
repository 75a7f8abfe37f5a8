import Foundation

/// Errors of frame sequences: each a sentence that names the setting or path and says what to do.
public enum FrameSequenceError: Error, CustomStringConvertible, Equatable {
    /// A frame interval below 1.
    case invalidEvery(Int)
    /// A number of rendering threads outside 1...256.
    case invalidJobs(Int)
    /// A zlib level outside 0...9.
    case invalidCompression(Int)
    /// A frame limit below 1.
    case invalidMaximumFrames(Int)
    /// A frame rate that is not a positive finite number up to 240.
    case invalidFrameRate(Double)
    /// Per-step frames of a history recorded without steps.
    case stepsNotRecorded
    /// A sequence of more frames than its limit. `certain` when `count` is the sequence's length;
    /// otherwise the most its settings allow (a stop rule may end training sooner); `every` is
    /// the smallest interval that would keep it within the limit.
    case tooManyFrames(count: Int, limit: Int, certain: Bool, every: Int)
    /// A frame size whose single rendering job does not fit the memory frames may use.
    case frameTooLarge(size: String, needed: UInt64, available: UInt64)
    /// The output path exists and is not a folder.
    case notADirectory(path: String)
    /// The folder already holds (part of) a frame sequence and resuming was not asked for.
    case directoryHoldsFrames(path: String, frameCount: Int)
    /// Resuming a folder whose frames were made with other settings.
    case settingsDiffer(path: String, differences: [String])
    /// Resuming a folder with frames but without the settings file, so they cannot be checked.
    case settingsMissing(path: String, frameCount: Int)
    /// The video file name does not end in `.mp4` or `.gif`.
    case unsupportedVideoFormat(path: String)
    /// ffmpeg is not on `PATH`.
    case ffmpegMissing(framesDirectory: String)
    /// ffmpeg ran and failed.
    case ffmpegFailed(status: Int32, output: String, video: String)

    /// The message shown to the user, naming settings in words (`descent` names its flags instead).
    public var description: String {
        switch self {
        case let .invalidEvery(value):
            return "A frame interval of \(value) is not valid: use 1 (every state) or more; 5 keeps every fifth."
        case let .invalidJobs(value):
            return "\(value) rendering threads are out of range: use 1 to 256."
        case let .invalidCompression(value):
            return "Compression level \(value) is out of range: use a zlib level from 0 (fastest, largest) to 9 (smallest); frames default to 1."
        case let .invalidMaximumFrames(value):
            return "A frame limit of \(value) is not valid: allow at least 1 frame (default 10000)."
        case let .invalidFrameRate(value):
            return "\(value) frames per second is not a frame rate: use a positive number up to 240."
        case .stepsNotRecorded:
            return "Frames per update need a history with every update recorded; this run has none."
        case let .tooManyFrames(count, limit, certain, every):
            return "This sequence \(certain ? "has" : "could have up to") \(count) frames, more than its limit of \(limit): "
                + "keep one state in \(every), train fewer epochs, or raise the limit."
        case let .frameTooLarge(size, needed, available):
            return "A \(size) frame needs about \(FrameMemory.describe(needed)) of memory to render, more than the \(FrameMemory.describe(available)) "
                + "frames may use on this machine (half its memory): choose a smaller size."
        case let .notADirectory(path):
            return "'\(path)' exists and is not a folder: frames go into a folder; give a new or existing folder name."
        case let .directoryHoldsFrames(path, count):
            return "The folder '\(path)' already holds a frame sequence (\(count) frame\(count == 1 ? "" : "s")). "
                + "Resume it with the same settings, replace it, or choose an empty folder; frames of different runs are never mixed."
        case let .settingsDiffer(path, differences):
            return "The frames in '\(path)' were made with other settings (\(differences.joined(separator: "; "))); resume with the same settings or use another folder."
        case let .settingsMissing(path, count):
            return "'\(path)' holds \(count) frame\(count == 1 ? "" : "s") but no \(FrameDirectory.settingsFileName), so they cannot be checked against these settings; delete the frames or choose another folder."
        case let .unsupportedVideoFormat(path):
            return "'\(path)' has an unknown video format: use a file name ending in .mp4 (H.264, plays in PowerPoint and browsers) or .gif."
        case .ffmpegMissing:
            return "Making a video needs ffmpeg, which is not on PATH. Install it (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg)."
        case let .ffmpegFailed(status, output, video):
            let detail = output.trimmingCharacters(in: .whitespacesAndNewlines)
            return "ffmpeg failed (exit status \(status)) making '\(video)'\(detail.isEmpty ? "" : ": \(detail)"). The frames are complete; check the file name and free disk space."
        }
    }
}
