import Foundation
import Training

/// The MSE along the direction of its fastest curvature: the line `θ(x) = θ* + x·v` through the
/// closed-form optimum `θ*` along the unit eigenvector `v` of the Hessian's largest eigenvalue `λ`.
///
/// Factor-2 convention: the loss is the plain mean of squared errors, `MSE(θ) = (1/N)‖Xθ − y‖²`,
/// so its Hessian is `H = 2G = (2/N)XᵀX` (not `G`), and along the line
///
///     L(x) = L* + ½·λ·x²,   dL/dx = v·∇MSE(θ(x)) = λ·x.
///
/// Gradient descent on `L` with learning rate `η` is therefore `x ← x − ηλx = (1 − ηλ)·x`: it
/// converges monotonically for `0 < η < 1/λ`, reaches the minimum in one step at `η = 1/λ`,
/// oscillates with shrinking amplitude for `1/λ < η < 2/λ` and diverges beyond `2/λ`.
struct TopEigendirection: Sendable {
    /// The model's data statistics (the exact MSE and its gradient).
    let statistics: SufficientStatistics
    /// `θ*`.
    let optimum: [Double]
    /// The unit eigenvector `v` of `2G` for ``eigenvalue``, oriented so the start has `x₀ ≥ 0`.
    let direction: [Double]
    /// `λ`, the largest eigenvalue of the Hessian `2G`.
    let eigenvalue: Double
    /// Whether every eigenvalue equals `λ` (``SymmetricEigendecomposition/isIsotropic``): then
    /// every direction curves alike and `v` is one of many.
    let isIsotropic: Bool
    /// `x₀ = v·(θ₀ − θ*)`, the start's coordinate along `v` (1 when the start lies on the
    /// optimum's hyperplane orthogonal to `v`, so there is something to watch).
    let start: Double

    /// The line of `statistics` through `optimum`, starting from the projection of `initial`.
    init(statistics: SufficientStatistics, optimum: [Double], initial: [Double]) {
        self.statistics = statistics
        self.optimum = optimum
        let decomposition = SymmetricEigendecomposition(statistics.hessian)
        eigenvalue = decomposition.values.last ?? .nan
        isIsotropic = decomposition.isIsotropic
        var vector = decomposition.vectors.last ?? optimum.map { _ in 0 }
        var x = zip(vector, zip(initial, optimum)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) }
        if x < 0 {
            vector = vector.map { -$0 }
            x = -x
        }
        direction = vector
        start = x > 1e-9 ? x : 1
    }

    /// `θ* + x·v`.
    func parameters(_ x: Double) -> [Double] {
        zip(optimum, direction).map { $0 + x * $1 }
    }

    /// The exact MSE at `θ* + x·v`.
    func loss(_ x: Double) -> Double { statistics.meanSquaredError(parameters(x)) }

    /// `dL/dx = v·∇MSE(θ* + x·v)`, from the full analytic gradient.
    func slope(_ x: Double) -> Double {
        zip(direction, statistics.gradient(parameters(x))).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// `x₀, x₁, …, x_steps` of gradient descent `x ← x − η·dL/dx` from ``start``.
    func iterates(learningRate: Double, steps: Int) -> [Double] {
        var x = start
        var result = [x]
        for _ in 0..<steps {
            x -= learningRate * slope(x)
            result.append(x)
        }
        return result
    }
}
