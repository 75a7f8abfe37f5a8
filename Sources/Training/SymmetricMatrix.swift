/// Small dense symmetric-matrix routines for the `p × p` systems of the models (`p ≤ 10`).
enum SymmetricMatrix {
    /// Eigenvalues of the symmetric matrix `matrix`, ascending (``SymmetricEigendecomposition``).
    static func eigenvalues(_ matrix: [[Double]]) -> [Double] {
        SymmetricEigendecomposition(matrix).values
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
