import Foundation
@testable import Plotting
import Testing

@Suite("Path marks on long, dense paths")
struct PathThinningTests {
    /// A 200-point path along y = 0 in data space, one data unit per point, drawn on a figure.
    func drawn(markerSpacing: Double?, arrowSpacing: Double?) -> RecordingRenderer {
        let figure = Figure(size: .slide)
        let axes = figure.axes
        axes.xLimits = AxisLimits(0, 200)
        axes.yLimits = AxisLimits(-1, 1)
        let path = axes.path((0..<200).map { DataPoint(x: Double($0), y: 0) })
        path.minimumMarkerSpacing = markerSpacing
        path.arrowSpacing = arrowSpacing
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        return recorder
    }

    /// Markers are circles (Bézier arcs); arrowheads are straight-edged polygons.
    func counts(_ recorder: RecordingRenderer) -> (markers: Int, heads: Int) {
        let fills = recorder.fills.filter { $0.color == Theme.light.pathColor }
        var markers = 0, heads = 0
        for fill in fills {
            let isCircle = fill.path.elements.contains { if case .curve = $0 { return true } else { return false } }
            if isCircle { markers += 1 } else { heads += 1 }
        }
        return (markers, heads)
    }

    @Test("without spacing every point gets a marker and no tiny step gets an arrow")
    func defaultBehaviour() {
        let recorder = drawn(markerSpacing: nil, arrowSpacing: nil)
        let result = counts(recorder)
        #expect(result.markers == 200)
        #expect(result.heads == 0)
    }

    @Test("marker spacing thins the markers; arrow spacing puts heads along the path")
    func spacing() throws {
        let recorder = drawn(markerSpacing: 40, arrowSpacing: 150)
        let result = counts(recorder)
        // The path is about 200 data units ≈ the plot width (~1700 px at 1080p): ~8.5 px per step.
        #expect(result.markers > 20 && result.markers < 60, "\(result.markers) markers")
        #expect(result.heads >= 8 && result.heads <= 14, "\(result.heads) heads")
    }

    @Test("arrow positions: one per spacing of arc length, pointing along the path")
    func arrowPositions() {
        let points = (0...100).map { DevicePoint(x: Double($0), y: 0) }
        let heads = PathMark.arrowPositions(points, spacing: 25, headLength: 10)
        #expect(heads.map(\.tip.x) == [25, 50, 75, 100])
        #expect(heads.allSatisfy { abs($0.tip.x - $0.tail.x - 10) < 1e-12 && $0.tail.y == 0 })
    }
}
