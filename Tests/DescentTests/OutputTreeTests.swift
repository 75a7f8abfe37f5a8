import Foundation
import Testing

/// What `descent build` and `descent frames` do to their output folders: never write through a
/// link inside them, one writer at a time, leftovers of ended runs removed (only those), frames
/// verified before they are kept, output paths checked before any work.
@Suite("the output tree")
struct OutputTreeTests {
    /// A small kit: the linear model, one figure, a few small frames (or none), the Markdown report.
    static func kit(output: String = "kit", frames: Int? = 4, learningRate: Double = 0.001, extra: String = "") -> String {
        """
        output: \(output)
        models:
          linear:
            learning_rate: \(learningRate)
        figures:
          kinds: [fit]
          formats: [png]
          size: 320x180
          grid: 20
          gallery: false
        \(frames.map { "frames:\n  size: 160x90\n  max_frames: \($0)" } ?? "frames: false")
        report:
          html: false
          handout: false
        \(extra)
        """
    }

    /// Every regular file under `folder` (relative path → bytes), outside Descent's own temporary
    /// names (`.descent-…`); links are listed as their target text.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".descent") }) else { continue }
            let path = folder.appendingPathComponent(name).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
                result[name] = Data(try FileManager.default.destinationOfSymbolicLink(atPath: path).utf8)
            } else if attributes[.type] as? FileAttributeType == .typeRegular {
                result[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return result
    }

    /// Paths under `folder` with Descent's temporary, staging or lock names.
    static func leftovers(_ folder: URL) -> [String] {
        var result: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            if let last = name.split(separator: "/").last, last.hasPrefix(".descent") || last.contains(".tmp-") { result.append(name) }
        }
        return result.sorted()
    }

    /// The pid of a process that has ended.
    static func endedPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("links inside the output folder are refused (73) before any work and nothing outside is touched; the folder itself may be a link")
    func linksInsideTheTreeAreRefused() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("fit-linear.png"))
        try Data("keep".utf8).write(to: outside.appendingPathComponent("frame_00001.png"))
        let before = try Self.snapshot(outside)
        try Self.kit().write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        let kit = folder.appendingPathComponent("kit")
        let manager = FileManager.default

        // A linked figures folder, a linked frame folder, a linked frame file.
        let cases: [(link: String, target: URL)] = [("figures", outside), ("frames/linear", outside),
                                                    ("frames/linear/frame_00001.png", outside.appendingPathComponent("frame_00001.png"))]
        for (link, target) in cases {
            try? manager.removeItem(at: kit)
            let url = kit.appendingPathComponent(link)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.createSymbolicLink(at: url, withDestinationURL: target)
            let outcome = try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder)
            #expect(outcome.status == 73, "\(link): \(outcome.standardError)")
            #expect(outcome.standardError.contains("kit/\(link)' is a symbolic link"), "\(outcome.standardError)")
            #expect(outcome.standardError.split(separator: "\n").count == 1)
            #expect(try Self.snapshot(outside) == before, "\(link): the folder outside is untouched")
            #expect(!manager.fileExists(atPath: kit.appendingPathComponent("report.md").path), "refused before any work")
        }

        // descent frames --overwrite over a sequence with a linked frame.
        let frames = folder.appendingPathComponent("f")
        let arguments = ["frames", "--epochs", "2", "--size", "160x90", "--grid", "20", "--layout", "training", "--quiet", "--out", frames.path]
        #expect(try ToolRunner.run(arguments).status == 0)
        try manager.removeItem(at: frames.appendingPathComponent("frame_00002.png"))
        try manager.createSymbolicLink(at: frames.appendingPathComponent("frame_00002.png"), withDestinationURL: outside.appendingPathComponent("frame_00001.png"))
        let overwrite = try ToolRunner.run(arguments + ["--overwrite"])
        #expect(overwrite.status == 73, "\(overwrite.standardError)")
        #expect(overwrite.standardError.contains("symbolic link"))
        #expect(try Self.snapshot(outside) == before)

        // The output folder itself may be a link to a folder: the user's choice.
        try manager.removeItem(at: kit)
        let real = folder.appendingPathComponent("real")
        try manager.createDirectory(at: real, withIntermediateDirectories: true)
        try manager.createSymbolicLink(at: kit, withDestinationURL: real)
        let linked = try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder)
        #expect(linked.status == 0, "\(linked.standardError)")
        #expect(manager.fileExists(atPath: real.appendingPathComponent("frames/linear/frames.csv").path))
    }

    @Test("a second writer of the same folder is refused (73) naming the holder's pid; the lock goes with its holder")
    func secondWriterIsRefused() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.kit(frames: nil).write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        let kit = folder.appendingPathComponent("kit"), frames = folder.appendingPathComponent("f")
        for locked in [kit, frames] {
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
            let lockPath = locked.appendingPathComponent(".descent.lock").path
            let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
            try #require(descriptor >= 0)
            #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
            let pid = Array("\(getpid())\n".utf8)
            _ = write(descriptor, pid, pid.count)
            let outcome = locked == kit ? try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder)
                : try ToolRunner.run(["frames", "--epochs", "1", "--size", "160x90", "--quiet", "--out", frames.path])
            #expect(outcome.status == 73, "\(outcome.standardError)")
            #expect(outcome.standardError.contains("another descent process (pid \(getpid()))"), "\(outcome.standardError)")
            close(descriptor)
        }
        let outcome = try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: kit.appendingPathComponent(".descent.lock").path), "released and removed")
    }

    @Test("temporaries of ended runs are removed on the next run, and nothing that is not Descent's")
    func leftoversOfEndedRunsAreSwept() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.kit(frames: 2).write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        let kit = folder.appendingPathComponent("kit"), figures = kit.appendingPathComponent("figures")
        let sequence = kit.appendingPathComponent("frames/linear")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: sequence, withIntermediateDirectories: true)
        let ended = try Self.endedPID()
        let stale = [figures.appendingPathComponent(".descent-tmp-\(ended)-aB3xY9"),   // this version's
                     figures.appendingPathComponent(".fit-linear.png.tmp-Qw3rTy"),     // older versions'
                     sequence.appendingPathComponent(".frame_00002.png.tmp-Zx81Kq"),
                     kit.appendingPathComponent(".descent-stage-\(ended)-Lm4Np2/figures/fit-linear.png")]
        let others = [figures.appendingPathComponent(".notes.txt.tmp-Qw3rTy"),          // not a name the kit writes
                      figures.appendingPathComponent(".descent-tmp-\(getpid())-aB3xY9"), // a live process's
                      figures.appendingPathComponent("mine.txt")]
        for url in stale + others {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let outcome = try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        for url in stale { #expect(!FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent) is left") }
        #expect(!FileManager.default.fileExists(atPath: kit.appendingPathComponent(".descent-stage-\(ended)-Lm4Np2").path))
        for url in others { #expect(FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent) was removed") }
    }

    @Test("--resume keeps only frames whose every chunk checks out, and never deletes what Descent did not write")
    func resumeVerifiesFrames() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = folder.appendingPathComponent("reference"), partial = folder.appendingPathComponent("partial")
        let arguments = ["frames", "--epochs", "4", "--size", "160x90", "--grid", "20", "--layout", "training", "--quiet", "--jobs", "2"]
        #expect(try ToolRunner.run(arguments + ["--out", reference.path]).status == 0)
        #expect(try ToolRunner.run(arguments + ["--out", partial.path]).status == 0)
        try FileManager.default.removeItem(at: partial.appendingPathComponent("frames.csv"))
        // Flip a byte inside the image data of frame 3; the signature and IEND stay intact.
        let frame = partial.appendingPathComponent("frame_00003.png")
        var bytes = [UInt8](try Data(contentsOf: frame))
        let idat = try #require(bytes.indices.dropLast(4).first { bytes[$0..<$0 + 4].elementsEqual(Array("IDAT".utf8)) })
        bytes[idat + 8] ^= 0x55
        try Data(bytes).write(to: frame)

        // A folder named like a frame is not Descent's: refused, and left as it is.
        let intruder = partial.appendingPathComponent("frame_00009.png")
        try FileManager.default.createDirectory(at: intruder, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: intruder.appendingPathComponent("notes.txt"))
        let refused = try ToolRunner.run(arguments + ["--out", partial.path, "--resume"])
        #expect(refused.status == 73, "\(refused.standardError)")
        #expect(refused.standardError.contains("frame_00009.png"))
        #expect(FileManager.default.fileExists(atPath: intruder.appendingPathComponent("notes.txt").path))
        try FileManager.default.removeItem(at: intruder)

        let resumed = try ToolRunner.run(arguments + ["--out", partial.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try Self.snapshot(partial) == Self.snapshot(reference), "the corrupted frame was rendered again")
    }

    @Test("output paths are checked before any work: empty, null, shared by two outputs, a video folder that is missing", arguments: [
        (["build", "--output", ""], nil, 64, ["--output is empty"]),
        (["build", "kit.yaml"], "output: ~\n", 64, ["kit.yaml", "line 1", "output is null"]),
        (["build", "kit.yaml"], "output: null\n", 64, ["kit.yaml", "line 1", "output is null"]),
        (["build", "kit.yaml"], "output: \"~\"\n", 64, ["kit.yaml", "line 1", "home folder itself", "~/kit"]),
        (["build", "kit.yaml"], "figures:\n  folder:\n", 64, ["kit.yaml", "line 2", "figures.folder is null"]),
        (["build", "kit.yaml"], "report:\n  html: data/summary.json\n", 64, ["kit.yaml", "line 2", "report.html", "data_folder", "data/summary.json"]),
        (["build", "kit.yaml"], "report:\n  markdown: figures\n", 64, ["line 2", "report.markdown", "figures.folder"]),
        (["frames", "--out", ""], nil, 64, ["--out is empty"]),
        (["figure", "fit", "--out", ""], nil, 64, ["--out is empty"]),
        (["slides", "--out", ""], nil, 64, ["--out"]),
        (["frames", "--out", "f", "--video", "nodir/v.mp4"], nil, 73, ["\"nodir/v.mp4\"", "does not exist"]),
    ] as [([String], String?, Int32, [String])])
    func outputPathMistakes(arguments: [String], configuration: String?, status: Int32, fragments: [String]) throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        if let configuration { try configuration.write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8) }
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let outcome = try ToolRunner.run(arguments, in: folder)
        #expect(outcome.status == status, "\(outcome.standardError)")
        for fragment in fragments { #expect(outcome.standardError.contains(fragment), "\(outcome.standardError)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == before, "nothing written")
    }

    @Test("output: ~/… is the home folder; any legal file name can be written, and a name too long is 73 in every command")
    func homeAndNameLengths() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.kit(output: "\"~/kit\"", frames: nil).write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        let home = try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder, environment: ["HOME": folder.path])
        #expect(home.status == 0, "\(home.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("kit/report.md").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("~").path))

        let longest = String(repeating: "a", count: 251) + ".png"  // 255 bytes, the most a file name may have
        let written = try ToolRunner.run(["figure", "fit", "--size", "160x90", "--out", longest], in: folder)
        #expect(written.status == 0, "\(written.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(longest).path))
        let tooLong = String(repeating: "b", count: 256)
        for arguments in [["figure", "fit", "--size", "160x90", "--out", tooLong + ".png"], ["frames", "--epochs", "1", "--out", tooLong],
                          ["build", "kit.yaml", "--output", tooLong]] {
            let outcome = try ToolRunner.run(arguments, in: folder)
            #expect(outcome.status == 73, "\(arguments[0]): \(outcome.standardError)")
            #expect(outcome.standardError.contains("too long"), "\(outcome.standardError)")
        }
    }

    /// Starts `descent` with `arguments` in `directory`, waits until `ready` (or the run ends),
    /// sends `signal` and returns the exit status and whether the signal came while it ran.
    static func interrupt(_ arguments: [String], in directory: URL, with signal: Int32,
                          when ready: () -> Bool) throws -> (status: Int32, interrupted: Bool) {
        let process = Process()
        process.executableURL = ToolRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning, !ready() { usleep(5_000) }
        let interrupted = process.isRunning
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return (process.terminationStatus, interrupted)
    }

    /// Whether a staging folder in `folder` holds `relative` (the new output is half made).
    static func staged(_ relative: String, in folder: URL) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.contains { $0.hasPrefix(".descent-stage-")
            && FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent(relative).path) }
    }

    @Test("SIGTERM to a rebuild and SIGINT to frames --overwrite exit 143 and 130 and leave the previous output as it was, with no temporary")
    func interruptedRebuildKeepsThePreviousOutput() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.kit(frames: 4).write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        // The rebuild differs (another learning rate) and has many larger frames, so it is caught drawing them.
        try Self.kit(frames: 60, learningRate: 0.002).replacingOccurrences(of: "160x90", with: "480x270")
            .write(to: folder.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        let kit = folder.appendingPathComponent("kit")
        #expect(try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder).status == 0)
        let kitBefore = try Self.snapshot(kit)
        let build = try Self.interrupt(["build", "new.yaml", "--output", "kit", "--quiet"], in: folder, with: SIGTERM) {
            Self.staged("frames/linear/frame_00003.png", in: kit)
        }
        #expect(build.interrupted, "the signal came while frames were drawn")
        #expect(build.status == 143)
        #expect(try Self.snapshot(kit) == kitBefore, "the previous kit is intact")
        #expect(Self.leftovers(folder).isEmpty, "\(Self.leftovers(folder))")

        let frames = folder.appendingPathComponent("f")
        let arguments = ["frames", "--size", "480x270", "--grid", "20", "--layout", "training", "--quiet", "--jobs", "1", "--out", frames.path]
        #expect(try ToolRunner.run(arguments + ["--epochs", "2"]).status == 0)
        let framesBefore = try Self.snapshot(frames)
        let overwrite = try Self.interrupt(arguments + ["--epochs", "60", "--overwrite"], in: folder, with: SIGINT) {
            Self.staged("frame_00003.png", in: frames)
        }
        #expect(overwrite.interrupted)
        #expect(overwrite.status == 130)
        #expect(try Self.snapshot(frames) == framesBefore, "the previous sequence is intact")
        #expect(Self.leftovers(folder).isEmpty, "\(Self.leftovers(folder))")
    }

    @Test("--overwrite replaces a sequence whole (as a fresh run would write it), --video alone writes only the video, -q is quiet")
    func overwriteVideoAloneAndQuiet() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let frames = folder.appendingPathComponent("frames"), fresh = folder.appendingPathComponent("fresh")
        let arguments = ["frames", "--size", "160x90", "--grid", "20", "--layout", "training", "-q"]
        let first = try ToolRunner.run(arguments + ["--epochs", "5", "--out", frames.path])
        #expect(first.status == 0 && first.standardOutput.isEmpty, "\(first.standardError)")
        #expect(try ToolRunner.run(arguments + ["--epochs", "2", "--lr", "0.01", "--out", frames.path]).status == 73)
        let replaced = try ToolRunner.run(arguments + ["--epochs", "2", "--lr", "0.01", "--out", frames.path, "--overwrite"])
        #expect(replaced.status == 0, "\(replaced.standardError)")
        #expect(try ToolRunner.run(arguments + ["--epochs", "2", "--lr", "0.01", "--out", fresh.path]).status == 0)
        #expect(try Self.snapshot(frames) == Self.snapshot(fresh), "no frame of the old sequence is left")
        #expect(Self.leftovers(frames).isEmpty)

        guard FramesCommandTests.onPath("ffmpeg") != nil else { return }
        let video = try ToolRunner.run(arguments + ["--epochs", "2", "--video", "only.mp4"], in: folder)
        #expect(video.status == 0, "\(video.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["frames", "fresh", "only.mp4"])
    }
}
