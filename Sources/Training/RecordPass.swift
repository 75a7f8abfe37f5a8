import Dispatch
import Foundation

/// The per-epoch record pass of ``Trainer`` for the lecture's two models: sums in registers,
/// fixed blocks, and the blocks spread over the cores.
///
/// For `θ` and every row `i`: `ŷᵢ = θ·φ(xᵢ)` with the features `φ(x) = (x, 1)` (linear, powers
/// `[1, 0]`) or `(x, x², x³, 1)` (cubic, powers `[1, 2, 3, 0]`, `x² = x·x`, `x³ = x²·x`),
/// `eᵢ = ŷᵢ − yᵢ`, and the sums `Σ eᵢ²`, `Σ |denormalize(ŷᵢ) − yᵢ,original|` and `Σ 2eᵢ·φₖ(xᵢ)`.
///
/// **Order, and so the bits.** The rows are cut into fixed blocks of ``blockSize`` rows; each
/// block is summed left to right with the generic loop's operations (`ŷ = ((0 + θ₀φ₀) + θ₁φ₁) + …`,
/// `(2e)·φₖ`), and the block sums are added in block order. The blocks depend only on `N`,
/// never on the number of cores or threads, so the result is the same bits on any machine;
/// with `N ≤ blockSize` (every lecture data set) it is exactly the plain left-to-right sum. Two
/// full blocks run at a time, one in each lane of a `SIMD2<Double>`: lane by lane the same
/// operations in the same order, so the same bits as one block after the other.
struct RecordPass {
    /// Rows per block: 2¹⁴.
    static let blockSize = 1 << 14
    /// Below this many rows the pass stays on the calling thread.
    static let parallelThreshold = 1 << 16

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
        parallelBlocks(threads: threads) { thread in
            var block = blocks * thread / threads
            let end = blocks * (thread + 1) / threads
            // Two full blocks at a time, one in each SIMD lane; a last block alone, left to right.
            while block < end {
                if block + 1 < end, (block + 2) * RecordPass.blockSize <= count {
                    let pair = cubic
                        ? RecordPass.cubicPair(theta, first: block * RecordPass.blockSize, x: xs.base, y: ys.base,
                                               originalY: originals.base, yScale: yScale)
                        : RecordPass.linearPair(theta, first: block * RecordPass.blockSize, x: xs.base, y: ys.base,
                                                originalY: originals.base, yScale: yScale)
                    sums[block] = pair.0
                    sums[block + 1] = pair.1
                    block += 2
                    continue
                }
                let range = (block * RecordPass.blockSize)..<min(count, (block + 1) * RecordPass.blockSize)
                sums[block] = cubic
                    ? RecordPass.cubicSums(theta, range: range, x: xs.base, y: ys.base, originalY: originals.base, yScale: yScale)
                    : RecordPass.linearSums(theta, range: range, x: xs.base, y: ys.base, originalY: originals.base, yScale: yScale)
                block += 1
            }
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

    /// Two lanes: block `first / blockSize` in lane 0 and the next block in lane 1.
    private typealias Lanes = SIMD2<Double>

    /// Rows `first + i` and `first + blockSize + i` as lanes.
    @inline(__always)
    private static func lanes(_ values: UnsafeBufferPointer<Double>, _ index: Int) -> Lanes {
        Lanes(values[index], values[index + blockSize])
    }

    /// The two blocks' sums of the linear pass, each lane the operations of ``linearSums`` in its order.
    private static func linearPair(_ theta: [Double], first: Int, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                                   originalY: UnsafeBufferPointer<Double>, yScale: Normalizer) -> (Sums, Sums) {
        let w = Lanes(repeating: theta[0]), b = Lanes(repeating: theta[1] * 1.0)
        let scale = Lanes(repeating: yScale.standardDeviation), mean = Lanes(repeating: yScale.mean)
        var squares = Lanes(), absolutes = Lanes(), g0 = Lanes(), g1 = Lanes()
        for index in first..<(first + blockSize) {
            let xi = lanes(x, index)
            let prediction = 0.0 + w * xi + b
            let error = prediction - lanes(y, index)
            squares += error * error
            absolutes += magnitude(prediction * scale + mean - lanes(originalY, index))
            let twice = 2 * error
            g0 += twice * xi
            g1 += twice
        }
        return (Sums(squares: squares[0], absolutes: absolutes[0], g0: g0[0], g1: g1[0]),
                Sums(squares: squares[1], absolutes: absolutes[1], g0: g0[1], g1: g1[1]))
    }

    /// The two blocks' sums of the cubic pass, each lane the operations of ``cubicSums`` in its order.
    private static func cubicPair(_ theta: [Double], first: Int, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                                  originalY: UnsafeBufferPointer<Double>, yScale: Normalizer) -> (Sums, Sums) {
        let w1 = Lanes(repeating: theta[0]), w2 = Lanes(repeating: theta[1]), w3 = Lanes(repeating: theta[2])
        let b = Lanes(repeating: theta[3] * 1.0)
        let scale = Lanes(repeating: yScale.standardDeviation), mean = Lanes(repeating: yScale.mean)
        var squares = Lanes(), absolutes = Lanes(), g0 = Lanes(), g1 = Lanes(), g2 = Lanes(), g3 = Lanes()
        for index in first..<(first + blockSize) {
            let xi = lanes(x, index)
            let square = xi * xi
            let cube = square * xi
            let prediction = 0.0 + w1 * xi + w2 * square + w3 * cube + b
            let error = prediction - lanes(y, index)
            squares += error * error
            absolutes += magnitude(prediction * scale + mean - lanes(originalY, index))
            let twice = 2 * error
            g0 += twice * xi
            g1 += twice * square
            g2 += twice * cube
            g3 += twice
        }
        return (Sums(squares: squares[0], absolutes: absolutes[0], g0: g0[0], g1: g1[0], g2: g2[0], g3: g3[0]),
                Sums(squares: squares[1], absolutes: absolutes[1], g0: g0[1], g1: g1[1], g2: g2[1], g3: g3[1]))
    }

    /// `|v|` lane by lane (the sign bit cleared, as `abs` does for one `Double`).
    @inline(__always)
    private static func magnitude(_ value: Lanes) -> Lanes {
        unsafeBitCast(unsafeBitCast(value, to: SIMD2<UInt64>.self) & SIMD2(repeating: 0x7fff_ffff_ffff_ffff), to: Lanes.self)
    }

    private static func linearSums(_ theta: [Double], range: Range<Int>, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                                   originalY: UnsafeBufferPointer<Double>, yScale: Normalizer) -> Sums {
        let w = theta[0], b = theta[1]
        let scale = yScale.standardDeviation, mean = yScale.mean
        var sums = Sums()
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

    private static func cubicSums(_ theta: [Double], range: Range<Int>, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                                  originalY: UnsafeBufferPointer<Double>, yScale: Normalizer) -> Sums {
        let w1 = theta[0], w2 = theta[1], w3 = theta[2], b = theta[3]
        let scale = yScale.standardDeviation, mean = yScale.mean
        var sums = Sums()
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
