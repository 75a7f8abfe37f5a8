import CKernels
import Foundation

/// Trains a ``PolynomialModel`` or a ``NetworkModel`` on a ``NormalizedDataset`` with one
/// ``TrainingConfiguration``.
///
/// Each epoch `e = 1, 2, …`:
/// 1. The sample order is `0, 1, …, N−1`, or, when ``TrainingConfiguration/shuffle`` is on (and the
///    optimizer is not full-batch ``Optimizer/gd``), a fresh permutation of it drawn with this
///    module's Fisher–Yates shuffle from a ``SeededGenerator`` seeded once per run.
/// 2. The order is cut into consecutive batches (size 1 for `sgd`, `momentum`, `adam`; `N` for
///    `gd`; `batchSize` for `minibatch`, the last batch possibly smaller). Per batch, the gradient
///    `gₖ = (1/n) Σᵢ 2eᵢ·xᵢ^{pₖ}` with `eᵢ = ŷᵢ − yᵢ` (for a network `gₖ = (1/n) Σᵢ ∂ℓᵢ/∂θₖ`
///    by backpropagation, ``NetworkModel``) is summed sample by sample in order, and the
///    ``Optimizer`` updates `θ` once. `sgd` on a polynomial model takes the same step per sample in
///    fused multiply-adds (fewer roundings, and a third of the chain of dependent operations
///    between one update and the next): with the features `φₖ = x^{pₖ}`,
///    `t = θ_{K−1}·φ_{K−1}`, then `t = fma(θₖ, φₖ, t)` for `k = K−2 … 0` (the lecture's linear
///    model: `t = fma(w, x, b)`), `e = t − y` and `θₖ = fma(−(2η)·φₖ, e, θₖ)`.
/// 3. The epoch is recorded: MSE over the whole normalized data, MAE in original units and the
///    full-batch gradient norm, all at the new `θ`, in one direct `O(N)` pass, with the learning
///    rate of the epoch's first update.
///
/// Update `t` (counted from 0 over the whole run) uses the rate `ηₜ` of the configuration's
/// ``LearningRateSchedule`` (constant by default) with `U` updates an epoch (1 for `gd`, `N` for
/// single-sample optimizers, `⌈N/batch⌉` for `minibatch`).
///
/// Divergence: when `θ` becomes non-finite after an update, or an epoch's MSE is non-finite or above
/// ``divergenceThreshold``, training stops with ``StopReason/diverged(epoch:)``. Records are kept
/// up to and including the last one whose numbers are all finite (an epoch with a finite MSE above
/// the threshold is recorded, then training stops), so a history never holds NaN or infinity.
///
/// Fast paths with the same arithmetic: full-batch `gd` reuses the gradient sums of the previous
/// record pass (taken at the same `θ`, same operations, same order), so an epoch is one pass over
/// the data; for the linear and cubic models the record pass (``RecordPass``) keeps its sums in
/// registers, cuts more than 2¹⁴ rows into fixed blocks of 2¹⁴ (each summed in four interleaved
/// lanes in C), spreads the blocks of `N ≥ 2¹⁸` rows over the cores (below that, waking a second thread costs more than it saves) and adds the block sums in block
/// order (the same bits on any number of cores), and an `sgd` epoch runs in
/// CKernels' `descent_sgd_epoch` (`θ` in registers; FMA instructions where the processor has them,
/// the C library's `fma` elsewhere, both correctly rounded, so the same bits).
///
/// The model enters only per sample, in the gradient sum and the record pass; everything else
/// (order, batches, schedule, optimizer state, divergence, stop rules, records) is shared by the
/// polynomials and the network. The per-sample loop allocates nothing: features (a network's
/// hidden activations), gradient and optimizer state live in buffers
/// allocated once per run, and powers of `x` are computed by repeated multiplication. The
/// arithmetic follows the natural order of the formulas (features in parameter order, sums left to
/// right), so runs match an independent numpy implementation to about `1e-12`.
public struct Trainer {
    /// An epoch whose MSE exceeds this (or is non-finite) counts as diverged.
    public static let divergenceThreshold = 1e12

