import Foundation
import Testing
@testable import Plotting
@testable import Reporting
import Training

/// Frame sequences written with the spliced PNG encoder: every frame is exactly its figure, and
/// only a part of the tiles is compressed per frame.
@Suite struct FrameSplicingTests {
    @Test(arguments: [FigureTheme.light, FigureTheme.dark])
    func everyWrittenFrameDecodesToItsFigurePixelForPixel(theme: FigureTheme) async throws {
        let folder = FrameSequenceTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sequence = try await FrameSequenceTests.sequence(epochs: 8, size: "640x360", theme: theme,
                                                             options: FrameSequenceTests.options(jobs: 2))
        let result = try await sequence.write(to: folder)
        for frame in sequence.plan.frames {
            let decoded = try PNGDecoder.decode(try Data(contentsOf: folder.appendingPathComponent(frame.fileName)))
            let reference = try sequence.figure(for: frame).renderRaster()
            #expect(SplicedPNGTestsSupport.differingPixels(decoded, reference) == 0, "frame \(frame.number)")
        }
        let fraction = try #require(result.changedTileFraction)
        #expect(fraction > 0 && fraction < 0.5)
        #expect(result.totalTiles == 9 * 360 * 10)  // 8 epochs and the start
    }
}

/// Pixel comparison of a decoded PNG with an opaque raster.
enum SplicedPNGTestsSupport {
    /// The number of pixels whose decoded RGBA differs from the raster's colour (alpha 255).
    static func differingPixels(_ decoded: PNGDecoder.Image, _ raster: Raster) -> Int {
        guard decoded.width == raster.width, decoded.height == raster.height else { return raster.width * raster.height }
        var differing = 0
        for y in 0..<raster.height {
            for x in 0..<raster.width {
                let pixel = raster.pixel(x: x, y: y)
                let offset = 4 * (y * raster.width + x)
                if decoded.rgba[offset] != UInt8(truncatingIfNeeded: pixel >> 16)
                    || decoded.rgba[offset + 1] != UInt8(truncatingIfNeeded: pixel >> 8)
                    || decoded.rgba[offset + 2] != UInt8(truncatingIfNeeded: pixel)
                    || decoded.rgba[offset + 3] != 255 {
                    differing += 1
                }
            }
        }
        return differing
    }
}
