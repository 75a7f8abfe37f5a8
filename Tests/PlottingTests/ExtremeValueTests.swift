import Foundation
@testable import Plotting
import Testing

/// Marks whose points lie absurdly far outside the axes (a diverged model's curve) are clipped,
/// never a crash: every count derived from a device distance is clamped in Double first.
@Suite("Extreme values")
struct ExtremeValueTests {
    @Test("a line reaching 1e300 beyond fixed limits draws, and its legend samples stay bounded")
    func hugeLineDraws() throws {
        let figure = Figure(size: try FigureSize(width: 320, height: 180))
        figure.axes.xLimits = AxisLimits(0, 1)
        figure.axes.yLimits = AxisLimits(0, 1)
        figure.axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 0.5, y: 1e300), DataPoint(x: 1, y: -1e300)], label: "diverged")
        figure.axes.scatter([DataPoint(x: 0.5, y: 0.5)], label: "data")
        let raster = try figure.renderRaster()
        #expect(raster.width == 320)
        let samples = densify([DevicePoint(x: 0, y: 0), DevicePoint(x: 1, y: 1e300), DevicePoint(x: 2, y: -1e300)], spacing: 6)
        #expect(samples.count <= 2 * 500 + 1)
    }
}
