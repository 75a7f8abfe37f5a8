import ArgumentParser
import Foundation
import Training

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
        subcommands: [BuildCommand.self, TrainCommand.self, FigureCommand.self, FramesCommand.self, SlidesCommand.self, LiveCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    /// Parses the arguments, runs the command and reports a failure as one line, `Error: ` and a
    /// sentence with its control characters escaped, exiting with the status ``ExitStatus`` gives it
    /// (swift-argument-parser's usage errors 64, like every other usage error); SIGINT and SIGTERM
    /// exit 130 and 143 after undoing what was being written (`Interruption`).
    static func main() async {
        Interruption.install()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            if let failure = ToolFailure(mapping: error) {
                printError(failure.message)
                Foundation.exit(failure.exitCode)
            }
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }  // --help and --version print themselves
            var line = oneLine(message(for: error))
            if line.hasSuffix(".") { line.removeLast() }
            printError(line + "; see '\(helpCommand(CommandLine.arguments))'.")
            Foundation.exit(code.rawValue)
        }
    }

    /// swift-argument-parser's message on one line: its lines (the error, then the option's help)
    /// joined, and what it says about help pointed at `--help`.
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// `descent SUBCOMMAND --help` for the subcommand `arguments` name, else `descent --help`.
    static func helpCommand(_ arguments: [String]) -> String {
        let names = configuration.subcommands.map { $0._commandName }
        if let name = arguments.dropFirst().first, names.contains(name) { return "descent \(name) --help" }
        return "descent --help"
    }

    private static func printError(_ message: String) {
        FileHandle.standardError.write(Data("Error: \(MessageText.escaped(message))\n".utf8))
    }
}
