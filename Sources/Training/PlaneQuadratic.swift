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
        // Every point is computed on its own with the operations of `value(a:b:)` (so the same
        // bits on any number of threads): the terms that depend only on the column are computed
        // once per column (`ColumnTerms`), those that depend only on the row once per row, and the
        // rest four columns at a time in SIMD lanes, lane by lane the same operations.
        let threads = total >= 1 << 16 ? min(height, ProcessInfo.processInfo.activeProcessorCount) : 1
        let terms = ColumnTerms(self, columns: aValues)
        defer { terms.deallocate() }
        buffer.withUnsafeMutableBufferPointer { buffer in
            let output = DisjointBuffer(base: buffer)
            aValues.withUnsafeBufferPointer { columnBuffer in
                bValues.withUnsafeBufferPointer { rowBuffer in
                    let (columns, rows) = (SharedReadOnlyBuffer(base: columnBuffer), SharedReadOnlyBuffer(base: rowBuffer))
                    parallelBlocks(threads: threads) { thread in
                        for row in (height * thread / threads)..<(height * (thread + 1) / threads) {
                            self.fillRow(b: rows[row], columns: columns.base, terms: terms,
                                         into: output.base.baseAddress! + row * width)
                        }
                    }
                }
            }
        }
    }

    /// The column-only terms of up to two expansions, `e` = 0, 1, for every column `a`:
    /// `Δa·lₐ`, `Gᵤᵤ·Δa·Δa`, its magnitude, `2Gᵤᵥ·Δa`, and the bound's first two terms
    /// `|c| + |Δa·lₐ|`, with `Δa = a − a₀`, evaluated as `value(a:b:)` evaluates them.
    private struct ColumnTerms: @unchecked Sendable {
        /// Kinds of term per expansion.
        static let kinds = 5
        /// `values[(e · kinds + kind) · width + column]`; empty when there are more than two expansions.
        let values: UnsafeMutableBufferPointer<Double>
        let width: Int

        init(_ quadratic: PlaneQuadratic, columns: [Double]) {
            width = columns.count
            guard quadratic.expansions.count <= 2 else {
                values = UnsafeMutableBufferPointer(start: nil, count: 0)
                return
            }
            values = .allocate(capacity: 2 * ColumnTerms.kinds * width)
            for (e, expansion) in quadratic.expansions.enumerated() {
                let base = e * ColumnTerms.kinds * width
                for (column, a) in columns.enumerated() {
                    let da = a - expansion.centerA
                    let linear = da * expansion.linearA
                    let square = quadratic.quadraticAA * da * da
                    values[base + column] = linear
                    values[base + width + column] = square
                    values[base + 2 * width + column] = abs(square)
                    values[base + 3 * width + column] = 2 * quadratic.quadraticAB * da
                    values[base + 4 * width + column] = abs(expansion.constant) + abs(linear)
                }
            }
        }

        func deallocate() { values.deallocate() }

        /// Four columns of term `kind` of expansion `e` from `column` on.
        @inline(__always)
        func load(_ e: Int, _ kind: Int, _ column: Int) -> SIMD4<Double> {
            UnsafeRawPointer(values.baseAddress! + (e * ColumnTerms.kinds + kind) * width + column).loadUnaligned(as: SIMD4<Double>.self)
        }
    }

    /// `output[column] = value(a: columns[column], b: b)` for every column, four at a time.
    @inline(__always)
    private func fillRow(b: Double, columns: UnsafeBufferPointer<Double>, terms: ColumnTerms, into output: UnsafeMutablePointer<Double>) {
        let width = columns.count
        var column = 0
        if terms.values.count > 0 {
            let count = expansions.count
            /// The row-only terms of an expansion: `Δb`, `Δb·l_b`, `Gᵥᵥ·Δb·Δb`, the constant.
            func rowTerms(_ expansion: Expansion) -> (db: Double, linear: Double, square: Double, constant: Double) {
                let db = b - expansion.centerB
                return (db, db * expansion.linearB, quadraticBB * db * db, expansion.constant)
            }
            let rows = (rowTerms(expansions[0]), rowTerms(expansions[count - 1]))
            let zero = SIMD4<Double>(repeating: 0)
            while column + 4 <= width {
                var best = zero
                var bestBound = SIMD4<Double>(repeating: .infinity)
                @inline(__always)
                func consider(_ e: Int, _ row: (db: Double, linear: Double, square: Double, constant: Double)) {
                    let linearA = terms.load(e, 0, column)
                    let squareA = terms.load(e, 1, column)
                    let mixed = terms.load(e, 3, column) * row.db
                    let value = (row.constant + (linearA + row.linear)) + ((squareA + mixed) + row.square)
                    let bound = terms.load(e, 4, column) + abs(row.linear) + terms.load(e, 2, column)
                        + PlaneQuadratic.magnitude(mixed) + abs(row.square)
                    let better = bound .< bestBound
                    best.replace(with: value, where: better)
                    bestBound.replace(with: bound, where: better)
                }
                consider(0, rows.0)
                if count == 2 { consider(1, rows.1) }
                // max(0, best): 0 unless best ≥ 0 (so NaN gives 0, as in `value(a:b:)`).
                best.replace(with: zero, where: .!(best .>= zero))
                UnsafeMutableRawPointer(output + column).storeBytes(of: best, as: SIMD4<Double>.self)
                column += 4
            }
        }
        while column < width {
            output[column] = value(a: columns[column], b: b)
            column += 1
        }
    }

    /// `|v|` lane by lane (the sign bit cleared, as `abs` does for one `Double`).
    @inline(__always)
    private static func magnitude(_ value: SIMD4<Double>) -> SIMD4<Double> {
        unsafeBitCast(unsafeBitCast(value, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x7fff_ffff_ffff_ffff), to: SIMD4<Double>.self)
    }
}
