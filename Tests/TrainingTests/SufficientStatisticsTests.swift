import Testing
@testable import Training

@Suite("Sufficient statistics and loss surfaces")
struct SufficientStatisticsTests {
    static let models: [PolynomialModel] = [.linear, .cubic, .monomial(power: 2), (try? .polynomial(degree: 5)) ?? .cubic]

    @Test("MSE from statistics equals direct sums on normalized-range data", arguments: models)
    func mseMatchesDirect(model: PolynomialModel) {
        var generator = SeededGenerator(seed: 3)
        let x = randomValues(200, in: -2...2, using: &generator)
        let y = x.map { 0.5 * $0 * $0 - $0 + Double.random(in: -0.3...0.3, using: &generator) }
        let statistics = SufficientStatistics(model: model, x: x, y: y)
        for _ in 0..<20 {
            let parameters = randomValues(model.parameterCount, in: -2...2, using: &generator)
            let direct = Loss.meanSquaredError(model: model, parameters: parameters, x: x, y: y)
            #expect(isRelativelyClose(statistics.meanSquaredError(parameters), direct, tolerance: 1e-10))
        }
        // Near the optimum as well, where the plain quadratic form would cancel.
        if let solution = try? statistics.leastSquaresSolution() {
            let nearby = solution.map { $0 + 1e-4 }
            let direct = Loss.meanSquaredError(model: model, parameters: nearby, x: x, y: y)
            #expect(isRelativelyClose(statistics.meanSquaredError(nearby), direct, tolerance: 1e-10))
        }
    }

