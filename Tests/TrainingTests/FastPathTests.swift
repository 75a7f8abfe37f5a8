import CKernels
import Foundation
import Testing
@testable import Training

/// The trainer's fast paths (the record pass in registers and blocks, gd reusing it, sgd's epoch
/// kernel, the division-free shuffle index) against plain loops written here.
@Suite("Trainer fast paths") struct FastPathTests {
    /// Plain full-batch gd: per epoch the mean gradient `(1/N) Σ 2eᵢφ(xᵢ)`, then `θ −= η·g`.
    static func plainGradientDescent(_ data: NormalizedDataset, powers: [Int], theta: [Double], learningRate: Double,
                                     epochs: Int) -> (theta: [Double], mse: [Double]) {
        var theta = theta
        var errors: [Double] = []
        func pass() -> (gradient: [Double], mse: Double) {
            var gradient = [Double](repeating: 0, count: powers.count)
            var squares = 0.0
            for (x, y) in zip(data.x, data.y) {
                let features = powers.map { pow(x, Double($0)) }
                let error = zip(theta, features).map(*).reduce(0, +) - y
                squares += error * error
                for k in features.indices { gradient[k] += 2 * error * features[k] }
            }
            return (gradient.map { $0 / Double(data.count) }, squares / Double(data.count))
        }
        errors.append(pass().mse)
        for _ in 0..<epochs {
            let gradient = pass().gradient
            for k in theta.indices { theta[k] -= learningRate * gradient[k] }
            errors.append(pass().mse)
        }
        return (theta, errors)
    }

    static func data(count: Int) throws -> NormalizedDataset {
        var generator = SeededGenerator(seed: 3)
        let x = randomValues(count, in: 40...110, using: &generator)
        let noise = randomValues(count, in: -9...9, using: &generator)
        return try NormalizedDataset(Dataset(x: x, y: zip(x, noise).map { 100 + 0.9 * $0 + $1 }, xName: "x", yName: "y"))
    }

    @Test("gd on 100,000 rows (blocks over the cores) matches a plain loop to 1e-12", arguments: [PolynomialModel.linear, .cubic])
    func gradientDescentOnManyRows(model: PolynomialModel) throws {
        let data = try Self.data(count: 100_000)
        let theta = [Double](repeating: 0.1, count: model.parameterCount)
        var configuration = TrainingConfiguration(model: model, learningRate: 0.05, maxEpochs: 4, initialParameters: theta, stopRule: .fixed)
        configuration.optimizer = .gd
        let history = try Trainer(data: data, configuration: configuration).run()
        let plain = Self.plainGradientDescent(data, powers: model.powers, theta: theta, learningRate: 0.05, epochs: 4)
        let last = try #require(history.epochs.last)
        #expect(isClose(last.parameters, plain.theta, tolerance: 1e-12))
        #expect(isClose(history.epochs.map(\.meanSquaredError), plain.mse, tolerance: 1e-12))
        // Same bits on a second run (fixed blocks, fixed order of the block sums).
        #expect(try Trainer(data: data, configuration: configuration).run().epochs.map(\.parameters) == history.epochs.map(\.parameters))
    }

