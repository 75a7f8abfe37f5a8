import ArgumentParser
import Foundation
import Testing
@testable import descent
import Reporting
import Training

/// Bad options are usage errors (exit 64) naming the option; unwritable outputs are output
/// errors (73) or I/O errors (74) naming the path; nothing is left half-written.
@Suite("Bad options and outputs")
struct BadOptionsTests {
    @Test("usage errors name the option and exit 64", arguments: [
        (["figure", "landscap", "--out", "x.png"], "did you mean landscape?"),
        (["figure", "fit", "--out", "x.gif"], "png, .svg or .pdf"),
        (["figure", "fit", "--svg-text", "glyphs", "--out", "x.svg"], "--svg-text"),
        (["figure", "fit", "--size", "0x100", "--out", "x.png"], "0x100"),
        (["figure", "fit", "--size", "16385x100", "--out", "x.png"], "16384"),
        (["figure", "fit", "--size", "big", "--out", "x.png"], "slide"),
        (["figure", "landscape", "--grid", "1", "--out", "x.png"], "--grid 1"),
        (["figure", "landscape", "--grid", "4097", "--out", "x.png"], "--grid 4097"),
        (["figure", "landscape", "--range-w", "2:-2", "--out", "x.png"], "--range-w"),
        (["figure", "landscape", "--model", "both", "--out", "x.png"], "--model both"),
        (["figure", "fit", "--title", " ", "--out", "x.png"], "--title"),
        (["train", "--epochs", "0"], "--epochs"),
        (["train", "--epochs", "1000000000"], "--epochs"),
        (["train", "--init", "1,2,3"], "w, b"),
        (["train", "--lr", "abc"], "--lr"),
        (["train", "--model", "quadratic"], "--model"),
        (["train", "--history", "h.txt"], ".csv or .json"),
        (["slides", "--out", "deck.pdf"], ".pptx"),
        (["slides", "--kinds", "fit,landscap"], "did you mean landscape?"),
        (["slides", "--size", "0x100"], "0x100"),
        (["train", "--schedule", "cosine", "--warmup-epochs", "5"], "--warmup-epochs applies to --schedule warmup"),
        (["train", "--schedule", "step", "--schedule-gamma", "1.5"], "--schedule-gamma"),
        (["figure", "chain-rule", "--sample", "Bob", "--out", "x.png"], "--sample Bob"),
        (["figure", "fit", "--csv", "t.csv", "--out", "x.png"], "--csv"),
        (["figure", "degree-sweep", "--degrees", "0,3", "--out", "x.png"], "--degrees"),
        (["train", "--model", "mlp", "--hidden", "0"], "--hidden must be between 1 and 64, got 0"),
        (["train", "--model", "mlp", "--hidden", "65"], "--hidden must be between 1 and 64, got 65"),
        (["train", "--hidden", "8"], "give --model mlp too"),
        (["train", "--model", "mlp", "--degree", "3"], "--degree"),
        (["train", "--model", "mlp", "--hidden", "2", "--init", "1,2"], "w1, w2, c1, c2, v1, v2, b"),
        (["figure", "fit", "--model", "mlp", "--out", "x.png"], "--model mlp"),
        (["figure", "chain-rule", "--model", "mlp", "--hidden", "65", "--out", "x.png"], "--hidden must be between 1 and 64, got 65"),
        (["figure", "chain-rule", "--model", "mlp", "--hidden", "3", "--sample", "Bob", "--out", "x.png"], "--sample Bob"),
        (["figure", "landscape", "--directions", "pca", "--out", "x.png"], "--directions chooses the plane of a network"),
        (["figure", "landscape", "--model", "mlp", "--params", "w1,b", "--out", "x.png"], "--params does not apply to --model mlp"),
        (["train", "--model", "mlp", "--hidden", "1", "--init", "1,0,1e300,1e300"], "leave --init out"),
    ])
    func usageError(arguments: [String], fragment: String) throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run(arguments, in: folder)
        #expect(outcome.status == 64, "\(arguments): \(outcome.standardError)")
        #expect(outcome.standardError.contains(fragment), "\(arguments): \(outcome.standardError)")
        #expect(!outcome.signalled)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left.isEmpty, "nothing is written on a usage error: \(left)")
    }

    @Test("an output folder that does not exist, or is a file, is named (exit 73)")
    func unwritableParent() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        for target in [folder.appendingPathComponent("missing/fit.png"), file.appendingPathComponent("fit.png")] {
            let outcome = try ToolRunner.run(["figure", "fit", "--out", target.path])
            #expect(outcome.status == 73, "\(outcome.standardError)")
            #expect(outcome.standardError.contains(target.path))
        }
        for target in [folder.appendingPathComponent("missing/deck.pptx"), file.appendingPathComponent("deck.pptx")] {
            let outcome = try ToolRunner.run(["slides", "--out", target.path])
            #expect(outcome.status == 73 && outcome.standardError.contains(target.path), "\(outcome.standardError)")
        }
        let history = try ToolRunner.run(["train", "--history", file.appendingPathComponent("h.csv").path])
        #expect(history.status == 73)
        #expect(history.standardOutput.isEmpty, "no summary is printed when the history cannot be written")
    }

    @Test("a full disk is an I/O error and leaves no file behind")
    func fullDisk() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer {
            _ = try? run("/bin/umount", [folder.path])
            try? FileManager.default.removeItem(at: folder)
        }
        // A 64 KiB tmpfs fills up long before a slide PNG is written; needs root (CI runs as root).
        guard (try? run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.path])) == 0 else {
            print("skipped: mounting a small tmpfs needs root")
            return
        }
        let target = folder.appendingPathComponent("fit.png")
        let outcome = try ToolRunner.run(["figure", "fit", "--out", target.path])
        #expect(outcome.status == 74, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("disk is full"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no partial or temporary file")
    }

    private func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("negative numbers are values of numeric options: the error is about the value, not a missing one")
    func negativeNumbers() throws {
        let options: [([String], String)] = [
            (["train", "--lr", "-1"], "--lr"), (["train", "--epochs", "-1"], "--epochs"), (["train", "--degree", "-1"], "--degree"),
            (["train", "--tol", "-1"], "--tol"), (["train", "--batch-size", "-1"], "--batch-size"), (["train", "--seed", "-1"], "--seed"),
            (["figure", "fit", "--dpi", "-1"], "--dpi"), (["figure", "fit", "--size", "-1x5"], "--size"),
            (["figure", "training", "--epoch", "-1"], "--epoch"), (["figure", "landscape", "--grid", "-1"], "--grid"),
            (["figure", "step", "--steps", "-1"], "--steps"), (["frames", "--every", "-1"], "--every"), (["frames", "--jobs", "-1"], "--jobs"),
            (["frames", "--compression", "-1"], "--compression"), (["frames", "--fps", "-1"], "--fps"), (["frames", "--grid", "-1"], "--grid"),
        ]
        for (arguments, option) in options {
            do {
                let command = try DescentCommand.parseAsRoot(arguments)
                // Checks that need the model run with the command; none may be a missing value either.
                if let figure = command as? FigureCommand, let kind = FigureKind(rawValue: figure.kindName) {
                    try figure.spec(kind).validate()
                }
                if let frames = command as? FramesCommand {
                    try LandscapeOptions(gridSize: frames.grid).validate(for: .linear)
                }
                Issue.record("\(arguments) was accepted")
            } catch {
                let message = ToolFailure(mapping: error)?.message ?? DescentCommand.message(for: error)
                #expect(!message.contains("Missing value"), "\(arguments): \(message)")
                #expect(message.contains(option) && message.contains("-1"), "\(arguments): \(message)")
                #expect((ToolFailure(mapping: error)?.exitCode ?? DescentCommand.exitCode(for: error).rawValue) == 64, "\(arguments)")
            }
        }
        // Values that may be negative still parse.
        for arguments in [["figure", "landscape", "--range-w", "-2:2", "--range-b", "-3:-1"], ["figure", "step", "--w0", "-2"],
                          ["train", "--init", "-1,-1"]] {
            #expect(throws: Never.self, "\(arguments)") { _ = try DescentCommand.parseAsRoot(arguments) }
        }
    }

    @Test("every failure is one line, and its exit status follows one rule", arguments: [
        (["train", "--bogus"], 64),
        (["train", "--lr"], 64),
        (["figure", "landscape", "--params", "w,w", "--out", "x.png"], 64),
        (["figure", "landscape", "--params", "w,zz", "--out", "x.png"], 64),
        (["figure", "landscape", "--range-w", "-2:2", "--params", "w1,b", "--out", "x.png"], 64),
        (["train", "--data", "missing.csv", "--x", "a", "--y", "b"], 65),
        (["build", "missing.yaml"], 64),
    ] as [([String], Int32)])
    func exitStatusRule(arguments: [String], status: Int32) throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run(arguments, in: folder)
        #expect(outcome.status == status, "\(arguments): \(outcome.standardError)")
        #expect(outcome.standardError.hasPrefix("Error: ") && outcome.standardError.split(separator: "\n").count == 1,
                "\(arguments): \(outcome.standardError)")
        #expect(ExitStatus(of: ReportingError.repeatedParameter(name: "w", model: "linear", available: ["w", "b"])) == .usage)
        #expect(ExitStatus(of: ReportingError.unknownParameter(name: "zz", model: "linear", available: ["w", "b"], setting: .planeParameters)) == .usage)
        #expect(ExitStatus(of: TrainingError.unreadableFile(path: "p", reason: "r")) == .data)
    }

    @Test("help keeps every example command line whole at 80 columns")
    func helpExamples() throws {
        let commands: [ParsableCommand.Type] = [DescentCommand.self, BuildCommand.self, TrainCommand.self, FigureCommand.self, FramesCommand.self]
        for command in commands {
            let help = Set(DescentCommand.helpMessage(for: command, columns: 80).split(separator: "\n").map(String.init))
            let examples = command.configuration.discussion.split(separator: "\n")
                .filter { $0.hasPrefix("  descent") || $0.hasPrefix("      -") }
            for line in examples {
                #expect(help.contains(String(line)), "\(command): '\(line)' is broken by the help text's wrapping")
            }
        }
    }

    @Test("descent-bench writes no results file unless --json names one")
    func benchResults() throws {
        let bench = ToolRunner.executable.deletingLastPathComponent().appendingPathComponent("descent-bench")
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["--quick", "--no-peers", "--sections", "landscape"]
        #expect(try run(bench.path, arguments, in: folder) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "a plain run writes nothing")
        #expect(try run(bench.path, arguments + ["--json", "r.json"], in: folder) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r.json"])
    }
}
