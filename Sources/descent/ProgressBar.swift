import Foundation
import Reporting
import Synchronization

/// One line of progress on standard error, redrawn in place at most ten times a second, only
/// when standard error is a terminal (off a terminal the commands print one-line summaries instead).
final class TerminalLine: Sendable {
    private struct State {
        var lastDraw = Date.distantPast
        var drawn = false
    }

    private let enabled = isatty(STDERR_FILENO) == 1
    private let state = Mutex(State())

    /// Redraws the line with `text` (throttled unless `force`).
    func draw(force: Bool = false, _ text: () -> String) {
        guard enabled else { return }
        state.withLock { state in
            let now = Date()
            guard force || now.timeIntervalSince(state.lastDraw) >= 0.1 else { return }
            state.lastDraw = now
            state.drawn = true
            FileHandle.standardError.write(Data(("\r" + text() + "\u{1B}[K").utf8))
        }
    }

    /// Ends the line: moves to the next one, or with `erase` clears it for other output.
    func end(erase: Bool = false) {
        state.withLock { state in
            if state.drawn { FileHandle.standardError.write(Data((erase ? "\r\u{1B}[K" : "\n").utf8)) }
            state.drawn = false
        }
    }

    /// A bar of 30 cells filled to `fraction`.
    static func bar(_ fraction: Double) -> String {
        let width = 30
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        // Up to about 11,574 days; a rate too slow to say (or not a number) shows as that many.
        let total = seconds.isFinite ? Int(min(1e9, max(0, seconds)).rounded(.up)) : 1_000_000_000
        let (hours, minutes, secs) = (total / 3600, (total % 3600) / 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}

/// The progress of `descent frames`: frames done / total, the disk they take, frames per second
/// and the time left. It is drawn before the first frame is rendered, so the size of the run is
/// on screen before the work.
final class ProgressBar: Sendable {
    private let line = TerminalLine()
    /// Said after the count, e.g. "about 25 MB of PNGs".
    private let note: String

    /// A bar whose line says `note` after the count.
    init(note: String = "") {
        self.note = note
    }

    /// Redraws the bar for `progress` (always on the last frame).
    func update(_ progress: FrameProgress) {
        line.draw(force: progress.done == progress.total) {
            var text = "\(TerminalLine.bar(progress.fraction)) \(progress.done)/\(progress.total) frames"
            if !note.isEmpty { text += ", \(note)" }
            if progress.framesPerSecond > 0 { text += String(format: "  %.1f frames/s", progress.framesPerSecond) }
            if let left = progress.secondsLeft { text += "  \(TerminalLine.clock(left)) left" }
            return text
        }
    }

    /// Ends the bar's line.
    func finish() { line.end() }
}

/// The progress of a `descent build` stage: its name and a bar of its runs, figures or frames,
/// erased before the stage's summary line is printed.
final class StageProgress: Sendable {
    private let line = TerminalLine()

    /// Shows `done` of `total` for the stage `name` (just the name while the total is unknown).
    func update(stage name: String, done: Int, total: Int) {
        line.draw(force: total == 0) {
            let label = name.padding(toLength: 12, withPad: " ", startingAt: 0)
            return total > 0 ? label + "\(TerminalLine.bar(Double(done) / Double(total))) \(done)/\(total)" : label + "…"
        }
    }

    /// Erases the bar.
    func clear() { line.end(erase: true) }
}
