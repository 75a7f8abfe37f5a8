import Foundation
import Training

/// The per-sample gradients of the MSE at one point and the spread of minibatch gradients.
///
/// With `eᵢ = ŷᵢ − yᵢ` and features `φᵢ = (xᵢ^{p₁}, …)`, the per-sample loss `ℓᵢ = eᵢ²` has
/// gradient `gᵢ = ∇ℓᵢ = 2eᵢφᵢ` (the notebook's chain rule), and the full gradient is their mean
/// `ḡ = (1/N) Σ gᵢ = ∇MSE`. A minibatch of `B` rows drawn **without replacement** (as one shuffled
/// epoch cuts its batches) has gradient `g_B = (1/B) Σ_{i∈batch} gᵢ` with mean `ḡ` and the exact
/// finite-population covariance
///
///     Cov(g_B) = (N − B)/(N − 1) · Σ/B,   Σ = (1/N) Σᵢ (gᵢ − ḡ)(gᵢ − ḡ)ᵀ,
///
/// which is `Σ` for `B = 1` and `0` for `B = N` (every batch is the whole data set).
struct GradientNoise: Sendable {
    /// `gᵢ`, one per row, every component of the model's parameters.
    let perSample: [[Double]]
    /// `ḡ`.
    let mean: [Double]
    /// `Σ`, the population covariance of the `gᵢ` (divided by `N`).
    let covariance: [[Double]]

    /// The gradients of `model` at `parameters` on the rows `x`, `y` (as trained: z-scores).
    init(model: PolynomialModel, parameters: [Double], x: [Double], y: [Double]) {
        let powers = model.powers
        perSample = zip(x, y).map { xi, yi in
            let features = powers.map { power in (0..<power).reduce(1.0) { product, _ in product * xi } }
            let error = zip(features, parameters).reduce(0) { $0 + $1.0 * $1.1 } - yi
            return features.map { 2 * error * $0 }
        }
        let count = Double(max(1, perSample.count))
        let p = powers.count
        var mean = [Double](repeating: 0, count: p)
        for gradient in perSample { for k in 0..<p { mean[k] += gradient[k] / count } }
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for gradient in perSample {
            for j in 0..<p { for k in 0..<p { covariance[j][k] += (gradient[j] - mean[j]) * (gradient[k] - mean[k]) / count } }
        }
        self.mean = mean
        self.covariance = covariance
    }

    /// The covariance of the mean gradient of `batchSize` rows drawn without replacement:
    /// `(N − B)/(N − 1) · Σ/B` (0 when `N = 1`).
    func batchCovariance(batchSize: Int) -> [[Double]] {
        let n = Double(perSample.count), b = Double(batchSize)
        let factor = n > 1 ? (n - b) / (n - 1) / b : 0
        return covariance.map { $0.map { factor * $0 } }
    }
}
