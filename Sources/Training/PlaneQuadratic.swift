import CKernels
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
    ///
    /// Each expansion's terms are grouped as the grid computes them: the terms of `Δa` alone
    /// (`Δa·lₐ + GᵤᵤΔa²`), those of `Δb` alone with the constant (`c + (Δb·l_b + GᵥᵥΔb²)`), then
    /// the mixed term `(2Gᵤᵥ·Δa)·Δb`; the bound sums the terms' magnitudes in the same groups.
    @inline(__always)
    public func value(a: Double, b: Double) -> Double {
        var best = 0.0
        var bestBound = Double.infinity
        for expansion in expansions {
            let column = columnTerms(expansion, a: a)
            let row = rowTerms(expansion, b: b)
            let mixed = column.mixed * row.db
            let value = (column.value + row.value) + mixed
            let bound = (column.bound + row.bound) + abs(mixed)
            if bound < bestBound {
                best = value
                bestBound = bound
            }
        }
        return max(0, best)
    }

    /// The terms of `expansion` that depend only on `a`: `Δa·lₐ + GᵤᵤΔa²`, its bound
    /// `|Δa·lₐ| + |GᵤᵤΔa²|`, and `2Gᵤᵥ·Δa`.
    @inline(__always)
    private func columnTerms(_ expansion: Expansion, a: Double) -> (value: Double, bound: Double, mixed: Double) {
        let da = a - expansion.centerA
        let linear = da * expansion.linearA
        let square = quadraticAA * da * da
        return (linear + square, abs(linear) + abs(square), 2 * quadraticAB * da)
    }

    /// The terms of `expansion` that depend only on `b`: `Δb`, `c + (Δb·l_b + GᵥᵥΔb²)` and its
    /// bound `|c| + (|Δb·l_b| + |GᵥᵥΔb²|)`.
    @inline(__always)
    private func rowTerms(_ expansion: Expansion, b: Double) -> (db: Double, value: Double, bound: Double) {
        let db = b - expansion.centerB
        let linear = db * expansion.linearB
        let square = quadraticBB * db * db
        return (db, expansion.constant + (linear + square), abs(expansion.constant) + (abs(linear) + abs(square)))
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
                    // Rows claimed eight at a time (one claim per several microseconds of work).
                    parallelIndices(height, threads: threads, chunk: 8) { row in
                        self.fillRow(b: rows[row], columns: columns.base, terms: terms,
                                     into: output.base.baseAddress! + row * width)
                    }
                }
            }
        }
    }

    /// The column-only terms of up to two expansions, `e` = 0, 1, for every column `a`, as
    /// `value(a:b:)` computes them: `Δa·lₐ + GᵤᵤΔa²`, its bound and `2Gᵤᵥ·Δa` (``columnTerms``).
    private struct ColumnTerms: @unchecked Sendable {
        /// Kinds of term per expansion.
        static let kinds = 3
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
                    let terms = quadratic.columnTerms(expansion, a: a)
                    values[base + column] = terms.value
                    values[base + width + column] = terms.bound
                    values[base + 2 * width + column] = terms.mixed
                }
            }
        }

        func deallocate() { values.deallocate() }
    }

    /// `output[column] = value(a: columns[column], b: b)` for every column: CKernels'
    /// `descent_plane_row` (per point and expansion one product, the mixed term, two sums for the
    /// value and two for the bound, lane by lane the operations of `value(a:b:)`; four columns an
    /// instruction on processors with AVX2).
    @inline(__always)
    private func fillRow(b: Double, columns: UnsafeBufferPointer<Double>, terms: ColumnTerms, into output: UnsafeMutablePointer<Double>) {
        guard terms.values.count > 0 else {
            for column in 0..<columns.count { output[column] = value(a: columns[column], b: b) }
            return
        }
        withUnsafeTemporaryAllocation(of: descent_plane_row_terms.self, capacity: expansions.count) { rows in
            for (e, expansion) in expansions.enumerated() {
                let row = rowTerms(expansion, b: b)
                rows.initializeElement(at: e, to: descent_plane_row_terms(db: row.db, value: row.value, bound: row.bound))
            }
            descent_plane_row(terms.values.baseAddress!, columns.count, Int32(expansions.count), rows.baseAddress!, output)
        }
    }
}
