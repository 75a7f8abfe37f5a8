/// The data summarized for one model so that the MSE, its gradient and Hessian cost `O(p²)`, not `O(N)`.
///
/// With the feature matrix `X` (`Xᵢₖ = xᵢ^{pₖ}`), the mean squared error is the quadratic form
///
///     MSE(θ) = (1/N)‖Xθ − y‖² = θᵀGθ − 2θᵀc + mean(y²),   G = XᵀX/N,   c = Xᵀy/N,
///
/// with gradient `∇MSE = 2(Gθ − c)` and constant Hessian `2G`. `G` only depends on the moments
/// `mean(x^s)`, `s = 0…2d`, and `c` on `mean(y·x^s)`, so one pass over the data with compensated
/// (Neumaier) sums collects everything.
///
/// Evaluating `θᵀGθ − 2θᵀc + mean(y²)` directly cancels badly near the optimum (on raw heights,
/// `mean(y²) ≈ 29 000` while the MSE is about 20). So a second pass evaluates, at a center `θ₀`
/// (the least-squares solution when it exists, else `0`), the residual MSE `r₀ = MSE(θ₀)` and the
/// half-gradient `g₀ = Xᵀ(Xθ₀ − y)/N` directly, and every evaluation uses the exact identity
///
///     MSE(θ) = r₀ + 2dᵀg₀ + dᵀGd,   ∇MSE(θ) = 2(g₀ + Gd),   d = θ − θ₀,
///
/// where `g₀ ≈ 0` and every term is small near the optimum. Far from the optimum (for example near
/// `θ = 0` on raw data, where `θ₀` can be huge) the plain form with `θ₀ = 0` (`r₀ = mean(y²)`,
/// `g₀ = −c`) is the more accurate one; each evaluation uses whichever expansion has the smaller
/// rounding-error bound `r₀ + 2|d|ᵀ|g₀| + |d|ᵀ|G||d|`.
public struct SufficientStatistics: Sendable {
    /// The model whose features define `X`.
    public let model: PolynomialModel
    /// The number of data points `N`.
    public let count: Int
    /// `G = XᵀX/N`, the `p × p` Gram matrix: `G_jk = mean(x^{p_j + p_k})`.
    public let gram: [[Double]]
    /// `c = Xᵀy/N`: `c_k = mean(y · x^{p_k})`.
    public let cross: [Double]
    /// `mean(y²)`.
    public let meanSquareY: Double
    /// One exact expansion of the MSE around a center `θ₀`: `MSE(θ) = r₀ + 2dᵀg₀ + dᵀGd`, `d = θ − θ₀`.
    struct Expansion: Sendable {
        /// `θ₀`.
        let center: [Double]
        /// `r₀ = MSE(θ₀)`.
        let meanSquaredError: Double
        /// `g₀ = Xᵀ(Xθ₀ − y)/N`.
        let halfGradient: [Double]
    }

    /// The expansions around `0` and (when it exists) around the least-squares solution.
    let expansions: [Expansion]
    /// The least-squares solution, or `nil` when `G` is singular to working precision.
    private let solution: [Double]?

