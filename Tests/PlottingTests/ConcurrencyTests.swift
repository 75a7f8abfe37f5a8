import Foundation
import Testing
@testable import Plotting

/// The helpers that keep the module free of data races under Swift 6's complete checking.
@Suite struct ConcurrencyTests {
    @Test func concurrentMapKeepsEveryResultInItsSlot() {
        for count in [0, 1, 2, 7, 1000] {
            let squares = concurrentMap(count: count) { index in index * index }
            #expect(squares == (0..<count).map { $0 * $0 })
        }
        // Values with storage of their own (arrays) arrive intact too.
        let rows = concurrentMap(count: 64) { index in [UInt8](repeating: UInt8(index), count: index) }
        for (index, row) in rows.enumerated() {
            #expect(row == [UInt8](repeating: UInt8(index), count: index))
        }
    }

    /// `renderFrame` returns a raster of its own: later frames do not change an earlier one, so
    /// it may be handed to another thread.
    @Test func renderedFramesStayUnchangedByLaterFrames() throws {
        let (figure, path) = DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic)
        let all = path.points
        let canvas = try FrameCanvas(figure: figure)
        path.points = Array(all.prefix(3))
        let early = try canvas.renderFrame()
        let earlyPixels = early.bytes
        path.points = all
        let late = try canvas.renderFrame()
        #expect(early.bytes == earlyPixels)
        #expect(!late.hasSamePixels(as: early))
        path.points = Array(all.prefix(3))
        #expect(try figure.renderRaster().hasSamePixels(as: early))
    }
}