    /// The training data.
    public let data: NormalizedDataset
    /// The validated configuration.
    public let configuration: TrainingConfiguration
    /// Statistics for the per-step MSE, present only when steps are recorded.
    private let statistics: SufficientStatistics?

    /// Prepares a run after validating `configuration` (see ``TrainingConfiguration/validated()``).
    ///
    /// - Throws: the ``TrainingError`` of an invalid configuration.
    public init(data: NormalizedDataset, configuration: TrainingConfiguration) throws {
        self.configuration = try configuration.validated()
        self.data = data
        statistics = configuration.recordSteps && configuration.network == nil
            ? SufficientStatistics(model: configuration.model, x: data.x, y: data.y)
            : nil
    }

    /// Runs the training to its stop rule, at most ``TrainingConfiguration/maxEpochs`` epochs.
    ///
    /// Recording steps keeps one ``StepRecord`` per update (`N` per epoch for `sgd`), so it is meant
    /// for small data sets and slide figures.
    public func run() -> TrainingHistory {
        TrainingTrace.current?.record(configuration, data: data)
        let parameterCount = configuration.parameterCount
        let count = data.count
        let batchSize = configuration.optimizer.batchSize(count: count)
        let shuffles = configuration.shuffle && configuration.optimizer != .gd
        let stochasticPolynomial = configuration.optimizer == .sgd && configuration.network == nil
        let baseRate = configuration.learningRate
        let schedule = configuration.schedule
        let updatesPerEpoch = count == 0 ? 0 : (count + batchSize - 1) / batchSize
        let maxEpochs = configuration.maxEpochs
        /// `ηₜ` of the 1-based update `step`.
        func rate(step: Int) -> Double {
            schedule == .constant ? baseRate
                : schedule.rate(base: baseRate, update: step - 1, updatesPerEpoch: updatesPerEpoch, epochs: maxEpochs)
        }
        /// The rate of epoch `epoch`'s first update (epoch 0: the run's first update).
        func epochRate(_ epoch: Int) -> Double { rate(step: max(0, epoch - 1) * updatesPerEpoch + 1) }

        // Full-batch gd without step records never reads the sample order (one pass per epoch); a
        // shuffled run fills it at every epoch before its shuffle.
        let buffers = TrainerBuffers(model: configuration.model, network: configuration.network, count: count,
                                     needsOrder: !shuffles && (configuration.optimizer != .gd || configuration.recordSteps))
        for k in 0..<parameterCount { buffers.parameters[k] = configuration.initialParameters[k] }

        var generator = SeededGenerator(seed: configuration.seed)
        var epochs: [EpochRecord] = []
        var steps: [StepRecord] = []
        var stepCount = 0

        func history(_ reason: StopReason) -> TrainingHistory {
            TrainingHistory(configuration: configuration, epochs: epochs, steps: steps,
                            stopReason: reason, xScale: data.xScale, yScale: data.yScale)
        }

        guard let initial = evaluate(epoch: 0, learningRate: epochRate(0), buffers: buffers) else { return history(.diverged(epoch: 0)) }
        epochs.append(initial)
        if initial.meanSquaredError > Self.divergenceThreshold { return history(.diverged(epoch: 0)) }

        return data.x.withUnsafeBufferPointer { x in
            data.y.withUnsafeBufferPointer { y in
                for epoch in 1...configuration.maxEpochs {
                    var order = buffers.order
                    if shuffles {
                        for position in 0..<count { order[position] = position }
                        order.fisherYatesShuffle(using: &generator)
                    }
                    var start = 0
                    if !configuration.recordSteps, configuration.optimizer == .gd, count > 0 {
                        // Full batch in order: the gradient at θ is the one the last record pass summed
                        // at the same θ, with the same operations in the same order, so reuse it.
                        let sums = buffers.evaluationGradient
                        for k in 0..<parameterCount { buffers.gradient[k] = count > 1 ? sums[k] / Double(count) : sums[k] }
                        stepCount += 1
                        update(step: stepCount, learningRate: rate(step: stepCount), buffers: buffers)
                        guard buffers.parametersAreFinite else { return history(.diverged(epoch: epoch)) }
                        start = count
                    } else if !configuration.recordSteps, stochasticPolynomial, schedule == .constant,
                              RecordPass.supports(configuration.model) {
                        let finite = descent_sgd_epoch(configuration.model == .cubic ? 1 : 0, order.baseAddress, count,
                                                       x.baseAddress, y.baseAddress, baseRate, buffers.parameters.baseAddress) != 0
                        stepCount += count
                        guard finite else { return history(.diverged(epoch: epoch)) }
                        start = count
                    }
                    while start < count {
                        let end = min(start + batchSize, count)
                        stepCount += 1
                        if stochasticPolynomial {
                            stochasticStep(sample: order[start], x: x, y: y, learningRate: rate(step: stepCount), buffers: buffers)
                        } else {
                            accumulateGradient(from: start, to: end, x: x, y: y, buffers: buffers)
                            update(step: stepCount, learningRate: rate(step: stepCount), buffers: buffers)
                        }
                        guard buffers.parametersAreFinite else { return history(.diverged(epoch: epoch)) }
                        if configuration.recordSteps {
                            let parameters = Array(buffers.parameters)
                            let error = statistics?.meanSquaredError(parameters)
                                ?? configuration.network.map { network in
                                    network.meanSquaredError(parameters: buffers.parameters, x: x, y: y)
                                } ?? .nan
                            guard error.isFinite else { return history(.diverged(epoch: epoch)) }
                            let (first, second) = optimizerState(buffers)
                            steps.append(StepRecord(epoch: epoch, step: stepCount,
                                                    sampleIndex: end - start == 1 ? order[start] : nil,
                                                    parameters: parameters, meanSquaredError: error,
                                                    firstMoment: first, secondMoment: second))
                        }
                        start = end
                    }
                    guard let record = evaluate(epoch: epoch, learningRate: epochRate(epoch), buffers: buffers) else {
                        return history(.diverged(epoch: epoch))
                    }
                    let previous = epochs[epochs.count - 1].meanSquaredError
                    epochs.append(record)
                    if record.meanSquaredError > Self.divergenceThreshold { return history(.diverged(epoch: epoch)) }
                    switch configuration.stopRule {
                    case .fixed:
                        break
                    case .notebook:
                        if record.meanSquaredError >= previous { return history(.lossStoppedDecreasing(epoch: epoch)) }
                    case .tolerance(let tolerance):
                        if abs(previous - record.meanSquaredError) < tolerance {
                            return history(.converged(epoch: epoch, tolerance: tolerance))
                        }
                    }
                }
                return history(.completedEpochs)
            }
        }
    }

