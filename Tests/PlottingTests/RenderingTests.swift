import Foundation
import Testing
@testable import Plotting

@Suite struct RenderingTests {
    /// A figure whose single panel has fixed limits, no labels, no grid.
    func plainFigure(theme: Theme = .light) -> Figure {
        let figure = Figure(size: (try? FigureSize(width: 800, height: 600)) ?? .slide, theme: theme)
        figure.axes.xLimits = AxisLimits(-1, 1)
        figure.axes.yLimits = AxisLimits(-1, 1)
        figure.axes.showGrid = false
        return figure
    }

    func transform(of figure: Figure) -> AxesTransform {
        FigureLayout(figure: figure, measuringWith: RecordingRenderer()).panels[0].transform
    }

    @Test func horizontalLineLandsOnTheTransformsRow() throws {
        let figure = plainFigure()
        let red = Color(hex: 0xFF0000)
        figure.axes.line([DataPoint(x: -0.5, y: 0), DataPoint(x: 0.5, y: 0)], color: red, width: 4)
        let raster = try figure.renderRaster()
        let t = transform(of: figure)
        let row = Int(t.deviceY(0))
        let column = Int(t.deviceX(0))
        #expect(raster.pixel(x: column, y: row) == 0xFFFF_0000)
        #expect(raster.pixel(x: column, y: row - 6) == 0xFFFF_FFFF, "nothing 6 px above a 4 px line")
        #expect(raster.pixel(x: column, y: row + 6) == 0xFFFF_FFFF)
    }

    @Test func scatterPointHasTheSeriesColour() throws {
        let figure = plainFigure()
        let point = DataPoint(x: 0.25, y: -0.4)
        figure.axes.scatter([point])
        let raster = try figure.renderRaster()
        let p = transform(of: figure).device(point)
        let color = raster.color(x: Int(p.x), y: Int(p.y))
        let expected = Theme.light.seriesColor(0)
        #expect(abs(color.red - expected.red) < 0.01 && abs(color.green - expected.green) < 0.01 && abs(color.blue - expected.blue) < 0.01)
    }

    @Test func unicodeTextIsDrawn() throws {
        let figure = plainFigure()
        figure.axes.text("ŷ₁ = α·x² + äö", at: DataPoint(x: 0, y: 0), color: .black)
        let raster = try figure.renderRaster()
        let p = transform(of: figure).device(DataPoint(x: 0, y: 0))
        var dark = 0
        for y in Int(p.y) - 15...Int(p.y) + 15 {
            for x in Int(p.x) - 120...Int(p.x) + 120 where raster.pixel(x: x, y: y) & 0xFF < 100 { dark += 1 }
        }
        #expect(dark > 100)
    }

    @Test func legendPicksAnEmptyCorner() throws {
        // Data fills the upper half and the lower right: only the lower left is empty.
        var points: [DataPoint] = []
        for i in 0...40 {
            for j in 0...10 { points.append(DataPoint(x: Double(i) / 4, y: 5 + Double(j) / 2)) }
        }
        for i in 20...40 { for j in 0...10 { points.append(DataPoint(x: Double(i) / 4, y: Double(j) / 2)) } }
        let figure = Figure(size: .slide)
        figure.makePanels()
        figure.axes.scatter(points, label: "Data")
        let layout = FigureLayout(figure: figure, measuringWith: RecordingRenderer())
        let panel = layout.panels[0]
        let legend = try #require(panel.legendRect)
        let plot = panel.transform.plotRect
        #expect(legend.midX < plot.midX && legend.midY > plot.midY, "legend should be in the lower left")
        let covered = points.map(panel.transform.device).filter { legend.contains($0) }
        #expect(covered.isEmpty)
    }

    @Test func longTickLabelsStayInsideTheFigure() throws {
        for size in [FigureSize.slide, FigureSize.half, try FigureSize(width: 400, height: 300)] {
            let figure = Figure(size: size, numberStyle: .finnish)
            figure.title = "A title"
            let panels = figure.makePanels(rows: 2, columns: 2, columnWidths: [2, 1])
            for (index, axes) in panels.enumerated() {
                axes.title = "Panel \(index)"
                axes.xLabel = "x label"
                axes.yLabel = "y label"
                axes.line([DataPoint(x: -123456.789, y: -0.000123456), DataPoint(x: 987654.321, y: 98765432.1)], label: "series")
            }
            panels[3].heatmap(ValueGrid(xs: [0, 1], ys: [0, 1]) { $0 + $1 + 1e-3 }, normalization: .log, colorbarLabel: "Colorbar label")
            let recorder = RecordingRenderer()
            figure.draw(on: recorder)
            let bounds = DeviceRect(x: 0, y: 0, width: Double(size.width), height: Double(size.height))
            #expect(!recorder.texts.isEmpty)
            for (text, box) in recorder.texts {
                #expect(box.minX >= -0.5 && box.minY >= -0.5 && box.maxX <= bounds.maxX + 0.5 && box.maxY <= bounds.maxY + 0.5,
                        "\(text) at \(box) leaves \(size)")
            }
        }
    }

    @Test func tickLabelsUseTheNumberStyle() {
        let figure = Figure(size: .slide, numberStyle: .finnish)
        figure.axes.line([DataPoint(x: -1, y: -0.5), DataPoint(x: 1, y: 0.5)])
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let texts = recorder.texts.map(\.text)
        #expect(texts.contains("−0,4") || texts.contains("−0,25") || texts.contains("−0,5") || texts.contains("−0,2"))
        #expect(!texts.contains { $0.contains("-") }, "Unicode minus only")
    }

    @Test func contourLabelsUseTheNumberStyle() {
        let figure = Figure(size: .slide, numberStyle: .finnish)
        let grid = ValueGrid(xs: (0..<60).map { Double($0) / 59 * 4 - 2 }, ys: (0..<60).map { Double($0) / 59 * 4 - 2 }) { $0 * $0 + $1 * $1 }
        figure.axes.contours(grid, levels: [0.5, 1.5, 2.5])
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let texts = Set(recorder.texts.map(\.text))
        #expect(texts.contains("0,5") && texts.contains("1,5"))
    }
}
