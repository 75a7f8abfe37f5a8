import Foundation

/// The principal directions of a cloud of parameter vectors: the eigenvectors of their
/// covariance `C = (1/n) Σᵢ (θᵢ − θ̄)(θᵢ − θ̄)ᵀ`, by decreasing eigenvalue (variance).
///
/// Used for the `--pca` landscape plane: the first two directions span the plane in which the
/// optimizer's path moves most; `explainedVarianceRatio[k] = λₖ / Σⱼ λⱼ`.
public struct PrincipalDirections: Sendable {
    /// Unit eigenvectors of `C`, by decreasing eigenvalue; mutually orthogonal.
    public let directions: [[Double]]
    /// The eigenvalues `λₖ ≥ 0` of `C` (variances along ``directions``), decreasing.
    public let variances: [Double]

    /// `λₖ / Σⱼ λⱼ`: the fraction of the total variance along each direction (NaN when all are 0).
    public var explainedVarianceRatio: [Double] {
        let total = variances.reduce(0, +)
        return variances.map { total > 0 ? $0 / total : .nan }
    }

    /// The principal directions of `points` (each with the same number `p ≥ 1` of entries).
    ///
    /// - Precondition: `points` is not empty and all have equal length.
    public init(points: [[Double]]) {
        precondition(!points.isEmpty, "PrincipalDirections needs at least one point")
        let p = points[0].count
        precondition(points.allSatisfy { $0.count == p }, "PrincipalDirections needs points of equal length")
        let n = Double(points.count)
        var mean = [Double](repeating: 0, count: p)
        for point in points { for k in 0..<p { mean[k] += point[k] / n } }
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for point in points {
            for j in 0..<p {
                let dj = point[j] - mean[j]
                for k in 0..<p { covariance[j][k] += dj * (point[k] - mean[k]) / n }
            }
        }
        let (values, vectors) = Self.eigen(covariance)
        let order = values.indices.sorted { values[$0] > values[$1] }
        variances = order.map { max(0, values[$0]) }
        directions = order.map { index in (0..<p).map { vectors[$0][index] } }
    }

    /// Eigenvalues and eigenvectors (columns of the returned matrix) of a symmetric matrix by cyclic
    /// Jacobi rotations: each rotation zeroes `a_pq` with `θ = (a_qq − a_pp)/(2a_pq)`,
    /// `t = sign(θ)/(|θ| + √(θ² + 1))`, `c = 1/√(t² + 1)`, `s = t·c`, accumulated into `V`.
    static func eigen(_ matrix: [[Double]]) -> (values: [Double], vectors: [[Double]]) {
        var a = matrix
        let n = a.count
        var v = (0..<n).map { row in (0..<n).map { $0 == row ? 1.0 : 0.0 } }
        guard n > 1 else { return (n == 1 ? [a[0][0]] : [], v) }
        for _ in 0..<100 {
            var offDiagonal = 0.0, diagonal = 0.0
            for p in 0..<n {
                diagonal += a[p][p] * a[p][p]
                for q in (p + 1)..<n { offDiagonal += a[p][q] * a[p][q] }
            }
            if offDiagonal == 0 || offDiagonal <= 1e-32 * diagonal { break }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n where a[p][q] != 0 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<n {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0][$0] }, v)
    }
}