    /// Sums `2e·x^{pₖ}` (a network: its backpropagated per-sample gradient) over `order[start..<end]`
    /// into `buffers.gradient`, then divides by the batch size.
    @inline(__always)
    private func accumulateGradient(from start: Int, to end: Int, x: UnsafeBufferPointer<Double>,
                                    y: UnsafeBufferPointer<Double>, buffers: TrainerBuffers) {
        let parameterCount = buffers.parameters.count
        let gradient = buffers.gradient
        let parameters = buffers.parameters
        let features = buffers.features
        for k in 0..<parameterCount { gradient[k] = 0 }
        if let network = configuration.network {
            for position in start..<end {
                let index = buffers.order[position]
                _ = network.addGradient(x: x[index], y: y[index], parameters: parameters, hidden: features, gradient: gradient)
            }
        } else {
            for position in start..<end {
                let index = buffers.order[position]
                buffers.fillFeatures(at: x[index])
                var prediction = 0.0
                for k in 0..<parameterCount { prediction += parameters[k] * features[k] }
                let error = prediction - y[index]
                for k in 0..<parameterCount { gradient[k] += 2 * error * features[k] }
            }
        }
        let size = end - start
        if size > 1 {
            let divisor = Double(size)
            for k in 0..<parameterCount { gradient[k] /= divisor }
        }
    }

