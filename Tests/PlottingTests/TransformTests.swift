import Foundation
import Testing
@testable import Plotting

@Suite struct TransformTests {
    let rect = DeviceRect(x: 100, y: 50, width: 800, height: 400)

    @Test func linearRoundTripAndFlip() {
        let t = AxesTransform(plotRect: rect, xLimits: AxisLimits(-2, 2), yLimits: AxisLimits(0, 10))
        let bottomLeft = t.device(DataPoint(x: -2, y: 0))
        #expect(abs(bottomLeft.x - 100) < 1e-9 && abs(bottomLeft.y - 450) < 1e-9)
        let topRight = t.device(DataPoint(x: 2, y: 10))
        #expect(abs(topRight.x - 900) < 1e-9 && abs(topRight.y - 50) < 1e-9)
        #expect(t.deviceY(7) < t.deviceY(3), "larger y must be higher on screen")
        for p in [DataPoint(x: 0.3, y: 4.2), DataPoint(x: -1.9, y: 9.99), DataPoint(x: 5, y: -3)] {
            let back = t.data(t.device(p))
            #expect(abs(back.x - p.x) < 1e-9 && abs(back.y - p.y) < 1e-9)
        }
    }

    @Test func logRoundTrip() {
        let t = AxesTransform(plotRect: rect, xLimits: AxisLimits(1, 1000), yLimits: AxisLimits(0.01, 100), xScale: .log, yScale: .log)
        #expect(abs(t.deviceX(10) - (100 + 800.0 / 3)) < 1e-9)
        #expect(abs(t.deviceY(1) - 250) < 1e-9)
        for p in [DataPoint(x: 3.7, y: 0.05), DataPoint(x: 999, y: 42)] {
            let back = t.data(t.device(p))
            #expect(abs(back.x - p.x) / p.x < 1e-12 && abs(back.y - p.y) / p.y < 1e-12)
        }
        #expect(t.deviceY(0).isNaN && t.deviceX(-1).isNaN)
    }

    @Test func autoLimitsPadAndFixedLimitsWin() {
        let axes = Axes(theme: .light)
        axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 10, y: 20)])
        let limits = axes.resolvedLimits()
        #expect(abs(limits.x.lower + 0.5) < 1e-9 && abs(limits.x.upper - 10.5) < 1e-9)
        #expect(abs(limits.y.lower + 1) < 1e-9 && abs(limits.y.upper - 21) < 1e-9)
        axes.xLimits = AxisLimits(-3, 3)
        #expect(axes.resolvedLimits().x == AxisLimits(-3, 3))
        let empty = Axes(theme: .light)
        empty.yScale = .log
        #expect(empty.resolvedLimits().y == AxisLimits(1, 10))
    }

    @Test func heatmapLimitsAreTight() {
        let axes = Axes(theme: .light)
        let grid = ValueGrid(xs: [0, 1, 2], ys: [0, 1]) { x, y in x + y }
        axes.heatmap(grid)
        axes.path([DataPoint(x: 0.5, y: 0.5), DataPoint(x: 1, y: 0.6)])
        let limits = axes.resolvedLimits()
        #expect(abs(limits.x.lower + 0.5) < 1e-9 && abs(limits.x.upper - 2.5) < 1e-9)
        #expect(abs(limits.y.lower + 0.5) < 1e-9 && abs(limits.y.upper - 1.5) < 1e-9)
    }
}
