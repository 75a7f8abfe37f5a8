import CKernels
import Foundation

/// The two passes of ``SufficientStatistics`` for the linear model over many rows: the same
/// compensated sums, four rows at a time in lanes (CKernels' `descent_moments_lanes` and
/// `descent_residual_lanes`), in fixed blocks spread over the cores.
///
/// Pass 1 sums `x`, `x²`, `y`, `y·x` and `y²`; pass 2 sums, at the center `θ₀ = (w₀, b₀)`, the
/// residual `r = (0 + w₀·x) + b₀ − y` as `r²`, `r·x` and `r` (the generic loop's operations, so each
/// term has the same bits).
///
/// **Accuracy.** Every term goes into a compensated sum: each lane of a block keeps its own sum and
/// the exact rounding error of each addition (Knuth's branch-free TwoSum, which recovers the same
/// error as Neumaier's comparison), the lanes and the block's last rows (fewer than four) are added into
/// one ``CompensatedSum``, and the blocks' sums and errors into the total, in block order. So the
/// error bound stays about `2ε·Σ|v|` as for the one running sum; only the last bits differ from it.
/// The blocks depend only on `N`, never on the number of cores, so the result is the same bits on
/// any machine.
enum LinearStatisticsPass {
    /// Rows per block: 2¹⁴.
    static let blockSize = 1 << 14
    /// From this many rows on the statistics use this pass; below it the plain running sums
    /// (every lecture data set, so their bits are those of the one running sum).
    static let threshold = 1 << 16

    /// Rows a lane group: CKernels' lane sums run four compensated sums side by side (four
    /// rows an AVX2 instruction where the processor has AVX2, two SSE2 instructions elsewhere;
    /// the same bits either way).
    static let lanes = 4

    /// The four lanes' sums, then their errors, added into `total` in lane order.
    static func add(_ lanes: descent_lane_sums, into total: inout CompensatedSum) {
        // `sum` then `compensation`: eight doubles in a row in the C struct.
        withUnsafeBytes(of: lanes) { bytes in
            for offset in stride(from: 0, to: bytes.count, by: MemoryLayout<Double>.stride) {
                total.add(bytes.load(fromByteOffset: offset, as: Double.self))
            }
        }
    }

    /// `Σx`, `Σx²`, `Σy`, `Σy·x`, `Σy²`.
    struct Moments {
        var x = CompensatedSum(), xx = CompensatedSum(), y = CompensatedSum(), xy = CompensatedSum(), yy = CompensatedSum()

        @inline(__always)
        mutating func add(x xi: Double, y yi: Double) {
            x.add(xi)
            xx.add(xi * xi)
            y.add(yi)
            xy.add(yi * xi)
            yy.add(yi * yi)
        }

        mutating func add(_ other: Moments) {
            x.add(other.x)
            xx.add(other.xx)
            y.add(other.y)
            xy.add(other.xy)
            yy.add(other.yy)
        }
    }

    /// `Σr²`, `Σr·x`, `Σr` at the center.
    struct Residuals {
        var squares = CompensatedSum(), rx = CompensatedSum(), r = CompensatedSum()

        @inline(__always)
        mutating func add(x xi: Double, y yi: Double, w: Double, b: Double) {
            let residual = ((0.0 + w * xi) + b * 1.0) - yi
            squares.add(residual * residual)
            rx.add(residual * xi)
            r.add(residual * 1.0)
        }

        mutating func add(_ other: Residuals) {
            squares.add(other.squares)
            rx.add(other.rx)
            r.add(other.r)
        }
    }

    /// Pass 1 over `x`, `y` (equally long).
    static func moments(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> Moments {
        blocks(count: x.count, identity: Moments(), combine: { $0.add($1) }) { range in
            let grouped = range.count / lanes * lanes
            var block = Moments()
            if grouped > 0 {
                withUnsafeTemporaryAllocation(of: descent_lane_sums.self, capacity: 5) { sums in
                    descent_moments_lanes(x.baseAddress! + range.lowerBound, y.baseAddress! + range.lowerBound, grouped, sums.baseAddress!)
                    add(sums[0], into: &block.x)
                    add(sums[1], into: &block.xx)
                    add(sums[2], into: &block.y)
                    add(sums[3], into: &block.xy)
                    add(sums[4], into: &block.yy)
                }
            }
            for index in (range.lowerBound + grouped)..<range.upperBound {
                block.add(x: x[index], y: y[index])
            }
            return block
        }
    }

    /// Pass 2 over `x`, `y` at the center `(w, b)`.
    static func residuals(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, w: Double, b: Double) -> Residuals {
        blocks(count: x.count, identity: Residuals(), combine: { $0.add($1) }) { range in
            let grouped = range.count / lanes * lanes
            var block = Residuals()
            if grouped > 0 {
                withUnsafeTemporaryAllocation(of: descent_lane_sums.self, capacity: 3) { sums in
                    descent_residual_lanes(x.baseAddress! + range.lowerBound, y.baseAddress! + range.lowerBound, grouped,
                                           w, b * 1.0, sums.baseAddress!)
                    add(sums[0], into: &block.squares)
                    add(sums[1], into: &block.rx)
                    add(sums[2], into: &block.r)
                }
            }
            for index in (range.lowerBound + grouped)..<range.upperBound {
                block.add(x: x[index], y: y[index], w: w, b: b)
            }
            return block
        }
    }

    /// `body` over the fixed blocks of `0..<count`, spread over the cores, combined in block order.
    private static func blocks<Result>(count: Int, identity: Result, combine: (inout Result, Result) -> Void,
                                       _ body: @escaping (Range<Int>) -> Result) -> Result {
        let blocks = max(1, (count + blockSize - 1) / blockSize)
        let partial = UnsafeMutableBufferPointer<Result>.allocate(capacity: blocks)
        partial.initialize(repeating: identity)
        defer {
            partial.deinitialize()
            partial.deallocate()
        }
        let results = DisjointBuffer(base: partial)
        let work = UncheckedSendable(body)
        let threads = min(blocks, ProcessInfo.processInfo.activeProcessorCount)
        parallelIndices(blocks, threads: threads) { block in
            results[block] = work.value((block * blockSize)..<min(count, (block + 1) * blockSize))
        }
        var total = identity
        for block in 0..<blocks { combine(&total, partial[block]) }
        return total
    }
}

/// A value handed to the concurrent blocks of ``LinearStatisticsPass``: its closure only reads
/// memory the caller keeps alive and unchanged until every block returned.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
