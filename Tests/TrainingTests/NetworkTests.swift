import Foundation
import Testing
import Training

/// The one-hidden-layer network: its backpropagation, its training with every optimizer, its
/// seeded start.
@Suite("Network")
struct NetworkTests {
    /// Five points of a bent curve, z-scored.
    static func tinyData() throws -> NormalizedDataset {
        try NormalizedDataset(Dataset(x: [1, 2, 3.5, 5, 6], y: [2, 2.5, 5, 4.5, 7], xName: "x", yName: "y"))
    }

    @Test("backpropagation equals central finite differences of the MSE for random parameters and several H")
    func gradientMatchesFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 7)
        for units in [1, 3, 8] {
            let network = try NetworkModel(hiddenUnits: units)
            let x = randomValues(6, in: -2...2, using: &generator)
            let y = randomValues(6, in: -2...2, using: &generator)
            let theta = randomValues(network.parameterCount, in: -1.5...1.5, using: &generator)
            let gradient = network.gradient(theta, x: x, y: y)
            let step = 1e-6
            for k in theta.indices {
                var plus = theta, minus = theta
                plus[k] += step
                minus[k] -= step
                let difference = (network.meanSquaredError(plus, x: x, y: y) - network.meanSquaredError(minus, x: x, y: y)) / (2 * step)
                #expect(isClose(gradient[k], difference, tolerance: 1e-7), "H = \(units), \(network.parameterNames[k])")
            }
        }
    }

    /// `∂ℓ/∂θ` of one sample `(x, y)`, the chain rule written out again on plain arrays.
    static func sampleGradient(_ theta: [Double], units h: Int, x: Double, y: Double) -> [Double] {
        let hidden = (0..<h).map { tanh(theta[$0] * x + theta[h + $0]) }
        var prediction = theta[3 * h]
        for j in 0..<h { prediction += theta[2 * h + j] * hidden[j] }
        let e = prediction - y
        var g = [Double](repeating: 0, count: 3 * h + 1)
        for j in 0..<h {
            g[j] = 2 * e * theta[2 * h + j] * (1 - hidden[j] * hidden[j]) * x
            g[h + j] = 2 * e * theta[2 * h + j] * (1 - hidden[j] * hidden[j])
            g[2 * h + j] = 2 * e * hidden[j]
        }
        g[3 * h] = 2 * e
        return g
    }

    /// The parameters after `epochs` epochs, by a loop written here from the optimizers' definitions.
    static func referenceRun(_ configuration: TrainingConfiguration, units h: Int, data: NormalizedDataset) -> [Double] {
        var theta = configuration.initialParameters
        var first = [Double](repeating: 0, count: theta.count), second = first
        var generator = SeededGenerator(seed: configuration.seed)
        let n = data.count
        let batch = configuration.optimizer.batchSize(count: n)
        let updatesPerEpoch = (n + batch - 1) / batch
        var t = 0
        for _ in 1...configuration.maxEpochs {
            var order = Array(0..<n)
            if configuration.shuffle && configuration.optimizer != .gd { order.fisherYatesShuffle(using: &generator) }
            for start in stride(from: 0, to: n, by: batch) {
                let chunk = order[start..<min(start + batch, n)]
                var g = [Double](repeating: 0, count: theta.count)
                for i in chunk {
                    let sample = sampleGradient(theta, units: h, x: data.x[i], y: data.y[i])
                    for k in g.indices { g[k] += sample[k] / Double(chunk.count) }
                }
                t += 1
                let rate = configuration.schedule.rate(base: configuration.learningRate, update: t - 1,
                                                        updatesPerEpoch: updatesPerEpoch, epochs: configuration.maxEpochs)
                switch configuration.optimizer {
                case .sgd, .gd, .minibatch:
                    for k in theta.indices { theta[k] -= rate * g[k] }
                case .momentum(let beta):
                    for k in theta.indices {
                        first[k] = beta * first[k] + g[k]
                        theta[k] -= rate * first[k]
                    }
                case .adam(let beta1, let beta2, let epsilon):
                    for k in theta.indices {
                        first[k] = beta1 * first[k] + (1 - beta1) * g[k]
                        second[k] = beta2 * second[k] + (1 - beta2) * g[k] * g[k]
                        let mHat = first[k] / (1 - pow(beta1, Double(t)))
                        let vHat = second[k] / (1 - pow(beta2, Double(t)))
                        theta[k] -= rate * mHat / (vHat.squareRoot() + epsilon)
                    }
                }
            }
        }
        return theta
    }

    @Test("every optimizer trains the network as a loop written from its definition, and records are direct evaluations")
    func optimizersMatchReferenceLoop() throws {
        let data = try Self.tinyData()
        let network = try NetworkModel(hiddenUnits: 3)
        let optimizers: [Optimizer] = [.sgd, .gd, .minibatch(batchSize: 2), .defaultMomentum, .defaultAdam]
        for optimizer in optimizers {
            for schedule in [LearningRateSchedule.constant, .step(every: 1, gamma: 0.5)] {
                var configuration = TrainingConfiguration.network(network, seed: 3)
                configuration.optimizer = optimizer
                configuration.learningRate = 0.05
                configuration.maxEpochs = 3
                configuration.schedule = schedule
                let history = try Trainer(data: data, configuration: configuration).run()
                #expect(history.epochs.count == 4)
                let expected = Self.referenceRun(configuration, units: 3, data: data)
                #expect(isClose(history.finalParameters, expected, tolerance: 1e-12), "\(optimizer.name), \(schedule)")
                for record in history.epochs {
                    let gradient = network.gradient(record.parameters, x: data.x, y: data.y)
                    #expect(isClose(record.meanSquaredError, network.meanSquaredError(record.parameters, x: data.x, y: data.y), tolerance: 1e-14))
                    #expect(isClose(record.gradientNorm, gradient.map { $0 * $0 }.reduce(0, +).squareRoot(), tolerance: 1e-13))
                    let mae = data.x.indices.map { abs(data.yScale.denormalize(network.predict(record.parameters, at: data.x[$0])) - data.original.y[$0]) }
                        .reduce(0, +) / Double(data.count)
                    #expect(isClose(record.meanAbsoluteErrorOriginal, mae, tolerance: 1e-13))
                }
            }
        }
    }

    @Test("the seeded start is Glorot uniform with zero biases, and the same seed gives the same history bytes")
    func seedDeterminism() throws {
        let data = try notebookData()
        let network = try NetworkModel(hiddenUnits: 5)
        let limit = (6.0 / 6.0).squareRoot()
        let start = network.initialParameters(seed: 11)
        #expect(start == network.initialParameters(seed: 11))
        #expect(start != network.initialParameters(seed: 12))
        #expect(start.enumerated().allSatisfy { index, value in
            (5..<10).contains(index) || index == 15 ? value == 0 : abs(value) < limit && value != 0
        })
        var configuration = TrainingConfiguration.network(network, seed: 11)
        configuration.optimizer = .defaultAdam
        configuration.maxEpochs = 20
        let first = try Trainer(data: data, configuration: configuration).run()
        let second = try Trainer(data: data, configuration: configuration).run()
        #expect(first.csv() == second.csv())
        #expect(try first.json() == second.json())
        #expect(first.csv().hasPrefix("epoch,w1,w2,w3,w4,w5,c1,c2,c3,c4,c5,v1,v2,v3,v4,v5,b,mse,mae_cm,grad_norm,lr\n"))
    }

    @Test("hidden units outside 1...64 are refused, in code and in JSON")
    func refusesBadHiddenUnits() throws {
        for units in [0, -1, 65] {
            #expect(throws: TrainingError.invalidHiddenUnits(units)) { try NetworkModel(hiddenUnits: units) }
            #expect(throws: TrainingError.self) { try JSONDecoder().decode(NetworkModel.self, from: Data("{\"hiddenUnits\":\(units)}".utf8)) }
        }
    }

    @Test("the loss plane through θ* is the final loss at (0, 0) and a direct evaluation elsewhere; the line's ends are θ₀ and θ_T")
    func planeAndLine() throws {
        let data = try notebookData()
        let network = try NetworkModel(hiddenUnits: 4)
        var configuration = TrainingConfiguration.network(network, seed: 5)
        configuration.optimizer = .defaultAdam
        configuration.maxEpochs = 30
        let history = try Trainer(data: data, configuration: configuration).run()
        let landscape = NetworkLandscape(network: network, x: data.x, y: data.y)
        let center = history.finalParameters
        let (first, second) = landscape.filterNormalizedDirections(around: center, seed: 9)
        let alphas = [-1.0, 0, 0.3], betas = [0.7, 0, -0.25]
        let grid = landscape.meanSquaredErrors(on: (center, first, second), alphas: alphas, betas: betas)
        #expect(grid.count == 9)
        #expect(grid[1 * 3 + 1] == history.epochs.last?.meanSquaredError)
        for (row, beta) in betas.enumerated() {
            for (column, alpha) in alphas.enumerated() {
                let theta = center.indices.map { center[$0] + alpha * first[$0] + beta * second[$0] }
                #expect(isClose(grid[row * 3 + column], network.meanSquaredError(theta, x: data.x, y: data.y), tolerance: 1e-14))
            }
        }
        let start = history.epochs[0].parameters
        let line = landscape.meanSquaredErrors(fromStart: start, toEnd: center, alphas: [0, 0.5, 1])
        #expect(line[0] == history.epochs[0].meanSquaredError && line[2] == history.epochs.last?.meanSquaredError)
        let middle = start.indices.map { 0.5 * start[$0] + 0.5 * center[$0] }
        #expect(isClose(line[1], network.meanSquaredError(middle, x: data.x, y: data.y), tolerance: 1e-14))
    }

    @Test("filter-normalised directions: every unit block (wⱼ, cⱼ, vⱼ) and b has the norm of θ*'s block; seeded")
    func filterNormalization() throws {
        var generator = SeededGenerator(seed: 21)
        let network = try NetworkModel(hiddenUnits: 6)
        let center = randomValues(network.parameterCount, in: -2...2, using: &generator)
        let landscape = NetworkLandscape(network: network, x: [0, 1], y: [1, 0])
        let (first, second) = landscape.filterNormalizedDirections(around: center, seed: 4)
        func norm(_ values: [Double], _ block: [Int]) -> Double { block.map { values[$0] * values[$0] }.reduce(0, +).squareRoot() }
        #expect(network.unitBlocks.count == 7 && Set(network.unitBlocks.flatMap { $0 }) == Set(center.indices))
        for block in network.unitBlocks {
            #expect(isClose(norm(first, block), norm(center, block), tolerance: 1e-14))
            #expect(isClose(norm(second, block), norm(center, block), tolerance: 1e-14))
        }
        #expect(first != second)
        let again = landscape.filterNormalizedDirections(around: center, seed: 4)
        #expect(again.first == first && again.second == second)
        #expect(landscape.filterNormalizedDirections(around: center, seed: 5).first != first)
    }
}
