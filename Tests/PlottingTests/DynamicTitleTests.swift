import Foundation
import Testing
@testable import Plotting

@Suite struct DynamicTitleTests {
    @Test func dynamicTitleIsDrawnOnlyInTheDynamicPass() {
        let figure = DemoFigures.fitAndLoss(size: .half, theme: .light)
        figure.titleLayer = .dynamic
        let staticPass = RecordingRenderer()
        figure.draw(on: staticPass, layers: .staticOnly)
        let dynamicPass = RecordingRenderer()
        figure.draw(on: dynamicPass, layers: .dynamicOnly)
        let title = figure.title ?? ""
        #expect(!staticPass.texts.contains { $0.text == title })
        #expect(dynamicPass.texts.contains { $0.text == title })
        // The subtitle stays static.
        #expect(staticPass.texts.contains { $0.text == figure.subtitle })
    }

    @Test func staticTitleStaysInTheBackground() {
        let figure = DemoFigures.fitAndLoss(size: .half, theme: .light)
        let dynamicPass = RecordingRenderer()
        figure.draw(on: dynamicPass, layers: .dynamicOnly)
        #expect(!dynamicPass.texts.contains { $0.text == figure.title })
    }

    @Test func framesWithChangingTitlesEqualFullRenderings() throws {
        let (figure, path) = DemoFigures.landscape(size: .half, theme: .dark, pathLayer: .dynamic)
        figure.titleLayer = .dynamic
        let all = path.points
        let canvas = try FrameCanvas(figure: figure)
        for count in [3, 20] {
            path.points = Array(all.prefix(count))
            figure.title = "Step \(count) of \(all.count)"
            let frame = try canvas.renderFrame().copy()
            let reference = try figure.renderRaster(layers: .all)
            #expect(frame.hasSamePixels(as: reference), "frame \(count) differs in \(frame.countDifferentPixels(from: reference)) pixels")
        }
    }
}

@Suite struct LegendFitTests {
    @Test func legendWiderThanThePlotIsScaledDownToFit() throws {
        let figure = Figure(size: .slide, theme: .light)
        let panels = figure.makePanels(rows: 1, columns: 4)
        let text = "a label of thirty-four characters"
        panels[0].line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)], label: text)
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let label = try #require(recorder.texts.first { $0.text == text })
        let fullSize = recorder.measureText(text, style: TextStyle(size: figure.metrics.legendFontSize, color: .black)).width
        // At full size the label alone is wider than a quarter-slide plot; scaled, it fits right of the y tick labels.
        #expect(fullSize > 1920 / 4 - 160)
        #expect(label.box.width < fullSize * 0.95)
        let yTicks = recorder.texts.filter { ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"].contains($0.text) && $0.box.maxX < 200 }
        let tickRight = try #require(yTicks.map(\.box.maxX).max())
        #expect(label.box.minX > tickRight)
        #expect(label.box.maxX < 1920 / 4)
    }

    @Test func legendThatFitsKeepsItsSize() throws {
        let figure = Figure(size: .slide, theme: .light)
        figure.axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)], label: "data")
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let label = try #require(recorder.texts.first { $0.text == "data" })
        let reference = recorder.measureText("data", style: TextStyle(size: figure.metrics.legendFontSize, color: .black))
        #expect(abs(label.box.width - reference.width) < 0.01)
    }
}