    /// One `sgd` update of a polynomial model on sample `sample`, in fused multiply-adds (the
    /// type's documentation; CKernels' `descent_sgd_epoch` is the same for the linear and cubic
    /// models): `t = θ_{K−1}·φ_{K−1}`, then `t = fma(θₖ, φₖ, t)` for `k = K−2 … 0`, `e = t − y`, and
    /// `θₖ = fma(c·φₖ, e, θₖ)` with `c = −(2η)`.
    @inline(__always)
    private func stochasticStep(sample: Int, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                                learningRate: Double, buffers: TrainerBuffers) {
        buffers.fillFeatures(at: x[sample])
        let parameters = buffers.parameters, features = buffers.features
        let last = parameters.count - 1
        var prediction = parameters[last] * features[last]
        var k = last - 1
        while k >= 0 {
            prediction = prediction.addingProduct(parameters[k], features[k])
            k -= 1
        }
        let error = prediction - y[sample]
        let scale = -(2 * learningRate)
        for k in 0...last { parameters[k] = parameters[k].addingProduct(scale * features[k], error) }
    }

    /// The optimizer's state vectors as a step records them: momentum's velocity, Adam's `m` and `v`.
    private func optimizerState(_ buffers: TrainerBuffers) -> (first: [Double]?, second: [Double]?) {
        switch configuration.optimizer {
        case .sgd, .gd, .minibatch: return (nil, nil)
        case .momentum: return (Array(buffers.firstMoment), nil)
        case .adam: return (Array(buffers.firstMoment), Array(buffers.secondMoment))
        }
    }

    /// Applies the optimizer's update with gradient `buffers.gradient`; `step` is the 1-based update count.
    @inline(__always)
    private func update(step: Int, learningRate: Double, buffers: TrainerBuffers) {
        let parameters = buffers.parameters
        let gradient = buffers.gradient
        switch configuration.optimizer {
        case .sgd, .gd, .minibatch:
            for k in 0..<parameters.count { parameters[k] -= learningRate * gradient[k] }
        case .momentum(let beta):
            let velocity = buffers.firstMoment
            for k in 0..<parameters.count {
                velocity[k] = beta * velocity[k] + gradient[k]
                parameters[k] -= learningRate * velocity[k]
            }
        case .adam(let beta1, let beta2, let epsilon):
            let first = buffers.firstMoment
            let second = buffers.secondMoment
            let correction1 = 1 - pow(beta1, Double(step))
            let correction2 = 1 - pow(beta2, Double(step))
            for k in 0..<parameters.count {
                first[k] = beta1 * first[k] + (1 - beta1) * gradient[k]
                second[k] = beta2 * second[k] + (1 - beta2) * gradient[k] * gradient[k]
                let firstHat = first[k] / correction1
                let secondHat = second[k] / correction2
                parameters[k] -= learningRate * firstHat / (secondHat.squareRoot() + epsilon)
            }
        }
    }

    /// The record of the current parameters: MSE, MAE in original units and full-batch gradient norm in
    /// one pass over the data; `nil` when any of them (or a parameter) is not finite.
    private func evaluate(epoch: Int, learningRate: Double, buffers: TrainerBuffers) -> EpochRecord? {
        let parameterCount = buffers.parameters.count
        let parameters = buffers.parameters
        let features = buffers.features
        let gradient = buffers.evaluationGradient
        for k in 0..<parameterCount { gradient[k] = 0 }
        var squaredErrorSum = 0.0
        var absoluteErrorSum = 0.0
        let yScale = data.yScale
        if let network = configuration.network {
            // The same per-sample gradient as a full batch in order, so `gd` can reuse these sums.
            data.x.withUnsafeBufferPointer { x in
                data.y.withUnsafeBufferPointer { y in
                    data.original.y.withUnsafeBufferPointer { originalY in
                        for index in 0..<x.count {
                            let prediction = network.addGradient(x: x[index], y: y[index], parameters: parameters,
                                                                 hidden: features, gradient: gradient)
                            let error = prediction - y[index]
                            squaredErrorSum += error * error
                            absoluteErrorSum += abs(yScale.denormalize(prediction) - originalY[index])
                        }
                    }
                }
            }
        } else if RecordPass.supports(configuration.model) {
            let pass = data.x.withUnsafeBufferPointer { x in
                data.y.withUnsafeBufferPointer { y in
                    data.original.y.withUnsafeBufferPointer { originalY in
                        RecordPass(model: configuration.model, parameters: parameters, x: x, y: y, originalY: originalY, yScale: yScale)
                    }
                }
            }
            squaredErrorSum = pass.squaredErrorSum
            absoluteErrorSum = pass.absoluteErrorSum
            for k in 0..<parameterCount { gradient[k] = pass.gradientSums[k] }
        } else {
            data.x.withUnsafeBufferPointer { x in
                data.y.withUnsafeBufferPointer { y in
                    data.original.y.withUnsafeBufferPointer { originalY in
                        for index in 0..<x.count {
                            buffers.fillFeatures(at: x[index])
                            var prediction = 0.0
                            for k in 0..<parameterCount { prediction += parameters[k] * features[k] }
                            let error = prediction - y[index]
                            squaredErrorSum += error * error
                            absoluteErrorSum += abs(yScale.denormalize(prediction) - originalY[index])
                            for k in 0..<parameterCount { gradient[k] += 2 * error * features[k] }
                        }
                    }
                }
            }
        }
        let count = Double(data.count)
        var squaredNorm = 0.0
        for k in 0..<parameterCount {
            let component = gradient[k] / count
            squaredNorm += component * component
        }
        let record = EpochRecord(epoch: epoch, parameters: Array(parameters),
                                 meanSquaredError: squaredErrorSum / count,
                                 meanAbsoluteErrorOriginal: absoluteErrorSum / count,
                                 gradientNorm: squaredNorm.squareRoot(), learningRate: learningRate)
        let finite = record.parameters.allSatisfy(\.isFinite) && record.meanSquaredError.isFinite
            && record.meanAbsoluteErrorOriginal.isFinite && record.gradientNorm.isFinite
        return finite ? record : nil
    }
}

