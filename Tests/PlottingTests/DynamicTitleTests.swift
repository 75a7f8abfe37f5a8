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
    @Test func legendWiderThanThePlotIsWrappedToFit() throws {
        let figure = Figure(size: .slide, theme: .light)
        let panels = figure.makePanels(rows: 1, columns: 4)
        let text = "a label of thirty-four characters"
        panels[0].line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)], label: text)
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let legend = recorder.recordedTexts.filter { $0.role == DrawingRole(.legend, panel: 0) }
        let fullSize = recorder.measureText(text, style: TextStyle(size: figure.metrics.legendFontSize, color: .black)).width
        // At full size the label alone is wider than a quarter-slide plot; it goes on two lines
        // (shrinking less than one line would: to 0.6), which fit right of the y tick labels and
        // left of the next panel.
        #expect(fullSize > 1920 / 4 - 160)
        #expect(legend.map(\.text).joined(separator: " ") == text)
        #expect(legend.count == 2)
        #expect(legend.allSatisfy { $0.style.size > 0.7 * figure.metrics.legendFontSize })
        let yTicks = recorder.recordedTexts.filter { $0.role == DrawingRole(.yTickLabel, panel: 0) }
        let tickRight = try #require(yTicks.map(\.box.maxX).max())
        for line in legend {
            #expect(line.box.width < fullSize * 0.7)
            #expect(line.box.minX > tickRight)
            #expect(line.box.maxX < 1920 / 4)
        }
    }

    @Test func legendTooWideEvenWrappedIsScaledDownToFit() throws {
        let figure = Figure(size: .slide, theme: .light)
        let panels = figure.makePanels(rows: 1, columns: 4)
        let text = "Unbreakablelabelofthirtyfourcharac"
        panels[0].line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)], label: text)
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let label = try #require(recorder.recordedTexts.first { $0.text == text && $0.role?.kind == .legend })
        let fullSize = recorder.measureText(text, style: TextStyle(size: figure.metrics.legendFontSize, color: .black)).width
        #expect(label.box.width < fullSize * 0.95)
        let yTicks = recorder.recordedTexts.filter { $0.role == DrawingRole(.yTickLabel, panel: 0) }
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
