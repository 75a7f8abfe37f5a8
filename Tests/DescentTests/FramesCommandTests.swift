import Foundation
import Testing

/// End-to-end tests of `descent frames` through the built executable.
@Suite("descent frames")
struct FramesCommandTests {
    /// The acceptance command at a small size.
    static let acceptance = ["frames", "--model", "linear", "--optimizer", "gd", "--lr", "0.05", "--init", "-1.5,1.5",
                             "--size", "480x270", "--grid", "60"]

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ url: URL) throws -> (Int, Int) {
        let bytes = [UInt8](try Data(contentsOf: url).prefix(24))
        guard bytes.count == 24 else { return (0, 0) }
        func word(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    static func frameNames(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("frame_") }.sorted()
    }

    /// The first program named `name` on PATH, or nil.
    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("writes one frame per epoch and one of the start at the asked size, the manifest, and nothing on stdout with --quiet")
    func writesFramesAndManifest() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("frames")
        let outcome = try ToolRunner.run(Self.acceptance + ["--epochs", "12", "--out", out.path, "--quiet"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty && outcome.standardError.isEmpty)
        let names = try Self.frameNames(in: out)
        #expect(names == (1...13).map { String(format: "frame_%05d.png", $0) })
        let (width, height) = try Self.pngSize(out.appendingPathComponent("frame_00012.png"))
        #expect(width == 480 && height == 270)
        let manifest = try String(contentsOf: out.appendingPathComponent("frames.csv"), encoding: .utf8)
        let lines = manifest.split(separator: "\n")
        #expect(lines.first == "frame,epoch,step,w,b,mse,file")
        #expect(lines.count == 14)
        #expect(lines[1].hasPrefix("1,0,0,-1.5,1.5,"))
        #expect(lines.last?.hasPrefix("13,12,12,") == true)
        #expect(lines.last?.hasSuffix(",frame_00013.png") == true)
        // Full-batch GD from (-1.5, 1.5) with lr 0.05, computed here: w ← w − η·2·mean((w x + b − y) x).
        let x = [58.0, 59, 62, 78, 68, 70, 88, 89, 92, 91], y = [150.0, 157, 163, 168, 171, 175, 179, 182, 185, 190]
        func z(_ v: [Double]) -> [Double] {
            let m = v.reduce(0, +) / 10, s = (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 10).squareRoot()
            return v.map { ($0 - m) / s }
        }
        let zx = z(x), zy = z(y)
        var w = -1.5, b = 1.5
        for _ in 1...12 {
            let errors = zip(zx, zy).map { w * $0 + b - $1 }
            let gw = zip(errors, zx).map { 2 * $0 * $1 }.reduce(0, +) / 10, gb = errors.map { 2 * $0 }.reduce(0, +) / 10
            w -= 0.05 * gw
            b -= 0.05 * gb
        }
        let fields = lines.last.map { $0.split(separator: ",").map(String.init) } ?? []
        #expect(abs((Double(fields[3]) ?? .nan) - w) < 1e-12)
        #expect(abs((Double(fields[4]) ?? .nan) - b) < 1e-12)
    }

    @Test("prints a one-line summary when stderr is not a terminal")
    func oneLineSummaryOffTerminal() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run(Self.acceptance + ["--epochs", "3", "--out", folder.appendingPathComponent("f").path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.isEmpty)
        #expect(outcome.standardOutput.split(separator: "\n").count == 1)
        #expect(outcome.standardOutput.contains("Wrote 4 frames"))
    }

    @Test("an existing sequence is refused without --resume (exit 73); --resume finishes a partial one byte for byte")
    func refusalAndResume() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = folder.appendingPathComponent("reference"), partial = folder.appendingPathComponent("partial")
        let arguments = Self.acceptance + ["--epochs", "5", "--quiet", "--jobs", "2"]
        #expect(try ToolRunner.run(arguments + ["--out", reference.path]).status == 0)
        #expect(try ToolRunner.run(arguments + ["--out", partial.path, "--jobs", "1"]).status == 0)
        let again = try ToolRunner.run(arguments + ["--out", partial.path])
        #expect(again.status == 73)
        #expect(again.standardError.contains("--resume"))
        try FileManager.default.removeItem(at: partial.appendingPathComponent("frame_00003.png"))
        try FileManager.default.removeItem(at: partial.appendingPathComponent("frames.csv"))
        try Data([1, 2, 3]).write(to: partial.appendingPathComponent(".frame_00003.png.tmp-XyZ123"))
        let resumed = try ToolRunner.run(arguments + ["--out", partial.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: reference.path).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: partial.path).sorted() == names)
        for name in names {
            let a = try Data(contentsOf: reference.appendingPathComponent(name))
            let b = try Data(contentsOf: partial.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
        let changed = try ToolRunner.run(arguments + ["--out", partial.path, "--resume", "--lr", "0.1"])
        #expect(changed.status == 73)
        #expect(changed.standardError.contains("other settings"))
    }

    @Test("--video writes an H.264 yuv420p mp4 and a gif")
    func video() throws {
        guard Self.onPath("ffmpeg") != nil else {
            print("ffmpeg is not installed: skipping the video test (apt-get install ffmpeg)")
            return
        }
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mp4 = folder.appendingPathComponent("training.mp4"), gif = folder.appendingPathComponent("training.gif")
        // An odd size, so the even-dimension padding is needed.
        let arguments = ["frames", "--epochs", "4", "--size", "321x181", "--grid", "40", "--quiet", "--layout", "training"]
        let outcome = try ToolRunner.run(arguments + ["--out", folder.appendingPathComponent("f").path, "--video", mp4.path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(FileManager.default.fileExists(atPath: mp4.path))
        let gifOutcome = try ToolRunner.run(arguments + ["--out", folder.appendingPathComponent("g").path, "--video", gif.path, "--fps", "5"])
        #expect(gifOutcome.status == 0, "\(gifOutcome.standardError)")
        let gifBytes = try Data(contentsOf: gif)
        #expect(gifBytes.starts(with: Array("GIF89a".utf8)))
        guard let ffprobe = Self.onPath("ffprobe") else { return }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: ffprobe)
        probe.arguments = ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,pix_fmt,width,height,nb_frames",
                           "-of", "default=noprint_wrappers=1", mp4.path]
        let pipe = Pipe()
        probe.standardOutput = pipe
        try probe.run()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        probe.waitUntilExit()
        #expect(report.contains("codec_name=h264"))
        #expect(report.contains("pix_fmt=yuv420p"))
        #expect(report.contains("width=322") && report.contains("height=182"))
        #expect(report.contains("nb_frames=5"))
    }

    @Test("without ffmpeg on PATH --video fails with exit 69 and how to install it, before anything is written")
    func videoWithoutFfmpeg() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("f")
        let outcome = try ToolRunner.run(Self.acceptance + ["--epochs", "2", "--out", out.path, "--quiet",
                                                            "--video", folder.appendingPathComponent("v.mp4").path],
                                         environment: ["PATH": folder.path])
        #expect(outcome.status == 69)
        #expect(outcome.standardError.contains("apt-get install ffmpeg"))
        #expect(!FileManager.default.fileExists(atPath: out.path), "checked before any frame is drawn")
    }

    @Test("bad option values are usage errors naming the option")
    func badOptions() throws {
        for (arguments, option) in [(["--every", "0"], "--every"), (["--jobs", "0"], "--jobs"), (["--compression", "12"], "--compression"),
                                    (["--video", "x.avi"], "--video"), (["--fps", "0"], "--fps")] {
            let outcome = try ToolRunner.run(["frames"] + arguments + ["--out", "/nonexistent-descent-test"])
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.standardError.contains(option), "\(outcome.standardError)")
        }
    }
}
