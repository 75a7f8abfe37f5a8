import Testing
import Training

@Suite("Trainer")
struct TrainerTests {
    func run(_ configuration: TrainingConfiguration, data: NormalizedDataset? = nil) throws -> TrainingHistory {
        try Trainer(data: data ?? notebookData(), configuration: configuration).run()
    }

    // Reference values from an independent numpy implementation of the notebook's formulas
    // (np.mean/np.std normalization, per-sample loops, float64).

    @Test("Acceptance run 1: linear, gd, lr 0.1, 50 epochs matches numpy")
    func acceptanceLinearGradientDescent() throws {
        let history = try run(TrainingConfiguration(model: .linear, optimizer: .gd, learningRate: 0.1, maxEpochs: 50,
                                                    initialParameters: [0.1, 0.1], stopRule: .fixed))
        #expect(history.epochs.count == 51)
        #expect(history.stopReason == .completedEpochs)
        #expect(isClose(history.epochs[1].meanSquaredError, 0.5899970966188646, tolerance: 1e-12))
        #expect(isClose(history.epochs[10].meanSquaredError, 0.1606866692354691, tolerance: 1e-12))
        #expect(isClose(history.epochs[50].meanSquaredError, 0.15281102525985704, tolerance: 1e-12))
        #expect(isClose(history.finalParameters, [0.9204169812675469, 1.4272476926915946e-06], tolerance: 1e-12))
    }

