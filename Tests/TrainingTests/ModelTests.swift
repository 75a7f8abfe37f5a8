import Testing
import Training

@Suite("Models and normalization")
struct ModelTests {
    @Test("Model names and parameter names")
    func names() throws {
        #expect(PolynomialModel.linear.powers == [1, 0] && PolynomialModel.linear.parameterNames == ["w", "b"])
        #expect(PolynomialModel.linear.name == "linear")
        #expect(PolynomialModel.cubic.parameterNames == ["w1", "w2", "w3", "b"] && PolynomialModel.cubic.name == "cubic")
        let degree5 = try PolynomialModel.polynomial(degree: 5)
        #expect(degree5.parameterNames == ["w1", "w2", "w3", "w4", "w5", "b"] && degree5.name == "degree 5")
        #expect(try PolynomialModel.polynomial(degree: 1) == .linear)
        #expect(try PolynomialModel.polynomial(degree: 3) == .cubic)
        let monomial = PolynomialModel.monomial(power: 2)
        #expect(monomial.powers == [2] && monomial.parameterNames == ["w"] && monomial.name == "w·x²")
        #expect(monomial.parameterCount == 1)
    }

    @Test("Invalid degrees and powers are errors", arguments: [0, 10, -1])
    func invalidDegree(degree: Int) {
        #expect(throws: TrainingError.invalidDegree(degree)) { try PolynomialModel.polynomial(degree: degree) }
        #expect(TrainingError.invalidDegree(degree).description.contains("\(degree)"))
        #expect(throws: TrainingError.self) { try PolynomialModel(powers: [degree, degree]) }
    }

    @Test("Predictions add the terms in parameter order")
    func prediction() {
        #expect(isClose(PolynomialModel.linear.predict([2, 3], at: 4), 11, tolerance: 0))
        #expect(isClose(PolynomialModel.cubic.predict([1, 2, 3, 4], at: 2), 2 + 8 + 24 + 4, tolerance: 0))
        #expect(isClose(PolynomialModel.monomial(power: 2).predict([2], at: 3), 18, tolerance: 0))
    }

    @Test("Normalizer uses the population standard deviation")
    func normalizer() throws {
        let scale = try Normalizer(fitting: [2, 4, 4, 4, 5, 5, 7, 9], name: "v")
        #expect(isClose(scale.mean, 5, tolerance: 1e-15))
        #expect(isClose(scale.standardDeviation, 2, tolerance: 1e-15))
        #expect(isClose(scale.normalize(9), 2, tolerance: 1e-15))
        #expect(isClose(scale.denormalize(scale.normalize(3.7)), 3.7, tolerance: 1e-15))
        #expect(Normalizer.identity.normalize(3.5) == 3.5)
    }

    @Test("Normalized notebook data has mean 0 and variance 1")
    func normalizedNotebook() throws {
        let data = try notebookData()
        #expect(isClose(data.xScale.mean, 75.5, tolerance: 1e-15))
        #expect(isClose(data.xScale.standardDeviation, 13.055650117860848, tolerance: 1e-14))
        #expect(isClose(data.yScale.standardDeviation, 12.074767078498866, tolerance: 1e-14))
        #expect(abs(data.x.reduce(0, +)) < 1e-13)
        #expect(isClose(data.y.map { $0 * $0 }.reduce(0, +) / 10, 1, tolerance: 1e-14))
    }

    @Test("Normalizer rejects constant, tiny and huge inputs")
    func normalizerErrors() {
        #expect(throws: TrainingError.zeroVariance(name: "x", value: 58, path: "f.csv")) {
            try Normalizer(fitting: [58, 58, 58], name: "x", source: "f.csv")
        }
        #expect(throws: TrainingError.tooFewRows(path: nil, count: 1)) { try Normalizer(fitting: [1], name: "x") }
        #expect(throws: TrainingError.tooFewRows(path: nil, count: 0)) { try Normalizer(fitting: [], name: "x") }
        #expect(throws: TrainingError.self) { try Normalizer(fitting: [1e300, -1e300, 1e308], name: "x") }
        #expect(throws: TrainingError.self) { try Normalizer(fitting: [1, .nan], name: "x") }
    }

    @Test("Seeded generator is reproducible and the shuffle is a permutation")
    func generator() {
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        #expect((0..<10).map { _ in first.next() } == (0..<10).map { _ in second.next() })
        // SplitMix64 reference value for seed 0 (first output).
        var zero = SeededGenerator(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
        var values = Array(0..<100)
        var generator = SeededGenerator(seed: 1)
        values.fisherYatesShuffle(using: &generator)
        #expect(values.sorted() == Array(0..<100) && values != Array(0..<100))
        // Uniformity: every value lands in every position about equally often.
        var counts = [Int](repeating: 0, count: 4)
        for _ in 0..<40_000 { counts[Int(uniformRandomIndex(below: 4, using: &generator))] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
    }
}
