import ArgumentParser
import Foundation
import Reporting

/// `descent-bench child-kit --output DIR`: builds the default kit (`descent build`'s work,
/// through the same `KitBuilder`) into DIR and prints nothing; timed from outside as a process.
struct ChildKitCommand: AsyncParsableCommand {
    /// Hidden: started by the benchmark itself.
    static let configuration = CommandConfiguration(commandName: "child-kit", shouldDisplay: false)

    /// The kit's folder.
    @Option(help: "The kit's output folder.")
    var output: String

    /// Builds the kit.
    func run() async throws {
        var configuration = KitConfiguration()
        configuration.output = output
        let builder = KitBuilder(configuration: configuration,
                                 workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        _ = try await builder.build()
    }
}
