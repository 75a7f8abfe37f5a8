import ArgumentParser
import Foundation

/// The `descent` command: trains the lecture's models and draws its figures.
@main
struct DescentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Gradient-descent lecture figures: train the lecture's models and draw slides from the history.",
        discussion: """
            Trains the lecture's linear (y = w·x + b) and cubic (y = w1·x + w2·x² + w3·x³ + b) models \
            on z-score-normalised data with MSE loss and chain-rule gradients, and draws slide-ready \
            figures through Cairo.
            """,
        version: "0.1.0",
        subcommands: [BuildCommand.self, TrainCommand.self, FigureCommand.self, FramesCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    /// Parses the arguments, runs the command and maps errors to exit statuses:
    /// usage errors exit 64 (as swift-argument-parser does), data errors 65, I/O errors 74;
    /// SIGINT and SIGTERM exit 130 and 143 after undoing what was being written (`Interruption`).
    static func main() async {
        Interruption.install()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let failure as ToolFailure {
            printError(failure.message)
            Foundation.exit(failure.exitCode)
        } catch {
            if let failure = ToolFailure(mapping: error) {
                printError(failure.message)
                Foundation.exit(failure.exitCode)
            }
            exit(withError: error)
        }
    }

    private static func printError(_ message: String) {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
    }
}
