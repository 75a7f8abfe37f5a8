import Foundation
import Plotting
import Testing
@testable import Reporting
import Training

/// The figures of issue 15 (parameters, schedules, residuals, degree sweep, chain rule), each
/// checked against numbers computed here independently from the notebook's ten people.
@Suite("Anatomy figures")
struct AnatomyFigureTests {
    typealias Hand = TrainingCurveFigureTests

    // MARK: chain rule

    @Test("chain rule: forward and backward values by hand for the linear model, finite differences for every degree, the update")
    func chainRuleValues() async throws {
        // Linear at epoch 0 (w = b = 0.1), Oliver: every value by hand.
        let linear = try await Runs.trained(.notebook(for: .linear))
        let pass = ChainRule(model: linear, index: 0, parameters: [0.1, 0.1], learningRate: 0.001)
        let x = Hand.zscores(Hand.weight)[0], y = Hand.zscores(Hand.height)[0]
        let prediction = 0.1 * x + 0.1, error = prediction - y
        #expect(abs(pass.prediction - prediction) < 1e-15 && abs(pass.error - error) < 1e-15 && abs(pass.loss - error * error) < 1e-15)
        #expect(abs(pass.gradient[0] - 2 * error * x) < 1e-15 && abs(pass.gradient[1] - 2 * error) < 1e-15)
        #expect(abs(pass.updated[0] - (0.1 - 0.001 * 2 * error * x)) < 1e-15)
        // Cubic and degree 5 at a later epoch: ∂ℓ/∂θₖ against central differences of ℓ(θ).
        for model in [PolynomialModel.cubic, try PolynomialModel.polynomial(degree: 5)] {
            var configuration = TrainingConfiguration.notebook(for: model)
            configuration.stopRule = .fixed
            configuration.maxEpochs = 5
            let trained = try await Runs.trained(configuration)
            let theta = try #require(trained.record(atEpoch: 3)).parameters
            let index = try #require(ChainRule.sampleIndex("harry", in: trained.data.original))
            let pass = ChainRule(model: trained, index: index, parameters: theta, learningRate: 0.01)
            func loss(_ parameters: [Double]) -> Double {
                let e = model.predict(parameters, at: trained.data.x[index]) - trained.data.y[index]
                return e * e
            }
            for k in theta.indices {
                var plus = theta, minus = theta
                plus[k] += 1e-6
                minus[k] -= 1e-6
                let numeric = (loss(plus) - loss(minus)) / 2e-6
                #expect(abs(pass.gradient[k] - numeric) < 1e-6 * max(1, abs(numeric)), "\(model.name) \(k)")
            }
        }
        // The figure prints these values and the update with numbers.
        let product = try await Hand.draw(.chainRule(ChainRuleSpec(run: .notebook(for: .linear), sample: "Oliver")))
        let texts = Runs.texts(product.figure)
        let format = { (value: Double) in TickFormatter(style: .english).format(value, significantDigits: 4) }
        #expect(texts.contains("ℓ = e² = \(format(error * error))"), "\(texts)")
        #expect(texts.contains("∂ℓ/∂w = 2e·x = \(format(2 * error * x))"))
        #expect(texts.contains("w: 0.1 − 0.001·(\(format(2 * error * x))) = \(format(0.1 - 0.001 * 2 * error * x))"))
        // Samples by name (any case) or row number from 1; anything else is refused.
        #expect(ChainRule.sampleIndex("Charlie", in: .notebook) == 9 && ChainRule.sampleIndex("3", in: .notebook) == 2)
        await #expect(throws: ReportingError.self) { try await Hand.draw(.chainRule(ChainRuleSpec(run: .notebook(for: .linear), sample: "Bob"))) }
    }

