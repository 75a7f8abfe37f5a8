import Foundation
import Plotting
import Synchronization

/// Turns a folder of `frame_%05d.png` into a video with ffmpeg.
///
/// - `.mp4`: H.264 (`libx264`), `yuv420p` (what PowerPoint, Keynote and browsers play), each side
///   padded to an even number of pixels (`pad=ceil(iw/2)*2:ceil(ih/2)*2`, yuv420p needs it),
///   `-movflags +faststart` (the index first, so it starts playing before it is downloaded),
///   CRF 18 (visually lossless for flat slide graphics).
/// - `.gif`: one palette generated from all frames (`palettegen`), applied with `paletteuse`,
///   looping forever.
///
/// ffmpeg reads the frames from a pipe (`image2pipe`) and writes to a temporary file of ours in
/// the target's folder (`.descent-tmp-PID-XXXXXX`, see `OutputCleanup`), renamed onto the target
/// on success and removed on failure, so a video file is never half written. ffmpeg runs with the
/// default signal actions and is registered as a child: an interrupted `descent` forwards the
/// signal to it and waits for it, and a killed one closes the pipe, so ffmpeg ends too.
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

    /// The ffmpeg arguments that encode PNG frames read from standard input at `framesPerSecond` into `output`.
    public static func arguments(framesPerSecond: Double, format: Format, output: URL) -> [String] {
        let input = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "image2pipe", "-c:v", "png",
                     "-framerate", "\(framesPerSecond)", "-i", "pipe:0"]
        switch format {
        case .mp4:
            return input + ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-preset", "medium", "-crf", "18",
                            "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", output.path]
        case .gif:
            return input + ["-vf", "split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=sierra2_4a",
                            "-loop", "0", "-f", "gif", output.path]
        }
    }

    /// Checks, before any frame is drawn, that `video` can be written: a known format, an
    /// existing folder, and not a folder, link or device itself.
    ///
    /// - Throws: `FrameSequenceError.unsupportedVideoFormat`, `PlottingError` (missing or
    ///   unwritable folder, a target that is not a regular file).
    public static func checkTarget(_ video: URL) throws {
        _ = try format(of: video)
        let target = video.standardizedFileURL
        let folder = target.deletingLastPathComponent().path
        let shown = video.relativePath  // as the user wrote it
        var info = stat()
        guard stat(folder, &info) == 0 else { throw PlottingError.forErrno(errno, path: shown) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw PlottingError.parentIsNotDirectory(path: shown) }
        guard access(folder, W_OK) == 0 else { throw PlottingError.forErrno(errno, path: shown) }
        if lstat(target.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw PlottingError.targetIsNotRegularFile(path: shown)
        }
    }

    /// Encodes the frames in `frames` into `video` and waits.
    ///
    /// - Throws: `FrameSequenceError.unsupportedVideoFormat`, `.invalidFrameRate`, `.ffmpegFailed`
    ///   with ffmpeg's own message.
    public func encode(frames: URL, framesPerSecond: Double, to video: URL) throws {
        let temporary = try encodeBeside(video, frames: frames, framesPerSecond: framesPerSecond)
        let code = OutputCleanup.rename(temporary.path, to: video.standardizedFileURL.path)
        guard code == 0 else {
            OutputCleanup.discard(temporary.path)
            throw FrameSequenceError.ffmpegFailed(status: 0, output: "the finished video could not be renamed (\(String(cString: strerror(code))))",
                                                  video: video.path)
        }
    }

    /// Encodes the frames in `frames` into a temporary file beside `video` (registered with
    /// `OutputCleanup`) and returns it, for the caller to rename onto `video`.
    ///
    /// ffmpeg reads the frames from a pipe that this process writes, so it ends soon after this
    /// process does, however it ends; on an error the temporary file is removed.
    func encodeBeside(_ video: URL, frames: URL, framesPerSecond: Double) throws -> URL {
        let format = try VideoEncoder.format(of: video)
        guard framesPerSecond.isFinite, framesPerSecond > 0, framesPerSecond <= 240 else {
            throw FrameSequenceError.invalidFrameRate(framesPerSecond)
        }
        let temporary = try OutputCleanup.temporaryFile(beside: video)
        do {
            let arguments = VideoEncoder.arguments(framesPerSecond: framesPerSecond, format: format, output: temporary)
            let (status, errors) = try run(arguments, frames: frames)
            guard status == 0 else {
                throw FrameSequenceError.ffmpegFailed(status: status, output: errors, video: video.path)
            }
            return temporary
        } catch {
            OutputCleanup.discard(temporary.path)
            throw error
        }
    }

    /// Runs ffmpeg with `arguments`, writes `frame_00001.png`, `frame_00002.png`, … of `frames`
    /// to its standard input, and returns its exit status and standard error.
    private func run(_ arguments: [String], frames: URL) throws -> (Int32, String) {
        signal(SIGPIPE, SIG_IGN)  // a failing ffmpeg closes its input: the write fails, it does not kill us
        var input: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard pipe(&input) == 0 else { throw spawnFailure(errno) }
        guard pipe(&errors) == 0 else {
            close(input[0]); close(input[1])
            throw spawnFailure(errno)
        }
        for descriptor in [input[1], errors[0]] { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        posix_spawn_file_actions_addclose(&actions, input[0])
        posix_spawn_file_actions_addclose(&actions, errors[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with the default actions for the signals this process handles or ignores.
        var defaults = sigset_t(), mask = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let pid: pid_t
        do {
            pid = try OutputCleanup.spawn {
                var pid = pid_t()
                let code = posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
                guard code == 0 else { throw spawnFailure(code) }
                return pid
            }
        } catch {
            for descriptor in input + errors { close(descriptor) }
            throw error
        }
        close(input[0])
        close(errors[1])
        // Read standard error while the frames are written, so neither side blocks the other.
        let reader = ErrorReader(descriptor: errors[0])
        let thread = Thread { reader.readAll() }
        thread.start()
        var number = 1
        feeding: while let data = try? Data(contentsOf: frames.appendingPathComponent(FrameState.fileName(number: number))) {
            let written = data.withUnsafeBytes { raw -> Bool in
                guard let base = raw.baseAddress else { return true }
                var offset = 0
                while offset < raw.count {
                    let count = write(input[1], base + offset, raw.count - offset)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    offset += count
                }
                return true
            }
            guard written else { break feeding }  // ffmpeg stopped reading: its status says why
            number += 1
        }
        close(input[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        OutputCleanup.forget(child: pid)
        let output = reader.wait()
        close(errors[0])
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }

    private func spawnFailure(_ code: Int32) -> FrameSequenceError {
        .ffmpegFailed(status: -1, output: String(cString: strerror(code)), video: executable.path)
    }
}

/// Reads a descriptor to its end on another thread; `wait()` returns what was read.
private final class ErrorReader: Sendable {
    private let descriptor: Int32
    private let done = DispatchSemaphore(value: 0)
    private let text = Mutex("")

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func readAll() {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
        }
        text.withLock { $0 = String(decoding: data, as: UTF8.self) }
        done.signal()
    }

    func wait() -> String {
        done.wait()
        return text.withLock { $0 }
    }
}
