import Foundation
import Testing

/// Bad options are usage errors (exit 64) naming the option; unwritable outputs are output
/// errors (73) or I/O errors (74) naming the path; nothing is left half-written.
@Suite("Bad options and outputs")
struct BadOptionsTests {
    @Test("usage errors name the option and exit 64", arguments: [
        (["figure", "landscap", "--out", "x.png"], "did you mean landscape?"),
        (["figure", "fit", "--out", "x.gif"], "png, .svg or .pdf"),
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

    private func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
