import Testing
import Training

/// The slides' worked example: `ŷ = w·x²`, point (2, 8), `w₀ = 1`, learning rate 0.05.
///
/// By hand: `ŷ = w·4`, `dL/dw = −2(y − ŷ)·x² = −2(8 − 4w)·4`.
/// - step 1: `ŷ = 4`,   gradient `−2·4·4 = −32`,      `w = 1 + 0.05·32 = 2.6`
/// - step 2: `ŷ = 10.4`, gradient `−2·(−2.4)·4 = 19.2`, `w = 2.6 − 0.96 = 1.64`
/// - step 3: `ŷ = 6.56`, gradient `−2·1.44·4 = −11.52`, `w = 1.64 + 0.576 = 2.216`
@Suite("Slides' worked example")
struct WorkedExampleTests {
    static let expected: [Double] = [1, 2.6, 1.64, 2.216]

    func history(optimizer: Optimizer) throws -> TrainingHistory {
        let dataset = try Dataset(x: [2], y: [8], xName: "x", yName: "y")
        let data = try NormalizedDataset(dataset, normalize: false)
        let configuration = TrainingConfiguration(
            model: .monomial(power: 2), optimizer: optimizer, learningRate: 0.05, maxEpochs: 3,
            initialParameters: [1], stopRule: .fixed)
        return try Trainer(data: data, configuration: configuration).run()
    }

    @Test("w goes 1 → 2.6 → 1.64 → 2.216", arguments: [Optimizer.gd, .sgd])
    func weights(optimizer: Optimizer) throws {
        let history = try history(optimizer: optimizer)
        #expect(history.epochs.map(\.epoch) == [0, 1, 2, 3])
        #expect(history.stopReason == .completedEpochs)
        for (record, weight) in zip(history.epochs, Self.expected) {
            #expect(isClose(record.parameters[0], weight, tolerance: 1e-12), "epoch \(record.epoch): \(record.parameters[0])")
        }
    }

    @Test("Loss and gradient norm at each step match the hand computation")
    func lossesAndGradients() throws {
        let history = try history(optimizer: .gd)
        // Loss (ŷ − 8)² and |gradient| at w = 1, 2.6, 1.64, 2.216.
        let losses: [Double] = [16, 5.76, 2.0736, 0.746496]
        let gradients: [Double] = [32, 19.2, 11.52, 6.912]
        for (index, record) in history.epochs.enumerated() {
            #expect(isClose(record.meanSquaredError, losses[index], tolerance: 1e-12))
            #expect(isClose(record.gradientNorm, gradients[index], tolerance: 1e-12))
            // Raw training: MAE is |ŷ − y| itself.
            #expect(isClose(record.meanAbsoluteErrorOriginal, losses[index].squareRoot(), tolerance: 1e-12))
        }
        #expect(history.xScale == .identity && history.yScale == .identity)
    }
}
