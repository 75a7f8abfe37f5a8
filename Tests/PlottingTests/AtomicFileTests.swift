import Foundation
import Testing
@testable import Plotting

@Suite struct AtomicFileTests {
    func makeFolder() throws -> URL {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    struct Injected: Error {}

    /// Inside a sync batch, durable writes land at once (complete, renamed) and their fsyncs
    /// are the batch's; writes from child tasks join the batch; a sync that fails is thrown by
    /// `finish`, naming the file.
    @Test func syncBatchTakesTheFsyncsAndReportsFailures() async throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let batch = SyncBatch()
        try await batch.collecting {
            #expect(SyncBatch.current === batch)
            try AtomicFile.write(data: Data("one".utf8), to: folder.appendingPathComponent("a.txt"))
            async let child: Void = AtomicFile.write(data: Data("two".utf8), to: folder.appendingPathComponent("b.txt"))
            try await child
            #expect(try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8) == "one")
        }
        #expect(SyncBatch.current == nil)
        try await batch.finish()
        #expect(try String(contentsOf: folder.appendingPathComponent("b.txt"), encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "b.txt"])

        let failing = SyncBatch()
        let missing = folder.appendingPathComponent("gone/missing.txt").path
        failing.sync(missing)
        await #expect { try await failing.finish() } throws: { error in
            String(describing: error).contains(missing)
        }
    }

    @Test func writesAndReplaces() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("a.txt")
        try AtomicFile.write(data: Data("first".utf8), to: url)
        try AtomicFile.write(data: Data("second".utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.txt"])
    }

    @Test func failureMidwayLeavesNothingBehind() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("b.png")
        try AtomicFile.write(data: Data("old".utf8), to: url)
        #expect(throws: Injected.self) {
            try AtomicFile.write(to: url) { temporary in
                try Data("partial".utf8).write(to: temporary)
                throw Injected()
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old", "the old file is untouched")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["b.png"], "no temporary file left")
    }

    @Test func missingParentAndParentIsAFile() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nope/c.png")
        #expect(throws: PlottingError.parentDirectoryMissing(path: missing.path)) { try AtomicFile.write(data: Data(), to: missing) }
        let file = folder.appendingPathComponent("file")
        try AtomicFile.write(data: Data("x".utf8), to: file)
        let inside = file.appendingPathComponent("c.png")
        #expect(throws: PlottingError.parentIsNotDirectory(path: inside.path)) { try AtomicFile.write(data: Data(), to: inside) }
        #expect("\(PlottingError.parentDirectoryMissing(path: missing.path))".contains(missing.path))
    }

    @Test func targetDirectoryAndDevicesAreRefused() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: PlottingError.targetIsNotRegularFile(path: folder.path)) { try AtomicFile.write(data: Data(), to: folder) }
        #expect(throws: PlottingError.self) { try AtomicFile.write(data: Data("x".utf8), to: URL(fileURLWithPath: "/dev/full")) }
        #expect(FileManager.default.fileExists(atPath: "/dev/full"))
    }

    @Test func diskFullIsReportedWithThePath() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        #expect(throws: PlottingError.diskFull(path: "/out/figure.png")) {
            try AtomicFile.writeAll(Data(repeating: 1, count: 4096), to: fd, reportingAs: "/out/figure.png")
        }
        #expect("\(PlottingError.diskFull(path: "/out/figure.png"))".contains("disk is full"))
    }

    @Test func notWritableDirectory() throws {
        guard getuid() != 0 else { return }  // root may write anywhere
        let folder = try makeFolder()
        defer { chmod(folder.path, 0o755); try? FileManager.default.removeItem(at: folder) }
        chmod(folder.path, 0o555)
        #expect(throws: PlottingError.self) { try AtomicFile.write(data: Data(), to: folder.appendingPathComponent("d.png")) }
    }
}
