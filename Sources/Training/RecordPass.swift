import CKernels
import Dispatch
import Foundation

/// The per-epoch record pass of ``Trainer`` for the lecture's two models: sums in registers,
/// fixed blocks, and the blocks spread over the cores.
///
/// For `θ` and every row `i`: `ŷᵢ = θ·φ(xᵢ)` with the features `φ(x) = (x, 1)` (linear, powers
/// `[1, 0]`) or `(x, x², x³, 1)` (cubic, powers `[1, 2, 3, 0]`, `x² = x·x`, `x³ = x²·x`),
/// `eᵢ = ŷᵢ − yᵢ`, and the sums `Σ eᵢ²`, `Σ |denormalize(ŷᵢ) − yᵢ,original|` and `Σ 2eᵢ·φₖ(xᵢ)`.
///
/// **Order, and so the bits.** With `N ≤ blockSize` rows (every lecture data set) the sums are
/// the plain left-to-right sums with the generic loop's operations (`ŷ = ((0 + θ₀φ₀) + θ₁φ₁) + …`,
/// `(2e)·φₖ`). More rows are cut into fixed blocks of ``blockSize`` rows; each block is summed by
/// CKernels' `descent_record_lanes` in four interleaved lanes (lane `l` the rows `l, l + 4, …` in
/// order, the same per-row operations, the lanes added in lane order; four rows an AVX2
/// instruction where the processor has AVX2), then its last rows past a multiple of four left to
/// right, and the block sums are added in block order. The blocks depend only on `N`, never on
/// the number of cores or threads, so the result is the same bits on any machine.
struct RecordPass {
    /// Rows per block: 2¹⁴.
    static let blockSize = 1 << 14
    /// Below this many rows the pass stays on the calling thread: handing blocks to a second
    /// thread costs about 50–60 µs (waking a worker; 2-core VM, medians of alternating runs), more
    /// than it saves below about 2·10⁵ rows (an epoch of gd over 10⁵ rows: 114 → 66 µs on one thread;
    /// over 5·10⁵ rows two threads still win, 280 against 450 µs).
    static let parallelThreshold = 1 << 18

    /// The sums of one block.
    private struct Sums {
        var squares = 0.0, absolutes = 0.0, g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0
    }

    /// `Σ eᵢ²`.
    let squaredErrorSum: Double
    /// `Σ |denormalize(ŷᵢ) − yᵢ,original|`.
    let absoluteErrorSum: Double
    /// `Σ 2eᵢ·φₖ(xᵢ)` for each parameter `k` (not divided by `N`).
    let gradientSums: [Double]

    /// Whether `model` has a specialised pass.
    static func supports(_ model: PolynomialModel) -> Bool {
        model == .linear || model == .cubic
    }

    /// Runs the pass of `model` (linear or cubic) at `parameters`.
    init(model: PolynomialModel, parameters: UnsafeMutableBufferPointer<Double>, x: UnsafeBufferPointer<Double>,
         y: UnsafeBufferPointer<Double>, originalY: UnsafeBufferPointer<Double>, yScale: Normalizer) {
        let count = min(x.count, y.count, originalY.count)
        let theta = Array(parameters)
        let cubic = model == .cubic
        let blocks = max(1, (count + RecordPass.blockSize - 1) / RecordPass.blockSize)
        let partial = UnsafeMutableBufferPointer<Sums>.allocate(capacity: blocks)
        partial.initialize(repeating: Sums())
        defer { partial.deallocate() }
        let sums = DisjointBuffer(base: partial)
        let (xs, ys, originals) = (SharedReadOnlyBuffer(base: x), SharedReadOnlyBuffer(base: y), SharedReadOnlyBuffer(base: originalY))
        let threads = count >= RecordPass.parallelThreshold ? min(blocks, ProcessInfo.processInfo.activeProcessorCount) : 1
        parallelIndices(blocks, threads: threads) { block in
            let range = (block * RecordPass.blockSize)..<min(count, (block + 1) * RecordPass.blockSize)
            var grouped = range.lowerBound
            var start = Sums()
            if blocks > 1 {
                // Four interleaved lanes over the rows up to a multiple of four, then the rest.
                grouped += range.count / 4 * 4
                var lanes = descent_record_sums()
                descent_record_lanes(cubic ? 1 : 0, theta, xs.base.baseAddress! + range.lowerBound,
                                     ys.base.baseAddress! + range.lowerBound, originals.base.baseAddress! + range.lowerBound,
                                     grouped - range.lowerBound, yScale.standardDeviation, yScale.mean, &lanes)
                start = Sums(squares: lanes.squares, absolutes: lanes.absolutes, g0: lanes.g0, g1: lanes.g1, g2: lanes.g2, g3: lanes.g3)
            }
            let rest = grouped..<range.upperBound
            sums[block] = cubic
                ? RecordPass.cubicSums(theta, range: rest, x: xs.base, y: ys.base, originalY: originals.base, yScale: yScale, from: start)
                : RecordPass.linearSums(theta, range: rest, x: xs.base, y: ys.base, originalY: originals.base, yScale: yScale, from: start)
        }
        var total = partial[0]
        for block in 1..<blocks {
            let sums = partial[block]
            total.squares += sums.squares
            total.absolutes += sums.absolutes
            total.g0 += sums.g0
            total.g1 += sums.g1
            total.g2 += sums.g2
            total.g3 += sums.g3
        }
        squaredErrorSum = total.squares
        absoluteErrorSum = total.absolutes
        gradientSums = cubic ? [total.g0, total.g1, total.g2, total.g3] : [total.g0, total.g1]
    }

    /// `sums` plus the linear pass over `range`, left to right.
    private static func linearSums(_ theta: [Double], range: Range<Int>, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                                   originalY: UnsafeBufferPointer<Double>, yScale: Normalizer, from sums: Sums) -> Sums {
        let w = theta[0], b = theta[1]
        let scale = yScale.standardDeviation, mean = yScale.mean
        var sums = sums
        for index in range {
            let xi = x[index]
            let prediction = 0.0 + w * xi + b * 1.0
            let error = prediction - y[index]
            sums.squares += error * error
            sums.absolutes += abs(prediction * scale + mean - originalY[index])
            let twice = 2 * error
            sums.g0 += twice * xi
            sums.g1 += twice * 1.0
        }
        return sums
    }

    /// `sums` plus the cubic pass over `range`, left to right.
    private static func cubicSums(_ theta: [Double], range: Range<Int>, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                                  originalY: UnsafeBufferPointer<Double>, yScale: Normalizer, from sums: Sums) -> Sums {
        let w1 = theta[0], w2 = theta[1], w3 = theta[2], b = theta[3]
        let scale = yScale.standardDeviation, mean = yScale.mean
        var sums = sums
        for index in range {
            let xi = x[index]
            let square = xi * xi
            let cube = square * xi
            let prediction = 0.0 + w1 * xi + w2 * square + w3 * cube + b * 1.0
            let error = prediction - y[index]
            sums.squares += error * error
            sums.absolutes += abs(prediction * scale + mean - originalY[index])
            let twice = 2 * error
            sums.g0 += twice * xi
            sums.g1 += twice * square
            sums.g2 += twice * cube
            sums.g3 += twice * 1.0
        }
        return sums
    }
}
