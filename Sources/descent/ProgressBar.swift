import Foundation
import Reporting

/// A progress bar on standard error when it is a terminal: frames done / total, frames per
/// second and the time left, redrawn at most ten times a second. Off a terminal it draws
/// nothing (the command prints a one-line summary instead).
final class ProgressBar: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Redraws the bar for `progress` (throttled; always on the last frame).
    func update(_ progress: FrameProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard progress.done == progress.total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        let width = 30
        let filled = Int((progress.fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var line = "\r\(bar) \(progress.done)/\(progress.total) frames"
        if progress.framesPerSecond > 0 { line += String(format: "  %.1f frames/s", progress.framesPerSecond) }
        if let left = progress.secondsLeft { line += "  \(ProgressBar.clock(left)) left" }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    /// Ends the bar's line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, secs) = (total / 3600, (total % 3600) / 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
