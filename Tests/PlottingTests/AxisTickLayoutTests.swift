import Foundation
import Testing
@testable import Plotting

/// Ticks as laid out: log axes with minor ticks, colorbars with enough labels, and labels that
/// never run into each other.
@Suite("Axis ticks in the layout") struct AxisTickLayoutTests {
    static func layout(_ figure: Figure) -> FigureLayout {
        FigureLayout(figure: figure, measuringWith: RecordingRenderer())
    }

    static func logFigure(_ size: FigureSize, y: AxisLimits) -> Figure {
        let figure = Figure(size: size)
        figure.axes.yScale = .log
        figure.axes.yLimits = y
        figure.axes.xLimits = AxisLimits(0, 200)
        figure.axes.line([DataPoint(x: 0, y: y.upper), DataPoint(x: 200, y: y.lower)])
        return figure
    }

    @Test func twoDecadesGetLabelledDecadesAndMinorTicksBetween() {
        let panel = Self.layout(Self.logFigure(.slide, y: AxisLimits(25, 3000))).panels[0]
        #expect(panel.yTicks.map(\.label) == ["100", "1000"])
        // 2…9 × 10^k inside [25, 3000], by hand.
        let expected: [Double] = [30, 40, 50, 60, 70, 80, 90, 200, 300, 400, 500, 600, 700, 800, 900, 2000, 3000]
        #expect(panel.yMinorTicks.count == expected.count)
        for (value, reference) in zip(panel.yMinorTicks, expected) { #expect(abs(value - reference) < 1e-9 * reference) }
    }

    @Test func underTwoDecadesTheLabelsAreOneTwoFive() {
        let panel = Self.layout(Self.logFigure(.slide, y: AxisLimits(0.4, 30))).panels[0]
        #expect(panel.yTicks.map(\.label) == ["0.5", "1", "2", "5", "10", "20"])
        #expect(panel.yMinorTicks.contains { abs($0 - 3) < 1e-9 } && panel.yMinorTicks.contains { abs($0 - 0.6) < 1e-9 })
        #expect(!panel.yMinorTicks.contains { abs($0 - 2) < 1e-9 }, "a labelled tick is not also a minor one")
    }

    @Test(arguments: AuditSizes.all)
    func logAxesHaveTwoLabelsThatNeverOverlap(size: FigureSize) throws {
        for limits in [AxisLimits(25, 3000), AxisLimits(0.5, 20), AxisLimits(1e-4, 1e2), AxisLimits(3, 8), AxisLimits(50, 900), AxisLimits(1e-12, 1e12)] {
            let figure = Self.logFigure(size, y: limits)
            figure.axes.xScale = .log
            figure.axes.xLimits = limits
            let panel = Self.layout(figure).panels[0]
            #expect(panel.yTicks.count >= 2 && panel.xTicks.count >= 2, "\(limits) at \(size): \(panel.xTicks.map(\.label)) \(panel.yTicks.map(\.label))")
            let problems = try LayoutAudit.audit(figure)
            #expect(problems.isEmpty, "\(limits) at \(size): \(problems)")
        }
    }

    @Test func logColorbarsGetOneTwoFiveLabelsBelowFourDecades() {
        let figure = Figure(size: .slide)
        let grid = ValueGrid(xs: [0, 1], ys: [0, 1]) { x, y in 0.05 + 29.95 * x * y }
        figure.axes.heatmap(grid, normalization: .log, colorbarLabel: "loss")
        let panel = Self.layout(figure).panels[0]
        #expect(panel.colorbarTicks.map(\.label) == ["0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20"])
    }

    @Test func wideLogColorbarsGetEveryDecade() {
        let figure = Figure(size: .slide)
        let grid = ValueGrid(xs: [0, 1], ys: [0, 1]) { x, y in 1e-3 * pow(1e6, (x + y) / 2) }
        figure.axes.heatmap(grid, normalization: .log, colorbarLabel: "loss")
        let panel = Self.layout(figure).panels[0]
        #expect(panel.colorbarTicks.map(\.label) == ["10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³"])
    }

    @Test(arguments: AuditSizes.all)
    func colorbarsGetAtLeastFourTicksWhenTheRangeAllows(size: FigureSize) {
        for normalization in [ColorScale.Normalization.linear, .log] {
            let figure = Figure(size: size)
            figure.makePanels(rows: 1, columns: 2)
            for axes in figure.panels {
                axes.heatmap(ValueGrid(xs: [0, 1], ys: [0, 1]) { x, y in 0.1 + 9.9 * x * y }, normalization: normalization, colorbarLabel: "value")
            }
            let panel = Self.layout(figure).panels[0]
            #expect(panel.colorbarTicks.count + panel.colorbarMinorTicks.count >= 4, "\(normalization) at \(size)")
            #expect(panel.colorbarTicks.count >= 2)
        }
    }

    @Test(arguments: AuditSizes.all)
    func longNumbersOnNarrowPanelsNeverCollide(size: FigureSize) throws {
        let figure = Figure(size: size, numberStyle: .finnish)
        for axes in figure.makePanels(rows: 1, columns: 4) {
            axes.line([DataPoint(x: -123456.789, y: -0.000123456), DataPoint(x: 987654.321, y: 98765432.1)])
        }
        let problems = try LayoutAudit.audit(figure)
        #expect(problems.isEmpty, "\(size): \(problems)")
        for panel in Self.layout(figure).panels { #expect(panel.xTicks.count >= 2 && panel.yTicks.count >= 2) }
    }

    @Test func longCategoryNamesShrinkThenStaggerThenTurn() {
        func panel(_ count: Int, _ name: (Int) -> String) -> FigureLayout.Panel {
            let figure = Figure(size: .half)
            figure.axes.bars((0..<count).map(Double.init), categories: (0..<count).map(name))
            return Self.layout(figure).panels[0]
        }
        let short = panel(4) { "P\($0)" }
        #expect(short.xTickScale == 1 && !short.xTicksStaggered && !short.xTicksRotated)
        let staggered = panel(8) { "Henkilö-\($0)-Virtanen" }
        #expect(staggered.xTicksStaggered && !staggered.xTicksRotated)
        let turned = panel(24) { "Henkilö \($0)" }
        #expect(turned.xTicksRotated)
        // Staggered labels alternate between two rows; neighbours in a row keep a space apart.
        let figure = Figure(size: .half)
        figure.axes.bars((0..<8).map(Double.init), categories: (0..<8).map { "Henkilö-\($0)-Virtanen" })
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let labels = recorder.recordedTexts.filter { $0.role == DrawingRole(.xTickLabel, panel: 0) }.sorted { $0.box.midX < $1.box.midX }
        #expect(labels.count == 8)
        let rows = Set(labels.map { Int($0.box.minY.rounded()) })
        #expect(rows.count == 2)
        for (a, b) in zip(labels, labels.dropFirst(2)) { #expect(b.box.minX - a.box.maxX >= 0.3 * a.style.size) }
    }
}