    /// Summarizes `x`, `y` (normalized or raw, as the model will be trained) for `model`.
    ///
    /// Two `O(N)` passes with compensated sums: moments, then residuals at the center `θ₀`. For the
    /// linear model from 2¹⁶ rows on, both passes run in SIMD lanes and fixed blocks over the cores
    /// (`LinearStatisticsPass`, the same error bound; the last bits can differ from one running sum).
    /// - Precondition: `x` is not empty and `x.count == y.count` (``Dataset`` guarantees both).
    public init(model: PolynomialModel, x: [Double], y: [Double]) {
        precondition(!x.isEmpty && x.count == y.count, "SufficientStatistics needs equally long, non-empty x and y")
        self.model = model
        count = x.count
        let powers = model.powers
        let degree = model.degree
        let inverseCount = 1 / Double(x.count)

        // Pass 1: mean(x^s) for s = 0…2d, mean(y·x^s) for s = 0…d, mean(y²).
        var moments = [CompensatedSum](repeating: CompensatedSum(), count: 2 * degree + 1)
        var crossMoments = [CompensatedSum](repeating: CompensatedSum(), count: degree + 1)
        var squares = CompensatedSum()
        let fastLinear = model == .linear && x.count >= LinearStatisticsPass.threshold
        if fastLinear {
            let sums = x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in LinearStatisticsPass.moments(x: x, y: y) } }
            moments[0].add(Double(x.count)) // the sum of N ones, exact
            moments[1] = sums.x
            moments[2] = sums.xx
            crossMoments[0] = sums.y
            crossMoments[1] = sums.xy
            squares = sums.yy
        } else {
            for index in x.indices {
                let xi = x[index]
                let yi = y[index]
                var power = 1.0
                for s in 0...(2 * degree) {
                    moments[s].add(power)
                    if s <= degree { crossMoments[s].add(yi * power) }
                    power *= xi
                }
                squares.add(yi * yi)
            }
        }
        let moment = moments.map { $0.value * inverseCount }
        gram = powers.map { pj in powers.map { pk in moment[pj + pk] } }
        cross = powers.map { crossMoments[$0].value * inverseCount }
        meanSquareY = squares.value * inverseCount

        // Pass 2: residuals at the least-squares solution.
        let solution = SymmetricMatrix.solvePositiveDefinite(gram, cross)
        self.solution = solution
        var expansions = [Expansion(center: [Double](repeating: 0, count: powers.count),
                                    meanSquaredError: meanSquareY, halfGradient: cross.map { -$0 })]
        if let center = solution {
            var residualSquares = CompensatedSum()
            var halfGradient = [CompensatedSum](repeating: CompensatedSum(), count: powers.count)
            if fastLinear {
                let sums = x.withUnsafeBufferPointer { x in
                    y.withUnsafeBufferPointer { y in LinearStatisticsPass.residuals(x: x, y: y, w: center[0], b: center[1]) }
                }
                residualSquares = sums.squares
                halfGradient = [sums.rx, sums.r]
            } else {
                var features = [Double](repeating: 0, count: powers.count)
                for index in x.indices {
                    var prediction = 0.0
                    for k in powers.indices {
                        features[k] = PolynomialModel.power(x[index], powers[k])
                        prediction += center[k] * features[k]
                    }
                    let residual = prediction - y[index]
                    residualSquares.add(residual * residual)
                    for k in powers.indices { halfGradient[k].add(residual * features[k]) }
                }
            }
            expansions.append(Expansion(center: center, meanSquaredError: residualSquares.value * inverseCount,
                                        halfGradient: halfGradient.map { $0.value * inverseCount }))
        }
        self.expansions = expansions
    }

    /// The expansion with the smallest rounding-error bound `r₀ + 2|d|ᵀ|g₀| + |d|ᵀ|G||d|` at `parameters`.
    private func bestExpansion(for parameters: [Double]) -> Expansion {
        var best = expansions[0]
        var bestBound = Double.infinity
        for expansion in expansions {
            var bound = expansion.meanSquaredError
            for j in parameters.indices {
                let dj = abs(parameters[j] - expansion.center[j])
                var row = 0.0
                for k in parameters.indices { row += abs(gram[j][k]) * abs(parameters[k] - expansion.center[k]) }
                bound += dj * (2 * abs(expansion.halfGradient[j]) + row)
            }
            if bound < bestBound {
                best = expansion
                bestBound = bound
            }
        }
        return best
    }

    /// `MSE(θ) = r₀ + 2dᵀg₀ + dᵀGd` with `d = θ − θ₀` (equal to `θᵀGθ − 2θᵀc + mean(y²)`), clamped at 0
    /// against rounding. Cost `O(p²)`.
    public func meanSquaredError(_ parameters: [Double]) -> Double {
        precondition(parameters.count == model.parameterCount, "expected \(model.parameterCount) parameters")
        let expansion = bestExpansion(for: parameters)
        var value = expansion.meanSquaredError
        for j in parameters.indices {
            let dj = parameters[j] - expansion.center[j]
            var row = 0.0
            for k in parameters.indices { row += gram[j][k] * (parameters[k] - expansion.center[k]) }
            value += dj * (2 * expansion.halfGradient[j] + row)
        }
        return max(0, value)
    }

    /// `∇MSE(θ) = 2(Gθ − c)`, evaluated as `2(g₀ + G(θ − θ₀))` with the expansion chosen as for the MSE. Cost `O(p²)`.
    public func gradient(_ parameters: [Double]) -> [Double] {
        precondition(parameters.count == model.parameterCount, "expected \(model.parameterCount) parameters")
        let expansion = bestExpansion(for: parameters)
        let difference = (0..<parameters.count).map { parameters[$0] - expansion.center[$0] }
        let product = SymmetricMatrix.multiply(gram, difference)
        return (0..<parameters.count).map { 2 * (expansion.halfGradient[$0] + product[$0]) }
    }

    /// The Hessian of the MSE, `2G` (constant in θ).
    public var hessian: [[Double]] { gram.map { $0.map { 2 * $0 } } }

    /// The eigenvalues of ``hessian`` `2G`, ascending (symmetric Jacobi eigenvalue algorithm). All are
    /// `≥ 0` up to rounding, since `G = XᵀX/N` is positive semidefinite.
    public func hessianEigenvalues() -> [Double] {
        SymmetricMatrix.eigenvalues(hessian)
    }

    /// `2 / λmax(2G)`: full-batch gradient descent `θ ← θ − η∇MSE` converges for `0 < η < 2/λmax`
    /// and diverges above it (the error along the top eigenvector is multiplied by `1 − ηλmax`).
    public var stableLearningRate: Double {
        2 / (hessianEigenvalues().last ?? .nan)
    }

    /// `λmax / λmin` of `2G` (infinite when `λmin ≤ 0`); gradient descent needs about this many
    /// steps per digit of accuracy in the slowest direction.
    public var conditionNumber: Double {
        let eigenvalues = hessianEigenvalues()
        guard let smallest = eigenvalues.first, let largest = eigenvalues.last, smallest > 0 else { return .infinity }
        return largest / smallest
    }

    /// The closed-form optimum `θ* = G⁻¹c` (the normal equations `XᵀXθ = Xᵀy`).
    ///
    /// Kept stable by equilibrating `G` to unit diagonal (`D⁻¹GD⁻¹`, `D = sqrt(diag G)`), a Cholesky
    /// factorization that rejects pivots below `p·1e-13` (no correct digits would remain), and two
    /// steps of iterative refinement. Normalized data keeps `G` well conditioned; on raw data with
    /// high powers `G` can be too ill-conditioned and this throws.
    /// - Throws: ``TrainingError/singularSystem(model:count:)`` when `G` is singular to working
    ///   precision (for example fewer distinct x values than parameters).
    public func leastSquaresSolution() throws -> [Double] {
        guard let solution else { throw TrainingError.singularSystem(model: model.name, count: count) }
        return solution
    }
}
