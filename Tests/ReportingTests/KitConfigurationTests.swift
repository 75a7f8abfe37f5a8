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
            figures:
              kinds: [fit, landscape]
              themes: [dark]
              languages: [fi]
              size: 1280x720
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
        #expect(configuration.figures.kinds == FigureKind.allCases)
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
        let initial = try #require(message("models:\n  cubic:\n    init: [1, 2]\n"))
        #expect(initial.contains("w1, w2, w3, b"))
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
}
