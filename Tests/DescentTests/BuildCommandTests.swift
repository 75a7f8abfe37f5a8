import Foundation
import Testing

/// End-to-end tests of `descent build`: the default kit, a configured kit, determinism and
/// configuration errors, through the built executable.
@Suite("descent build", .serialized)
struct BuildCommandTests {
    private static func files(under folder: URL) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var names: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                names.append(name)
            }
        }
        return names.sorted()
    }

    @Test("the default run writes every figure in three formats, frames, data, reports and the handout")
    func defaultKit() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ToolRunner.run([], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        for stage in ["train", "figures", "frames", "data", "report.html", "handout"] {
            #expect(outcome.standardOutput.contains(stage), "a line per stage: \(stage)")
        }
        #expect(outcome.standardOutput.contains("Wrote "))
        let output = folder.appendingPathComponent("output")
        let names = try Self.files(under: output)
        let pngs = names.filter { $0.hasPrefix("figures/") && $0.hasSuffix(".png") }
        #expect(pngs.count >= 15)
        for png in pngs {
            let stem = String(png.dropLast(4))
            #expect(names.contains(stem + ".svg") && names.contains(stem + ".pdf"), "\(stem) in all formats")
        }
        for model in ["linear", "cubic"] {
            #expect(names.contains("frames/\(model)/frames.csv"))
            #expect(names.contains("frames/\(model)/frame_00001.png"))
            #expect(names.contains("data/history-\(model).csv"))
        }
        #expect(names.contains("data/predictions.csv") && names.contains("data/summary.json"))
        #expect(names.contains("report.md") && names.contains("report.html") && names.contains("handout.pdf"))

        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<img src=\"data:image/png;base64,").count - 1 >= 9)
        // Self-contained: nothing is loaded from elsewhere (the SVG namespace URI in the script is a name, not a load).
        for reference in ["src=\"http", "href=\"http", "url(http", "src=\"/", "href=\"/", "<link", "src=\"figures/"] {
            #expect(!html.contains(reference), "the report loads \(reference)")
        }
        #expect(html.contains("id=\"epoch-slider\""))
        let pdf = try Data(contentsOf: output.appendingPathComponent("handout.pdf"))
        let text = String(decoding: pdf, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").count - text.components(separatedBy: "/Type /Pages").count
        #expect(pages >= 10, "title page plus one page per figure, got \(pages)")

        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("data/summary.json"))) as? [String: Any]
        let models = summary?["models"] as? [[String: Any]]
        let linear = models?.first { ($0["model"] as? String) == "linear" }
        let closedForm = linear?["closedForm"] as? [String: Any]
        #expect((closedForm?["equation"] as? String) == "height_cm = 107.73 + 0.8513*weight_kg")
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("](figures/landscape-linear.png)"))
    }

    @Test("a configured kit is deterministic, Finnish and dark when asked, and lands in its folder")
    func configuredKitIsDeterministic() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = """
            output: kit
            figures:
              kinds: [fit, landscape, step]
              formats: [png, pdf]
              size: 480x270
              grid: 40
              themes: [dark]
              languages: [fi]
              gallery: false
            frames:
              size: 320x180
              max_frames: 4
            report:
              markdown: false
            """
        try configuration.write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        let first = try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.isEmpty, "--quiet prints nothing")
        let kit = folder.appendingPathComponent("kit")
        let names = try Self.files(under: kit)
        #expect(names.contains("figures/fit-linear.png") && names.contains("figures/step-lecture.pdf"))
        #expect(!names.contains("figures/fit-linear.svg") && !names.contains("report.md"))
        #expect(!names.contains { $0.hasPrefix("gallery/") })
        for model in ["linear", "cubic"] {
            let frames = names.filter { $0.hasPrefix("frames/\(model)/frame_") }
            #expect((2...4).contains(frames.count), "max_frames 4 keeps at most 4 frames, first and last: \(frames.count)")
        }
        let html = try String(contentsOf: kit.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("lang=\"fi\"") && html.contains("Kalvojen laskuesimerkki"))

        var firstBytes: [String: Data] = [:]
        for name in names { firstBytes[name] = try Data(contentsOf: kit.appendingPathComponent(name)) }
        let second = try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder)
        #expect(second.status == 0)
        #expect(try Self.files(under: kit) == names)
        for name in names {
            #expect(try Data(contentsOf: kit.appendingPathComponent(name)) == firstBytes[name], "\(name) differs between runs")
        }
    }

    @Test("configuration errors name the file, the key, the line and what is allowed", arguments: [
        ("figures:\n  kinds: [fit, landscap]\n", ["figures.kinds[1]", "line 2", "landscape"]),
        ("report:\n  html: ../escape.html\n", ["report.html", "would leave the output folder", "line 2"]),
        ("frames:\n  evry: 2\n", ["frames.evry", "line 2", "every"]),
    ])
    func configurationErrors(text: String, fragments: [String]) throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let outcome = try ToolRunner.run(["build", "bad.yaml"], in: folder)
        #expect(outcome.status == 64, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("bad.yaml"))
        for fragment in fragments { #expect(outcome.standardError.contains(fragment), "\(outcome.standardError)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bad.yaml"], "nothing written")
    }
}
