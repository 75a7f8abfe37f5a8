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
