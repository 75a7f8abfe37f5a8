import Testing
@testable import Plotting

/// The colourbar's label sits beside its tick labels, also when the plot is much narrower than its
/// cell (equal aspect, or a right margin shared with a panel whose legend stands beside it);
/// before, it stood at the cell's right edge, far from the bar.
@Suite("Colourbar label") struct ColorbarLabelTests {
    @Test(arguments: [(1600, 500), (960, 1080), (640, 360)])
    func labelIsBesideTheTicks(width: Int, height: Int) throws {
        // Two stacked panels, as the optimizer comparison at half size: the landscape's cell
        // spans the figure's width, its equal-aspect plot much less.
        let figure = Figure(size: try FigureSize(width: width, height: height))
        let panels = figure.makePanels(rows: 2, columns: 1)
        let xs = (0..<20).map(Double.init), ys = (0..<20).map(Double.init)
        let values = ys.flatMap { y in xs.map { x in x * x + y } }
        panels[0].heatmap(ValueGrid(values: values, xs: xs, ys: ys), colorbarLabel: "f(x, y)")
        panels[0].equalAspect = true
        // Its legend beside it widens the column's right margin, which the panel above shares.
        panels[1].line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)], label: "a line with a long legend entry, as the comparison has")
        panels[1].legendPlacement = .outside
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let ticks = recorder.recordedTexts.filter { $0.role == DrawingRole(.colorbarTickLabel, panel: 0) }
        let label = try #require(recorder.recordedTexts.first { $0.role == DrawingRole(.colorbarLabel, panel: 0) })
        let tickRight = try #require(ticks.map(\.box.maxX).max())
        let gap = label.box.minX - tickRight
        #expect(gap >= 0, "the label overlaps the tick labels by \(-gap) px")
        #expect(gap <= 2 * figure.metrics.gap + 1, "the label stands \(gap) px from the tick labels")
    }
}
