/// Eigenvalues and unit eigenvectors of a small dense symmetric matrix by the cyclic Jacobi method.
///
/// Each rotation zeroes one off-diagonal entry `a_pq` with the angle
/// `θ = (a_qq − a_pp) / (2 a_pq)`, `t = sign(θ) / (|θ| + sqrt(θ² + 1))`, `c = 1/sqrt(t² + 1)`,
/// `s = t·c`, and is accumulated into `V`; sweeps repeat until the off-diagonal mass is negligible
/// against the diagonal (at most 100 sweeps; convergence is quadratic, a 10 × 10 matrix needs
/// fewer than 10). Used for the Hessian's eigenvalues and for the principal directions of paths.
public struct SymmetricEigendecomposition: Sendable {
    /// The eigenvalues, ascending.
    public let values: [Double]
    /// The unit eigenvectors, `vectors[k]` belonging to `values[k]`; mutually orthogonal.
    public let vectors: [[Double]]

    /// Whether every eigenvalue equals the largest to 10⁻⁹ relative: then every direction is an
    /// eigenvector and ``vectors`` are one orthonormal choice of many (the z-scored linear model's
    /// Hessian is `2I`).
    public var isIsotropic: Bool {
        guard let smallest = values.first, let largest = values.last else { return false }
        return smallest >= largest * (1 - 1e-9)
    }

    /// Decomposes `matrix` (square and symmetric; only that is read).
    public init(_ matrix: [[Double]]) {
        var a = matrix
        let n = a.count
        var v = (0..<n).map { row in (0..<n).map { $0 == row ? 1.0 : 0.0 } }
        if n > 1 {
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
        }
        let diagonal = (0..<n).map { a[$0][$0] }
        let order = diagonal.indices.sorted { diagonal[$0] < diagonal[$1] }
        values = order.map { diagonal[$0] }
        vectors = order.map { column in (0..<n).map { v[$0][column] } }
    }
}
