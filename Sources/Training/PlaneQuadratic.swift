import Foundation

/// The exact MSE on a 2-D plane of parameter space, `θ(a, b) = origin + a·u + b·v`, as a quadratic
/// in `(a, b)`, so a loss-surface grid costs `O(1)` per point independent of `N`.
///
/// From ``SufficientStatistics``: `MSE(θ(a, b)) = m₀ + a·gᵤ + b·gᵥ + a²·Gᵤᵤ + 2ab·Gᵤᵥ + b²·Gᵥᵥ`, with
/// `m₀ = MSE(origin)`, `gᵤ = ∇MSE(origin)·u`, `gᵥ = ∇MSE(origin)·v`, `Gᵤᵤ = uᵀGu`, `Gᵤᵥ = uᵀGv`,
/// `Gᵥᵥ = vᵀGv`. To avoid cancellation near the minimum, the same quadratic is also expanded around
/// its minimizer `(a*, b*)` in the plane when that exists: `MSE = m* + Gᵤᵤ·Δa² + 2Gᵤᵥ·Δa·Δb + Gᵥᵥ·Δb²`
/// with `m* = MSE(θ(a*, b*))` from the statistics. Each point uses the expansion with the smaller
/// rounding-error bound (the sum of the absolute values of its terms).
public struct PlaneQuadratic: Sendable {
    /// One expansion `c + lₐΔa + l_bΔb + GᵤᵤΔa² + 2GᵤᵥΔaΔb + GᵥᵥΔb²` around `(a₀, b₀)`.
    private struct Expansion: Sendable {
        let centerA: Double
        let centerB: Double
        let constant: Double
        let linearA: Double
        let linearB: Double
    }

    /// The expansions around the origin and, when it exists, around the minimizer in the plane.
    private let expansions: [Expansion]
    /// `uᵀGu`, `uᵀGv`, `vᵀGv`.
    private let quadraticAA: Double
    private let quadraticAB: Double
    private let quadraticBB: Double

    /// Builds the quadratic of `statistics` on the plane through `origin` spanned by `u` and `v`.
    ///
    /// - Precondition: `origin`, `u` and `v` each have `statistics.model.parameterCount` entries.
    public init(statistics: SufficientStatistics, origin: [Double], u: [Double], v: [Double]) {
        let count = statistics.model.parameterCount
        precondition(origin.count == count && u.count == count && v.count == count,
                     "origin, u and v need \(count) entries each")
        let gramU = SymmetricMatrix.multiply(statistics.gram, u)
        let gramV = SymmetricMatrix.multiply(statistics.gram, v)
        let aa = SymmetricMatrix.dot(u, gramU)
        let ab = SymmetricMatrix.dot(u, gramV)
        let bb = SymmetricMatrix.dot(v, gramV)
        quadraticAA = aa
        quadraticAB = ab
        quadraticBB = bb
        let gradient = statistics.gradient(origin)
        let gradientU = SymmetricMatrix.dot(gradient, u)
        let gradientV = SymmetricMatrix.dot(gradient, v)
        var expansions = [Expansion(centerA: 0, centerB: 0, constant: statistics.meanSquaredError(origin),
                                    linearA: gradientU, linearB: gradientV)]
        // Minimizer of aa·a² + 2ab·a·b + bb·b² + gu·a + gv·b: [[2aa, 2ab], [2ab, 2bb]] (a, b) = −(gu, gv).
        let determinant = aa * bb - ab * ab
        if aa > 0, bb > 0, determinant > 1e-12 * aa * bb {
            let a = (-gradientU * bb + gradientV * ab) / (2 * determinant)
            let b = (-gradientV * aa + gradientU * ab) / (2 * determinant)
            let point = (0..<count).map { origin[$0] + a * u[$0] + b * v[$0] }
            let minimum = statistics.meanSquaredError(point)
            if a.isFinite, b.isFinite, minimum.isFinite {
                expansions.append(Expansion(centerA: a, centerB: b, constant: minimum, linearA: 0, linearB: 0))
            }
        }
        self.expansions = expansions
    }

    /// `MSE(origin + a·u + b·v)`, clamped at 0 against rounding.
    @inline(__always)
    public func value(a: Double, b: Double) -> Double {
        var best = 0.0
        var bestBound = Double.infinity
        for expansion in expansions {
            let da = a - expansion.centerA
            let db = b - expansion.centerB
            let linear = da * expansion.linearA + db * expansion.linearB
            let quadratic = quadraticAA * da * da + 2 * quadraticAB * da * db + quadraticBB * db * db
            let bound = abs(expansion.constant) + abs(da * expansion.linearA) + abs(db * expansion.linearB)
                + abs(quadraticAA * da * da) + abs(2 * quadraticAB * da * db) + abs(quadraticBB * db * db)
            if bound < bestBound {
                best = expansion.constant + linear + quadratic
                bestBound = bound
            }
        }
        return max(0, best)
    }

    /// Fills `buffer` with the row-major grid `buffer[row · aValues.count + column] =
    /// value(a: aValues[column], b: bValues[row])`: rows over `bValues`, columns over `aValues`.
    ///
    /// `buffer` is resized only when its count differs from `aValues.count · bValues.count`, so a
    /// reused buffer is filled without allocation.
    public func evaluate(aValues: [Double], bValues: [Double], into buffer: inout [Double]) {
        let total = aValues.count * bValues.count
        if buffer.count != total {
            buffer = [Double](repeating: 0, count: total)
        }
        let width = aValues.count, height = bValues.count
        // Every point is computed on its own by `value(a:b:)`, so spreading the rows over the
        // cores gives the same bits as one thread.
        let threads = total >= 1 << 16 ? min(height, ProcessInfo.processInfo.activeProcessorCount) : 1
        buffer.withUnsafeMutableBufferPointer { buffer in
            let output = DisjointBuffer(base: buffer)
            aValues.withUnsafeBufferPointer { columnBuffer in
                bValues.withUnsafeBufferPointer { rowBuffer in
                    let (columns, rows) = (SharedReadOnlyBuffer(base: columnBuffer), SharedReadOnlyBuffer(base: rowBuffer))
                    parallelBlocks(threads: threads) { thread in
                        for row in (height * thread / threads)..<(height * (thread + 1) / threads) {
                            let b = rows[row]
                            for column in 0..<width {
                                output[row * width + column] = self.value(a: columns[column], b: b)
                            }
                        }
                    }
                }
            }
        }
    }
}
