import Foundation
import Training

/// Training and leave-one-out errors of the closed-form least-squares polynomials of several
/// degrees on a data set, in the data's original units squared (cm² for the notebook).
///
/// For degree `d` (model `w1·z + … + wd·z^d + b`, ``PolynomialModel/polynomial(degree:)``):
/// - training error: z-score all `N` points (population σ, as everywhere), fit by
///   ``PolynomialLeastSquares``, map the predictions back to original units, mean squared error;
/// - leave-one-out error: for each point `i`, z-score the other `N − 1` with their own mean and σ,
///   fit, predict point `i` in original units; the mean of the `N` squared errors.
///
/// Up to ``directLimit`` points every left-out fit is computed directly (`N` fits). Beyond, the
/// leave-one-out errors come from the full fit's residuals and leverages, `eᵢ/(1 − hᵢᵢ)`: z-scoring
/// is an affine map of x and y and the model has an intercept, so the polynomials of degree `d` in
/// the `N − 1` points' z-scores are those in the full data's, and refitting without point `i`
/// changes its prediction by exactly that (the tests check the two agree).
struct DegreeSweep: Sendable {
    /// One degree's errors.
    struct Row: Sendable, Equatable {
        let degree: Int
        /// Mean squared error of the fit on all points, original units squared.
        let trainingError: Double
        /// Mean squared error of each point predicted from the fit without it, original units squared.
        let leaveOneOutError: Double
    }

    /// The rows, by increasing degree.
    let rows: [Row]
    /// The fits on all points, by degree: parameters on the z-scored data.
    let fits: [Int: [Double]]
    /// The full data's z-score transforms.
    let xScale: Normalizer, yScale: Normalizer

    /// Points up to which every left-out fit is computed directly.
    static let directLimit = 400
    /// The highest degree swept.
    static let maximumDegree = DegreeSweepSpec.maximumDegree

    /// The degrees a data set of `dataset`'s points allows: `1…8`, each leaving at least one point
    /// more than parameters in every left-out fit (`d ≤ distinct x values − 2`).
    static func degrees(for dataset: Dataset) -> ClosedRange<Int>? {
        let distinct = Set(dataset.x).count
        let highest = min(maximumDegree, distinct - 2)
        return highest >= 1 ? 1...highest : nil
    }

    /// The sweep over `degrees` on `dataset`; `direct` forces (true) or forbids (false) the direct refits.
    static func compute(_ dataset: Dataset, degrees: ClosedRange<Int>, direct: Bool? = nil) throws -> DegreeSweep {
        let xScale = try Normalizer(fitting: dataset.x, name: dataset.xName, source: dataset.source)
        let yScale = try Normalizer(fitting: dataset.y, name: dataset.yName, source: dataset.source)
        let z = dataset.x.map(xScale.normalize), t = dataset.y.map(yScale.normalize)
        let n = dataset.count
        let refit = direct ?? (n <= directLimit)
        var rows: [Row] = [], fits: [Int: [Double]] = [:]
        for degree in degrees {
            let model = try PolynomialModel.polynomial(degree: degree)
            let full = try PolynomialLeastSquares(model: model, x: z, y: t)
            fits[degree] = full.parameters
            var training = 0.0, leaveOneOut = 0.0
            for i in 0..<n {
                let predicted = yScale.denormalize(model.predict(full.parameters, at: z[i]))
                let residual = dataset.y[i] - predicted
                training += residual * residual
                if !refit {
                    let held = residual / (1 - full.leverages[i])
                    leaveOneOut += held * held
                }
            }
            if refit {
                for i in 0..<n {
                    var xs = dataset.x, ys = dataset.y
                    xs.remove(at: i)
                    ys.remove(at: i)
                    let xLeft = try Normalizer(fitting: xs, name: dataset.xName, source: dataset.source)
                    let yLeft = try Normalizer(fitting: ys, name: dataset.yName, source: dataset.source)
                    let fit = try PolynomialLeastSquares(model: model, x: xs.map(xLeft.normalize), y: ys.map(yLeft.normalize))
                    let predicted = yLeft.denormalize(model.predict(fit.parameters, at: xLeft.normalize(dataset.x[i])))
                    let error = dataset.y[i] - predicted
                    leaveOneOut += error * error
                }
            }
            rows.append(Row(degree: degree, trainingError: training / Double(n), leaveOneOutError: leaveOneOut / Double(n)))
        }
        return DegreeSweep(rows: rows, fits: fits, xScale: xScale, yScale: yScale)
    }

    /// The rows as CSV: header `degree,train_mse_<unit>2,loo_mse_<unit>2` (`train_mse_cm2` for the
    /// notebook; `train_mse,loo_mse` without a unit), numbers in shortest round-trip form.
    func csv(unit: String?) -> String {
        let suffix = unit.map { "_\($0)2" } ?? ""
        var text = "degree,train_mse\(suffix),loo_mse\(suffix)\n"
        for row in rows { text += "\(row.degree),\(row.trainingError),\(row.leaveOneOutError)\n" }
        return text
    }
}
