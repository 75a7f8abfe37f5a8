/// Direct `O(N)` reference computations of the loss, its gradient and the metric.
///
/// These loop over the samples in order and add left to right, exactly as the lecture notebook's
/// per-sample formulas read; the trainer uses the same arithmetic, and the tests use these to check
/// ``SufficientStatistics`` and ``PlaneQuadratic``.
public enum Loss {
    /// `MSE = (1/N) Σᵢ (ŷᵢ − yᵢ)²` with `ŷᵢ = model.predict(parameters, at: xᵢ)`.
    ///
    /// - Precondition: `x.count == y.count > 0`, `parameters.count == model.parameterCount`.
    public static func meanSquaredError(model: PolynomialModel, parameters: [Double], x: [Double], y: [Double]) -> Double {
        precondition(!x.isEmpty && x.count == y.count, "x and y need the same, non-zero length")
        var sum = 0.0
        for index in x.indices {
            let error = model.predict(parameters, at: x[index]) - y[index]
            sum += error * error
        }
        return sum / Double(x.count)
    }

    /// `∂MSE/∂θₖ = (1/N) Σᵢ 2eᵢ · xᵢ^{pₖ}`, `eᵢ = ŷᵢ − yᵢ` (the per-sample chain rule
    /// `∂l/∂ŷ = 2e`, `∂ŷ/∂θₖ = x^{pₖ}`, averaged; for the bias `x⁰ = 1`, so `2e`).
    ///
    /// - Precondition: as ``meanSquaredError(model:parameters:x:y:)``.
    public static func gradient(model: PolynomialModel, parameters: [Double], x: [Double], y: [Double]) -> [Double] {
        precondition(!x.isEmpty && x.count == y.count, "x and y need the same, non-zero length")
        var sums = [Double](repeating: 0, count: model.parameterCount)
        for index in x.indices {
            let error = model.predict(parameters, at: x[index]) - y[index]
            for k in sums.indices {
                sums[k] += 2 * error * PolynomialModel.power(x[index], model.powers[k])
            }
        }
        return sums.map { $0 / Double(x.count) }
    }

    /// The mean absolute error in original units (centimetres for the notebook):
    /// `(1/N) Σᵢ |ŷᵢ·σy + μy − y_origᵢ|`, with `ŷᵢ` predicted from the normalized `xᵢ`.
    public static func meanAbsoluteErrorOriginal(model: PolynomialModel, parameters: [Double], data: NormalizedDataset) -> Double {
        var sum = 0.0
        for index in data.x.indices {
            let prediction = data.yScale.denormalize(model.predict(parameters, at: data.x[index]))
            sum += abs(prediction - data.original.y[index])
        }
        return sum / Double(data.count)
    }
}
