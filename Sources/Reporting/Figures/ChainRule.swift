import Foundation
import Training

/// One sample's forward and backward pass through a polynomial model, every value of the
/// chain rule, and the single-sample update `θ ← θ − η∇ℓ`, all on the z-scored data.
///
/// Forward: the features `xᵖ` of the model's powers (`1` for the bias), the products `wₖ·x^{pₖ}`,
/// `ŷ = Σₖ wₖ·x^{pₖ} + b`, `e = ŷ − y`, `ℓ = e²`. Backward: `∂ℓ/∂e = 2e`, `∂ℓ/∂ŷ = ∂ℓ/∂e·∂e/∂ŷ
/// = 2e`, `∂ℓ/∂wₖ = ∂ℓ/∂ŷ·∂ŷ/∂wₖ = 2e·x^{pₖ}`, `∂ℓ/∂b = 2e`. The update is the step SGD takes on
/// this sample alone: `θ' = θ − η·∇ℓ`.
struct ChainRule: Sendable, Equatable {
    /// The sample's row (0-based) and its label (or "row N").
    let index: Int, name: String
    /// The sample in original units.
    let originalX: Double, originalY: Double
    /// The sample in z-scores.
    let x: Double, y: Double
    /// The model's parameters at the epoch, in its order (weights, then the bias).
    let parameters: [Double]
    /// The model's powers, in parameter order (0 for the bias).
    let powers: [Int]
    /// `x^{pₖ}` per parameter (1 for the bias).
    let features: [Double]
    /// `wₖ·x^{pₖ}` per parameter.
    let products: [Double]
    /// `ŷ`, `e = ŷ − y`, `ℓ = e²`.
    let prediction: Double, error: Double, loss: Double
    /// `∂ℓ/∂θₖ = 2e·x^{pₖ}`.
    let gradient: [Double]
    /// `η` of the update.
    let learningRate: Double
    /// `θ − η·∇ℓ`.
    let updated: [Double]

    /// The pass for sample `index` of `model`'s data at `parameters` with rate `learningRate`.
    init(model: TrainedModel, index: Int, parameters: [Double], learningRate: Double) {
        let data = model.data
        self.index = index
        name = data.original.labels?[index] ?? "#\(index + 1)"
        originalX = data.original.x[index]
        originalY = data.original.y[index]
        x = data.x[index]
        y = data.y[index]
        self.parameters = parameters
        powers = model.model.powers
        let x = self.x
        features = powers.map { power in
            var value = 1.0
            for _ in 0..<power { value *= x }
            return value
        }
        products = zip(parameters, features).map(*)
        prediction = products.reduce(0, +)
        error = prediction - y
        loss = error * error
        let error = self.error
        gradient = features.map { 2 * error * $0 }
        self.learningRate = learningRate
        updated = zip(parameters, gradient).map { $0 - learningRate * $1 }
    }

    /// The sample that `name` names: a label of the data (exactly, else ignoring case) or a row
    /// number counted from 1.
    static func sampleIndex(_ name: String?, in dataset: Dataset) -> Int? {
        guard let name else { return 0 }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let labels = dataset.labels {
            if let exact = labels.firstIndex(of: trimmed) { return exact }
            if let loose = labels.firstIndex(where: { $0.lowercased() == trimmed.lowercased() }) { return loose }
        }
        if let row = Int(trimmed), (1...dataset.count).contains(row) { return row - 1 }
        return nil
    }
}
