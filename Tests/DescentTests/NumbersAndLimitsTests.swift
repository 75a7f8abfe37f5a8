import Foundation
import Testing

/// Extreme but well-formed numbers end in a clean exit, and frame sequences past their limit
/// are refused before anything is trained or written.
@Suite("Extreme numbers and frame limits")
struct NumbersAndLimitsTests {
    /// A build file whose kit is small and quick: one figure kind, small sizes, two frames.
    static func smallKit(models: String) -> String {
        """
        output: kit
        models:
        \(models)
        figures:
          kinds: [fit]
          formats: [png]
          size: 320x180
          gallery: false
        frames:
          size: 160x90
          max_frames: 2
        report:
          html: false
          markdown: false
          handout: false
        """
    }

    /// Exit statuses of the documented table (README, "Errors").
    static let documentedStatuses: Set<Int32> = [0, 64, 65, 69, 70, 73, 74]

    @Test("extreme numeric options never trap", arguments: [
        ["figure", "landscape", "--range-w=-1e-300:1e-300", "--size", "320x180", "--grid", "20", "--out", "out/l.png"],
        ["figure", "landscape", "--range-b=-1e300:1e300", "--size", "320x180", "--grid", "20", "--out", "out/l.svg"],
        ["train", "--optimizer", "gd", "--lr", "1e150", "--epochs", "3"],
        ["train", "--optimizer", "gd", "--lr", "1e20", "--init", "1e300,-1e300"],
        ["figure", "training", "--optimizer", "gd", "--lr", "1e20", "--size", "320x180", "--out", "out/t.png"],
        ["figure", "loss", "--optimizer", "gd", "--lr", "1e150", "--size", "320x180", "--out", "out/loss.pdf"],
        ["frames", "--optimizer", "gd", "--lr", "1e20", "--size", "160x90", "--grid", "20", "--out", "out/frames"],
        ["build", "kit.yaml", "--quiet"],
    ])
    func extremeNumbers(arguments: [String]) throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let models = "  linear:\n    optimizer: gd\n    learning_rate: 1e150\n    epochs: 5"
        try Self.smallKit(models: models).write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        let outcome = try ToolRunner.run(arguments, in: folder)
        #expect(!outcome.signalled, "\(arguments) died by a signal: \(outcome.standardError)")
        #expect(Self.documentedStatuses.contains(outcome.status), "\(arguments): exit \(outcome.status)")
        #expect(!outcome.standardError.contains("Fatal error") && !outcome.standardError.contains("Stack dump"),
                "\(arguments): \(outcome.standardError)")
        let kit = folder.appendingPathComponent("kit"), frames = folder.appendingPathComponent("out/frames")
        if outcome.status == 0 {
            if arguments[0] == "frames" {
                #expect(FileManager.default.fileExists(atPath: frames.appendingPathComponent("frames.csv").path), "a finished sequence has its manifest")
            }
            if arguments[0] == "build" {
                #expect(FileManager.default.fileExists(atPath: kit.appendingPathComponent("figures/fit-linear.png").path))
            }
        } else {
            #expect(outcome.standardError.split(separator: "\n").count == 1, "one line: \(outcome.standardError)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).isEmpty,
                    "nothing is written by a refused command")
            #expect(!FileManager.default.fileExists(atPath: kit.path), "a refused build leaves no partial kit")
        }
    }

    @Test("a divergence warning states gradient descent's stable limit as the limit only for gradient descent", arguments: [
        ("gd", false), ("adam", true), ("momentum", true), ("sgd", true),
    ])
    func divergenceWarningWording(optimizer: String, comparison: Bool) throws {
        let outcome = try ToolRunner.run(["train", "--optimizer", optimizer, "--lr", "1e300", "--epochs", "2"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let warning = try #require(outcome.standardError.split(separator: "\n").first { $0.contains("training diverged") })
        #expect(warning.contains("for comparison, full-batch gradient descent") == comparison, "\(warning)")
        #expect(warning.contains("stable only below 2/lambda_max"))
    }

    @Test("frames beyond the limit are refused before anything is written", arguments: [
        (["frames", "--epochs", "1000000", "--per-step", "--out", "f"], ["--max-frames 10000", "--every"]),
        (["frames", "--epochs", "40", "--max-frames", "40", "--out", "f"], ["41 frames", "--max-frames 40", "--every 2"]),
        (["frames", "--epochs", "40", "--max-frames", "0", "--out", "f"], ["--max-frames 0"]),
        (["build", "kit.yaml"], ["kit.yaml", "frames.every 1", "20001 frames", "frames.max_frames 10000"]),
    ])
    func refusedPastLimit(arguments: [String], fragments: [String]) throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kit = Self.smallKit(models: "  linear:\n    epochs: 20000\n    stop: fixed").replacingOccurrences(of: "max_frames: 2", with: "every: 1")
        try kit.write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        let outcome = try ToolRunner.run(arguments, in: folder)
        #expect(outcome.status == 64, "\(arguments): \(outcome.standardError)")
        for fragment in fragments {
            #expect(outcome.standardError.contains(fragment), "\(arguments): missing '\(fragment)' in \(outcome.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kit.yaml"], "nothing is written")
    }

    @Test("a sequence at its limit is made")
    func madeAtLimit() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["frames", "--epochs", "6", "--max-frames", "7", "--layout", "training", "--size", "160x90", "--out", "f"]
        let outcome = try ToolRunner.run(arguments, in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Wrote 7 frames"), "\(outcome.standardOutput)")
        let quiet = try ToolRunner.run(arguments.dropLast(2) + ["--out", "g", "-q"], in: folder)
        #expect(quiet.status == 0 && quiet.standardError.isEmpty && quiet.standardOutput.isEmpty, "-q prints nothing: \(quiet.standardError)")
    }
}
