import Foundation

/// The two passes of ``SufficientStatistics`` for the linear model over many rows: the same
/// compensated sums, two rows at a time in SIMD lanes, in fixed blocks spread over the cores.
///
/// Pass 1 sums `x`, `x²`, `y`, `y·x` and `y²`; pass 2 sums, at the center `θ₀ = (w₀, b₀)`, the
/// residual `r = (0 + w₀·x) + b₀ − y` as `r²`, `r·x` and `r` (the generic loop's operations, so each
/// term has the same bits).
///
/// **Accuracy.** Every term goes into a compensated sum: each lane of a block keeps its own sum and
/// the exact rounding error of each addition (Knuth's branch-free TwoSum, which recovers the same
/// error as Neumaier's comparison), the lanes and the block's last odd row are added into
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

    /// Two rows at a time: SSE2's width, so that the five sums and their errors stay in registers.
    typealias Lanes = SIMD2<Double>

    /// Compensated sums in lanes.
    struct LaneSums {
        var sum = Lanes()
        var compensation = Lanes()

        /// Adds `value` lane by lane with TwoSum: `t = s + v`, error `(s − (t − v′)) + (v − v′)`, `v′ = t − s`.
        @inline(__always)
        mutating func add(_ value: Lanes) {
            let total = sum + value
            let virtual = total - sum
            compensation += (sum - (total - virtual)) + (value - virtual)
            sum = total
        }

        /// The lanes' sums and errors added into `total`.
        func add(into total: inout CompensatedSum) {
            for lane in 0..<Lanes.scalarCount { total.add(sum[lane]) }
            for lane in 0..<Lanes.scalarCount { total.add(compensation[lane]) }
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
            var x1 = LaneSums(), x2 = LaneSums(), y1 = LaneSums(), xy = LaneSums(), y2 = LaneSums()
            var index = range.lowerBound
            while index + Lanes.scalarCount <= range.upperBound {
                let xv = UnsafeRawPointer(x.baseAddress! + index).loadUnaligned(as: Lanes.self)
                let yv = UnsafeRawPointer(y.baseAddress! + index).loadUnaligned(as: Lanes.self)
                x1.add(xv)
                x2.add(xv * xv)
                y1.add(yv)
                xy.add(yv * xv)
                y2.add(yv * yv)
                index += Lanes.scalarCount
            }
            var block = Moments()
            x1.add(into: &block.x)
            x2.add(into: &block.xx)
            y1.add(into: &block.y)
            xy.add(into: &block.xy)
            y2.add(into: &block.yy)
            while index < range.upperBound {
                block.add(x: x[index], y: y[index])
                index += 1
            }
            return block
        }
    }

    /// Pass 2 over `x`, `y` at the center `(w, b)`.
    static func residuals(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, w: Double, b: Double) -> Residuals {
        blocks(count: x.count, identity: Residuals(), combine: { $0.add($1) }) { range in
            var squares = LaneSums(), rx = LaneSums(), r = LaneSums()
            let (wv, bv) = (Lanes(repeating: w), Lanes(repeating: b * 1.0))
            var index = range.lowerBound
            while index + Lanes.scalarCount <= range.upperBound {
                let xv = UnsafeRawPointer(x.baseAddress! + index).loadUnaligned(as: Lanes.self)
                let yv = UnsafeRawPointer(y.baseAddress! + index).loadUnaligned(as: Lanes.self)
                let residual = ((0.0 + wv * xv) + bv) - yv
                squares.add(residual * residual)
                rx.add(residual * xv)
                r.add(residual)
                index += Lanes.scalarCount
            }
            var block = Residuals()
            squares.add(into: &block.squares)
            rx.add(into: &block.rx)
            r.add(into: &block.r)
            while index < range.upperBound {
                block.add(x: x[index], y: y[index], w: w, b: b)
                index += 1
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
        parallelBlocks(threads: threads) { thread in
            for block in (blocks * thread / threads)..<(blocks * (thread + 1) / threads) {
                results[block] = work.value((block * blockSize)..<min(count, (block + 1) * blockSize))
            }
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