    @Test("The record pass: one block is the plain left-to-right sum; more are four interleaved lanes a block, then its tail, blocks added in order, bit for bit",
          arguments: [1000, 3 * RecordPass.blockSize + 1003, RecordPass.parallelThreshold + 1003])
    func recordPassIsTheSumOfBlocks(count: Int) throws {
        // One block (every lecture data set: the plain sum), then full blocks and a short last
        // block whose row count is not a multiple of four, on the calling thread and (from
        // `parallelThreshold` rows on) spread over the cores.
        let data = try Self.data(count: count)
        for model in [PolynomialModel.linear, .cubic] {
            var theta = (0..<model.parameterCount).map { 0.3 - 0.2 * Double($0) }
            let pass = data.x.withUnsafeBufferPointer { x in
                data.y.withUnsafeBufferPointer { y in
                    data.original.y.withUnsafeBufferPointer { originalY in
                        theta.withUnsafeMutableBufferPointer { parameters in
                            RecordPass(model: model, parameters: parameters, x: x, y: y, originalY: originalY, yScale: data.yScale)
                        }
                    }
                }
            }
            /// A row's terms: e², |ŷ·s + m − y_original|, (2e)·φₖ.
            func terms(_ index: Int) -> [Double] {
                let (x, y) = (data.x[index], data.y[index])
                var powerTable = [1.0]
                for _ in 0..<model.degree { powerTable.append(powerTable.count == 1 ? x : powerTable[powerTable.count - 1] * x) }
                let features = model.powers.map { powerTable[$0] }
                var prediction = 0.0
                for k in features.indices { prediction += theta[k] * features[k] }
                let error = prediction - y
                return [error * error, abs(prediction * data.yScale.standardDeviation + data.yScale.mean - data.original.y[index])]
                    + features.map { 2 * error * $0 }
            }
            let width = 2 + model.parameterCount
            var total = [Double](repeating: 0, count: width)
            let single = count <= RecordPass.blockSize
            for start in stride(from: 0, to: count, by: RecordPass.blockSize) {
                let end = min(count, start + RecordPass.blockSize)
                let grouped = single ? start : start + (end - start) / 4 * 4
                var block = [Double](repeating: 0, count: width)
                if grouped > start {
                    var lanes = [[Double]](repeating: [Double](repeating: 0, count: width), count: 4)
                    for index in start..<grouped {
                        let row = terms(index)
                        for k in 0..<width { lanes[(index - start) % 4][k] += row[k] }
                    }
                    block = (0..<width).map { k in ((lanes[0][k] + lanes[1][k]) + lanes[2][k]) + lanes[3][k] }
                }
                for index in grouped..<end {
                    let row = terms(index)
                    for k in 0..<width { block[k] += row[k] }
                }
                total = start == 0 ? block : (0..<width).map { total[$0] + block[$0] }
            }
            // Exact equality is the claim here: the same operations in the same order.
            #expect(pass.squaredErrorSum == total[0], "\(model.name), N = \(count)")
            #expect(pass.absoluteErrorSum == total[1], "\(model.name), N = \(count)")
            #expect(pass.gradientSums == Array(total[2...]), "\(model.name), N = \(count)")
        }
    }

    @Test("The record kernel's AVX2 and baseline paths give the same bits", arguments: [0, 1])
    func recordKernelPathsAgree(cubic: Int32) throws {
        let data = try Self.data(count: 4096)
        let theta = cubic == 1 ? [0.4, -0.2, 0.1, 0.3] : [0.7, -0.1]
        var fast = descent_record_sums(), baseline = descent_record_sums()
        descent_record_lanes(cubic, theta, data.x, data.y, data.original.y, 4096, data.yScale.standardDeviation, data.yScale.mean, &fast)
        descent_record_lanes_baseline(cubic, theta, data.x, data.y, data.original.y, 4096, data.yScale.standardDeviation,
                                      data.yScale.mean, &baseline)
        let bits = { (sums: descent_record_sums) in [sums.squares, sums.absolutes, sums.g0, sums.g1, sums.g2, sums.g3].map(\.bitPattern) }
        #expect(bits(fast) == bits(baseline))
        #expect(fast.squares > 0 && fast.absolutes > 0)
    }

