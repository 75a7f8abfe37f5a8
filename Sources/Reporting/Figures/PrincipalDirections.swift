import Foundation
import Training

/// The principal directions of a cloud of parameter vectors: the eigenvectors of their
/// covariance `C = (1/n) Σᵢ (θᵢ − θ̄)(θᵢ − θ̄)ᵀ`, by decreasing eigenvalue (variance).
///
/// Used for the `--pca` landscape plane: the first two directions span the plane in which the
/// optimizer's path moves most; `explainedVarianceRatio[k] = λₖ / Σⱼ λⱼ`.
struct PrincipalDirections: Sendable {
    /// Unit eigenvectors of `C`, by decreasing eigenvalue; mutually orthogonal.
    let directions: [[Double]]
    /// The eigenvalues `λₖ ≥ 0` of `C` (variances along ``directions``), decreasing.
    let variances: [Double]

    /// `λₖ / Σⱼ λⱼ`: the fraction of the total variance along each direction (NaN when all are 0).
    var explainedVarianceRatio: [Double] {
        let total = variances.reduce(0, +)
        return variances.map { total > 0 ? $0 / total : .nan }
    }

    /// The principal directions of `points` (each with the same number `p ≥ 1` of entries).
    ///
    /// - Precondition: `points` is not empty and all have equal length.
    init(points: [[Double]]) {
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
        let decomposition = SymmetricEigendecomposition(covariance)
        variances = decomposition.values.reversed().map { max(0, $0) }
        directions = decomposition.vectors.reversed()
    }
}
