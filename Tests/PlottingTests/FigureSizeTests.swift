import Foundation
import Testing
@testable import Plotting

@Suite struct FigureSizeTests {
    @Test(arguments: [("slide", 1920, 1080), ("slide-4x3", 1440, 1080), ("half", 960, 1080), ("square", 1080, 1080), ("1280x720", 1280, 720)])
    func presetsRenderAtTheirExactSize(name: String, width: Int, height: Int) throws {
        let size = try FigureSize(parsing: name)
        #expect(size.width == width && size.height == height)
        let figure = Figure(size: size)
        figure.axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)])
        let png = try figure.pngData(options: .fast)
        let decoded = try PNGDecoder.decode(png)
        #expect(decoded.width == width && decoded.height == height)
    }

    @Test(arguments: ["0x10", "20000x10", "abc", "-5x10", "10x", ""])
    func invalidSizesGiveClearErrors(text: String) {
        #expect {
            try FigureSize(parsing: text)
        } throws: { error in
            let message = "\(error)"
            return message.contains("\"\(text)\"") && message.contains("slide (1920x1080)") && message.contains("half (960x1080)")
        }
    }

    @Test func errorsSayWhatIsWrong() throws {
        #expect(throws: PlottingError.invalidFigureSize(value: "0x10", reason: "both sides must be positive")) { try FigureSize(parsing: "0x10") }
        #expect(throws: PlottingError.invalidFigureSize(value: "20000x10", reason: "each side must be at most 16384 pixels")) { try FigureSize(parsing: "20000x10") }
        #expect(try FigureSize(parsing: "16384x1").width == 16384)
        #expect(try FigureSize(parsing: " Slide ") == .slide)
    }

    @Test func textScalesWithTheSmallerSide() {
        #expect(abs(FigureMetrics(scale: FigureSize.slide.scale).tickFontSize - 26) < 1e-9)
        #expect(abs(FigureMetrics(scale: FigureSize.half.scale).tickFontSize - 26 * 960 / 1080) < 1e-9)
    }

    /// A gallery copy is the figure scaled down by a whole k in 2...16 on both sides (the kit and
    /// the raster's block mean ask the same question); otherwise it is drawn on its own.
    @Test func wholeFactorOverASmallerSize() throws {
        let gallery = try FigureSize(width: 640, height: 360)
        #expect(FigureSize.slide.wholeFactor(over: gallery) == 3)
        #expect(try FigureSize(width: 10240, height: 5760).wholeFactor(over: gallery) == 16)
        #expect(try FigureSize(width: 11520, height: 6480).wholeFactor(over: gallery) == nil, "k = 18: past 16")
        #expect(FigureSize.slide4x3.wholeFactor(over: gallery) == nil, "another aspect")
        #expect(try FigureSize(width: 1600, height: 900).wholeFactor(over: gallery) == nil, "2.5x")
        #expect(gallery.wholeFactor(over: gallery) == nil, "k = 1 is no copy")
        let raster = Raster(width: 1920, height: 1080)
        #expect(raster.scaledDown(to: 640, 360)?.width == 640 && raster.scaledDown(to: 640, 480) == nil)
    }

    /// Each pixel of the copy is the rounded mean of its k x k block, channel by channel
    /// (premultiplied bytes as Cairo stores them), for k = 2, 3 and 16 on seeded noise.
    @Test func scaledDownIsTheBlockMean() throws {
        var state: UInt64 = 12345
        func next() -> UInt32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt32(truncatingIfNeeded: state >> 32)
        }
        for k in [2, 3, 16] {
            let (width, height) = (5, 3)
            let source = Raster(width: width * k, height: height * k)
            for y in 0..<source.height {
                let row = UnsafeMutableRawPointer(source.mutableBytes + y * source.stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<source.width {
                    // Premultiplied: no colour byte above alpha.
                    let alpha = next() & 0xFF, value = next()
                    let channels = (0..<3).map { ((value >> (8 * UInt32($0))) & 0xFF) % (alpha + 1) }
                    row[x] = alpha << 24 | channels[2] << 16 | channels[1] << 8 | channels[0]
                }
            }
            let copy = try #require(source.scaledDown(to: width, height))
            let count = UInt32(k * k)
            for y in 0..<height {
                let out = UnsafeRawPointer(copy.mutableBytes + y * copy.stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width {
                    var expected: UInt32 = 0
                    for shift in stride(from: UInt32(0), through: 24, by: 8) {
                        var sum: UInt32 = 0
                        for dy in 0..<k {
                            let row = UnsafeRawPointer(source.mutableBytes + (y * k + dy) * source.stride).assumingMemoryBound(to: UInt32.self)
                            for dx in 0..<k { sum += (row[x * k + dx] >> shift) & 0xFF }
                        }
                        expected |= ((sum + count / 2) / count) << shift
                    }
                    #expect(out[x] == expected, "k = \(k), pixel (\(x), \(y))")
                }
            }
        }
    }
}
