import Foundation
import Plotting
@testable import Reporting
import Testing
import Training

@Suite("Landscape family figures: step, normalization, slice, compare optimizers")
struct LandscapeFamilyFigureTests {
    static func texts(_ figure: Figure) -> [String] { Runs.texts(figure) }

    static func style(_ language: Language) -> FigureStyle { FigureStyle(theme: language == .finnish ? .dark : .light, language: language) }

    @Test("step: w = 1 → 2.6 → 1.64 → 2.216 with gradients −32, 19.2, −11.52 (by hand)")
    func stepNumbers() async throws {
        // By hand: ŷ = 4w, dL/dw = −2(8 − 4w)·4.
        var w = 1.0
        var expected: [(w: Double, prediction: Double, loss: Double, gradient: Double, next: Double)] = []
        for _ in 0..<3 {
            let prediction = 4 * w, gradient = -2 * (8 - prediction) * 4
            expected.append((w, prediction, (8 - prediction) * (8 - prediction), gradient, w - 0.05 * gradient))
            w -= 0.05 * gradient
        }
        #expect(expected.map(\.gradient).enumerated().allSatisfy { abs($0.element - [-32, 19.2, -11.52][$0.offset]) < 1e-12 })
        let rows = StepFigure.rows(try await Runs.trained(StepSpec().configuration, on: .workedExample))
        #expect(rows.count == 3)
        for (row, hand) in zip(rows, expected) {
            #expect(abs(row.weight - hand.w) < 1e-12 && abs(row.prediction - hand.prediction) < 1e-12)
            #expect(abs(row.loss - hand.loss) < 1e-12 && abs(row.gradient - hand.gradient) < 1e-12 && abs(row.newWeight - hand.next) < 1e-12)
        }
        #expect(abs((rows.last?.newWeight ?? 0) - 2.216) < 1e-12)
    }

