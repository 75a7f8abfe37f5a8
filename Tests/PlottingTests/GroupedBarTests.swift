import Foundation
import Testing
@testable import Plotting

@Suite("Grouped bars")
struct GroupedBarTests {
    static let first = Color(hex: 0x123456)
    static let second = Color(hex: 0x654321)

    @Test("bars with an offset and a width fraction are filled at index + offset ± width / 2")
    func offsetAndWidth() throws {
        let figure = Figure(size: try FigureSize(width: 800, height: 600))
        let axes = figure.axes
        axes.xLimits = AxisLimits(-0.5, 2.5)
        axes.yLimits = AxisLimits(-2, 2)
        let left = axes.bars([1, -1, 1], categories: ["a", "b", "c"], positiveColor: Self.first, negativeColor: Self.first,
                             offset: -0.2, widthFraction: 0.4)
        axes.bars([1, 1, -1], categories: ["a", "b", "c"], positiveColor: Self.second, negativeColor: Self.second, offset: 0.2, widthFraction: 0.4)
        #expect(left.offset == -0.2 && left.widthFraction == 0.4)
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let black = recorder.fills.filter { $0.color == Self.first }.compactMap { $0.path.bounds }
        let white = recorder.fills.filter { $0.color == Self.second }.compactMap { $0.path.bounds }
        #expect(black.count == 3 && white.count == 3)
        // One data unit in device pixels from the first two black bars' spacing.
        let unit = try #require(black.count > 1 ? black[1].midX - black[0].midX : nil)
        for index in 0..<3 {
            #expect(abs(white[index].midX - black[index].midX - 0.4 * unit) < 0.01)
            #expect(abs(black[index].width - 0.4 * unit) < 0.01)
            #expect(black[index].maxX <= white[index].minX + 0.01)
        }
    }
}