    @Test("sgd's epoch kernel equals the per-sample update in fused multiply-adds by hand",
          arguments: [(PolynomialModel.cubic, [-1.0, 0, 0, 1]), (.linear, [0.1, 0.1]), (.linear, [-0.0, 0.1]), (.linear, [0.3, -0.0])])
    func stochasticEpochByHand(model: PolynomialModel, initial: [Double]) throws {
        let data = try Self.data(count: 500)
        var configuration = TrainingConfiguration.notebook(for: model)
        configuration.initialParameters = initial
        configuration.maxEpochs = 1
        configuration.stopRule = .fixed
        configuration.shuffle = false
        let history = try Trainer(data: data, configuration: configuration).run()
        var theta = configuration.initialParameters
        let rate = configuration.learningRate
        for (x, y) in zip(data.x, data.y) {
            let features = model == .linear ? [x, 1] : [x, x * x, x * x * x, 1]
            // The bias first, then the other parameters from the last to the first, fused.
            var prediction = theta[theta.count - 1] * features[theta.count - 1]
            for k in stride(from: theta.count - 2, through: 0, by: -1) { prediction = fma(theta[k], features[k], prediction) }
            let error = prediction - y
            for k in features.indices { theta[k] = fma(-(2 * rate) * features[k], error, theta[k]) }
        }
        let parameters = try #require(history.epochs.last).parameters
        #expect(parameters.map(\.bitPattern) == theta.map(\.bitPattern))
    }

    @Test("sgd: the epoch kernel, the per-sample loop that records steps and both kernel paths give the same bits",
          arguments: [PolynomialModel.linear, .cubic])
    func stochasticPathsAgree(model: PolynomialModel) throws {
        let data = try Self.data(count: 3000)
        var configuration = TrainingConfiguration.notebook(for: model)
        configuration.maxEpochs = 4
        configuration.stopRule = .fixed
        let fast = try Trainer(data: data, configuration: configuration).run()
        var stepped = configuration
        stepped.recordSteps = true
        let slow = try Trainer(data: data, configuration: stepped).run()
        #expect(slow.steps.count == 4 * data.count)
        #expect(fast.epochs.map { $0.parameters.map(\.bitPattern) } == slow.epochs.map { $0.parameters.map(\.bitPattern) })
        // The FMA-instruction path (where the processor has one) against the C library's fma.
        let order = Array((0..<data.count).reversed())
        var viaInstructions = configuration.initialParameters, viaLibrary = configuration.initialParameters
        let cubic: Int32 = model == .cubic ? 1 : 0
        #expect(descent_sgd_epoch(cubic, order, data.count, data.x, data.y, 0.01, &viaInstructions) == 1)
        #expect(descent_sgd_epoch_baseline(cubic, order, data.count, data.x, data.y, 0.01, &viaLibrary) == 1)
        #expect(viaInstructions.map(\.bitPattern) == viaLibrary.map(\.bitPattern))
        #expect(viaInstructions != configuration.initialParameters)
    }

    @Test("sgd's kernel stops right after the update that leaves θ non-finite and writes θ back")
    func stochasticKernelStopsAtDivergence() {
        // w = 1, b = 0, η = 1e300 on x = 1, y = 0: e = 1, w = fma(−2e300, 1, 1) is finite, b the same;
        // the second sample's e is about −4e300 and the update overflows.
        let x = [1.0, 1, 1], y = [0.0, 0, 0]
        var theta = [1.0, 0]
        #expect(descent_sgd_epoch(0, [0, 1, 2], 3, x, y, 1e300, &theta) == 0)
        #expect(theta.contains { !$0.isFinite })
        var first = [1.0, 0]
        #expect(descent_sgd_epoch(0, [0], 1, x, y, 1e300, &first) == 1)
        #expect(first == [1 - 2e300, -2e300])
    }

    @Test("The uniform index without a division per draw takes the same values as the plain rejection loop")
    func uniformIndexMatchesThePlainLoop() {
        var fast = SeededGenerator(seed: 11), plain = SeededGenerator(seed: 11)
        let bounds: [UInt64] = [1, 2, 3, 7, 10, 1000, 1 << 40, UInt64.max / 3 * 2]
        for bound in bounds {
            for _ in 0..<200 {
                let value = uniformRandomIndex(below: bound, using: &fast)
                let threshold = (0 &- bound) % bound
                var expected: UInt64
                repeat {
                    let product = plain.next().multipliedFullWidth(by: bound)
                    expected = product.high
                    if product.low >= threshold { break }
                } while true
                #expect(value == expected)
            }
        }
    }
}
