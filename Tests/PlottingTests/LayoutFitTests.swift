import Foundation
import Testing
@testable import Plotting

/// Titles, legends, value labels and contour labels fit and keep out of the way.
@Suite("Layout fitting") struct LayoutFitTests {
    @Test func aLongTitleWrapsOntoTwoLinesInsideTheCanvas() throws {
        let size = try FigureSize(width: 640, height: 360)
        let figure = Figure(size: size)
        let title = "Lineaarinen regressio: sovitettu malli ja opetusvirheen kehittyminen epookeittain kahdella oppimisnopeudella"
        figure.title = title
        figure.axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)])
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let lines = recorder.recordedTexts.filter { $0.role == DrawingRole(.title) }
        try #require(lines.count == 2)
        #expect(lines.map(\.text).joined(separator: " ") == title)
        // Both lines at one size, at least 0.8 of the 42 px guide scaled to 360 px, inside the canvas.
        #expect(Set(lines.map(\.style.size)).count == 1)
        #expect((lines.first?.style.size ?? 0) >= 0.8 * 42 * 360 / 1080 - 1e-9)
        for line in lines { #expect(line.box.minX >= 0 && line.box.maxX <= 640) }
        #expect(lines[1].box.minY >= lines[0].box.maxY - 1e-9)
        #expect(try LayoutAudit.audit(figure).isEmpty)
    }

    @Test func theLegendTakesTheFreeCornerAndAvoidsBarSides() throws {
        // Tall bars everywhere but at the right end, where the last two are low: only the lower
        // right... is taken by bars too; the free corner is the upper right above the low bars.
        let figure = Figure(size: .slide)
        figure.axes.bars([9, 9, 9, 9, 9, 9, 1, 1], categories: (1...8).map { "P\($0)" }, label: "error")
        let layout = FigureLayout(figure: figure, measuringWith: RecordingRenderer())
        let legend = try #require(layout.panels[0].legendRect)
        let plot = layout.panels[0].transform.plotRect
        #expect(legend.midX > plot.midX && legend.midY < plot.midY, "upper right")
        #expect(try LayoutAudit.audit(figure).isEmpty)
    }

    @Test func aLegendThatWouldCoverDataEverywhereGoesBesideThePlot() throws {
        // Points on a grid over the whole plot: no corner is free.
        let figure = Figure(size: .slide)
        let grid = (0...20).flatMap { i in (0...20).map { j in DataPoint(x: Double(i), y: Double(j)) } }
        figure.axes.scatter(grid, label: "grid")
        let layout = FigureLayout(figure: figure, measuringWith: RecordingRenderer())
        let panel = layout.panels[0]
        let legend = try #require(panel.legendRect)
        #expect(panel.legendOutside)
        #expect(legend.minX > panel.transform.plotRect.maxX && legend.maxX <= 1920)
        #expect(try LayoutAudit.audit(figure).isEmpty)
        // Asked for explicitly, the same place.
        figure.axes.legendPlacement = .outside
        let explicit = FigureLayout(figure: figure, measuringWith: RecordingRenderer()).panels[0]
        #expect(explicit.legendOutside && explicit.legendRect == legend)
    }

    @Test func manyLegendEntriesInAShortPlotGoInColumns() throws {
        let figure = Figure(size: .slide)
        let panels = figure.makePanels(rows: 3, columns: 1)
        for k in 0..<8 {
            panels[0].line([DataPoint(x: 0, y: Double(k)), DataPoint(x: 1, y: Double(k))], label: "η = \(k)")
        }
        panels[0].yLimits = AxisLimits(-20, 60)
        let layout = FigureLayout(figure: figure, measuringWith: RecordingRenderer())
        let panel = layout.panels[0]
        #expect(panel.legendArrangement.columns > 1)
        let legend = try #require(panel.legendRect)
        let plot = panel.transform.plotRect
        #expect(legend.minY >= plot.minY && legend.maxY <= plot.maxY)
    }

    @Test func barValueLabelsAreDrawnAllOrNone() throws {
        let values = [4.2, -2.5, 0.8, -6.1]
        func labels(_ size: FigureSize, rows: Int) throws -> [String] {
            let figure = Figure(size: size)
            let panels = figure.makePanels(rows: rows, columns: 1)
            panels[0].bars(values, categories: ["a", "b", "c", "d"], showValues: true)
            let recorder = RecordingRenderer()
            figure.draw(on: recorder)
            return recorder.recordedTexts.filter { $0.role == DrawingRole(.mark, panel: 0, mark: 0) }.map(\.text)
        }
        #expect(try labels(.slide, rows: 1) == ["4.2", "−2.5", "0.8", "−6.1"])
        // Six panels stacked on a 640x360 canvas leave no room above and below the bars.
        #expect(try labels(try FigureSize(width: 640, height: 360), rows: 6).isEmpty)
    }

    @Test func contourLabelsKeepOffTheAvoidedTrajectory() throws {
        let (figure, _) = DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic)
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let transform = try figure.panelTransforms()[0]
        let labels = recorder.recordedTexts.filter { $0.role == DrawingRole(.mark, panel: 0, mark: 1) }
        #expect(labels.count >= 3)
        // The path, sampled every pixel in device space.
        let path = DemoFigures.landscapePath.map(transform.device)
        var samples: [DevicePoint] = []
        for (a, b) in zip(path, path.dropFirst()) {
            let steps = max(1, Int(a.distance(to: b)))
            for i in 0...steps {
                let t = Double(i) / Double(steps)
                samples.append(DevicePoint(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
            }
        }
        // No sample lies inside a label's turned box (point-in-convex-quad by cross products).
        func inside(_ p: DevicePoint, _ quad: [DevicePoint]) -> Bool {
            let signs = (0..<4).map { i -> Double in
                let a = quad[i], b = quad[(i + 1) % 4]
                return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
            }
            return signs.allSatisfy { $0 > 0 } || signs.allSatisfy { $0 < 0 }
        }
        for label in labels {
            #expect(!samples.contains { inside($0, label.corners) }, "label '\(label.text)' sits on the path")
        }
    }

    @Test func aCrowdedFigureIsLaidOutAtASmallerScale() {
        let figure = Figure(size: .slide)
        for axes in figure.makePanels(rows: 4, columns: 1) {
            axes.title = "A panel title"
            axes.xLabel = "x label"
            axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)])
        }
        let layout = FigureLayout(figure: figure, measuringWith: RecordingRenderer())
        #expect(layout.metrics.scale < figure.metrics.scale)
        #expect(layout.metrics.scale >= 0.6 * figure.metrics.scale - 1e-12)
        for panel in layout.panels { #expect(panel.transform.plotRect.height > 60) }
    }
}
