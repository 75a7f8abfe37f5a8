import CKernels
import Foundation

/// A small neural network with one hidden layer of `H` tanh units and one linear output:
/// `ŷ = Σⱼ vⱼ·tanh(wⱼ·x + cⱼ) + b`, trained on the same z-scored data and MSE as the polynomials.
///
/// Parameter order (also the CSV columns and `--init` order): `w1 … wH` (input weights), `c1 … cH`
/// (hidden biases), `v1 … vH` (output weights), `b` (output bias); `3H + 1` parameters.
///
/// Gradients are backpropagation written out as the chain rule (see
/// ``addGradient(x:y:parameters:hidden:gradient:)``); the trainer's loop, optimizers, schedules,
/// shuffling, divergence rule and records are the polynomial models' (``Trainer``).
public struct NetworkModel: Sendable, Hashable, Codable {
    /// The most hidden units `--hidden` accepts.
    public static let maximumHiddenUnits = 64

    /// The number of hidden units `H`, `1...64`.
    public let hiddenUnits: Int

    /// A network of `hiddenUnits` tanh units.
    ///
    /// - Throws: ``TrainingError/invalidHiddenUnits(_:)`` outside `1...64`.
    public init(hiddenUnits: Int) throws {
        guard (1...Self.maximumHiddenUnits).contains(hiddenUnits) else { throw TrainingError.invalidHiddenUnits(hiddenUnits) }
        self.hiddenUnits = hiddenUnits
    }

    private enum CodingKeys: String, CodingKey { case hiddenUnits }

