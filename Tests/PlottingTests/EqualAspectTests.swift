import Foundation
import Testing
@testable import Plotting

/// With `aspect = .equal` one data unit is as many pixels along x as along y, at every canvas
/// shape, in grids and beside a colorbar; the plot area is centred where it shrank.
@Suite("Equal aspect") struct EqualAspectTests {
    /// A panel over x in 0...spanX and y in 0...spanY.
    static func configure(_ axes: Axes, spanX: Double, spanY: Double, colorbar: Bool) {
        axes.aspect = .equal
        axes.xLabel = "w₁"
        axes.yLabel = "w₂"
        axes.title = "Equal units"
        axes.xLimits = AxisLimits(0, spanX)
        axes.yLimits = AxisLimits(0, spanY)
        if colorbar {
            let grid = ValueGrid(xs: (0..<20).map { spanX * Double($0) / 19 }, ys: (0..<20).map { spanY * Double($0) / 19 }) { x, y in 1 + x * x + y * y }
            axes.heatmap(grid, normalization: .log, colorbarLabel: "loss")
        }
        axes.scatter([DataPoint(x: spanX * 0.3, y: spanY * 0.6), DataPoint(x: spanX * 0.7, y: spanY * 0.2)], label: "points")
    }

    /// |px per unit along x − along y| × the longer span: the drift over the axis, in pixels.
    static func drift(_ t: AxesTransform) -> Double {
        let (px, py) = t.pixelsPerUnit
        return abs(px - py) * max(abs(t.xLimits.upper - t.xLimits.lower), abs(t.yLimits.upper - t.yLimits.lower))
    }

    @Test(arguments: AuditSizes.all)
    func oneUnitIsTheSameLengthAlongBothAxes(size: FigureSize) throws {
        let shapes: [(rows: Int, columns: Int)] = [(1, 1), (1, 2), (2, 1), (2, 2)]
        for (rows, columns) in shapes {
            for colorbar in [false, true] {
                for (spanX, spanY) in [(10.0, 2.0), (2.0, 10.0), (4.0, 4.0)] {
                    let figure = Figure(size: size)
                    figure.title = "Normalised features"
                    for axes in figure.makePanels(rows: rows, columns: columns) {
                        Self.configure(axes, spanX: spanX, spanY: spanY, colorbar: colorbar)
                    }
                    let context = "\(rows)x\(columns) colorbar \(colorbar) \(spanX)x\(spanY) at \(size)"
                    for transform in try figure.panelTransforms() {
                        #expect(Self.drift(transform) <= 0.5, "\(context): \(transform.pixelsPerUnit)")
                        #expect(transform.plotRect.width > 20 && transform.plotRect.height > 20, "\(context)")
                    }
                    let problems = try LayoutAudit.audit(figure)
                    #expect(problems.isEmpty, "\(context): \(problems)")
                }
            }
        }
    }

    @Test func thePlotAreaIsCentredWhereItShrank() throws {
        // Custom ticks make the margins the same with and without equal aspect.
        for (spanX, spanY) in [(10.0, 2.0), (2.0, 10.0)] {
            func figure(_ aspect: AspectMode) -> Figure {
                let figure = Figure(size: .slide)
                let axes = figure.axes
                axes.xLimits = AxisLimits(0, spanX)
                axes.yLimits = AxisLimits(0, spanY)
                axes.customXTicks = [Tick(value: 0, label: "0"), Tick(value: 1, label: "1")]
                axes.customYTicks = [Tick(value: 0, label: "0"), Tick(value: 1, label: "1")]
                axes.aspect = aspect
                return figure
            }
            let fill = try figure(.fill).panelTransforms()[0].plotRect
            let equal = try figure(.equal).panelTransforms()[0].plotRect
            #expect(abs((equal.minX - fill.minX) - (fill.maxX - equal.maxX)) < 0.5)
            #expect(abs((equal.minY - fill.minY) - (fill.maxY - equal.maxY)) < 0.5)
            // Shrunk in exactly one direction, to the data's aspect.
            #expect((abs(equal.width - fill.width) < 1e-6) != (abs(equal.height - fill.height) < 1e-6))
            #expect(abs(equal.width / equal.height - spanX / spanY) < 1e-9)
        }
    }

    @Test func theColorbarAndLabelsFollowTheShrunkenPlot() throws {
        let figure = Figure(size: .slide)
        Self.configure(figure.axes, spanX: 2, spanY: 2, colorbar: true)
        let plot = try figure.panelTransforms()[0].plotRect
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        // The colorbar image: 28 px right of the plot (the 1080p guide), as tall as the plot.
        let bar = try #require(recorder.operations.compactMap { operation -> DeviceRect? in
            if case let .image(1, 256, rect, _) = operation { return rect } else { return nil }
        }.first)
        #expect(abs(bar.minX - plot.maxX - 28) < 1e-9 && abs(bar.minY - plot.minY) < 1e-9 && abs(bar.height - plot.height) < 1e-9)
        // The y label sits just left of the y tick labels, not at the far left of the slide.
        let yLabel = try #require(recorder.recordedTexts.first { $0.role?.kind == .yAxisLabel })
        let yTicks = recorder.recordedTexts.filter { $0.role?.kind == .yTickLabel }
        let tickLeft = try #require(yTicks.map(\.box.minX).min())
        #expect(yLabel.box.maxX < tickLeft && tickLeft - yLabel.box.maxX < 30)
        let xLabel = try #require(recorder.recordedTexts.first { $0.role?.kind == .xAxisLabel })
        #expect(abs(xLabel.box.midX - plot.midX) < 1e-6)
    }

    @Test func equalAspectIsTheAspectProperty() {
        let axes = Axes(theme: .light)
        #expect(axes.aspect == .fill && !axes.equalAspect)
        axes.equalAspect = true
        #expect(axes.aspect == .equal)
        axes.aspect = .fill
        #expect(!axes.equalAspect)
    }
}
