import Foundation
import Testing
@testable import Plotting

/// Scatter marks with very many points are drawn as one binned density image.
@Suite struct DensityScatterTests {
    /// A 300x200 device with the plot area at (40, 30), 200x100 pixels, showing x 0...20 and
    /// y 0...10: with 20-pixel markers the cells are 10 pixels, one data unit, 20x10 of them.
    static let plot = DeviceRect(x: 40, y: 30, width: 200, height: 100)
    static let transform = AxesTransform(plotRect: plot, xLimits: AxisLimits(0, 20), yLimits: AxisLimits(0, 10))
    static let color = Color(hex: 0x0072B2)

    static func context(_ renderer: any Renderer) -> MarkContext {
        MarkContext(renderer: renderer, transform: transform, theme: .light, metrics: FigureMetrics(scale: 1),
                    formatter: TickFormatter(style: .english))
    }

    /// The data point at the centre of cell (`column`, `row`), row 0 at the top.
    static func center(_ column: Int, _ row: Int) -> DataPoint {
        DataPoint(x: Double(column) + 0.5, y: 10 - Double(row) - 0.5)
    }

    @Test func cellsHaveTheOpacityOfTheirCountAndNothingLeavesThePlotArea() throws {
        let counts: [(column: Int, row: Int, count: Int)] = [(2, 3, 1), (5, 5, 9), (10, 2, 99), (19, 9, 3), (0, 0, 2)]
        var points: [DataPoint] = []
        for cell in counts { points += Array(repeating: Self.center(cell.column, cell.row), count: cell.count) }
        // Outside the limits (and so outside the plot area), or not finite: never drawn.
        points += [DataPoint(x: -1, y: 5), DataPoint(x: 25, y: 5), DataPoint(x: 5, y: -3), DataPoint(x: 5, y: 12), DataPoint(x: .nan, y: 1)]
        let mark = ScatterMark(points: points, color: Self.color, size: 20, edgeColor: .white, rendering: .density)
        let raster = Raster(width: 300, height: 200)
        let renderer = try CairoRenderer(raster: raster)
        mark.draw(in: Self.context(renderer))
        renderer.context.surface.flush()

        // The expected premultiplied pixel of a cell holding `count` of at most 99 points.
        func expected(_ count: Int) -> UInt32 {
            let a = 0.25 + 0.75 * log(1 + Double(count)) / log(100)
            func byte(_ value: Double) -> UInt32 { UInt32((value * 255).rounded()) }
            return byte(a) << 24 | byte(Self.color.red * a) << 16 | byte(Self.color.green * a) << 8 | byte(Self.color.blue * a)
        }
        // By hand: the fullest cell is opaque; one point is 0.25 + 0.75 · log 2 / log 100 = 0.3629 → 93 of 255.
        #expect(expected(99) >> 24 == 255 && expected(1) >> 24 == 93)
        var wrong: [String] = []
        for y in 0..<200 {
            for x in 0..<300 {
                var want: UInt32 = 0
                if x >= 40 && x < 240 && y >= 30 && y < 130, let cell = counts.first(where: { $0.column == (x - 40) / 10 && $0.row == (y - 30) / 10 }) {
                    want = expected(cell.count)
                }
                if raster.pixel(x: x, y: y) != want { wrong.append("(\(x), \(y))") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) pixels differ, first \(wrong.prefix(5))")
    }

    @Test func upToTheThresholdEveryPointIsAMarkerAsBefore() {
        let count = ScatterMark.densityThreshold
        #expect(count == 2_000)
        let points = (0..<count).map { DataPoint(x: Double($0 % 20) + 0.25, y: Double($0 / 200) + 0.5) }
        let mark = ScatterMark(points: points, color: Self.color, size: 20, edgeColor: .white)
        #expect(!mark.drawsDensity)
        let recorder = RecordingRenderer()
        mark.draw(in: Self.context(recorder))
        // A filled circle of radius 10 at each device point, outlined in white 0.14 of the diameter wide.
        var expected: [RecordingRenderer.Operation] = []
        for point in points {
            let circle = DevicePath.circle(center: Self.transform.device(point), radius: 10)
            expected.append(.fill(circle, Self.color, .nonZero))
            expected.append(.stroke(circle, StrokeStyle(color: .white, width: 20 * 0.14, join: .miter)))
        }
        #expect(recorder.operations.count == expected.count)
        let same = recorder.operations == expected  // (not inside #expect: its message would print 4,000 paths)
        #expect(same)
        #expect(!recorder.operations.contains { if case .image = $0 { return true } else { return false } })
    }

    @Test func aboveTheThresholdTheMarkIsOneNearestNeighbourImage() {
        let points = (0...ScatterMark.densityThreshold).map { DataPoint(x: Double($0 % 20) + 0.5, y: Double($0 % 10) + 0.5) }
        let mark = ScatterMark(points: points, color: Self.color, size: 20)
        #expect(mark.drawsDensity)
        let recorder = RecordingRenderer()
        mark.draw(in: Self.context(recorder))
        #expect(recorder.operations == [.image(width: 20, height: 10, rect: Self.plot, interpolation: .nearest)])

        // Half-marker cells: 12-pixel markers give 6-pixel cells, 200 / 6 ≈ 33 across, 100 / 6 ≈ 17 down.
        mark.size = 12
        let smaller = RecordingRenderer()
        mark.draw(in: Self.context(smaller))
        #expect(smaller.operations == [.image(width: 33, height: 17, rect: Self.plot, interpolation: .nearest)])

        // Callers can force either way.
        mark.size = 20
        mark.rendering = .markers
        let forced = RecordingRenderer()
        mark.draw(in: Self.context(forced))
        #expect(forced.fills.count == points.count && forced.operations.count == points.count, "no edge colour: fills only")
        let few = ScatterMark(points: [Self.center(1, 1)], color: Self.color, size: 20, rendering: .density)
        let single = RecordingRenderer()
        few.draw(in: Self.context(single))
        #expect(single.operations == [.image(width: 20, height: 10, rect: Self.plot, interpolation: .nearest)])
    }

    @Test func aDensityMarkWithNoPointInsideDrawsNothing() {
        let mark = ScatterMark(points: [DataPoint(x: -5, y: -5)], color: Self.color, rendering: .density)
        let recorder = RecordingRenderer()
        mark.draw(in: Self.context(recorder))
        #expect(recorder.operations.isEmpty)
    }

    @Test func vectorOutputOfAHundredThousandPointsStaysSmall() throws {
        let figure = DemoFigures.densityScatter(size: .slide, theme: .light, count: 100_000)
        let svg = try figure.svgData()
        let pdf = try figure.pdfData()
        #expect(svg.count < 2_000_000, "SVG is \(svg.count) bytes")
        #expect(pdf.count < 2_000_000, "PDF is \(pdf.count) bytes")
        #expect(String(decoding: svg, as: UTF8.self).components(separatedBy: "<image").count - 1 == 1, "the points are one image")
    }

    @Test func legendSamplesOfLargeMarksAreTheOccupiedSixPixelCells() {
        // 40,000 points in the left half of the plot area only.
        var generator = SplitMix(seed: 9)
        let points = (0..<40_000).map { _ in DataPoint(x: generator.nextUnit() * 10, y: generator.nextUnit() * 10) }
        let mark = ScatterMark(points: points, color: Self.color)
        let samples = mark.samplePoints(in: Self.transform)
        // The left half is 100x100 pixels: about 17x17 cells of 6 pixels, all hit by 40,000 points.
        #expect(samples.count <= 17 * 17 && samples.count >= 16 * 17)
        #expect(samples.allSatisfy { $0.x > 40 && $0.x < 141 && $0.y > 30 && $0.y < 130 })
        #expect(Set(samples).count == samples.count)
        // Below the threshold the samples are the marker centres themselves.
        let small = ScatterMark(points: Array(points.prefix(2_000)), color: Self.color)
        #expect(small.samplePoints(in: Self.transform) == points.prefix(2_000).map(Self.transform.device))
    }

    @Test func legendAvoidsADensityCloud() throws {
        // Points everywhere except the lower left quarter; 30,000 of them.
        var generator = SplitMix(seed: 4)
        var points: [DataPoint] = []
        while points.count < 30_000 {
            let p = DataPoint(x: generator.nextUnit() * 10, y: generator.nextUnit() * 10)
            if !(p.x < 5 && p.y < 5) { points.append(p) }
        }
        let figure = Figure(size: .slide)
        figure.axes.scatter(points, label: "Data")
        figure.axes.line([DataPoint(x: 0, y: 10), DataPoint(x: 10, y: 5)], label: "Line")
        let layout = FigureLayout(figure: figure, measuringWith: RecordingRenderer())
        let legend = try #require(layout.panels[0].legendRect)
        let plot = layout.panels[0].transform.plotRect
        #expect(legend.midX < plot.midX && legend.midY > plot.midY, "legend should be in the lower left")
    }
}
