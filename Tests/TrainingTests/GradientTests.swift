import Testing
@testable import Training

@Suite("Gradients")
struct GradientTests {
    static let models: [PolynomialModel] = {
        var models: [PolynomialModel] = [.linear, .cubic, .monomial(power: 2), .monomial(power: 3)]
        if let degree5 = try? PolynomialModel.polynomial(degree: 5) { models.append(degree5) }
        return models
    }()

    @Test("Analytic gradient equals central finite differences", arguments: models)
    func gradientMatchesFiniteDifferences(model: PolynomialModel) {
        var generator = SeededGenerator(seed: 7)
        let x = randomValues(25, in: -2...2, using: &generator)
        let y = randomValues(25, in: -2...2, using: &generator)
        for _ in 0..<5 {
            let parameters = randomValues(model.parameterCount, in: -1.5...1.5, using: &generator)
            let analytic = Loss.gradient(model: model, parameters: parameters, x: x, y: y)
            for k in parameters.indices {
                let step = 1e-6
                var plus = parameters
                var minus = parameters
                plus[k] += step
                minus[k] -= step
                let numeric = (Loss.meanSquaredError(model: model, parameters: plus, x: x, y: y)
                    - Loss.meanSquaredError(model: model, parameters: minus, x: x, y: y)) / (2 * step)
                #expect(isClose(analytic[k], numeric, tolerance: 1e-6),
                        "\(model.name) ∂/∂\(model.parameterNames[k]): analytic \(analytic[k]) vs numeric \(numeric)")
            }
        }
    }

    @Test("Statistics gradient 2(Gθ − c) equals the direct per-sample gradient", arguments: models)
    func statisticsGradientMatchesDirect(model: PolynomialModel) {
        var generator = SeededGenerator(seed: 11)
        let x = randomValues(40, in: -2...2, using: &generator)
        let y = randomValues(40, in: -3...3, using: &generator)
        let statistics = SufficientStatistics(model: model, x: x, y: y)
        for _ in 0..<5 {
            let parameters = randomValues(model.parameterCount, in: -2...2, using: &generator)
            let direct = Loss.gradient(model: model, parameters: parameters, x: x, y: y)
            #expect(isClose(statistics.gradient(parameters), direct, tolerance: 1e-10))
        }
    }

    @Test("Per-sample gradient of the linear model is 2e·x and 2e")
    func linearPerSampleGradient() {
        // One sample: ŷ = 0.5·2 + 1 = 2, y = 5, e = −3 → ∂l/∂w = 2·(−3)·2 = −12, ∂l/∂b = −6.
        let gradient = Loss.gradient(model: .linear, parameters: [0.5, 1], x: [2], y: [5])
        #expect(isClose(gradient, [-12, -6], tolerance: 1e-15))
    }
}
