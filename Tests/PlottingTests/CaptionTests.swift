import Foundation
import Testing
@testable import Plotting

@Suite("Figure captions")
struct CaptionTests {
    @Test("a long caption wraps inside the figure below the panels")
    func captionWrapsBelowPanels() throws {
        let figure = Figure(size: try FigureSize(parsing: "960x540"), theme: .light)
        figure.title = "Title"
        let axes = figure.axes
        axes.xLabel = "x label"
        axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)])
        let words = (1...60).map { "word\($0)" }
        figure.caption = words.joined(separator: " ")
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let captionTexts = recorder.texts.filter { $0.text.hasPrefix("word") }
        #expect(captionTexts.count > 1, "the caption should wrap onto several lines")
        #expect(captionTexts.map(\.text).joined(separator: " ") == figure.caption)
        for entry in recorder.texts {
            #expect(entry.box.minX >= 0 && entry.box.maxX <= 960 && entry.box.minY >= 0 && entry.box.maxY <= 540, "\(entry.text) leaves the figure")
        }
        let captionTop = captionTexts.map(\.box.minY).min() ?? 0
        let axisLabel = try #require(recorder.texts.first { $0.text == "x label" })
        #expect(axisLabel.box.maxY < captionTop, "the axis label must sit above the caption")
    }
}