    @Test("Acceptance run 2: cubic, sgd without shuffling, lr 0.01, 65 epochs matches numpy")
    func acceptanceCubicSGD() throws {
        let history = try run(TrainingConfiguration(model: .cubic, optimizer: .sgd, learningRate: 0.01, maxEpochs: 65,
                                                    initialParameters: [-1, 0, 0, 1], stopRule: .fixed, shuffle: false))
        #expect(history.epochs.count == 66)
        #expect(isClose(history.epochs[1].meanSquaredError, 1.4537371107193013, tolerance: 1e-12))
        #expect(isClose(history.epochs[30].meanSquaredError, 0.0593624483009836, tolerance: 1e-12))
        #expect(isClose(history.epochs[65].meanSquaredError, 0.044480197908482455, tolerance: 1e-12))
        #expect(isClose(history.finalParameters,
                        [-0.2254106112459763, -0.024171214696590042, 0.8453210447993645, 0.05432257539151333],
                        tolerance: 1e-12))
        #expect(isClose(history.epochs[65].meanAbsoluteErrorOriginal, 2.114677955314028, tolerance: 1e-12))
    }

    @Test("Epoch 0 is the starting point and every record is consistent with direct computations")
    func recordsAreConsistent() throws {
        let data = try notebookData()
        let history = try run(.notebook(for: .cubic), data: data)
        let first = try #require(history.epochs.first)
        #expect(first.epoch == 0 && first.parameters == [-1, 0, 0, 1])
        for record in history.epochs {
            let mse = Loss.meanSquaredError(model: .cubic, parameters: record.parameters, x: data.x, y: data.y)
            let gradient = Loss.gradient(model: .cubic, parameters: record.parameters, x: data.x, y: data.y)
            let norm = gradient.map { $0 * $0 }.reduce(0, +).squareRoot()
            let mae = Loss.meanAbsoluteErrorOriginal(model: .cubic, parameters: record.parameters, data: data)
            #expect(isClose(record.meanSquaredError, mse, tolerance: 1e-13))
            #expect(isClose(record.gradientNorm, norm, tolerance: 1e-12))
            #expect(isClose(record.meanAbsoluteErrorOriginal, mae, tolerance: 1e-12))
        }
        #expect(history.epochs.map(\.epoch) == Array(0...history.epochsRun))
    }

    @Test("Fixed stop rule runs exactly maxEpochs")
    func fixedStop() throws {
        var configuration = TrainingConfiguration.notebook(for: .linear)
        configuration.maxEpochs = 37
        let history = try run(configuration)
        #expect(history.epochsRun == 37 && history.epochs.count == 38)
        #expect(history.stopReason == .completedEpochs)
    }

    @Test("Notebook stop rule stops at the first epoch whose MSE is not lower, and records it")
    func notebookStop() throws {
        let history = try run(.notebook(for: .cubic))
        guard case .lossStoppedDecreasing(let epoch) = history.stopReason else {
            Issue.record("expected lossStoppedDecreasing, got \(history.stopReason)")
            return
        }
        #expect(epoch == history.epochsRun)
        let losses = history.epochs.map(\.meanSquaredError)
        #expect(losses[epoch] >= losses[epoch - 1])
        for index in 1..<epoch { #expect(losses[index] < losses[index - 1], "epoch \(index)") }
        // The published run stopped near MSE 0.0446 after about 65 epochs.
        #expect(losses[epoch] < 0.06)
    }

    @Test("Notebook stop rule compares epoch 1 with epoch 0")
    func notebookStopAtFirstEpoch() throws {
        // Start at the optimum: no epoch of sgd can lower the MSE below it.
        let data = try notebookData()
        let optimum = try SufficientStatistics(model: .linear, x: data.x, y: data.y).leastSquaresSolution()
        let configuration = TrainingConfiguration(model: .linear, learningRate: 0.01, maxEpochs: 100,
                                                  initialParameters: optimum, stopRule: .notebook)
        let history = try run(configuration, data: data)
        #expect(history.stopReason == .lossStoppedDecreasing(epoch: 1))
        #expect(history.epochs.count == 2)
    }

    @Test("Tolerance stop rule stops when the absolute MSE change falls below the tolerance")
    func toleranceStop() throws {
        let configuration = TrainingConfiguration(model: .linear, optimizer: .gd, learningRate: 0.1, maxEpochs: 1000,
                                                  initialParameters: [0.1, 0.1], stopRule: .tolerance(1e-8))
        let history = try run(configuration)
        guard case .converged(let epoch, let tolerance) = history.stopReason else {
            Issue.record("expected converged, got \(history.stopReason)")
            return
        }
        #expect(tolerance == 1e-8 && epoch == history.epochsRun && epoch < 1000)
        let losses = history.epochs.map(\.meanSquaredError)
        #expect(abs(losses[epoch - 1] - losses[epoch]) < 1e-8)
        for index in 1..<epoch { #expect(abs(losses[index - 1] - losses[index]) >= 1e-8) }
    }

    @Test("maxEpochs caps the notebook rule")
    func maxEpochsCaps() throws {
        var configuration = TrainingConfiguration.notebook(for: .cubic)
        configuration.maxEpochs = 5
        let history = try run(configuration)
        #expect(history.stopReason == .completedEpochs && history.epochsRun == 5)
    }

    @Test("Same seed gives an identical history; a different seed a different order")
    func seeds() throws {
        var configuration = TrainingConfiguration.notebook(for: .linear)
        configuration.maxEpochs = 20
        configuration.recordSteps = true
        let first = try run(configuration)
        let second = try run(configuration)
        #expect(first.epochs == second.epochs && first.steps == second.steps)
        #expect(first.csv() == second.csv())
        configuration.seed = 43
        let other = try run(configuration)
        #expect(first.steps.map(\.sampleIndex) != other.steps.map(\.sampleIndex))
        #expect(first.epochs.last?.parameters != other.epochs.last?.parameters)
        // Every epoch visits every sample exactly once, in a shuffled order.
        for epoch in 1...20 {
            let visited = first.steps.filter { $0.epoch == epoch }.compactMap(\.sampleIndex)
            #expect(visited.sorted() == Array(0..<10))
        }
        let orders = Set((1...20).map { epoch in first.steps.filter { $0.epoch == epoch }.compactMap(\.sampleIndex) })
        #expect(orders.count > 1)
        #expect(!orders.contains(Array(0..<10)))
    }

    @Test("Without shuffling, every epoch visits samples 0..N−1 in order")
    func noShuffleOrder() throws {
        var configuration = TrainingConfiguration.notebook(for: .linear)
        configuration.maxEpochs = 3
        configuration.shuffle = false
        configuration.recordSteps = true
        let history = try run(configuration)
        #expect(history.steps.count == 30)
        #expect(history.steps.compactMap(\.sampleIndex) == Array(repeating: Array(0..<10), count: 3).flatMap { $0 })
        #expect(history.steps.map(\.step) == Array(1...30))
        // Each step's MSE (from sufficient statistics) matches the direct sum.
        let data = try notebookData()
        for step in history.steps {
            let direct = Loss.meanSquaredError(model: .linear, parameters: step.parameters, x: data.x, y: data.y)
            #expect(isRelativelyClose(step.meanSquaredError, direct, tolerance: 1e-10))
        }
        // The last step of an epoch is the epoch's parameters.
        #expect(history.steps[29].parameters == history.epochs[3].parameters)
    }

    @Test("SGD update by hand: θ ← θ − lr·2e·x^p for one sample")
    func sgdByHand() throws {
        let dataset = try Dataset(x: [1, 2], y: [3, 1], xName: "x", yName: "y")
        let data = try NormalizedDataset(dataset, normalize: false)
        let configuration = TrainingConfiguration(model: .linear, learningRate: 0.1, maxEpochs: 1,
                                                  initialParameters: [0, 0], stopRule: .fixed, shuffle: false)
        let history = try run(configuration, data: data)
        // Sample 0: ŷ = 0, e = −3 → w = 0 − 0.1·(−6·1) = 0.6, b = 0.6.
        // Sample 1: ŷ = 0.6·2 + 0.6 = 1.8, e = 0.8 → w = 0.6 − 0.1·1.6·2 = 0.28, b = 0.6 − 0.16 = 0.44.
        #expect(isClose(history.finalParameters, [0.28, 0.44], tolerance: 1e-14))
    }

    @Test("Mini-batches use the mean gradient of consecutive chunks; the last chunk may be smaller")
    func minibatchByHand() throws {
        let dataset = try Dataset(x: [1, 2, 3], y: [0, 0, 0], xName: "x", yName: "y")
        let data = try NormalizedDataset(dataset, normalize: false)
        let configuration = TrainingConfiguration(model: .monomial(power: 1), optimizer: .minibatch(batchSize: 2),
                                                  learningRate: 0.1, maxEpochs: 1, initialParameters: [1],
                                                  stopRule: .fixed, shuffle: false, recordSteps: true)
        let history = try run(configuration, data: data)
        // Chunk {1, 2}: g = mean(2·w·x·x) = (2 + 8)/2 = 5 → w = 0.5.
        // Chunk {3}:    g = 2·0.5·3·3 = 9 → w = 0.5 − 0.9 = −0.4.
        #expect(history.steps.count == 2)
        #expect(history.steps[0].sampleIndex == nil && history.steps[1].sampleIndex == 2)
        #expect(isClose(history.steps.map { $0.parameters[0] }, [0.5, -0.4], tolerance: 1e-14))
    }

    @Test("Momentum by hand: v ← βv + g, θ ← θ − lr·v")
    func momentumByHand() throws {
        let dataset = try Dataset(x: [1], y: [0], xName: "x", yName: "y")
        let data = try NormalizedDataset(dataset, normalize: false)
        let configuration = TrainingConfiguration(model: .monomial(power: 1), optimizer: .momentum(beta: 0.5),
                                                  learningRate: 0.1, maxEpochs: 2, initialParameters: [1], stopRule: .fixed)
        let history = try run(configuration, data: data)
        // g = 2w. Step 1: v = 2, w = 0.8. Step 2: g = 1.6, v = 1 + 1.6 = 2.6, w = 0.8 − 0.26 = 0.54.
        #expect(isClose(history.epochs.map { $0.parameters[0] }, [1, 0.8, 0.54], tolerance: 1e-14))
    }

    @Test("Adam by hand: the first bias-corrected step moves each parameter by about lr")
    func adamByHand() throws {
        let dataset = try Dataset(x: [1], y: [0], xName: "x", yName: "y")
        let data = try NormalizedDataset(dataset, normalize: false)
        let configuration = TrainingConfiguration(model: .monomial(power: 1), optimizer: .defaultAdam,
                                                  learningRate: 0.1, maxEpochs: 2, initialParameters: [1], stopRule: .fixed)
        let history = try run(configuration, data: data)
        // t = 1: g = 2, m̂ = 2, v̂ = 4 → w = 1 − 0.1·2/(2 + 1e-8).
        let w1 = 1 - 0.1 * 2 / (2 + 1e-8)
        // t = 2: g = 2·w1, m = 0.9·0.2 + 0.1·g, v = 0.999·0.004 + 0.001·g².
        let g = 2 * w1
        let m = 0.9 * 0.2 + 0.1 * g
        let v = 0.999 * 0.004 + 0.001 * g * g
        let w2 = w1 - 0.1 * (m / (1 - 0.81)) / ((v / (1 - 0.999 * 0.999)).squareRoot() + 1e-8)
        #expect(isClose(history.epochs.map { $0.parameters[0] }, [1, w1, w2], tolerance: 1e-14))
    }

    @Test("Divergence: gd on the linear model with lr 5 stops with .diverged and an all-finite history")
    func divergence() throws {
        let history = try run(TrainingConfiguration(model: .linear, optimizer: .gd, learningRate: 5, maxEpochs: 10_000,
                                                    initialParameters: [0.1, 0.1], stopRule: .fixed))
        guard case .diverged(let epoch) = history.stopReason else {
            Issue.record("expected diverged, got \(history.stopReason)")
            return
        }
        #expect(history.diverged)
        #expect(epoch < 10_000 && epoch >= history.epochsRun)
        for record in history.epochs {
            #expect(record.parameters.allSatisfy { $0.isFinite })
            #expect(record.meanSquaredError.isFinite && record.meanAbsoluteErrorOriginal.isFinite && record.gradientNorm.isFinite)
        }
        #expect(!history.csv().contains("nan") && !history.csv().contains("inf"))
        _ = try history.json()
    }

    @Test("Divergence in the middle of an sgd epoch keeps only finite records")
    func sgdDivergenceMidEpoch() throws {
        // Raw data with large x: each sgd step multiplies the parameters by about 2·lr·x⁶ ≈ 1e18 or more,
        // so they overflow within the first epoch.
        let x = (1...30).map { Double($0) * 1000 }
        let dataset = try Dataset(x: x, y: (1...30).map(Double.init), xName: "x", yName: "y")
        let data = try NormalizedDataset(dataset, normalize: false)
        let configuration = TrainingConfiguration(model: .cubic, learningRate: 1, maxEpochs: 100,
                                                  initialParameters: [0, 0, 0, 0], stopRule: .fixed,
                                                  shuffle: false, recordSteps: true)
        let history = try run(configuration, data: data)
        #expect(history.stopReason == .diverged(epoch: 1))
        #expect(history.epochs.count == 1 && history.finalParameters == [0, 0, 0, 0])
        #expect(!history.steps.isEmpty && history.steps.count < 30)
        #expect(history.steps.allSatisfy { $0.parameters.allSatisfy { $0.isFinite } && $0.meanSquaredError.isFinite })
    }

    @Test("Invalid configurations are rejected with named errors")
    func invalidConfigurations() throws {
        let data = try notebookData()
        var configuration = TrainingConfiguration.notebook(for: .cubic)
        configuration.initialParameters = [1, 2]
        #expect(throws: TrainingError.invalidParameterCount(model: "cubic", expected: ["w1", "w2", "w3", "b"], got: 2)) {
            try Trainer(data: data, configuration: configuration)
        }
        #expect(TrainingError.invalidParameterCount(model: "cubic", expected: ["w1", "w2", "w3", "b"], got: 2)
            .description.contains("w1, w2, w3, b"))
        configuration = .notebook(for: .linear)
        for rate in [0, -1, Double.nan, .infinity] {
            configuration.learningRate = rate
            #expect(throws: TrainingError.self) { try configuration.validated() }
        }
        configuration = .notebook(for: .linear)
        configuration.maxEpochs = 0
        #expect(throws: TrainingError.invalidEpochs(0)) { try configuration.validated() }
        configuration.maxEpochs = 1_000_001
        #expect(throws: TrainingError.invalidEpochs(1_000_001)) { try configuration.validated() }
        configuration = .notebook(for: .linear)
        configuration.optimizer = .minibatch(batchSize: 0)
        #expect(throws: TrainingError.invalidBatchSize(0)) { try configuration.validated() }
        configuration.optimizer = .momentum(beta: 1)
        #expect(throws: TrainingError.self) { try configuration.validated() }
        configuration.optimizer = .adam(beta1: 0.9, beta2: 0.999, epsilon: 0)
        #expect(throws: TrainingError.self) { try configuration.validated() }
        configuration = .notebook(for: .linear)
        configuration.stopRule = .tolerance(-1)
        #expect(throws: TrainingError.invalidTolerance(-1)) { try configuration.validated() }
        configuration = .notebook(for: .linear)
        configuration.initialParameters = [.nan, 0]
        #expect(throws: TrainingError.self) { try configuration.validated() }
    }

    @Test("Notebook configurations match the lecture notebook")
    func notebookConfigurations() throws {
        let linear = TrainingConfiguration.notebook(for: .linear)
        #expect(linear.optimizer == .sgd && linear.learningRate == 0.001 && linear.maxEpochs == 300)
        #expect(linear.initialParameters == [0.1, 0.1] && linear.stopRule == .fixed && linear.seed == 42 && linear.shuffle)
        let cubic = TrainingConfiguration.notebook(for: .cubic)
        #expect(cubic.optimizer == .sgd && cubic.learningRate == 0.01 && cubic.maxEpochs == 1000)
        #expect(cubic.initialParameters == [-1, 0, 0, 1] && cubic.stopRule == .notebook)
        let degree5 = TrainingConfiguration.notebook(for: try .polynomial(degree: 5))
        #expect(try degree5.validated().initialParameters.count == 6)
        #expect(TrainingConfiguration.notebook(for: .monomial(power: 2)).initialParameters == [1])
    }

    @Test("A hundred thousand rows train quickly and correctly")
    func largeDataSet() throws {
        var generator = SeededGenerator(seed: 5)
        let count = 100_000
        let x = randomValues(count, in: 40...120, using: &generator)
        let y = x.map { 100 + 0.9 * $0 + Double.random(in: -5...5, using: &generator) }
        let data = try NormalizedDataset(Dataset(x: x, y: y, xName: "weight_kg", yName: "height_cm"))
        let configuration = TrainingConfiguration(model: .linear, optimizer: .sgd, learningRate: 0.001, maxEpochs: 3,
                                                  initialParameters: [0, 0], stopRule: .fixed)
        let history = try Trainer(data: data, configuration: configuration).run()
        let solution = try SufficientStatistics(model: .linear, x: data.x, y: data.y).leastSquaresSolution()
        let optimum = Loss.meanSquaredError(model: .linear, parameters: solution, x: data.x, y: data.y)
        let last = try #require(history.epochs.last)
        #expect(last.meanSquaredError < optimum * 1.01)
        let coefficients = PolynomialModel.linear.coefficientsInOriginalUnits(solution, xScale: data.xScale, yScale: data.yScale)
        #expect(abs(coefficients[1] - 0.9) < 0.01 && abs(coefficients[0] - 100) < 1)
    }
}