    @Test("MSE from statistics equals direct sums on raw notebook data, even at the optimum")
    func mseRawData() throws {
        let x = Dataset.notebook.x
        let y = Dataset.notebook.y
        let statistics = SufficientStatistics(model: .linear, x: x, y: y)
        let optimum = try statistics.leastSquaresSolution()
        for parameters in [[0.1, 0.1], [1, 100], [0.85, 107.7], optimum] {
            let direct = Loss.meanSquaredError(model: .linear, parameters: parameters, x: x, y: y)
            #expect(isRelativelyClose(statistics.meanSquaredError(parameters), direct, tolerance: 1e-10),
                    "θ = \(parameters)")
        }
        // The stored quadratic form: θᵀGθ − 2θᵀc + mean(y²) at θ = 0 is mean(y²).
        #expect(isClose(statistics.meanSquareY, y.map { $0 * $0 }.reduce(0, +) / 10, tolerance: 1e-15))
        #expect(isClose(statistics.cross[1], 172, tolerance: 1e-15))
        #expect(isClose(statistics.gram[1][1], 1, tolerance: 0))
    }

    @Test("Plane quadratic equals direct sums on a grid", arguments: [true, false])
    func planeMatchesDirect(normalize: Bool) throws {
        let data = try NormalizedDataset(Dataset.notebook, normalize: normalize)
        for model in [PolynomialModel.linear, .cubic] {
            let statistics = SufficientStatistics(model: model, x: data.x, y: data.y)
            var generator = SeededGenerator(seed: normalize ? 1 : 2)
            let scale = normalize ? 1.0 : 1e-3
            let origin = randomValues(model.parameterCount, in: -1...1, using: &generator).map { $0 * scale }
            let u = randomValues(model.parameterCount, in: -1...1, using: &generator).map { $0 * scale }
            let v = randomValues(model.parameterCount, in: -1...1, using: &generator).map { $0 * scale }
            let plane = PlaneQuadratic(statistics: statistics, origin: origin, u: u, v: v)
            let aValues = stride(from: -3.0, through: 3.0, by: 0.5).map { $0 }
            let bValues = stride(from: -2.0, through: 2.0, by: 0.25).map { $0 }
            var buffer: [Double] = []
            plane.evaluate(aValues: aValues, bValues: bValues, into: &buffer)
            #expect(buffer.count == aValues.count * bValues.count)
            for (row, b) in bValues.enumerated() {
                for (column, a) in aValues.enumerated() {
                    let parameters = (0..<model.parameterCount).map { origin[$0] + a * u[$0] + b * v[$0] }
                    let direct = Loss.meanSquaredError(model: model, parameters: parameters, x: data.x, y: data.y)
                    #expect(isRelativelyClose(buffer[row * aValues.count + column], direct, tolerance: 1e-10),
                            "\(model.name) a = \(a), b = \(b)")
                    #expect(isClose(plane.value(a: a, b: b), buffer[row * aValues.count + column], tolerance: 1e-15))
                }
            }
        }
    }

    @Test("Plane through the raw-data optimum stays accurate at the minimum")
    func planeThroughRawOptimum() throws {
        let x = Dataset.notebook.x
        let y = Dataset.notebook.y
        let statistics = SufficientStatistics(model: .linear, x: x, y: y)
        let optimum = try statistics.leastSquaresSolution()
        let plane = PlaneQuadratic(statistics: statistics, origin: [0, 0], u: [optimum[0], 0], v: [0, optimum[1]])
        for (a, b) in [(1.0, 1.0), (1.01, 0.99), (0.5, 1.2)] {
            let direct = Loss.meanSquaredError(model: .linear, parameters: [a * optimum[0], b * optimum[1]], x: x, y: y)
            #expect(isRelativelyClose(plane.value(a: a, b: b), direct, tolerance: 1e-10), "a = \(a), b = \(b)")
        }
    }

    @Test("Many rows with a large offset: the blocked SIMD pass keeps compensated accuracy where plain sums lose digits")
    func manyRowsKeepCompensatedAccuracy() throws {
        // Values around 10⁶ with a slope near 1: Σx is about 10¹¹, and each plain addition rounds
        // at about 10⁻⁵, so a plain running sum drifts by far more than the compensated bound
        // (a few ulps of the result); g₀ ≈ 0 at the optimum cancels. An odd count leaves a tail
        // in the last block and in the lanes.
        var generator = SeededGenerator(seed: 18)
        let count = LinearStatisticsPass.threshold + 34_567
        let x = randomValues(count, in: -1...1, using: &generator).map { 1e6 + $0 }
        let y = x.map { 0.5 + 0.999 * $0 + Double.random(in: -0.01...0.01, using: &generator) }
        let statistics = SufficientStatistics(model: .linear, x: x, y: y)

        /// The reference: one Neumaier running sum over the same double terms, left to right.
        func reference(_ terms: (Int) -> Double) -> (value: Double, magnitude: Double, plain: Double) {
            var sum = 0.0, compensation = 0.0, magnitude = 0.0, plain = 0.0
            for index in 0..<count {
                let term = terms(index)
                let total = sum + term
                compensation += abs(sum) >= abs(term) ? (sum - total) + term : (term - total) + sum
                sum = total
                magnitude += abs(term)
                plain += term
            }
            return (sum + compensation, magnitude, plain)
        }
        let n = Double(count)
        let solution = try statistics.leastSquaresSolution()
        let residual = { (index: Int) in ((0.0 + solution[0] * x[index]) + solution[1] * 1.0) - y[index] }
        let center = try #require(statistics.expansions.last)
        let cases: [(name: String, value: Double, terms: (Int) -> Double)] = [
            ("mean x", statistics.gram[0][1], { x[$0] }),
            ("mean x²", statistics.gram[0][0], { x[$0] * x[$0] }),
            ("mean y", statistics.cross[1], { y[$0] }),
            ("mean x·y", statistics.cross[0], { y[$0] * x[$0] }),
            ("mean y²", statistics.meanSquareY, { y[$0] * y[$0] }),
            ("r₀", center.meanSquaredError, { residual($0) * residual($0) }),
            ("g₀ (x)", center.halfGradient[0], { residual($0) * x[$0] }),
            ("g₀ (1)", center.halfGradient[1], { residual($0) }),
        ]
        var plainLosesDigits = false
        for (name, value, terms) in cases {
            let exact = reference(terms)
            // Neumaier's bound 2ε|S| + O(Nε²)Σ|v|, doubled, plus the rounding of the division by N.
            let epsilon = Double.ulpOfOne / 2
            let bound = 5 * epsilon * abs(exact.value / n) + 8 * n * epsilon * epsilon * exact.magnitude / n
            #expect(abs(value - exact.value / n) <= bound, "\(name): \(value) against \(exact.value / n)")
            plainLosesDigits = plainLosesDigits || abs(exact.plain / n - exact.value / n) > 10 * bound
        }
        // The data are a hard case: at least one plain sum is off by far more than the bound.
        #expect(plainLosesDigits)
    }

    @Test("The plane's grid is value(a:b:) at every point, bit for bit, in lanes and tails")
    func planeGridIsPointwiseBitForBit() throws {
        let raw = try NormalizedDataset(Dataset.notebook, normalize: false)
        let normalized = try notebookData()
        for (data, model) in [(raw, PolynomialModel.linear), (normalized, .linear), (normalized, .cubic)] {
            let statistics = SufficientStatistics(model: model, x: data.x, y: data.y)
            let optimum = (try? statistics.leastSquaresSolution()) ?? [Double](repeating: 0, count: model.parameterCount)
            var generator = SeededGenerator(seed: 5)
            let u = randomValues(model.parameterCount, in: -1...1, using: &generator)
            let v = randomValues(model.parameterCount, in: -1...1, using: &generator)
            // Through the optimum (two expansions) and along one direction twice (one expansion).
            for (origin, second) in [(optimum, v), (optimum.map { $0 + 0.5 }, u)] {
                let plane = PlaneQuadratic(statistics: statistics, origin: origin, u: u, v: second)
                let aValues = (0..<299).map { -3 + 6 * Double($0) / 298 }
                let bValues = (0..<257).map { -2 + 4 * Double($0) / 256 }
                var buffer: [Double] = []
                plane.evaluate(aValues: aValues, bValues: bValues, into: &buffer)
                var mismatches = 0
                for (row, b) in bValues.enumerated() {
                    for (column, a) in aValues.enumerated()
                    where buffer[row * aValues.count + column].bitPattern != plane.value(a: a, b: b).bitPattern {
                        mismatches += 1
                    }
                }
                #expect(mismatches == 0, "\(model.name)")
            }
        }
    }

    @Test("Normalized linear model: G = I, so 2G has eigenvalues 2, 2 and the stable learning rate is 1")
    func normalizedLinearHessian() throws {
        let data = try notebookData()
        let statistics = SufficientStatistics(model: .linear, x: data.x, y: data.y)
        // mean(x²) = 1 and mean(x) = 0 for z-scores.
        #expect(isClose(statistics.gram[0][0], 1, tolerance: 1e-14))
        #expect(abs(statistics.gram[0][1]) < 1e-15)
        let eigenvalues = statistics.hessianEigenvalues()
        #expect(isClose(eigenvalues, [2, 2], tolerance: 1e-14))
        #expect(isClose(statistics.stableLearningRate, 1, tolerance: 1e-14))
        #expect(isClose(statistics.conditionNumber, 1, tolerance: 1e-14))
    }

    @Test("Raw linear model on x = 1, 3: 2G = [[10, 4], [4, 2]], eigenvalues 6 ∓ 4√2")
    func rawLinearHessian() {
        // G = [[mean x², mean x], [mean x, 1]] = [[5, 2], [2, 1]]; trace(2G) = 12, det(2G) = 4,
        // λ = 6 ± √(36 − 4) = 6 ± 4√2.
        let statistics = SufficientStatistics(model: .linear, x: [1, 3], y: [0, 0])
        #expect(statistics.hessian == [[10, 4], [4, 2]])
        let root = 4 * 2.0.squareRoot()
        #expect(isClose(statistics.hessianEigenvalues(), [6 - root, 6 + root], tolerance: 1e-14))
        #expect(isClose(statistics.stableLearningRate, 2 / (6 + root), tolerance: 1e-14))
        #expect(isClose(statistics.conditionNumber, (6 + root) / (6 - root), tolerance: 1e-13))
    }

    @Test("Jacobi eigenvalues of a 3 × 3 matrix with known spectrum")
    func jacobiKnownSpectrum() {
        // [[2, −1, 0], [−1, 2, −1], [0, −1, 2]] has eigenvalues 2 − √2, 2, 2 + √2.
        let eigenvalues = SymmetricMatrix.eigenvalues([[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
        let root = 2.0.squareRoot()
        #expect(isClose(eigenvalues, [2 - root, 2, 2 + root], tolerance: 1e-14))
    }

    @Test("Stable learning rate is the boundary between convergence and divergence of gd")
    func stableLearningRateBoundary() throws {
        let data = try notebookData()
        let statistics = SufficientStatistics(model: .cubic, x: data.x, y: data.y)
        let limit = statistics.stableLearningRate
        func finalLoss(_ rate: Double) throws -> TrainingHistory {
            let configuration = TrainingConfiguration(model: .cubic, optimizer: .gd, learningRate: rate, maxEpochs: 3000,
                                                      initialParameters: [-1, 0, 0, 1], stopRule: .fixed)
            return try Trainer(data: data, configuration: configuration).run()
        }
        #expect(try !finalLoss(0.95 * limit).diverged)
        #expect(try finalLoss(1.05 * limit).diverged)
    }
}
