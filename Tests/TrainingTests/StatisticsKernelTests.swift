import CKernels
import Foundation
import Testing
@testable import Training

/// CKernels' lane sums behind the linear statistics pass over many rows, against four TwoSum
/// lanes written here, and the AVX2 path against the baseline path, bit for bit.
@Suite("Statistics pass kernels") struct StatisticsKernelTests {
    /// Lane `l` adds terms `l, l + 4, …` with TwoSum, as the kernels' header specifies.
    static func lanes(_ terms: [Double]) -> (sum: [Double], compensation: [Double]) {
        var sum = [Double](repeating: 0, count: 4), compensation = sum
        for (index, value) in terms.enumerated() {
            let lane = index % 4
            let total = sum[lane] + value
            let virtual = total - sum[lane]
            compensation[lane] += (sum[lane] - (total - virtual)) + (value - virtual)
            sum[lane] = total
        }
        return (sum, compensation)
    }

    static func bits(_ sums: descent_lane_sums) -> [UInt64] {
        [sums.sum.0, sums.sum.1, sums.sum.2, sums.sum.3,
         sums.compensation.0, sums.compensation.1, sums.compensation.2, sums.compensation.3].map(\.bitPattern)
    }

    @Test("Moments and residuals: both paths are four TwoSum lanes, bit for bit, on sums that lose digits",
          arguments: [4, 64, 1000, 4096])
    func lanesMatchSpecification(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        // Large offsets and mixed signs, so every addition rounds and the errors are not zero.
        let x = randomValues(count, in: -1...1, using: &generator).map { 1e6 + $0 * 1e3 }
        let y = randomValues(count, in: -1e8...1e8, using: &generator)
        let (w, b) = (0.37, -12.5)
        var fast = [descent_lane_sums](repeating: descent_lane_sums(), count: 5)
        var baseline = fast
        descent_moments_lanes(x, y, count, &fast)
        descent_moments_lanes_baseline(x, y, count, &baseline)
        let moments: [[Double]] = [x, zip(x, x).map(*), y, zip(y, x).map(*), zip(y, y).map(*)]
        for (k, terms) in moments.enumerated() {
            let expected = StatisticsKernelTests.lanes(terms)
            let expectedBits = (expected.sum + expected.compensation).map(\.bitPattern)
            #expect(StatisticsKernelTests.bits(fast[k]) == expectedBits, "moment \(k), N = \(count)")
            #expect(StatisticsKernelTests.bits(baseline[k]) == expectedBits, "moment \(k), N = \(count)")
            if count >= 1000 { #expect(expected.compensation.contains { $0 != 0 }, "moment \(k): the errors are kept") }
        }
        descent_residual_lanes(x, y, count, w, b, &fast)
        descent_residual_lanes_baseline(x, y, count, w, b, &baseline)
        let residuals = zip(x, y).map { ((0.0 + w * $0) + b) - $1 }
        for (k, terms) in [zip(residuals, residuals).map(*), zip(residuals, x).map(*), residuals].enumerated() {
            let expected = StatisticsKernelTests.lanes(terms)
            let expectedBits = (expected.sum + expected.compensation).map(\.bitPattern)
            #expect(StatisticsKernelTests.bits(fast[k]) == expectedBits, "residual term \(k), N = \(count)")
            #expect(StatisticsKernelTests.bits(baseline[k]) == expectedBits, "residual term \(k), N = \(count)")
        }
    }
}
