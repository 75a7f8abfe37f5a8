import Foundation
import Testing
@testable import Plotting

/// Legend placement samples marks in time and memory linear in their points, and exactly as
/// before for lines of ordinary size.
@Suite struct LegendSamplingTests {
    @Test func ordinaryLinesAreSampledEverySixPixelsAsBefore() {
        let samples = densify([DevicePoint(x: 0, y: 10), DevicePoint(x: 600, y: 10), DevicePoint(x: 600, y: 13)], spacing: 6)
        // 600 / 6 = 100 samples on the first segment, 1 on the 3-pixel one, and the end point.
        #expect(samples.count == 102)
        #expect(samples[0] == DevicePoint(x: 0, y: 10) && samples[1] == DevicePoint(x: 6, y: 10) && samples[99] == DevicePoint(x: 594, y: 10))
        #expect(samples[100] == DevicePoint(x: 600, y: 10) && samples[101] == DevicePoint(x: 600, y: 13))
        // A gap (NaN) leaves its segments out.
        let broken = densify([DevicePoint(x: 0, y: 0), DevicePoint(x: .nan, y: 0), DevicePoint(x: 12, y: 0), DevicePoint(x: 24, y: 0)], spacing: 6)
        #expect(broken == [DevicePoint(x: 12, y: 0), DevicePoint(x: 18, y: 0), DevicePoint(x: 24, y: 0)])
    }

    @Test func hugeJaggedLinesGetABoundedEvenlySpreadSample() {
        // 300,000 points jumping between y = 100 and y = 700 while x creeps from 0 to 1,500:
        // per segment sampling would give 100 samples each, 30 million in all.
        let count = 300_000
        let points = (0..<count).map { DevicePoint(x: 1_500 * Double($0) / Double(count - 1), y: $0 % 2 == 0 ? 100 : 700) }
        let samples = densify(points, spacing: 6)
        #expect(samples.count <= densifySampleBudget + 1 && samples.count >= densifySampleBudget)
        #expect(samples.allSatisfy { $0.y >= 100 && $0.y <= 700 && $0.x >= 0 && $0.x <= 1_500 })
        // Spread along the whole line: every 100-pixel stretch of x holds about a fifteenth of them.
        for stretch in 0..<15 {
            let inside = samples.filter { $0.x >= Double(stretch) * 100 && $0.x < Double(stretch + 1) * 100 }.count
            #expect(abs(inside - densifySampleBudget / 15) < densifySampleBudget / 150, "stretch \(stretch): \(inside)")
        }
        #expect(samples.last == points.last)
    }

    @Test func aMillionPointLineMarkHasABoundedSample() {
        let count = 1_000_000
        let transform = AxesTransform(plotRect: DeviceRect(x: 100, y: 50, width: 1_600, height: 900),
                                      xLimits: AxisLimits(0, Double(count)), yLimits: AxisLimits(-1, 1))
        var generator = SplitMix(seed: 1)
        let line = LineMark(points: (0..<count).map { DataPoint(x: Double($0), y: generator.nextUnit() * 2 - 1) }, color: .black)
        let samples = line.samplePoints(in: transform)
        #expect(samples.count <= densifySampleBudget + 1)
        #expect(samples.allSatisfy { transform.plotRect.contains($0) })
    }
}

@Suite struct BandSamplingTests {
    @Test func bandsSampleEveryTwelvePixelsUpToTheBudgetAndEveryKthXBeyond() {
        let transform = AxesTransform(plotRect: DeviceRect(x: 0, y: 0, width: 1_000, height: 600),
                                      xLimits: AxisLimits(0, 1), yLimits: AxisLimits(0, 1))
        // 3 x values, 600-pixel spans: 50 samples each plus the top.
        let small = BandMark(xs: [0.1, 0.5, 0.9], lower: [0, 0, 0], upper: [1, 1, 1], color: .black)
        let samples = small.samplePoints(in: transform)
        #expect(samples.count == 3 * 51)
        #expect(samples.first == DevicePoint(x: 100, y: 600) && samples[1] == DevicePoint(x: 100, y: 588) && samples[50] == DevicePoint(x: 100, y: 0))
        // 200,000 x values with full-height spans would give 10 million samples.
        let n = 200_000
        let xs = (0..<n).map { Double($0) / Double(n) }
        let big = BandMark(xs: xs, lower: Array(repeating: 0, count: n), upper: Array(repeating: 1, count: n), color: .black)
        let bounded = big.samplePoints(in: transform)
        #expect(bounded.count <= densifySampleBudget && bounded.count > densifySampleBudget / 2)
        #expect((bounded.map(\.x).max() ?? 0) > 990, "spread over the whole band")
    }
}
