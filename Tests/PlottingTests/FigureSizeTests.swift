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
}
