import Testing
import Training

@Suite("Closed-form solution")
struct ClosedFormTests {
    /// Textbook simple regression on the raw notebook data: slope = cov(x, y)/var(x), intercept = ȳ − slope·x̄.
    static func textbookLine() -> (intercept: Double, slope: Double) {
        let x = Dataset.notebook.x
        let y = Dataset.notebook.y
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var covariance = 0.0
        var variance = 0.0
        for i in x.indices {
            covariance += (x[i] - meanX) * (y[i] - meanY)
            variance += (x[i] - meanX) * (x[i] - meanX)
        }
        let slope = covariance / variance
        return (meanY - slope * meanX, slope)
    }

    @Test("Textbook line for the notebook data is height = 107.73 + 0.8513·weight")
    func textbookNumbers() {
        let line = Self.textbookLine()
        #expect(abs(line.intercept - 107.73) < 0.005)
        #expect(abs(line.slope - 0.8513) < 0.00005)
    }

    @Test("Least-squares solution in original units equals the textbook formula")
    func closedFormMatchesTextbook() throws {
        let data = try notebookData()
        let statistics = SufficientStatistics(model: .linear, x: data.x, y: data.y)
        let solution = try statistics.leastSquaresSolution()
        let coefficients = PolynomialModel.linear.coefficientsInOriginalUnits(solution, xScale: data.xScale, yScale: data.yScale)
        let line = Self.textbookLine()
        #expect(coefficients.count == 2)
        #expect(isClose(coefficients[0], line.intercept, tolerance: 1e-12))
        #expect(isClose(coefficients[1], line.slope, tolerance: 1e-12))
        // In normalized units the slope is the correlation coefficient and the bias is 0.
        #expect(abs(solution[1]) < 1e-14)
        #expect(isClose(solution[0], line.slope * data.xScale.standardDeviation / data.yScale.standardDeviation, tolerance: 1e-12))
    }

    @Test("Least squares on raw data gives the same line as on normalized data")
    func rawClosedForm() throws {
        let statistics = SufficientStatistics(model: .linear, x: Dataset.notebook.x, y: Dataset.notebook.y)
        let solution = try statistics.leastSquaresSolution()
        let line = Self.textbookLine()
        #expect(isClose(solution[0], line.slope, tolerance: 1e-10))
        #expect(isClose(solution[1], line.intercept, tolerance: 1e-10))
    }

    @Test("Gradient descent on the linear model converges to the closed form")
    func gradientDescentConverges() throws {
        let data = try notebookData()
        let solution = try SufficientStatistics(model: .linear, x: data.x, y: data.y).leastSquaresSolution()
        let configuration = TrainingConfiguration(model: .linear, optimizer: .gd, learningRate: 0.5, maxEpochs: 200,
                                                  initialParameters: [0.1, 0.1], stopRule: .fixed)
        let history = try Trainer(data: data, configuration: configuration).run()
        #expect(isClose(history.finalParameters, solution, tolerance: 1e-12))
        let last = try #require(history.epochs.last)
        #expect(last.gradientNorm < 1e-12)
    }

    @Test("Least squares fits a cubic exactly through points on a cubic")
    func cubicRecovery() throws {
        let x: [Double] = [-2, -1, -0.5, 0, 0.5, 1, 1.5, 2]
        let truth: [Double] = [0.5, -1, 0.25, 2] // w1, w2, w3, b
        let y = x.map { PolynomialModel.cubic.predict(truth, at: $0) }
        let solution = try SufficientStatistics(model: .cubic, x: x, y: y).leastSquaresSolution()
        #expect(isClose(solution, truth, tolerance: 1e-12))
    }

    @Test("A system with fewer distinct x values than parameters is singular")
    func singular() {
        let statistics = SufficientStatistics(model: .cubic, x: [1, 1, 2, 2], y: [1, 2, 3, 4])
        #expect(throws: TrainingError.singularSystem(model: "cubic", count: 4)) {
            try statistics.leastSquaresSolution()
        }
        #expect(TrainingError.singularSystem(model: "cubic", count: 4).description.contains("cubic"))
    }

    @Test("Coefficients in original units reproduce predictions", arguments: [1, 2, 3, 5])
    func originalUnitCoefficients(degree: Int) throws {
        let model = try PolynomialModel.polynomial(degree: degree)
        let data = try notebookData()
        var generator = SeededGenerator(seed: UInt64(degree))
        let parameters = randomValues(model.parameterCount, in: -1...1, using: &generator)
        let coefficients = model.coefficientsInOriginalUnits(parameters, xScale: data.xScale, yScale: data.yScale)
        #expect(coefficients.count == degree + 1)
        for weight in Dataset.notebook.x {
            var direct = 0.0
            var power = 1.0
            for coefficient in coefficients {
                direct += coefficient * power
                power *= weight
            }
            let viaNormalized = data.yScale.denormalize(model.predict(parameters, at: data.xScale.normalize(weight)))
            #expect(isClose(direct, viaNormalized, tolerance: 1e-9), "weight \(weight): \(direct) vs \(viaNormalized)")
        }
    }

    @Test("Monomial coefficients in original units: w·((x − m)/s)² expanded by hand")
    func monomialExpansion() {
        // m = 1, s = 2, σy = 3, μy = 4, w = 8: 3·8·(x² − 2x + 1)/4 + 4 = 6x² − 12x + 10.
        let coefficients = PolynomialModel.monomial(power: 2).coefficientsInOriginalUnits(
            [8], xScale: Normalizer(mean: 1, standardDeviation: 2), yScale: Normalizer(mean: 4, standardDeviation: 3))
        #expect(isClose(coefficients, [10, -12, 6], tolerance: 1e-15))
    }
}
