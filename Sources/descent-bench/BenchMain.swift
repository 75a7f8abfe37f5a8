import ArgumentParser
import Foundation

/// `descent-bench`: measures Descent beside matplotlib and numpy and prints a table with ratios.
///
/// The default subcommand (`run`) does the measuring; the hidden `child-kit` and
/// `child-frames` are what it starts as separate processes to time the default kit and to
/// read the peak memory of a long frame sequence.
@main
struct BenchMain: AsyncParsableCommand {
    /// The command's name, abstract and subcommands.
    static let configuration = CommandConfiguration(
        commandName: "descent-bench",
        abstract: "Measure Descent beside matplotlib and numpy: frames, landscape, training, the default kit, scaling.",
        subcommands: [BenchCommand.self, ChildKitCommand.self, ChildFramesCommand.self],
        defaultSubcommand: BenchCommand.self
    )
}
