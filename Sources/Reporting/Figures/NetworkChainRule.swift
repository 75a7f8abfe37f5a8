import Foundation
import Training

/// One sample's forward and backward pass through a one-hidden-layer tanh network
/// (``NetworkModel``), every value of the chain rule per unit, and the single-sample update
/// `θ ← θ − η∇ℓ`, all on the z-scored data.
///
/// Forward, per unit `j`: `zⱼ = wⱼ·x + cⱼ`, `hⱼ = tanh zⱼ`, `vⱼ·hⱼ`; then `ŷ = Σⱼ vⱼ·hⱼ + b`
/// (summed in unit order, as ``NetworkModel/predict(_:at:)``), `e = ŷ − y`, `ℓ = e²`.
/// Backward: `∂ℓ/∂ŷ = 2e`, `∂ℓ/∂vⱼ = 2e·hⱼ`, `∂ℓ/∂b = 2e`, `∂ℓ/∂hⱼ = 2e·vⱼ`,
/// `∂ℓ/∂zⱼ = ∂ℓ/∂hⱼ·(1 − hⱼ²)`, `∂ℓ/∂wⱼ = ∂ℓ/∂zⱼ·x`, `∂ℓ/∂cⱼ = ∂ℓ/∂zⱼ`.
/// The update is the step SGD takes on this sample alone: `θ' = θ − η·∇ℓ`.
struct NetworkChainRule: Sendable, Equatable {
    /// One hidden unit's values.
    struct Unit: Sendable, Equatable {
        /// `wⱼ`, `cⱼ`, `vⱼ`.
        let w: Double, c: Double, v: Double
        /// `zⱼ = wⱼ·x + cⱼ`, `hⱼ = tanh zⱼ`, `vⱼ·hⱼ`.
        let z: Double, h: Double, output: Double
        /// `∂ℓ/∂hⱼ = 2e·vⱼ`, `∂ℓ/∂zⱼ = ∂ℓ/∂hⱼ·(1 − hⱼ²)`.
        let dh: Double, dz: Double
        /// `∂ℓ/∂wⱼ = ∂ℓ/∂zⱼ·x`, `∂ℓ/∂cⱼ = ∂ℓ/∂zⱼ`, `∂ℓ/∂vⱼ = 2e·hⱼ`.
        let dw: Double, dc: Double, dv: Double
    }

    /// The sample's row (0-based) and its label (or "#N").
    let index: Int, name: String
    /// The sample in original units.
    let originalX: Double, originalY: Double
    /// The sample in z-scores.
    let x: Double, y: Double
    /// The network.
    let network: NetworkModel
    /// The parameters at the epoch, in the network's order (`w`, `c`, `v`, `b`).
    let parameters: [Double]
    /// Every unit, in order.
    let units: [Unit]
    /// The output bias `b`.
    let bias: Double
    /// `ŷ`, `e = ŷ − y`, `ℓ = e²`.
    let prediction: Double, error: Double, loss: Double
    /// `∇ℓ` in parameter order.
    let gradient: [Double]
    /// `η` of the update.
    let learningRate: Double
    /// `θ − η·∇ℓ` in parameter order.
    let updated: [Double]

    /// The pass for sample `index` of `model`'s data through `network` at `parameters` with rate `learningRate`.
    init(model: TrainedModel, network: NetworkModel, index: Int, parameters: [Double], learningRate: Double) {
        let data = model.data
        self.init(network: network, x: data.x[index], y: data.y[index], parameters: parameters, learningRate: learningRate,
                  index: index, name: data.original.labels?[index] ?? "#\(index + 1)",
                  originalX: data.original.x[index], originalY: data.original.y[index])
    }

    /// The pass for the z-scored sample `(x, y)`.
    init(network: NetworkModel, x: Double, y: Double, parameters: [Double], learningRate: Double,
         index: Int = 0, name: String = "", originalX: Double = .nan, originalY: Double = .nan) {
        precondition(parameters.count == network.parameterCount, "expected \(network.parameterCount) parameters, got \(parameters.count)")
        self.index = index
        self.name = name
        self.originalX = originalX
        self.originalY = originalY
        self.x = x
        self.y = y
        self.network = network
        self.parameters = parameters
        let count = network.hiddenUnits
        var forward: [(w: Double, c: Double, v: Double, z: Double, h: Double)] = []
        var sum = 0.0
        for j in 0..<count {
            let w = parameters[j], c = parameters[count + j], v = parameters[2 * count + j]
            let z = w * x + c, h = NetworkModel.activation(z)
            forward.append((w, c, v, z, h))
            sum += v * h
        }
        bias = parameters[3 * count]
        prediction = sum + bias
        error = prediction - y
        loss = error * error
        let twoE = 2 * error
        units = forward.map { unit in
            let dh = twoE * unit.v, dz = dh * (1 - unit.h * unit.h)
            return Unit(w: unit.w, c: unit.c, v: unit.v, z: unit.z, h: unit.h, output: unit.v * unit.h,
                        dh: dh, dz: dz, dw: dz * x, dc: dz, dv: twoE * unit.h)
        }
        gradient = units.map(\.dw) + units.map(\.dc) + units.map(\.dv) + [twoE]
        self.learningRate = learningRate
        updated = zip(parameters, gradient).map { $0 - learningRate * $1 }
    }

    /// The units by importance: the largest `|∂ℓ/∂zⱼ|` first (a NaN counts as the largest), ties
    /// to the lower index.
    var ranking: [Int] {
        let key = units.map { $0.dz.isNaN ? Double.infinity : abs($0.dz) }
        return units.indices.sorted { key[$0] > key[$1] || (key[$0] == key[$1] && $0 < $1) }
    }

    /// The units the figure draws, in unit order: all of them when there are at most `limit`,
    /// else the first `limit` of ``ranking``.
    func shownUnits(limit: Int) -> [Int] {
        ranking.prefix(limit).sorted()
    }
}
