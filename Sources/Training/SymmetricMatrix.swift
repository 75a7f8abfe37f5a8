/// Small dense symmetric-matrix routines for the `p × p` systems of the models (`p ≤ 10`).
enum SymmetricMatrix {
    /// Eigenvalues of the symmetric matrix `matrix`, ascending, by the cyclic Jacobi method.
    ///
    /// Each rotation zeroes one off-diagonal entry `a_pq` with the angle
    /// `θ = (a_qq − a_pp) / (2 a_pq)`, `t = sign(θ) / (|θ| + sqrt(θ² + 1))`, `c = 1/sqrt(t² + 1)`,
    /// `s = t·c`; sweeps repeat until the off-diagonal mass is negligible against the diagonal
    /// (at most 100 sweeps; convergence is quadratic, a 10 × 10 matrix needs fewer than 10).
    static func eigenvalues(_ matrix: [[Double]]) -> [Double] {
        var a = matrix
        let n = a.count
        guard n > 1 else { return n == 1 ? [a[0][0]] : [] }
        for _ in 0..<100 {
            var offDiagonal = 0.0
            var diagonal = 0.0
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
                        let akp = a[k][p]
                        let akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k]
                        let aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                }
            }
        }
        return (0..<n).map { a[$0][$0] }.sorted()
    }

    /// `matrix · vector`.
    static func multiply(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
        matrix.map { row in
            var sum = 0.0
            for index in row.indices { sum += row[index] * vector[index] }
            return sum
        }
    }

    /// `a · b`.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices { sum += a[index] * b[index] }
        return sum
    }

    /// Solves `matrix · θ = rightHandSide` for a symmetric positive definite `matrix`, or returns `nil`
    /// when it is singular to working precision.
    ///
    /// Stabilized in three ways: (1) symmetric equilibration `D⁻¹ G D⁻¹` with `D = sqrt(diag G)`, so
    /// every diagonal entry is 1 and the features' very different scales (`x` against `x⁹`) do not
    /// matter; (2) Cholesky factorization `LLᵀ` of the equilibrated matrix, rejecting a pivot below
    /// `p · 1e-13` (a relative condition number above about 10¹³, where the answer would have no
    /// correct digits); (3) two steps of iterative refinement `θ ← θ + solve(b − Gθ)`.
    static func solvePositiveDefinite(_ matrix: [[Double]], _ rightHandSide: [Double]) -> [Double]? {
        let n = matrix.count
        guard n > 0 else { return [] }
        var scale = [Double](repeating: 1, count: n)
        for i in 0..<n {
            guard matrix[i][i] > 0, matrix[i][i].isFinite else { return nil }
            scale[i] = matrix[i][i].squareRoot()
        }
        var lower = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        let threshold = Double(n) * 1e-13
        for j in 0..<n {
            var pivot = matrix[j][j] / (scale[j] * scale[j])
            for k in 0..<j { pivot -= lower[j][k] * lower[j][k] }
            guard pivot > threshold, pivot.isFinite else { return nil }
            let root = pivot.squareRoot()
            lower[j][j] = root
            for i in (j + 1)..<n {
                var value = matrix[i][j] / (scale[i] * scale[j])
                for k in 0..<j { value -= lower[i][k] * lower[j][k] }
                lower[i][j] = value / root
            }
        }
        func solveFactored(_ b: [Double]) -> [Double] {
            // D⁻¹ G D⁻¹ (D θ) = D⁻¹ b
            var z = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var value = b[i] / scale[i]
                for k in 0..<i { value -= lower[i][k] * z[k] }
                z[i] = value / lower[i][i]
            }
            var w = [Double](repeating: 0, count: n)
            for i in stride(from: n - 1, through: 0, by: -1) {
                var value = z[i]
                for k in (i + 1)..<n { value -= lower[k][i] * w[k] }
                w[i] = value / lower[i][i]
            }
            return (0..<n).map { w[$0] / scale[$0] }
        }
        var solution = solveFactored(rightHandSide)
        for _ in 0..<2 {
            let product = multiply(matrix, solution)
            let residual = (0..<n).map { rightHandSide[$0] - product[$0] }
            let correction = solveFactored(residual)
            for i in 0..<n { solution[i] += correction[i] }
        }
        return solution.allSatisfy(\.isFinite) ? solution : nil
    }
}
