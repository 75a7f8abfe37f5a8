import Foundation
import Testing
@testable import Plotting

@Suite struct LayerTests {
    @Test func layeredFrameEqualsDrawingAllAtOnce() throws {
        let (figure, path) = DemoFigures.landscape(size: .half, theme: .dark, pathLayer: .dynamic)
        let all = path.points
        let canvas = try FrameCanvas(figure: figure)
        for count in [1, 12, 30] {
            path.points = Array(all.prefix(count))
            let frame = try canvas.renderFrame().copy()
            let reference = try figure.renderRaster(layers: .all)
            #expect(frame.hasSamePixels(as: reference), "frame \(count) differs in \(frame.countDifferentPixels(from: reference)) pixels")
        }
        // The background really lacks the path.
        #expect(!canvas.background.hasSamePixels(as: try figure.renderRaster(layers: .all)))
    }

    @Test func framesAreDecodablePNGs() throws {
        let (figure, path) = DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic)
        let all = path.points
        let canvas = try FrameCanvas(figure: figure)
        path.points = Array(all.prefix(5))
        let png = try canvas.framePNG()
        let decoded = try PNGDecoder.decode(png)
        #expect(decoded.width == 960 && decoded.height == 1080)
    }

    @Test func canvasesOnSeveralThreadsShareOneBackground() throws {
        let background = try FrameCanvas.renderBackground(of: DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic).0)
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            do {
                let (figure, path) = DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic)
                let all = path.points
                let canvas = try FrameCanvas(figure: figure, background: background)
                path.points = Array(all.prefix(10 + index))
                let frame = try canvas.renderFrame().copy()
                let reference = try figure.renderRaster()
                results.append(frame.hasSamePixels(as: reference))
            } catch {
                results.append(false)
            }
        }
        #expect(results.values == [true, true, true, true])
    }

    @Test func backgroundOfTheWrongSizeIsRejected() throws {
        let figure = DemoFigures.bars(size: .half, theme: .light)
        #expect(throws: PlottingError.self) { try FrameCanvas(figure: figure, background: Raster(width: 10, height: 10)) }
    }
}

/// Collects results from several threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Bool] = []
    func append(_ value: Bool) { lock.lock(); storage.append(value); lock.unlock() }
    var values: [Bool] { lock.lock(); defer { lock.unlock() }; return storage }
}