    @Test("step: the numbers appear in the card, with decimal commas in Finnish", arguments: [Language.english, .finnish])
    func stepTexts(language: Language) async throws {
        let texts = Self.texts(try await Runs.product(.step(StepSpec()), style: Self.style(language)).figure)
        let expected = language == .english
            ? ["2.6", "1.64", "2.216", "\u{2212}32", "19.2", "\u{2212}11.52", "10.4", "6.56", "5.76"]
            : ["2,6", "1,64", "2,216", "\u{2212}32", "19,2", "\u{2212}11,52", "10,4", "6,56", "5,76"]
        for value in expected { #expect(texts.contains(value), "missing \(value)") }
        #expect(texts.contains(language == .english ? "new w" : "uusi w"))
        #expect(texts.contains { $0.contains(language == .english ? "w₃ = 2.216" : "w₃ = 2,216") })
    }

    @Test("step: --w0, --lr and --steps change the computed steps")
    func stepOptions() async throws {
        // w1 = 0 − 0.01·(−2·8·4) = 0.64; w2 = 0.64 − 0.01·(−2·(8 − 2.56)·4) = 1.0752.
        let texts = Self.texts(try await Runs.product(.step(StepSpec(initialWeight: 0, learningRate: 0.01, steps: 2))).figure)
        #expect(texts.contains("0.64") && texts.contains("1.0752"))
    }

    @Test("normalization: eigenvalues, condition number and stable limit match a hand computation", arguments: [Language.english, .finnish])
    func normalizationNumbers(language: Language) async throws {
        let spec = FigureSpec.normalization(NormalizationSpec(run: .notebook(for: .linear), plane: LandscapeOptions(gridSize: 30)))
        let texts = Self.texts(try await Runs.product(spec, style: Self.style(language)).figure)
        let formatter = TickFormatter(style: language == .finnish ? .finnish : .english)
        let separator = language == .finnish ? "; " : ", "
        // z-scored: G = [[1, 0], [0, 1]], so 2G has eigenvalues 2, 2, condition 1, limit 2/2 = 1.
        let z = language == .english
            ? ["Hessian eigenvalues λ = 2, 2", "condition number κ = 1", "stable limit 2/λmax = 1", "learning rate η = 0.8"]
            : ["Hessen ominaisarvot λ = 2; 2", "ehtoluku κ = 1", "vakausraja 2/λmax = 1", "oppimisnopeus η = 0,8"]
        for line in z { #expect(texts.contains(line), "missing \(line)") }
        // Raw: G = [[mean x², mean x], [mean x, 1]]; eigenvalues of 2G are m2 + 1 ± √((m2 − 1)² + 4m1²).
        let x: [Double] = [58, 59, 62, 78, 68, 70, 88, 89, 92, 91]
        let m1 = x.reduce(0, +) / 10, m2 = x.map { $0 * $0 }.reduce(0, +) / 10
        let root = ((m2 - 1) * (m2 - 1) + 4 * m1 * m1).squareRoot()
        let high = m2 + 1 + root, low = m2 + 1 - root
        let f = { formatter.format($0, significantDigits: 3) }
        let eigenLine = (language == .english ? "Hessian eigenvalues λ = " : "Hessen ominaisarvot λ = ") + f(high) + separator + f(low)
        #expect(texts.contains(eigenLine), "missing \(eigenLine)")
        #expect(texts.contains((language == .english ? "condition number κ = " : "ehtoluku κ = ") + f(high / low)))
        #expect(texts.contains((language == .english ? "stable limit 2/λmax = " : "vakausraja 2/λmax = ") + f(2 / high)))
        #expect(texts.contains(language == .english ? "raw data" : "normalisoimaton data"))
        #expect(texts.contains(language == .english ? "z-scored data" : "z-normalisoitu data"))
    }

    @Test("slice: the tangent's slope is the analytic gradient (checked by finite differences) and the step is −η·slope")
    func sliceSlope() async throws {
        let product = try await Runs.product(.slice(SliceSpec(run: .notebook(for: .linear), parameter: "w", learningRate: 0.05)))
        // MSE along w at the start (w, b) = (0.1, 0.1), by finite differences on direct sums.
        let data = try NormalizedDataset(.notebook)
        let h = 1e-6
        let plus = Loss.meanSquaredError(model: .linear, parameters: [0.1 + h, 0.1], x: data.x, y: data.y)
        let minus = Loss.meanSquaredError(model: .linear, parameters: [0.1 - h, 0.1], x: data.x, y: data.y)
        let slope = (plus - minus) / (2 * h)
        let formatter = TickFormatter(style: .english)
        let texts = Self.texts(product.figure)
        #expect(texts.contains("tangent, slope ∂L/∂w = " + formatter.format(slope, significantDigits: 4)))
        #expect(texts.contains("step −η·∂L/∂w = " + formatter.format(-0.05 * slope, significantDigits: 4) + " (η = 0.05)"))
        // The dashed tangent touches the curve at (0.1, MSE): its two ends lie on the line through it with that slope.
        let lines = product.figure.axes.marks.compactMap { $0 as? LineMark }
        let tangent = lines.first { $0.dash == .dashed }?.points ?? []
        let mse = Loss.meanSquaredError(model: .linear, parameters: [0.1, 0.1], x: data.x, y: data.y)
        #expect(tangent.count == 2)
        for point in tangent { #expect(abs(point.y - (mse + slope * (point.x - 0.1))) < 1e-6) }
    }

    @Test("slice: an unknown --param lists the model's parameters; an epoch past the end is refused")
    func sliceErrors() async throws {
        let unknown = FigureSpec.slice(SliceSpec(run: .notebook(for: .linear), parameter: "w7"))
        #expect(throws: ReportingError.unknownParameter(name: "w7", model: "linear", available: ["w", "b"], setting: .sliceParameter)) {
            try unknown.validate()
        }
        let late = FigureSpec.slice(SliceSpec(run: .notebook(for: .linear), epoch: 301))
        let store = try await Runs.store([late])
        #expect(throws: ReportingError.epochOutOfRange(epoch: 301, last: 300)) { try LectureFigures.make(late, style: FigureStyle(), store: store) }
    }

    @Test("compare optimizers: one path per optimizer from the same start, legend per optimizer, Finnish labels")
    func compareOptimizers() async throws {
        let spec = FigureSpec.compareOptimizers(CompareOptimizersSpec(base: .notebook(for: .linear), plane: LandscapeOptions(gridSize: 30)))
        let product = try await Runs.product(spec, style: Self.style(.finnish))
        let paths = product.figure.axes.marks.compactMap { $0 as? PathMark }
        #expect(paths.count == 4)
        #expect(Set(paths.compactMap { $0.points.first }).count == 1)
        // The optimizers are named in the second panel's legend (same colours as the paths); the
        // landscape's legend has the start and the minimum.
        let labels = product.figure.panels[1].legendEntries.map(\.label)
        for name in ["sgd, η = 0,001", "gd, η = 0,001", "momentum (β = 0,9), η = 0,001", "adam (β₁ = 0,9; β₂ = 0,999), η = 0,001"] {
            #expect(labels.contains { $0.hasPrefix(name) }, "missing \(name)")
        }
        let landscape = product.figure.axes.legendEntries.map(\.label)
        #expect(landscape.contains("alku") && landscape.contains("suljetun muodon minimi"))
    }

    @Test("compare optimizers on equal footing: every optimizer runs every epoch, MSE plotted against its own parameter updates")
    func compareOptimizersFairly() async throws {
        // The cubic's notebook stop rule would end momentum after a few epochs; the comparison runs them all.
        let spec = CompareOptimizersSpec(base: .notebook(for: .cubic), plane: LandscapeOptions(gridSize: 20))
        let store = try await Runs.store([.compareOptimizers(spec)])
        let runs = try store.models(spec.requests)
        #expect(runs.map(\.history.epochsRun) == [1000, 1000, 1000, 1000])
        let product = try LectureFigures.make(.compareOptimizers(spec), style: FigureStyle(), store: store)
        #expect(product.figure.subtitle?.contains("all 1000 epochs") == true)
        let updates = product.figure.panels[1]
        #expect(updates.xScale == .log)
        // Outlined curves: every other line is a run's curve; sgd updates 10 times an epoch (10 people), gd once.
        let curves = updates.marks.compactMap { $0 as? LineMark }.filter { OptimizerComparisonFigure.colors.contains($0.color) }
        let sgd = try #require(curves.first { $0.color == OptimizerComparisonFigure.colors[0] })
        let gd = try #require(curves.first { $0.color == OptimizerComparisonFigure.colors[1] })
        #expect(sgd.points.prefix(3).map(\.x) == [10, 20, 30])
        #expect(gd.points.prefix(3).map(\.x) == [1, 2, 3])
        #expect(sgd.points[0].y == runs[0].history.epochs[1].meanSquaredError)
    }

    @Test("landscape in Finnish: title, legend and decimal commas")
    func finnishLandscape() async throws {
        let spec = FigureSpec.landscape(LandscapeSpec(run: .notebook(for: .linear), plane: LandscapeOptions(gridSize: 30)))
        let product = try await Runs.product(spec, style: Self.style(.finnish))
        let texts = Self.texts(product.figure)
        #expect(texts.contains("MSE-pinta: lineaarinen malli, taso (w, b)"))
        #expect(texts.contains("sgd-polku") && texts.contains("loppu"))
        #expect(texts.contains { $0.contains("oppimisnopeus 0,001") })
    }
}