/// The preallocated work buffers of one training run, freed when the run ends.
private final class TrainerBuffers {
    let parameters: UnsafeMutableBufferPointer<Double>
    let gradient: UnsafeMutableBufferPointer<Double>
    let evaluationGradient: UnsafeMutableBufferPointer<Double>
    let firstMoment: UnsafeMutableBufferPointer<Double>
    let secondMoment: UnsafeMutableBufferPointer<Double>
    let features: UnsafeMutableBufferPointer<Double>
    let powerTable: UnsafeMutableBufferPointer<Double>
    let powers: UnsafeMutableBufferPointer<Int>
    let order: UnsafeMutableBufferPointer<Int>

    /// Buffers for `count` rows; `order` is filled with `0..<count` only when `needsOrder` (else it
    /// is allocated and never read: its elements are plain integers).
    init(model: PolynomialModel, network: NetworkModel?, count: Int, needsOrder: Bool) {
        func zeros(_ size: Int) -> UnsafeMutableBufferPointer<Double> {
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: size)
            buffer.initialize(repeating: 0)
            return buffer
        }
        let parameterCount = network?.parameterCount ?? model.parameterCount
        parameters = zeros(parameterCount)
        gradient = zeros(parameterCount)
        evaluationGradient = zeros(parameterCount)
        firstMoment = zeros(parameterCount)
        secondMoment = zeros(parameterCount)
        features = zeros(network?.hiddenUnits ?? parameterCount) // a network's hidden activations
        powerTable = zeros(model.degree + 1)
        let powerList = network == nil ? model.powers : []
        powers = UnsafeMutableBufferPointer<Int>.allocate(capacity: powerList.count)
        _ = powers.initialize(from: powerList)
        order = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        if needsOrder { _ = order.initialize(from: 0..<count) }
    }

    deinit {
        for buffer in [parameters, gradient, evaluationGradient, firstMoment, secondMoment, features, powerTable] {
            buffer.deallocate()
        }
        powers.deallocate()
        order.deallocate()
    }

    /// Whether every parameter is finite.
    var parametersAreFinite: Bool {
        for k in 0..<parameters.count where !parameters[k].isFinite { return false }
        return true
    }

    /// `features[k] = x^{powers[k]}` via the table `x⁰ = 1, x¹ = x, xˢ = xˢ⁻¹·x`.
    @inline(__always)
    func fillFeatures(at x: Double) {
        powerTable[0] = 1
        var power = 1
        while power < powerTable.count {
            powerTable[power] = power == 1 ? x : powerTable[power - 1] * x
            power += 1
        }
        for k in 0..<powers.count { features[k] = powerTable[powers[k]] }
    }
}
