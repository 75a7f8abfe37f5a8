import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// End-to-end tests of `descent figure landscape` (and its family) through the built executable.
@Suite("descent figure landscape")
struct LandscapeCommandTests {
    private static let weight: [Double] = [58, 59, 62, 78, 68, 70, 88, 89, 92, 91]
    private static let height: [Double] = [150, 157, 163, 168, 171, 175, 179, 182, 185, 190]

    private static func zscores(_ values: [Double]) -> [Double] {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        return values.map { ($0 - mean) / variance.squareRoot() }
    }

    @Test("the acceptance run writes a 101x101 grid CSV (b outer, w inner) that matches direct MSE sums to 1e-10")
    func acceptanceGrid() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run(["figure", "landscape", "--model", "linear", "--optimizer", "gd", "--lr", "0.1", "--epochs", "50",
                                          "--init", "-1.5,1.5", "--grid", "101", "--range-w", "-2:2", "--range-b", "-2:2",
                                          "--grid-csv", "g.csv", "--out", "l.png"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let png = try Data(contentsOf: folder.appendingPathComponent("l.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let text = try String(contentsOf: folder.appendingPathComponent("g.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "w,b,mse")
        #expect(lines.count == 1 + 101 * 101)
        let x = Self.zscores(Self.weight), y = Self.zscores(Self.height)
        var worst = 0.0
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",").compactMap { Double(String($0)) }
            guard fields.count == 3 else { Issue.record("bad row \(line)"); return }
            let (w, b) = (fields[0], fields[1])
            // b outer, w inner; coordinates exactly low + (high − low)·k/(N − 1), the last exactly high.
            let column = index % 101, row = index / 101
            #expect(w == (column == 100 ? 2 : -2 + 4 * Double(column) / 100))
            #expect(b == (row == 100 ? 2 : -2 + 4 * Double(row) / 100))
            var sum = 0.0
            for i in x.indices { sum += (w * x[i] + b - y[i]) * (w * x[i] + b - y[i]) }
            let direct = sum / Double(x.count)
            worst = max(worst, abs(fields[2] - direct) / direct)
        }
        #expect(worst <= 1e-10, "worst relative error \(worst)")
    }

    @Test("an unknown --params name is a data error listing the model's parameters")
    func unknownParameter() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run(["figure", "landscape", "--model", "cubic", "--params", "w1,w9", "--out", "x.png"], in: folder)
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("w9") && outcome.standardError.contains("w1, w2, w3, b"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.png").path))
    }

    @Test("--pca writes a pc1,pc2,mse grid; normalization, slice, step and compare optimizers write SVG and PDF")
    func familyOutputs() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pca = try ToolRunner.run(["figure", "landscape", "--model", "cubic", "--pca", "--grid", "20", "--grid-csv", "p.csv", "--out", "p.png"], in: folder)
        #expect(pca.status == 0, "\(pca.standardError)")
        let header = try String(contentsOf: folder.appendingPathComponent("p.csv"), encoding: .utf8).split(separator: "\n").first
        #expect(header == "pc1,pc2,mse")
        for (arguments, file) in [(["normalization", "--grid", "40"], "n.svg"), (["slice"], "s.pdf"), (["step", "--lang", "fi"], "t.svg"),
                                  (["compare", "--compare", "optimizers", "--grid", "40"], "c.pdf")] {
            let outcome = try ToolRunner.run(["figure"] + arguments + ["--out", file], in: folder)
            #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            if file.hasSuffix(".pdf") {
                #expect(data.starts(with: Array("%PDF".utf8)))
            } else {
                #expect(XMLParser(data: data).parse(), "\(file) is not XML")
            }
        }
    }

    @Test("figure --svg-text: text (the default) writes every label as <text>, paths writes Cairo's glyph outlines")
    func svgTextOption() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var documents: [String: String] = [:]
        for (extra, file) in [([String](), "text.svg"), (["--svg-text", "paths"], "paths.svg")] {
            let outcome = try ToolRunner.run(["figure", "fit", "--model", "both"] + extra + ["--out", file], in: folder)
            #expect(outcome.status == 0, "\(extra): \(outcome.standardError)")
            documents[file] = String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
        }
        let text = try #require(documents["text.svg"]), paths = try #require(documents["paths.svg"])
        #expect(text.contains(">Predicting height from weight</text>") && text.contains(">weight (kg)</text>"))
        #expect(!paths.contains("<text") && paths.contains("<use") && paths.count > 3 * text.count)
    }
}
