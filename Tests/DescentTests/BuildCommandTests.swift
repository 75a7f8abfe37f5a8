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
        #expect(names.contains("report.md") && names.contains("report.html") && names.contains("handout.pdf") && names.contains("slides.pptx"))

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
              slides: deck/lecture.pptx
            """
        try configuration.write(to: folder.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        let first = try ToolRunner.run(["build", "kit.yaml", "--quiet"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.isEmpty, "--quiet prints nothing")
        let kit = folder.appendingPathComponent("kit")
        let names = try Self.files(under: kit)
        #expect(names.contains("figures/fit-linear.png") && names.contains("figures/step-lecture.pdf"))
        #expect(!names.contains("figures/fit-linear.svg") && !names.contains("report.md"))
        #expect(names.contains("deck/lecture.pptx") && !names.contains("slides.pptx"))
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

    @Test("a kit of one's own data says what is true of it: no people, kilograms or centimetres, its statistics, a verdict from its runs, its values as written")
    func ownDataReport() throws {
        let folder = try ToolRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Hours studied (one decimal) predicting an exam score: nearly a line.
        let hours = [1.5, 2.5, 4.0, 5.5, 6.5, 8.0, 9.5, 11.0, 12.5, 14.0, 15.5, 17.0]
        let scores = hours.enumerated().map { 40 + 2.5 * $0.element + [3, -2, 1, -4, 2, 0, -1, 3, -3, 2, 1, -2][$0.offset] }
        var csv = "student,hours_studied,exam_score\n"
        for (index, value) in hours.enumerated() { csv += "s\(index),\(value),\(scores[index])\n" }
        // The build file and its data in a folder of their own: data.file is read from there, the
        // kit is written where descent runs.
        let course = folder.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        try csv.write(to: course.appendingPathComponent("exam.csv"), atomically: true, encoding: .utf8)
        let configuration = """
            output: kit
            data:
              file: exam.csv
              x: hours_studied
              y: exam_score
              label: student
            figures:
              kinds: [fit, compare, normalization]
              formats: [png]
              size: 480x270
              grid: 30
              gallery: false
            frames:
              max_frames: 2
            report:
              html: false
              handout: false
              slides: false
            """
        try configuration.write(to: course.appendingPathComponent("kit.yaml"), atomically: true, encoding: .utf8)
        let outcome = try ToolRunner.run(["build", "course/kit.yaml", "--quiet"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: course.appendingPathComponent("kit").path))
        let kit = folder.appendingPathComponent("kit")
        #expect(!FileManager.default.fileExists(atPath: kit.appendingPathComponent("slides.pptx").path), "slides: false writes no deck")
        let markdown = try String(contentsOf: kit.appendingPathComponent("report.md"), encoding: .utf8)
        for word in ["people", "person", "kg", "cm", "kilogram", "centimetre"] {
            #expect(!markdown.lowercased().contains(word), "the report says '\(word)' of hours and scores")
        }
        #expect(markdown.contains("12 data points"))
        // The statistics the report states, against the mean and population std computed here.
        let mean = hours.reduce(0, +) / Double(hours.count)
        let std = (hours.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(hours.count)).squareRoot()
        let stated = try #require(markdown.firstMatch(of: /hours studied: mean ([0-9.]+), std ([0-9.]+)/))
        #expect(abs(Double(stated.1)! - mean) <= 5e-4 * mean && abs(Double(stated.2)! - std) <= 5e-4 * std, "\(stated.0)")
        // The verdict follows the runs' final MSEs in summary.json.
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: kit.appendingPathComponent("data/summary.json"))) as? [String: Any]
        let finals = Dictionary(uniqueKeysWithValues: try #require(summary?["models"] as? [[String: Any]]).compactMap { model -> (String, Double)? in
            guard let name = model["model"] as? String, let mse = model["mse"] as? Double else { return nil }
            return (name, mse)
        })
        let linear = try #require(finals["linear"]), cubic = try #require(finals["cubic"])
        let verdict = cubic < 0.8 * linear ? "The cubic model follows the data more closely."
            : linear < 0.8 * cubic ? "The linear model follows the data more closely." : "The models fit about equally well."
        #expect(markdown.contains(verdict), "MSE linear \(linear), cubic \(cubic)")
        // The table prints the data as written: 1.5 hours, not 2.
        #expect(markdown.contains("| s0 | 1.5 |"), "\(markdown)")
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
