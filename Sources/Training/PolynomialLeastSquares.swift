import Foundation

/// The closed-form least-squares fit of a ``PolynomialModel`` by Householder QR of its design
/// matrix, for fits close to interpolation where the normal equations lose too many digits.
///
/// The design matrix `X` (one row per point, one column per parameter in the model's order,
/// `Xᵢₖ = xᵢ^{pₖ}`) is reduced to `R` by Householder reflections, `θ` solves `Rθ = Qᵀy` by back
/// substitution, and the leverages `hᵢᵢ = Σₖ Qᵢₖ²` (the hat matrix's diagonal) come from the thin
/// `Q`. The condition number of `X` is estimated as `max|Rₖₖ| / min|Rₖₖ|`; the fit is refused
/// when `min|Rₖₖ| ≤ 10⁻¹²·max|Rₖₖ|` (too few distinct x values for the parameters). Squaring
/// nothing, the relative error is about `κ(X)·ε` instead of the normal equations' `κ(X)²·ε`:
/// degree 8 through 9 z-scored points has `κ(X)` of about 10³ here.
public struct PolynomialLeastSquares: Sendable {
    /// `θ`, in the model's parameter order.
    public let parameters: [Double]
    /// `hᵢᵢ` for every point, in `[0, 1]`: how much point `i`'s own y moves its fitted value.
    public let leverages: [Double]
    /// `max|Rₖₖ| / min|Rₖₖ|`, an estimate of the design matrix's condition number.
    public let conditionEstimate: Double

    /// Fits `model` to the points `(x, y)`.
    ///
    /// - Throws: ``TrainingError/lengthMismatch(name:expected:found:)`` for unequal lengths,
    ///   ``TrainingError/singularSystem(model:count:)`` for fewer points than parameters or a
    ///   rank-deficient design matrix.
    public init(model: PolynomialModel, x: [Double], y: [Double]) throws {
        guard x.count == y.count else { throw TrainingError.lengthMismatch(name: "y", expected: x.count, found: y.count) }
        let m = x.count, p = model.parameterCount
        guard m >= p, p > 0 else { throw TrainingError.singularSystem(model: model.name, count: m) }
        // Column-major design matrix.
        var a = [Double](repeating: 0, count: m * p)
        for (k, power) in model.powers.enumerated() {
            for i in 0..<m { a[k * m + i] = power == 0 ? 1 : pow(x[i], Double(power)) }
        }
        var b = y
        var reflectors: [[Double]] = []
        var diagonal = [Double](repeating: 0, count: p)
        for k in 0..<p {
            var norm = 0.0
            for i in k..<m { norm = hypot(norm, a[k * m + i]) }
            let alpha = a[k * m + k] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: m - k)
            for i in k..<m { v[i - k] = a[k * m + i] }
            v[0] -= alpha
            let vv = v.reduce(0) { $0 + $1 * $1 }
            if vv > 0 {
                for j in k..<p {
                    var dot = 0.0
                    for i in k..<m { dot += v[i - k] * a[j * m + i] }
                    let factor = 2 * dot / vv
                    for i in k..<m { a[j * m + i] -= factor * v[i - k] }
                }
                var dot = 0.0
                for i in k..<m { dot += v[i - k] * b[i] }
                let factor = 2 * dot / vv
                for i in k..<m { b[i] -= factor * v[i - k] }
            }
            reflectors.append(vv > 0 ? v.map { $0 / vv.squareRoot() } : v.map { _ in 0 })
            diagonal[k] = a[k * m + k]
        }
        let magnitudes = diagonal.map(abs)
        let largest = magnitudes.max() ?? 0, smallest = magnitudes.min() ?? 0
        guard largest > 0, smallest > 1e-12 * largest, smallest.isFinite, largest.isFinite else {
            throw TrainingError.singularSystem(model: model.name, count: m)
        }
        var theta = [Double](repeating: 0, count: p)
        for k in stride(from: p - 1, through: 0, by: -1) {
            var sum = b[k]
            for j in (k + 1)..<max(k + 1, p) { sum -= a[j * m + k] * theta[j] }
            theta[k] = sum / a[k * m + k]
        }
        // Thin Q: the reflections applied in reverse to the first p columns of the identity.
        var leverages = [Double](repeating: 0, count: m)
        for column in 0..<p {
            var q = [Double](repeating: 0, count: m)
            q[column] = 1
            for k in stride(from: p - 1, through: 0, by: -1) {
                let u = reflectors[k]  // unit vector (scaled by √2 in the reflection 1 − 2uuᵀ)
                var dot = 0.0
                for i in k..<m { dot += u[i - k] * q[i] }
                for i in k..<m { q[i] -= 2 * dot * u[i - k] }
            }
            for i in 0..<m { leverages[i] += q[i] * q[i] }
        }
        parameters = theta
        self.leverages = leverages
        conditionEstimate = largest / smallest
    }
}
