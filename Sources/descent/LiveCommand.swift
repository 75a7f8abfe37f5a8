import ArgumentParser
import Foundation
import LiveServer

/// `descent live`: the lecture-hall explorer, computed live.
struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Serve the explorer on a local web page: change the learning rate, optimizer or start and watch training live.",
        discussion: """
            Serves one page and its API (/api/run, /api/view, /api/figure/KIND.png|svg|pdf, /api/yaml) on \
            http://HOST:PORT/ until interrupted (Ctrl-C: exit 130; SIGTERM: 143). Bound to 127.0.0.1 unless \
            --host says otherwise; --host 0.0.0.0 lets a class on the same network open it. A port in use \
            is exit 69.

            Examples:
              descent live
              descent live --port 9000 --host 0.0.0.0
            """
    )

    @Option(parsing: .unconditional, help: "The TCP port (0 lets the system choose one, printed at start).")
    var port: Int = 8080

    @Option(help: "The address to listen on: 127.0.0.1 (this computer only), 0.0.0.0 (every network), or one address.")
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, got \(port).")
        }
        guard !host.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--host is empty: give an address such as 127.0.0.1 or 0.0.0.0.")
        }
    }

    func run() async throws {
        let server = LiveServer(host: host, port: port, responder: try LiveAPI())
        Interruption.stopMessage = { name in "descent live stopped by \(name)." }
        do {
            try await server.run { url in
                FileHandle.standardOutput.write(Data("descent live: serving \(url) (Ctrl-C stops)\n".utf8))
            }
        } catch {
            let text = "\(error)"
            if text.contains("Address already in use") || text.contains("errno: 98") {
                throw ToolFailure.unavailable("port \(port) on \(host) is in use; stop what serves it or give another --port (0 picks a free one).")
            }
            if text.contains("bind") || text.contains("Cannot assign requested address") || text.contains("getaddrinfo") || text.contains("Permission denied") {
                throw ToolFailure.unavailable("cannot listen on \(host) port \(port): \(text); give --host 127.0.0.1 or an address of this computer, and a --port above 1023.")
            }
            throw error
        }
    }
}