    /// Decodes a network, checking the unit count.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(hiddenUnits: container.decode(Int.self, forKey: .hiddenUnits))
    }

    /// `3H + 1`.
    public var parameterCount: Int { 3 * hiddenUnits + 1 }

    /// `["w1", …, "wH", "c1", …, "cH", "v1", …, "vH", "b"]`.
    public var parameterNames: [String] {
        let units = 1...hiddenUnits
        return units.map { "w\($0)" } + units.map { "c\($0)" } + units.map { "v\($0)" } + ["b"]
    }

    /// A short name: `"mlp (8 tanh units)"`.
    public var name: String { "mlp (\(hiddenUnits) tanh unit\(hiddenUnits == 1 ? "" : "s"))" }

    /// The model as a formula: `ŷ = Σⱼ vⱼ·tanh(wⱼ·x + cⱼ) + b, j = 1…H`.
    public var formula: String { "y = sum_j v_j*tanh(w_j*x + c_j) + b, j = 1..\(hiddenUnits)" }

    /// The seeded starting point: Glorot (Xavier) uniform weights, zero biases.
    ///
    /// Both layers have fan-in + fan-out `1 + H`, so every weight is drawn from
    /// `U(−L, L)` with `L = √(6/(1 + H))` (Glorot & Bengio, 2010): `w1 … wH` first, then
    /// `v1 … vH`, each as `L·(2u − 1)` with `u = (r ≫ 11)·2⁻⁵³ ∈ [0, 1)` from one
    /// ``SeededGenerator`` seeded with `seed` (its own generator: the shuffling one is separate).
    /// The biases `c1 … cH` and `b` start at 0. Same seed, same bits.
    public func initialParameters(seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        let limit = (6.0 / Double(1 + hiddenUnits)).squareRoot()
        func draw() -> Double { limit * (2 * (Double(generator.next() >> 11) * 0x1p-53) - 1) }
        var parameters = [Double](repeating: 0, count: parameterCount)
        for j in 0..<hiddenUnits { parameters[j] = draw() }
        for j in 0..<hiddenUnits { parameters[2 * hiddenUnits + j] = draw() }
        return parameters
    }

    /// The activation, `tanh`, as every part of Descent computes it: CKernels' `descent_tanh`,
    /// fdlibm's algorithm (the C library's on Linux) four lanes at a time with the same bits on every
    /// processor and path (the C library picks an FMA build of its `tanh` on processors that have
    /// FMA, so its last bits depend on the processor). Within about two units in the last place,
    /// like the C library's; odd; `±1` beyond `|z| = 22`.
    @inline(__always)
    public static func activation(_ z: Double) -> Double { descent_tanh(z) }

    /// `ŷ` at `x`: `Σⱼ vⱼ·tanh(wⱼ·x + cⱼ)` summed over `j` in order from 0, then `+ b`, the
    /// activations by ``activation(_:)``.
    ///
    /// - Precondition: `parameters.count == parameterCount`.
    public func predict(_ parameters: [Double], at x: Double) -> Double {
        precondition(parameters.count == parameterCount, "expected \(parameterCount) parameters, got \(parameters.count)")
        return parameters.withUnsafeBufferPointer { theta in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: hiddenUnits) { hidden in
                descent_network_forward(hiddenUnits, theta.baseAddress, x, hidden.baseAddress)
            }
        }
    }

    /// The forward pass at `x`: writes `hⱼ = tanh(wⱼ·x + cⱼ)` into `hidden` and returns `ŷ`
    /// (the same operations as ``predict(_:at:)``, CKernels' `descent_network_forward`). Allocates nothing.
    @inline(__always)
    func forward(x: Double, parameters: UnsafeMutableBufferPointer<Double>, hidden: UnsafeMutableBufferPointer<Double>) -> Double {
        descent_network_forward(hiddenUnits, parameters.baseAddress, x, hidden.baseAddress)
    }

    /// Adds the gradient of one sample's loss `ℓ = e²`, `e = ŷ − y`, to `gradient` (backpropagation
    /// as the chain rule) and returns `ŷ`. Allocates nothing; `hidden` holds `H` scratch values.
    ///
    /// With `zⱼ = wⱼ·x + cⱼ`, `hⱼ = tanh(zⱼ)`, `ŷ = Σⱼ vⱼ·hⱼ + b`:
    /// - `∂ℓ/∂ŷ = 2e`;
    /// - output layer, `∂ŷ/∂vⱼ = hⱼ`, `∂ŷ/∂b = 1`: `∂ℓ/∂vⱼ = 2e·hⱼ`, `∂ℓ/∂b = 2e`;
    /// - back through the output weight, `∂ŷ/∂hⱼ = vⱼ`, and the tanh, `∂hⱼ/∂zⱼ = 1 − tanh²(zⱼ) = 1 − hⱼ²`:
    ///   `δⱼ = ∂ℓ/∂zⱼ = 2e·vⱼ·(1 − hⱼ²)`;
    /// - input layer, `∂zⱼ/∂wⱼ = x`, `∂zⱼ/∂cⱼ = 1`: `∂ℓ/∂wⱼ = δⱼ·x = 2e·vⱼ·(1 − hⱼ²)·x`,
    ///   `∂ℓ/∂cⱼ = δⱼ = 2e·vⱼ·(1 − hⱼ²)`.
    /// All at the parameters before the update (`vⱼ` is read before anything changes).
    @inline(__always)
    func addGradient(x: Double, y: Double, parameters: UnsafeMutableBufferPointer<Double>,
                     hidden: UnsafeMutableBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        let h = hiddenUnits
        let prediction = forward(x: x, parameters: parameters, hidden: hidden)
        let outputGradient = 2 * (prediction - y) // ∂ℓ/∂ŷ = 2e
        for j in 0..<h {
            let activation = hidden[j]
            let delta = outputGradient * parameters[2 * h + j] * (1 - activation * activation) // ∂ℓ/∂zⱼ
            gradient[j] += delta * x               // ∂ℓ/∂wⱼ
            gradient[h + j] += delta               // ∂ℓ/∂cⱼ
            gradient[2 * h + j] += outputGradient * activation // ∂ℓ/∂vⱼ
        }
        gradient[3 * h] += outputGradient          // ∂ℓ/∂b
        return prediction
    }

    /// `MSE` at `parameters` over all samples in order (no allocation): CKernels'
    /// `descent_network_mse`, four rows at a time, each row's `ŷ` the bits of ``forward(x:parameters:hidden:)``
    /// and the squared errors added in row order.
    func meanSquaredError(parameters: UnsafeMutableBufferPointer<Double>, x: UnsafeBufferPointer<Double>,
                          y: UnsafeBufferPointer<Double>) -> Double {
        descent_network_mse(hiddenUnits, parameters.baseAddress, x.baseAddress, y.baseAddress, x.count)
    }

    /// `MSE = (1/N) Σᵢ (ŷᵢ − yᵢ)²` over `x`, `y` in order (the trainer's record arithmetic).
    ///
    /// - Precondition: `x.count == y.count > 0`, `parameters.count == parameterCount`.
    public func meanSquaredError(_ parameters: [Double], x: [Double], y: [Double]) -> Double {
        precondition(!x.isEmpty && x.count == y.count, "x and y need the same, non-zero length")
        precondition(parameters.count == parameterCount, "expected \(parameterCount) parameters, got \(parameters.count)")
        return parameters.withUnsafeBufferPointer { theta in
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    descent_network_mse(hiddenUnits, theta.baseAddress, xs.baseAddress, ys.baseAddress, xs.count)
                }
            }
        }
    }

    /// `∇MSE = (1/N) Σᵢ ∂ℓᵢ/∂θ` over `x`, `y` in order, by the backpropagation of
    /// ``addGradient(x:y:parameters:hidden:gradient:)`` (the trainer's arithmetic).
    ///
    /// - Precondition: `x.count == y.count > 0`, `parameters.count == parameterCount`.
    public func gradient(_ parameters: [Double], x: [Double], y: [Double]) -> [Double] {
        precondition(!x.isEmpty && x.count == y.count, "x and y need the same, non-zero length")
        precondition(parameters.count == parameterCount, "expected \(parameterCount) parameters, got \(parameters.count)")
        var theta = parameters
        var sums = [Double](repeating: 0, count: parameterCount)
        var hidden = [Double](repeating: 0, count: hiddenUnits)
        theta.withUnsafeMutableBufferPointer { theta in
            sums.withUnsafeMutableBufferPointer { sums in
                hidden.withUnsafeMutableBufferPointer { hidden in
                    for index in x.indices {
                        _ = addGradient(x: x[index], y: y[index], parameters: theta, hidden: hidden, gradient: sums)
                    }
                }
            }
        }
        return sums.map { $0 / Double(x.count) }
    }

    /// The per-unit blocks of the parameter vector, for filter normalisation: block `j` is unit
    /// `j`'s incoming weight and bias and its outgoing weight, indices `[j, H + j, 2H + j]`; the
    /// output bias `b` (index `3H`) is a block of its own, the last.
    public var unitBlocks: [[Int]] {
        let h = hiddenUnits
        return (0..<h).map { [$0, h + $0, 2 * h + $0] } + [[3 * h]]
    }
}
