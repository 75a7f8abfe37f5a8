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

/// Coordinates beyond Cairo's fixed-point range are cut before drawing, so what is visible stays
/// true instead of wrapping around into stripes.
@Suite("Clipping far coordinates")
struct FarCoordinateTests {
    @Test("paths inside the canvas's reach are passed on unchanged")
    func unchangedInside() {
        let path = DevicePath.polyline([DevicePoint(x: 0, y: 0), DevicePoint(x: 500, y: 20), DevicePoint(x: -3000, y: 9000)])
        #expect(path.clippedForRendering(filled: false) == path)
        #expect(path.clippedForRendering(filled: true) == path)
    }

    @Test("a segment to 1e15 is cut where it crosses the bound, on the same line")
    func segmentCut() throws {
        let (start, end) = try #require(DevicePath.clipSegment(DevicePoint(x: 10, y: 20), DevicePoint(x: 1e15, y: 2e15), bound: 1e5))
        #expect(start == DevicePoint(x: 10, y: 20))
        #expect(abs(end.y - 1e5) < 1e-6 && abs((end.y - 20) / (end.x - 10) - (2e15 - 20) / (1e15 - 10)) < 1e-9)
        #expect(DevicePath.clipSegment(DevicePoint(x: 2e5, y: 0), DevicePoint(x: 3e5, y: 0), bound: 1e5) == nil)
    }

    @Test("a line through the plot to 1e20 draws its visible diagonal and nothing else")
    func diagonalStaysTrue() throws {
        let figure = Figure(size: try FigureSize(width: 400, height: 400))
        figure.axes.xLimits = AxisLimits(0, 1)
        figure.axes.yLimits = AxisLimits(0, 1)
        figure.axes.showGrid = false
        figure.axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1e20, y: 1e20)], color: Color(hex: 0xFF0000), width: 4)
        let raster = try figure.renderRaster()
        let transform = try figure.panelTransforms()[0]
        func red(_ point: DataPoint) -> Bool {
            let device = transform.device(point)
            let pixel = raster.pixel(x: Int(device.x), y: Int(device.y))
            return (pixel >> 16) & 0xFF > 200 && (pixel >> 8) & 0xFF < 80
        }
        #expect(red(DataPoint(x: 0.5, y: 0.5)) && red(DataPoint(x: 0.25, y: 0.25)) && red(DataPoint(x: 0.9, y: 0.9)))
        #expect(!red(DataPoint(x: 0.2, y: 0.8)) && !red(DataPoint(x: 0.8, y: 0.2)) && !red(DataPoint(x: 0.5, y: 0.1)))
    }
}
