import Foundation
import Testing
@testable import Plotting

/// Vector pages thin strokes as the SVG writer does; large rasters reuse freed buffers without
/// showing what was drawn in them before.
@Suite struct VectorThinningAndBufferTests {
    /// A figure with one line of `count` points along y = slope·x plus a zig-zag of `wiggle`.
    func figure(count: Int, wiggle: Double) -> Figure {
        let figure = Figure(size: .slide, theme: .light)
        let points = (0..<count).map { i in DataPoint(x: Double(i), y: Double(i) + (i % 2 == 0 ? wiggle : -wiggle)) }
        figure.axes.line(points, label: "line")
        return figure
    }

    /// The number of path commands in Cairo's SVG (each point of a stroked path is one).
    func pathPoints(_ figure: Figure) throws -> Int {
        let svg = String(decoding: try figure.cairoSVGData(), as: UTF8.self)
        return svg.matches(of: #/[ML] /#).count
    }

    @Test func straightRunsAreThinnedOnVectorPages() throws {
        // 5,000 points on a straight line: the page keeps a handful.
        let straight = try pathPoints(figure(count: 5_000, wiggle: 0))
        // The same with a zig-zag of about 0.7 device pixels (plot height ~900 px for 5,000
        // units): every turn is kept, since leaving one out would move the line more than 0.1 px.
        let zigzag = try pathPoints(figure(count: 5_000, wiggle: 4))
        #expect(straight < 200, "\(straight) path points for a straight line")
        #expect(zigzag > 4_000, "\(zigzag) path points for a zig-zag")
    }

    @Test func reusedRasterBuffersStartBlank() throws {
        for _ in 0..<3 {
            let used = Raster(width: 1920, height: 1080)
            used.mutableBytes.update(repeating: 0xAB, count: used.stride * used.height)
        }
        let fresh = Raster(width: 1920, height: 1080)
        #expect((0..<fresh.height).allSatisfy { y in (0..<fresh.width).allSatisfy { fresh.pixel(x: $0, y: y) == 0 } })
        // A buffer handed back is reused for the same size.
        let first = LargeBuffers.allocate(bytes: 3 << 20)
        LargeBuffers.release(first, bytes: 3 << 20)
        let second = LargeBuffers.allocate(bytes: 3 << 20)
        #expect(first == second)
        LargeBuffers.release(second, bytes: 3 << 20)
    }
}
