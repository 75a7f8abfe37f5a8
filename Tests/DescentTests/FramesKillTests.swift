import Foundation
import Testing

/// `descent frames` killed with SIGKILL mid-run leaves only complete frames, and `--resume`
/// finishes with exactly the bytes of an uninterrupted run.
@Suite("descent frames under SIGKILL")
struct FramesKillTests {
    static let arguments = ["frames", "--model", "linear", "--optimizer", "gd", "--lr", "0.02", "--init", "-1.5,1.5",
                            "--epochs", "160", "--size", "640x360", "--grid", "80", "--jobs", "2", "--quiet"]

    /// Whether the file starts with the PNG signature and ends with the IEND chunk.
    static func isWholePNG(_ url: URL) throws -> Bool {
        let bytes = [UInt8](try Data(contentsOf: url))
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let end: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        return bytes.count > 20 && Array(bytes.prefix(8)) == signature && Array(bytes.suffix(12)) == end
    }

    @Test("a killed run leaves no truncated frame, and --resume matches an uninterrupted run byte for byte")
    func killAndResume() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let killed = folder.appendingPathComponent("killed"), reference = folder.appendingPathComponent("reference")

        let process = Process()
        process.executableURL = ToolRunner.executable
        process.arguments = Self.arguments + ["--out", killed.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some frames exist, then kill without warning.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let count = (try? FileManager.default.contentsOfDirectory(atPath: killed.path))?.filter { $0.hasPrefix("frame_") }.count ?? 0
            if count >= 5 || !process.isRunning { break }
            usleep(20_000)
        }
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let names = try FileManager.default.contentsOfDirectory(atPath: killed.path)
        let frames = names.filter { $0.hasPrefix("frame_") && $0.hasSuffix(".png") }
        for frame in frames {
            #expect(try Self.isWholePNG(killed.appendingPathComponent(frame)), "\(frame) is truncated")
        }
        if wasRunning {
            #expect(frames.count < 160, "the kill came before the end")
            #expect(!names.contains("frames.csv"), "the manifest is written last")
        }

        let resumed = try ToolRunner.run(Self.arguments + ["--out", killed.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let uninterrupted = try ToolRunner.run(Self.arguments + ["--out", reference.path])
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")

        let expected = try FileManager.default.contentsOfDirectory(atPath: reference.path).sorted()
        let actual = try FileManager.default.contentsOfDirectory(atPath: killed.path).sorted()
        #expect(actual == expected, "no temporary file is left and no frame is missing")
        for name in expected {
            let same = try Data(contentsOf: killed.appendingPathComponent(name)) == Data(contentsOf: reference.appendingPathComponent(name))
            #expect(same, "\(name) differs after resume")
        }
    }
}
