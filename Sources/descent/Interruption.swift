import Dispatch
import Foundation
import Plotting

/// SIGINT, SIGTERM and SIGHUP end `descent` cleanly: what is being written is undone and the
/// previous output stays (see `OutputCleanup.terminate`), ffmpeg gets the signal and is waited
/// for, and the exit status is 128 + the signal (130 for SIGINT, 143 for SIGTERM).
enum Interruption {
    /// The signal sources; kept for the life of the process.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    /// The line a command that writes nothing (`descent live`) prints instead of the one about
    /// temporary files, given the signal's name; set before it starts serving.
    nonisolated(unsafe) static var stopMessage: ((String) -> String)?

    /// Installs the handlers (once, before any output is written) and ignores SIGPIPE, so a
    /// child that stops reading makes a write fail instead of killing the process.
    static func install() {
        signal(SIGPIPE, SIG_IGN)
        let queue = DispatchQueue(label: "descent.signals")
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                OutputCleanup.terminate(signal: number) {
                    let clear = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[K" : ""
                    let line = stopMessage.map { $0(name) } ?? "Error: interrupted by \(name); temporary files were removed and no previous output was replaced."
                    FileHandle.standardError.write(Data("\(clear)\(line)\n".utf8))
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
