import Foundation
import Testing
@testable import Reporting
import Training

@Suite("Build configuration loader")
struct KitConfigurationTests {
    private let loader = KitConfigurationLoader(fileName: "lecture.yaml")

    private func message(_ text: String) -> String? {
        do {
            _ = try loader.parse(text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("Examples/lecture.yaml spells out the default kit's figure kinds, formats and sizes; interpolation only when named")
    func lectureExampleIsTheDefault() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/lecture.yaml")
        let example = try loader.parse(try String(contentsOf: file, encoding: .utf8))
        let defaults = KitConfiguration()
        #expect(example.figures.kinds == defaults.figures.kinds)
        #expect(example.figures.formats == defaults.figures.formats)
        #expect(example.figures.size == defaults.figures.size && example.figures.grid == defaults.figures.grid)
        #expect(!defaults.figures.kinds.contains(.interpolation) && Set(defaults.figures.kinds).count == FigureKind.allCases.count - 1)
        // interpolation is drawn when a build file names it, once per model.
        let models = [TrainingConfiguration.notebook(for: .linear), TrainingConfiguration.notebook(for: .cubic)]
        #expect(KitFigureJob.jobs(kinds: [.interpolation], models: models, grid: 20).map(\.stem) == ["interpolation-linear", "interpolation-cubic"])
    }

    @Test("a valid file sets models, figures, frames and report parts")
    func validFile() throws {
        let configuration = try loader.parse("""
            output: kit
            models:
              linear:
                optimizer: gd
                learning_rate: 0.1
                epochs: 50
                init: [-1.5, 1.5]
              cubic: false
            figures:
              kinds: [fit, landscape]
              themes: [dark]
              languages: [fi]
              size: 1280x720
              svg_text: paths
            frames:
              every: 5
            report:
              markdown: false
              handout: notes.pdf
              slides: deck/lecture.pptx
              slide_builds: true
            """)
        #expect(configuration.output == "kit")
        #expect(configuration.models.count == 1)
        #expect(configuration.models[0].optimizer == .gd)
        #expect(configuration.models[0].learningRate == 0.1)
        #expect(configuration.models[0].initialParameters == [-1.5, 1.5])
        #expect(configuration.figures.kinds == [.fit, .landscape])
        #expect(configuration.figures.themes == [.dark])
        #expect(configuration.figures.languages == [.finnish])
        #expect(configuration.figures.size.width == 1280)
        #expect(configuration.figures.svgText == .paths && KitConfiguration().figures.svgText == .text)
        #expect(configuration.frames.every == 5)
        #expect(configuration.report.markdown == nil)
        #expect(configuration.report.handout == "notes.pdf")
        #expect(configuration.report.html == "report.html")
        #expect(configuration.report.slides == "deck/lecture.pptx" && configuration.report.slideBuilds)
        let without = try loader.parse("report:\n  slides: false\n")
        #expect(without.report.slides == nil && !without.report.slideBuilds && without.report.handout == "handout.pdf")
        #expect(try loader.parse("report: {slides: true}").report.slides == "slides.pptx")
        let builds = try #require(message("report:\n  slide_builds: sometimes\n"))
        #expect(builds.contains("report.slide_builds") && builds.contains("line 2") && builds.contains("true or false"))
    }

    @Test("an empty file is the default build")
    func emptyFileIsDefault() throws {
        let configuration = try loader.parse("")
        #expect(configuration.models.map(\.model) == [.linear, .cubic])
        #expect(configuration.figures.kinds == FigureKind.kitDefaults)
    }

    @Test("JSON is accepted")
    func json() throws {
        let configuration = try loader.parse(#"{"output": "kit", "figures": {"kinds": ["loss"]}}"#)
        #expect(configuration.output == "kit")
        #expect(configuration.figures.kinds == [.loss])
    }

    @Test("an unknown key names the key, its line and the allowed keys")
    func unknownKey() throws {
        let text = try #require(message("output: kit\nfigures:\n  kindz: [fit]\n"))
        #expect(text.contains("figures.kindz"))
        #expect(text.contains("line 3"))
        #expect(text.contains("did you mean 'kinds'"))
        #expect(text.contains("lecture.yaml"))
    }

    @Test("a bad value names the key, the line, the value and the allowed values")
    func badValue() throws {
        let text = try #require(message("figures:\n  themes: [light, blue]\n"))
        #expect(text.contains("figures.themes[1]"))
        #expect(text.contains("'blue'"))
        #expect(text.contains("line 2"))
        #expect(text.contains("light, dark, transparent"))
        let kinds = try #require(message("figures:\n  kinds: [fit, landscap]\n"))
        #expect(kinds.contains("landscap") && kinds.contains("landscape"))
        let rate = try #require(message("models:\n  linear:\n    learning_rate: -1\n"))
        #expect(rate.contains("models.linear.learning_rate") && rate.contains("line 3"))
        let svgText = try #require(message("figures:\n  svg_text: outlines\n"))
        #expect(svgText.contains("figures.svg_text") && svgText.contains("line 2") && svgText.contains("text, paths"))
        let initial = try #require(message("models:\n  cubic:\n    init: [1, 2]\n"))
        #expect(initial.contains("w1, w2, w3, b"))
    }

    @Test("a model's schedule and its settings are read, and a setting of another schedule is refused on its line")
    func schedules() throws {
        let configuration = try loader.parse("models:\n  linear:\n    epochs: 80\n    schedule: step\n    schedule_gamma: 0.25\n  cubic:\n    schedule: warmup\n")
        #expect(configuration.models[0].schedule == .step(every: 20, gamma: 0.25))
        #expect(configuration.models[1].schedule == .warmup(epochs: 100))
        let text = try #require(message("models:\n  linear:\n    schedule: cosine\n    warmup_epochs: 5\n"))
        #expect(text.contains("models.linear.warmup_epochs") && text.contains("line 4") && text.contains("warmup"), "\(text)")
        let gamma = try #require(message("models:\n  linear:\n    schedule: exponential\n    schedule_gamma: 2\n"))
        #expect(gamma.contains("models.linear.schedule_gamma") && gamma.contains("at most 1"), "\(gamma)")
    }

    @Test("output names that leave the output folder are refused", arguments: ["../escape", "/etc/passwd", "a/../../b", "~/x"])
    func escapingPath(name: String) throws {
        let text = try #require(message("report:\n  html: \"\(name)\"\n"))
        #expect(text.contains("would leave the output folder"))
        #expect(text.contains("line 2"))
    }

    @Test("broken YAML reports the line")
    func brokenYAML() throws {
        let text = try #require(message("figures:\n  kinds: [fit\n  themes: [dark]\n"))
        #expect(text.contains("not valid YAML"))
        #expect(text.contains("line"))
    }

    @Test("titles name figures of the kit; an unknown figure is refused with the nearest name and the line")
    func titles() throws {
        let configuration = try KitConfigurationLoader(fileName: "kit.yaml").parse(
            "data:\n  x_label: mass (kg)\nfigures:\n  titles:\n    fit-linear: A line through the people\n")
        #expect(configuration.figures.titles == ["fit-linear": "A line through the people"])
        #expect(configuration.data.xLabel == "mass (kg)" && configuration.data.file == nil)
        let text = try #require(message("figures:\n  titles:\n    fit-linaer: x\n"))
        #expect(text.contains("figures.titles.fit-linaer") && text.contains("fit-linear") && text.contains("line 3"))
    }

    @Test("a repeated key is refused naming the key and both lines, in block and flow style, quoted or not")
    func repeatedKeys() throws {
        let cases: [(String, [String])] = [
            ("output: a\nfigures:\n  kinds: [fit]\n  themes: [dark]\n  kinds: [loss]\n", ["'kinds'", "lines 3 and 5"]),
            ("output: a\n\"output\": b\n", ["'output'", "lines 1 and 2"]),
            ("models:\n  linear:\n    epochs: 5\n  cubic:\n    epochs: 3\n    epochs: 4\n", ["'epochs'", "lines 5 and 6"]),
            (#"{"output": "a", "figures": {}, "output": "b"}"#, ["'output'", "line 1, columns 2 and 32"]),
        ]
        for (text, fragments) in cases {
            let said = try #require(message(text))
            for fragment in fragments { #expect(said.contains(fragment), "\(said)") }
            #expect(said.contains("lecture.yaml") && !said.contains("\n"), "\(said)")
        }
    }

    @Test("every message is one line: control characters escaped, long values cut, never the file's text")
    func oneLineMessages() throws {
        let cases: [(String, [String])] = [
            ("figures:\n  themes: [red\u{1B}[31m]\n", ["U+001B", "line 2"]),
            ("figures:\n  themes: [\"\\e[31mred\\0\"]\n", ["\\u{1B}[31mred\\u{0}", "figures.themes[0]"]),
            ("figures:\n  themes: [\(String(repeating: "x", count: 5_000))]\n", ["(5000 characters)"]),
            ("figures:\n  kinds: [fit\n  themes: [dark]\n" + String(repeating: "# more\n", count: 10), ["not valid YAML", "line 3"]),
            ("\"\(String(repeating: "x", count: 300))\\e\": 1\n", ["unknown key", "(301 characters)"]),
        ]
        for (text, fragments) in cases {
            let said = try #require(message(text))
            for fragment in fragments { #expect(said.contains(fragment), "\(said)") }
            #expect(!said.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(said)")
            #expect(said.count < 400, "\(said.count) characters")
        }
    }

    @Test("lists count each value once and are bounded; the file is bounded too")
    func listsAndSize() throws {
        let configuration = try loader.parse("figures:\n  themes: [dark, dark, light, dark]\n  languages: [fi, fi]\n  kinds: [fit, fit]\n  formats: [png, png, svg]\n")
        #expect(configuration.figures.themes == [.dark, .light])
        #expect(configuration.figures.languages == [.finnish])
        #expect(configuration.figures.kinds == [.fit])
        #expect(configuration.figures.formats == [.png, .svg])
        let long = "[" + Array(repeating: "fit", count: KitConfigurationLoader.maximumListLength + 1).joined(separator: ", ") + "]"
        let text = try #require(message("figures:\n  kinds: \(long)\n"))
        #expect(text.contains("figures.kinds has \(KitConfigurationLoader.maximumListLength + 1) items"), "\(text)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big.yaml")
        try Data(repeating: UInt8(ascii: "#"), count: KitConfigurationLoader.maximumFileSize + 1).write(to: big)
        #expect(throws: ReportingError.self) { try KitConfigurationLoader.load(path: big.path) }
        #expect((try? KitConfigurationLoader.load(path: "/dev/zero")) == nil)
    }

    @Test("a model not listed trains with the notebook's settings; false leaves it out; both out is refused")
    func modelsMerge() throws {
        let merged = try loader.parse("models:\n  linear:\n    epochs: 5\n")
        #expect(merged.models.map(\.model) == [.linear, .cubic])
        #expect(merged.models[0].maxEpochs == 5)
        #expect(merged.models[1] == TrainingConfiguration.notebook(for: .cubic))
        let lectureOrder = try loader.parse("models:\n  cubic:\n    epochs: 7\n  linear: true\n")
        #expect(lectureOrder.models.map(\.model) == [.linear, .cubic] && lectureOrder.models[1].maxEpochs == 7)
        let linearOnly = try loader.parse("models:\n  cubic: false\n")
        #expect(linearOnly.models.map(\.model) == [.linear])
        let none = try #require(message("models:\n  linear: false\n  cubic: no\n"))
        #expect(none.contains("keep at least one"), "\(none)")
    }

    @Test("data paths are read from the build file's folder, output stays where descent runs; data format keys")
    func relativePaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-kit-\(UUID().uuidString)")
        let sub = folder.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = sub.appendingPathComponent("kit.yaml")
        try "output: kit\ndata:\n  file: paino.csv\n  x: paino_kg\n  y: pituus_cm\n  delimiter: ';'\n  decimal_comma: true\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let configuration = try KitConfigurationLoader.load(path: file.path)
        #expect(configuration.data.file == sub.appendingPathComponent("paino.csv").path)
        #expect(configuration.data.format == CSVFormat(delimiter: .semicolon, decimalComma: true))
        #expect(configuration.output == "kit")
        try "data:\n  file: /srv/data/paino.csv\n  x: a\n  y: b\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try KitConfigurationLoader.load(path: file.path).data.file == "/srv/data/paino.csv")
        let bad = try #require(message("data:\n  file: a.csv\n  x: a\n  y: b\n  delimiter: '|'\n"))
        #expect(bad.contains("data.delimiter") && bad.contains("'|'"), "\(bad)")
    }
}
