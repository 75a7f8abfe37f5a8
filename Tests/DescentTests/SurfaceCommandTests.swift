import Foundation
import Testing

/// End-to-end tests of `--surface` in `descent train` and `descent figure landscape`.
@Suite("descent --surface")
struct SurfaceCommandTests {
    @Test("train --surface rosenbrock writes epoch,x,y,loss,grad_norm matching gradient descent written here")
    func trainHistory() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run(["train", "--surface", "rosenbrock", "--optimizer", "gd", "--lr", "0.001", "--epochs", "500",
                                          "--init", "-1.5,2", "--history", "h.csv"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Nearest known minimum: (1.0, 1.0)"))
        let lines = try String(contentsOf: folder.appendingPathComponent("h.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "epoch,x,y,loss,grad_norm")
        #expect(lines.count == 502)
        var (x, y) = (-1.5, 2.0)
        for (epoch, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count == 5, let px = Double(fields[1]), let py = Double(fields[2]), let loss = Double(fields[3]),
                  let norm = Double(fields[4]) else {
                Issue.record("bad row \(line)")
                return
            }
            #expect(fields[0] == String(epoch))
            let (gx, gy) = (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x))
            #expect(abs(px - x) <= 1e-9 && abs(py - y) <= 1e-9, "epoch \(epoch)")
            #expect(abs(loss - ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x))) <= 1e-9 * max(1, loss))
            #expect(abs(norm - (gx * gx + gy * gy).squareRoot()) <= 1e-9 * max(1, norm))
            // Shortest round-trip numbers, as the model history writes them.
            #expect(fields[1] == "\(px)" && fields[3] == "\(loss)")
            (x, y) = (x - 0.001 * gx, y - 0.001 * gy)
        }
    }

    @Test("options and figure kinds that make no sense on a surface, sgd and minibatch, and bad formulas are refused on one line with status 64")
    func refusals() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(arguments: [String], words: String)] = [
            (["train", "--surface", "saddle", "--optimizer", "sgd"], "--optimizer sgd draws samples"),
            (["train", "--surface", "saddle", "--optimizer", "minibatch"], "--optimizer minibatch draws samples"),
            (["train", "--surface", "saddle", "--model", "cubic"], "--model does not apply to --surface"),
            (["train", "--surface", "saddle", "--degree", "3"], "--degree does not apply to --surface"),
            (["train", "--surface", "saddle", "--data", "p.csv", "--x", "a", "--y", "b"], "--data does not apply to --surface"),
            (["train", "--surface", "saddle", "--batch-size", "8"], "--batch-size does not apply to --surface"),
            (["train", "--surface", "saddle", "--init", "1,2,3"], "a surface has two parameters"),
            (["train", "--surface", "saddle", "--history", "h.json"], "written as CSV"),
            (["train", "--surface", "(x + y * 2"], "--surface: expected ')' to close the '(' at column 1, but reached the end of the formula at column 11"),
            (["train", "--surface", "rosenbrok"], "--surface: unknown surface or variable 'rosenbrok' at column 1"),
            (["figure", "loss", "--surface", "beale"], "--surface does not apply to 'loss'"),
            (["figure", "fit", "--surface", "beale"], "kinds landscape, surface, gradient-field and compare --compare optimizers"),
            (["figure", "residuals", "--surface", "beale"], "--surface does not apply to 'residuals'"),
            (["figure", "chain-rule", "--surface", "beale"], "--surface does not apply to 'chain-rule'"),
            (["figure", "degree-sweep", "--surface", "beale"], "--surface does not apply to 'degree-sweep'"),
            (["figure", "compare", "--compare", "models", "--surface", "beale"], "--surface with compare needs --compare optimizers"),
            (["frames", "--surface", "beale", "--layout", "full"], "--layout full shows a model's fit and loss"),
            (["frames", "--surface", "beale", "--layout", "training"], "--layout training shows a model's fit and loss"),
            (["frames", "--surface", "beale", "--per-step"], "--per-step does not apply to --surface"),
            (["frames", "--range-y", "-1:1"], "set the window of a --surface"),
            (["figure", "landscape", "--surface", "beale", "--params", "w,b"], "--params chooses a plane"),
            (["figure", "landscape", "--range-x", "-1:1"], "set the window of a --surface"),
            (["figure", "landscape", "--surface", "beale", "--range-x", "2:1"], "--range-x '2:1' is not a range"),
        ]
        for (arguments, words) in cases {
            let out = ["figure": ["--out", "never.png"], "frames": ["--out", "never"]][arguments[0]] ?? []
            let outcome = try ToolRunner.run(arguments + out, in: folder)
            #expect(outcome.status == 64, "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardError.contains(words), "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardError.split(separator: "\n").count == 1, "\(arguments): \(outcome.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a formula that begins with a minus sign is read as the formula, not as an option")
    func leadingMinus() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run(["train", "--surface", "-x^2 + y^2 + x^4", "--epochs", "2"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("f(x, y) = -x^2 + y^2 + x^4"))
    }

    @Test("figure landscape --surface writes x,y,loss (y outer, x inner) matching the formula, nan where it is undefined")
    func gridCSV() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run(["figure", "landscape", "--surface", "log(x) + 10*y^2", "--init", "1,1", "--epochs", "20",
                                          "--grid", "21", "--range-x", "-1:3", "--range-y", "-2:2", "--grid-csv", "g.csv", "--out", "s.png"],
                                         in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = try String(contentsOf: folder.appendingPathComponent("g.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "x,y,loss")
        #expect(lines.count == 1 + 21 * 21)
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count == 3, let x = Double(fields[0]), let y = Double(fields[1]) else {
                Issue.record("bad row \(line)")
                return
            }
            let (column, row) = (index % 21, index / 21)
            #expect(x == (column == 20 ? 3 : -1 + 4 * Double(column) / 20))
            #expect(y == (row == 20 ? 2 : -2 + 4 * Double(row) / 20))
            let direct = log(x) + 10 * y * y
            if direct.isFinite, let value = Double(fields[2]) {
                #expect(abs(value - direct) <= 1e-12 * max(abs(direct), 1e-300), "\(line)")
            } else {
                #expect(fields[2] == (direct.isNaN ? "nan" : "\(direct)"), "\(line)")
            }
        }
    }
}
