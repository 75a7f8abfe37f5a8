import Foundation
import Testing

/// End-to-end tests of `descent figure` for the training-curve kinds.
@Suite("descent figure: training curves")
struct TrainingCurveCommandTests {
    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    @Test("a diverging loss figure exits 0 and writes a PNG")
    func divergingLossFigure() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run(["figure", "loss", "--model", "linear", "--optimizer", "gd", "--lr", "5",
                                          "--epochs", "40", "--out", "d.png"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(!outcome.signalled)
        let data = try Data(contentsOf: folder.appendingPathComponent("d.png"))
        #expect(Array(data.prefix(8)) == Self.pngSignature)
        #expect(outcome.standardOutput.contains("diverged at epoch"))
    }

    @Test("training, compare and lr-sweep write PNGs; an epoch past the history exits with the usage status 64")
    func otherKinds() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [["training", "--model", "cubic", "--epoch", "10"], ["compare"], ["lr-sweep", "--lrs", "0.2,1.5"]] {
            let outcome = try ToolRunner.run(["figure"] + arguments + ["--out", "f.png"], in: folder)
            #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
            let data = try Data(contentsOf: folder.appendingPathComponent("f.png"))
            #expect(Array(data.prefix(8)) == Self.pngSignature)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("f.png"))
        }
        let outcome = try ToolRunner.run(["figure", "training", "--epoch", "5000", "--out", "f.png"], in: folder)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("--epoch 5000 is outside the training history"))
    }
}
