import Foundation

/// Turns a folder of `frame_%05d.png` into a video with ffmpeg.
///
/// - `.mp4`: H.264 (`libx264`), `yuv420p` (what PowerPoint, Keynote and browsers play), each side
///   padded to an even number of pixels (`pad=ceil(iw/2)*2:ceil(ih/2)*2`, yuv420p needs it),
///   `-movflags +faststart` (the index first, so it starts playing before it is downloaded),
///   CRF 18 (visually lossless for flat slide graphics).
/// - `.gif`: one palette generated from all frames (`palettegen`), applied with `paletteuse`,
///   looping forever.
///
/// ffmpeg writes to a temporary name in the target's folder (`.NAME.tmp-PID.ext`), renamed onto
/// the target on success and removed on failure, so a video file is never half written.
public struct VideoEncoder: Sendable {
    /// The video containers supported, by file extension.
    public enum Format: String, Sendable, CaseIterable {
        /// H.264 in MP4.
        case mp4
        /// Animated GIF with a generated palette.
        case gif
    }

    /// The ffmpeg executable.
    public let executable: URL

    /// Finds ffmpeg on `searchPath` (a `PATH`-style list; default the process's `PATH`).
    ///
    /// - Throws: `FrameSequenceError.ffmpegMissing` naming `framesDirectory` and how to install it.
    public init(searchPath: String? = nil, framesDirectory: String) throws {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("ffmpeg")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                executable = candidate
                return
            }
        }
        throw FrameSequenceError.ffmpegMissing(framesDirectory: framesDirectory)
    }

    /// The format named by `url`'s extension.
    ///
    /// - Throws: `FrameSequenceError.unsupportedVideoFormat`.
    public static func format(of url: URL) throws -> Format {
        guard let format = Format(rawValue: url.pathExtension.lowercased()) else {
            throw FrameSequenceError.unsupportedVideoFormat(path: url.path)
        }
        return format
    }

    /// The ffmpeg arguments that encode `frames/frame_%05d.png` at `framesPerSecond` into `output`.
    public static func arguments(frames: URL, framesPerSecond: Double, format: Format, output: URL) -> [String] {
        let input = ["-hide_banner", "-loglevel", "error", "-y", "-framerate", "\(framesPerSecond)", "-start_number", "1",
                     "-i", frames.appendingPathComponent("frame_%05d.png").path]
        switch format {
        case .mp4:
            return input + ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", "medium", "-crf", "18",
                            "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", output.path]
        case .gif:
            return input + ["-vf", "split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=sierra2_4a",
                            "-loop", "0", "-f", "gif", output.path]
        }
    }

    /// Encodes the frames in `frames` into `video` and waits.
    ///
    /// - Throws: `FrameSequenceError.unsupportedVideoFormat`, `.invalidFrameRate`, `.ffmpegFailed`
    ///   with ffmpeg's own message.
    public func encode(frames: URL, framesPerSecond: Double, to video: URL) throws {
        let format = try VideoEncoder.format(of: video)
        guard framesPerSecond.isFinite, framesPerSecond > 0, framesPerSecond <= 240 else {
            throw FrameSequenceError.invalidFrameRate(framesPerSecond)
        }
        let target = video.standardizedFileURL
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.deletingPathExtension().lastPathComponent).tmp-\(getpid()).\(format.rawValue)")
        let process = Process()
        process.executableURL = executable
        process.arguments = VideoEncoder.arguments(frames: frames, framesPerSecond: framesPerSecond, format: format, output: temporary)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try process.run()
        } catch {
            throw FrameSequenceError.ffmpegFailed(status: -1, output: (error as NSError).localizedDescription, video: video.path)
        }
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FrameSequenceError.ffmpegFailed(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                                                  video: video.path)
        }
        guard rename(temporary.path, target.path) == 0 else {
            throw FrameSequenceError.ffmpegFailed(status: 0, output: "the finished video could not be renamed (\(String(cString: strerror(errno))))",
                                                  video: video.path)
        }
    }
}
