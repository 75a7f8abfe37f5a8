import Foundation

/// The errors of `descent-bench`, each a sentence that names the cause and what to do.
enum BenchError: Error, CustomStringConvertible {
    /// A child program could not be started.
    case spawnFailed(program: String, reason: String)
    /// A peer script failed or printed something that is not its JSON line.
    case peerFailed(script: String, status: Int32, detail: String)
    /// The scripts folder was not found.
    case scriptsMissing(path: String)
    /// The `descent` executable to time was not found.
    case descentMissing(path: String)
    /// `descent` failed during a timed run.
    case descentFailed(arguments: String, status: Int32, detail: String)
    /// An option value is out of range.
    case invalidOption(String)

    /// The message shown to the user.
    var description: String {
        switch self {
        case let .spawnFailed(program, reason):
            return "Could not start '\(program)' (\(reason)); check that it exists and is executable."
        case let .peerFailed(script, status, detail):
            return "The peer script \(script) failed (exit status \(status)): \(detail.trimmingCharacters(in: .whitespacesAndNewlines)). "
                + "Check that numpy and matplotlib import (pip install numpy matplotlib), or run with --no-peers."
        case let .scriptsMissing(path):
            return "--scripts '\(path)' does not hold frames_matplotlib.py and numpy_peers.py; run from the package folder or pass --scripts scripts/bench."
        case let .descentMissing(path):
            return "--descent '\(path)' is not an executable; build it first (swift build -c release) or pass --descent .build/release/descent."
        case let .descentFailed(arguments, status, detail):
            return "descent \(arguments) failed (exit status \(status)): \(detail.trimmingCharacters(in: .whitespacesAndNewlines))"
        case let .invalidOption(message):
            return message
        }
    }
}
