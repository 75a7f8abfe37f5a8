import ArgumentParser
import Foundation
import Plotting
import Reporting

/// `descent-bench child-frames --frames N --out DIR`: writes the three-panel 1920x1080 frame
/// sequence of N epochs (as `descent frames`), so the parent can read the process's peak memory.
struct ChildFramesCommand: AsyncParsableCommand {
    /// Hidden: started by the benchmark itself.
    static let configuration = CommandConfiguration(commandName: "child-frames", shouldDisplay: false)

    /// Frames (epochs) to write.
    @Option(help: "Frames to write.")
    var frames: Int

    /// The frames' folder (must not hold a sequence).
    @Option(help: "The frames' folder.")
    var out: String

    /// Writes the sequence.
    func run() async throws {
        let sequence = try await FramesBench.sequence(frames: frames, size: .slide)
        try await sequence.write(to: URL(fileURLWithPath: out))
    }
}
