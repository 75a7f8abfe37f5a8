import Foundation
import Testing

/// End-to-end tests of `descent train` through the built executable.
@Suite("descent train")
struct TrainCommandTests {
    private static let weight: [Double] = [58, 59, 62, 78, 68, 70, 88, 89, 92, 91]
    private static let height: [Double] = [150, 157, 163, 168, 171, 175, 179, 182, 185, 190]

    private static func zscores(_ values: [Double]) -> [Double] {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        return values.map { ($0 - mean) / variance.squareRoot() }
    }

    private static func readCSV(_ url: URL) throws -> (header: [String], rows: [[Double]]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let rows = lines.dropFirst().map { $0.split(separator: ",").map { Double(String($0)) ?? .nan } }
        return (header, rows)
    }

    @Test("the default run prints the closed-form line of the notebook data in centimetres")
    func defaultRunPrintsClosedForm() throws {
        let outcome = try ToolRunner.run(["train"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        // Least squares by the textbook formulas, in the test: slope = cov(x, y) / var(x).
        let meanX = Self.weight.reduce(0, +) / 10, meanY = Self.height.reduce(0, +) / 10
        let covariance = zip(Self.weight, Self.height).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +)
        let variance = Self.weight.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
        let slope = covariance / variance, intercept = meanY - slope * meanX
        let expected = String(format: "height_cm = %.2f + %.4f*weight_kg", intercept, slope)
        #expect(expected == "height_cm = 107.73 + 0.8513*weight_kg")
        #expect(outcome.standardOutput.contains(expected))
        #expect(outcome.standardOutput.contains("Oliver"))
        #expect(outcome.standardOutput.contains("Charlie"))
    }

    @Test("full-batch GD history matches the same updates computed independently")
    func gradientDescentHistoryMatchesIndependentComputation() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("h.csv")
        let outcome = try ToolRunner.run(["train", "--model", "linear", "--optimizer", "gd", "--lr", "0.1",
                                          "--epochs", "50", "--init", "0.1,0.1", "--history", history.path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let (header, rows) = try Self.readCSV(history)
        #expect(header == ["epoch", "w", "b", "mse", "mae_cm", "grad_norm", "lr"])
        #expect(rows.count == 51)

        let x = Self.zscores(Self.weight), y = Self.zscores(Self.height)
        var w = 0.1, b = 0.1
        func mse() -> Double { zip(x, y).map { (w * $0 + b - $1) * (w * $0 + b - $1) }.reduce(0, +) / 10 }
        for epoch in 0...50 {
            if epoch > 0 {
                var gw = 0.0, gb = 0.0
                for (xi, yi) in zip(x, y) {
                    let e = w * xi + b - yi
                    gw += 2 * e * xi
                    gb += 2 * e
                }
                w -= 0.1 * gw / 10
                b -= 0.1 * gb / 10
            }
            let row = rows[epoch]
            #expect(row[0] == Double(epoch))
            #expect(abs(row[3] - mse()) < 1e-12, "epoch \(epoch)")
        }
        #expect(abs(rows[50][1] - w) < 1e-12)
        #expect(abs(rows[50][2] - b) < 1e-12)
    }

    @Test("an --init with the wrong count is a usage error naming the parameters")
    func wrongInitCountIsUsageError() throws {
        let outcome = try ToolRunner.run(["train", "--model", "cubic", "--init", "1,2"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("w1, w2, w3, b"))
    }

    @Test("a learning rate that is zero, negative or not finite is a usage error", arguments: ["0", "-0.1", "nan", "inf"])
    func badLearningRateIsUsageError(rate: String) throws {
        let outcome = try ToolRunner.run(["train", "--lr", rate])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("--lr"))
        #expect(!outcome.signalled)
    }

    @Test("a bad CSV value is a data error that names the file, line and column")
    func badCSVIsDataError() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("people.csv")
        try "name,weight,height\nA,58,150\nB,abc,157\nC,62,163\n".write(to: file, atomically: true, encoding: .utf8)
        let outcome = try ToolRunner.run(["train", "--data", file.path, "--x", "weight", "--y", "height"])
        #expect(outcome.status == 65)
        #expect(outcome.standardError.contains("people.csv"))
        #expect(outcome.standardError.contains("line 3"))
        #expect(outcome.standardError.contains("weight"))
        #expect(outcome.standardError.contains("abc"))
    }
}