    @Test("network chain rule: H = 2 by hand, finite differences of ℓ for every parameter at H = 3, the update, the figure's numbers from the recorded epoch, the units it leaves out named")
    func networkChainRuleValues() async throws {
        // H = 2 with chosen parameters, every value by hand.
        let two = try NetworkModel(hiddenUnits: 2)
        let (x, y, eta) = (0.8, -0.3, 0.05)
        let theta = [0.5, -1.2, 0.1, 0.3, 0.7, -0.4, 0.2]  // w1 w2 c1 c2 v1 v2 b
        let pass = NetworkChainRule(network: two, x: x, y: y, parameters: theta, learningRate: eta)
        let h1 = tanh(0.5 * 0.8 + 0.1), h2 = tanh(-1.2 * 0.8 + 0.3)
        let prediction = 0.7 * h1 - 0.4 * h2 + 0.2, e = prediction + 0.3
        let dz1 = 2 * e * 0.7 * (1 - h1 * h1), dz2 = 2 * e * -0.4 * (1 - h2 * h2)
        let expected = [dz1 * 0.8, dz2 * 0.8, dz1, dz2, 2 * e * h1, 2 * e * h2, 2 * e]
        #expect(abs(pass.units[0].z - 0.5) < 1e-15 && abs(pass.units[1].z + 0.66) < 1e-15)
        #expect(abs(pass.units[0].h - h1) < 1e-15 && abs(pass.units[1].dh - 2 * e * -0.4) < 1e-15)
        #expect(abs(pass.prediction - prediction) < 1e-15 && abs(pass.error - e) < 1e-15 && abs(pass.loss - e * e) < 1e-15)
        for k in theta.indices {
            #expect(abs(pass.gradient[k] - expected[k]) < 1e-14, "parameter \(k)")
            #expect(abs(pass.updated[k] - (theta[k] - eta * expected[k])) < 1e-14, "update \(k)")
        }
        // H = 3 at a recorded epoch of a trained run: every ∂ℓ/∂θ against central differences of
        // ℓ(θ) through the network's own forward pass, and the trainer's backpropagation agrees.
        var configuration = TrainingConfiguration.network(try NetworkModel(hiddenUnits: 3))
        configuration.maxEpochs = 5
        let trained = try await Runs.trained(configuration)
        let network = try #require(trained.network)
        let record = try #require(trained.record(atEpoch: 3))
        let index = try #require(ChainRule.sampleIndex("harry", in: trained.data.original))
        let (sx, sy) = (trained.data.x[index], trained.data.y[index])
        let three = NetworkChainRule(model: trained, network: network, index: index, parameters: record.parameters, learningRate: 0.01)
        func loss(_ parameters: [Double]) -> Double {
            let e = network.predict(parameters, at: sx) - sy
            return e * e
        }
        for k in record.parameters.indices {
            var plus = record.parameters, minus = record.parameters
            plus[k] += 1e-6
            minus[k] -= 1e-6
            let numeric = (loss(plus) - loss(minus)) / 2e-6
            #expect(abs(three.gradient[k] - numeric) < 1e-6 * max(1, abs(numeric)), "\(network.parameterNames[k])")
        }
        let backprop = network.gradient(record.parameters, x: [sx], y: [sy])
        #expect(zip(three.gradient, backprop).allSatisfy { abs($0 - $1) <= 1e-15 * max(1, abs($1)) })
        // The figure at --epoch 3 draws that pass, with the next update's rate.
        let spec = ChainRuleSpec(run: configuration, sample: "Harry", epoch: 3)
        let texts = Runs.texts(try await Hand.draw(.chainRule(spec)).figure)
        let format = { (value: Double) in TickFormatter(style: .english).format(value, significantDigits: 4) }
        let rate = try #require(trained.record(atEpoch: 4)).learningRate
        let figurePass = NetworkChainRule(model: trained, network: network, index: index, parameters: record.parameters, learningRate: rate)
        #expect(texts.contains("ℓ = e² = \(format(figurePass.loss))"), "\(texts)")
        #expect(texts.contains("∂ℓ/∂z₂ = \(format(figurePass.units[1].dz))"))
        let b = 3 * 3
        #expect(texts.contains("b ← b − η·∂ℓ/∂b: \(format(record.parameters[b])) − \(format(rate))·(\(format(figurePass.gradient[b]))) = \(format(figurePass.updated[b]))"))
        #expect(texts.contains("\(format(record.parameters[0])) − \(format(rate))·(\(format(figurePass.gradient[0]))) = \(format(figurePass.updated[0]))"))
        #expect(!texts.contains { $0.contains("units shown") })
        // 16 units: those with the largest |∂ℓ/∂z| are drawn, and the figure says how many of 16.
        let wide = TrainingConfiguration.network(try NetworkModel(hiddenUnits: 16))
        let wideTrained = try await Runs.trained(wide)
        let widePass = NetworkChainRule(model: wideTrained, network: try #require(wideTrained.network), index: 0,
                                        parameters: try #require(wideTrained.record(atEpoch: 0)).parameters, learningRate: 0.01)
        let wideTexts = Runs.texts(try await Hand.draw(.chainRule(ChainRuleSpec(run: wide))).figure)
        let note = try #require(wideTexts.first { $0.hasSuffix(" of 16 units shown, those with the largest |∂ℓ/∂zⱼ|; ŷ sums all 16, the update lists the units shown and b") })
        let shown = try #require(Int(note.prefix { $0.isNumber }))
        let largest = widePass.units.indices.sorted { abs(widePass.units[$0].dz) > abs(widePass.units[$1].dz) }
        #expect((3..<16).contains(shown))
        for (rank, j) in largest.enumerated() {
            let drawn = wideTexts.contains { $0.hasPrefix("∂ℓ/∂z\(LandscapePlane.displayName("\(j + 1)")) = ") }
            #expect(drawn == (rank < shown), "unit \(j + 1), rank \(rank)")
        }
    }

    // MARK: degree sweep

    /// Runs `python3 -c script`; nil when python3 or numpy is missing.
    static func numpy(_ script: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
    static let hasNumpy = numpy("import numpy") != nil

    @Test("degree sweep: leave-one-out by refitting without each person equals the hat-matrix shortcut e/(1 − h)")
    func leaveOneOutMatchesShortcut() throws {
        let direct = try DegreeSweep.compute(.notebook, degrees: 1...8, direct: true)
        let shortcut = try DegreeSweep.compute(.notebook, degrees: 1...8, direct: false)
        #expect(direct.rows.map(\.degree) == Array(1...8))
        for (a, b) in zip(direct.rows, shortcut.rows) {
            #expect(a.trainingError == b.trainingError)
            #expect(abs(a.leaveOneOutError - b.leaveOneOutError) <= 1e-9 * a.leaveOneOutError, "degree \(a.degree)")
        }
        // Training error falls (weakly) with the degree: nested models.
        for (a, b) in zip(direct.rows, direct.rows.dropFirst()) { #expect(b.trainingError <= a.trainingError * (1 + 1e-9)) }
    }

    @Test("degree sweep: the CSV matches numpy's Polynomial.fit (scaled domain, SVD least squares) refit without each person",
          .enabled(if: hasNumpy, "numpy cannot be imported here: pip install numpy to run this check"))
    func degreeSweepMatchesNumpy() async throws {
        let product = try await Hand.draw(.degreeSweep(DegreeSweepSpec()))
        let csv = try #require(product.tableCSV())
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "degree,train_mse_cm2,loo_mse_cm2")
        let script = """
            import numpy as np
            from numpy.polynomial import Polynomial as P
            w = np.array([58, 59, 62, 78, 68, 70, 88, 89, 92, 91.]); h = np.array([150, 157, 163, 168, 171, 175, 179, 182, 185, 190.])
            for d in range(1, 9):
                train = np.mean((h - P.fit(w, h, d)(w)) ** 2)
                loo = np.mean([(h[i] - P.fit(np.delete(w, i), np.delete(h, i), d)(w[i])) ** 2 for i in range(10)])
                print(f"{d},{float(train)!r},{float(loo)!r}")
            """
        let reference = try #require(Self.numpy(script)).split(separator: "\n")
        #expect(reference.count == 8)
        for (ours, theirs) in zip(lines.dropFirst(), reference) {
            let a = ours.split(separator: ",").compactMap { Double($0) }, b = theirs.split(separator: ",").compactMap { Double($0) }
            #expect(a.count == 3 && b.count == 3 && a[0] == b[0])
            #expect(abs(a[1] - b[1]) <= 1e-8 * b[1] && abs(a[2] - b[2]) <= 1e-8 * b[2], "\(ours) vs \(theirs)")
        }
    }

    // MARK: residuals

    @Test("residuals: each marker is actual minus predicted in cm, from full-batch GD by hand, with the names placed")
    func residualsAreActualMinusPredicted() async throws {
        let configuration = Hand.configuration(.linear, optimizer: .gd, rate: 0.1, epochs: 30)
        let product = try await Hand.draw(.residuals(ResidualsSpec(runs: [configuration, .notebook(for: .cubic)])))
        #expect(product.figure.panels.count == 2)
        let x = Hand.zscores(Hand.weight), y = Hand.zscores(Hand.height)
        var w = 0.1, b = 0.1
        for _ in 0..<30 {
            let errors = zip(x, y).map { w * $0 + b - $1 }
            let gw = 2 * zip(errors, x).map(*).reduce(0, +) / 10, gb = 2 * errors.reduce(0, +) / 10
            w -= 0.1 * gw
            b -= 0.1 * gb
        }
        let sigma = Hand.std(Hand.height), mean = Hand.mean(Hand.height)
        let expected = zip(x, Hand.height).map { $1 - ((w * $0 + b) * sigma + mean) }
        let markers = try #require(product.figure.panels[0].marks.compactMap { $0 as? ScatterMark }.first)
        #expect(markers.points.map(\.x) == Hand.weight)
        for (drawn, residual) in zip(markers.points.map(\.y), expected) { #expect(abs(drawn - residual) < 1e-9) }
        let texts = Runs.texts(product.figure)
        #expect(texts.contains("Oliver") && texts.contains("Arthur"))
        let low = expected.min() ?? 0, high = expected.max() ?? 0
        #expect(product.figure.subtitle?.contains("\(String(format: "%.1f", low).replacingOccurrences(of: "-", with: "−")) cm to +\(String(format: "%.1f", high)) cm") == true,
                "\(product.figure.subtitle ?? "")")
    }

    // MARK: schedules

    @Test("schedules: one run per schedule on equal footing, each rate line the schedule's formula written out here")
    func schedulesOnEqualFooting() async throws {
        let product = try await Hand.draw(.schedules(SchedulesSpec(base: Hand.configuration(.linear, epochs: 40))))
        let rates = Hand.lines(product.figure.panels[0])
        #expect(rates.count == 5)
        // Linear z-scored data: 2G = 2I, so the stable limit is 1 and the base rate 0.1.
        let formulas: [(Int) -> Double] = [
            { _ in 0.1 },
            { t in 0.1 * pow(0.5, Double(t / 10)) },              // step every 40/4 epochs
            { t in 0.1 * pow(0.99, Double(t)) },                  // exponential
            { t in 0.05 * (1 + cos(Double.pi * Double(t) / 40)) },  // cosine
            { t in t < 4 ? 0.1 * Double(t + 1) / 4 : 0.1 },        // warmup over 40/10 epochs
        ]
        for (line, formula) in zip(rates, formulas) {
            #expect(line.points.count == 40)
            for point in line.points {
                #expect(abs(point.y - formula(Int(point.x) - 1)) < 1e-15, "\(line.label ?? "") epoch \(point.x)")
            }
        }
        let store = try await Runs.store([.schedules(SchedulesSpec(base: Hand.configuration(.linear, epochs: 40)))])
        let runs = try store.models(try SchedulesSpec(base: Hand.configuration(.linear, epochs: 40)).requests(store.catalog))
        #expect(Set(runs.map { $0.history.configuration.initialParameters }).count == 1)
        #expect(Set(runs.map { $0.history.configuration.learningRate }).count == 1)
        #expect(runs.allSatisfy { $0.history.epochsRun == 40 && $0.history.configuration.optimizer == .gd })
    }

    // MARK: parameters

    @Test("parameters: each parameter line and the gradient norm are full-batch GD by hand, the dashed lines the optimum")
    func parametersMatchHandComputedDescent() async throws {
        let configuration = Hand.configuration(.linear, optimizer: .gd, rate: 0.1, epochs: 30)
        let product = try await Hand.draw(.parameters(ParametersSpec(runs: [configuration])))
        let panels = product.figure.panels
        #expect(panels.count == 2)
        let x = Hand.zscores(Hand.weight), y = Hand.zscores(Hand.height)
        var w = 0.1, b = 0.1
        var weights: [Double] = [], biases: [Double] = [], norms: [Double] = []
        for _ in 0...30 {
            let errors = zip(x, y).map { w * $0 + b - $1 }
            let gw = 2 * zip(errors, x).map(*).reduce(0, +) / 10, gb = 2 * errors.reduce(0, +) / 10
            weights.append(w); biases.append(b); norms.append((gw * gw + gb * gb).squareRoot())
            w -= 0.1 * gw
            b -= 0.1 * gb
        }
        let lines = Hand.lines(panels[0])
        let wLine = try #require(lines.first { $0.label?.hasPrefix("w = ") == true })
        let bLine = try #require(lines.first { $0.label?.hasPrefix("b = ") == true })
        for (drawn, expected) in zip(wLine.points.map(\.y), weights) { #expect(abs(drawn - expected) < 1e-12) }
        for (drawn, expected) in zip(bLine.points.map(\.y), biases) { #expect(abs(drawn - expected) < 1e-12) }
        let dashed = lines.filter { $0.dash == .dashed }.map { $0.points[0].y }
        #expect(dashed.count == 2)
        #expect(abs(dashed[0] - Hand.correlation) < 1e-12 && abs(dashed[1]) < 1e-12)
        #expect(wLine.label == "w = \(String(format: "%.4f", weights[30])) (optimum \(String(format: "%.4f", Hand.correlation)))")
        let normLine = try #require(Hand.lines(panels[1]).first)
        #expect(normLine.points.count == 31)
        for (drawn, expected) in zip(normLine.points.map(\.y), norms) { #expect(abs(drawn - expected) < 1e-12 * max(1, expected)) }
    }
}
