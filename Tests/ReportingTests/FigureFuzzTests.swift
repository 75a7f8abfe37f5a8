import Foundation
import Plotting
@testable import Reporting
import Testing
import Training

/// Every figure kind with random valid option values — models and degrees, optimizers, learning
/// rates from 10⁻⁶ to 10³ (many diverge), starts far from the data, stop rules, raw data and
/// principal planes, random and extreme ranges, grids, sizes from a few pixels to 4K, languages,
/// themes, and data sets from the notebook's to random ones at scales from 10⁻⁶ to 10⁶ — drawn
/// and rendered. Any case may be refused with an error; none may crash (a crash ends the run).
/// `FIGURE_FUZZ_CASES` sets the number of cases (default 40; `scripts/fuzz-figures.sh` runs 10,000).
@Suite("Figure fuzzing")
struct FigureFuzzTests {
    static var cases: Int { Int(ProcessInfo.processInfo.environment["FIGURE_FUZZ_CASES"] ?? "") ?? 40 }

    /// SplitMix64, so every run tries the same cases.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A value log-uniform between `low` and `high` (both > 0).
    static func logUniform(_ low: Double, _ high: Double, using generator: inout Generator) -> Double {
        exp(Double.random(in: log(low)...log(high), using: &generator))
    }

    static func dataset(using generator: inout Generator) throws -> Dataset {
        if Bool.random(using: &generator) { return .notebook }
        let count = Int.random(in: 2...60, using: &generator)
        let xScale = logUniform(1e-6, 1e6, using: &generator), yScale = logUniform(1e-6, 1e6, using: &generator)
        let offset = Double.random(in: -1e3...1e3, using: &generator)
        let x = (0..<count).map { _ in offset + xScale * Double.random(in: -1...1, using: &generator) }
        let slope = Double.random(in: -3...3, using: &generator)
        let y = x.map { slope * ($0 - offset) / xScale * yScale + yScale * Double.random(in: -0.5...0.5, using: &generator) }
        let names = ["weight_kg", "height_cm", "hours_studied", "exam_score", "x", "a_very_long_column_name_with_words_mm"]
        let labels = Bool.random(using: &generator) ? (0..<count).map { "p\($0)-\(String(repeating: "x", count: Int.random(in: 0...12, using: &generator)))" } : nil
        return try Dataset(x: x, y: y, labels: labels, xName: names.randomElement(using: &generator)!,
                           yName: names.randomElement(using: &generator)!)
    }

    static func configuration(using generator: inout Generator) throws -> TrainingConfiguration {
        let model: PolynomialModel = try [PolynomialModel.linear, .cubic, .polynomial(degree: Int.random(in: 1...9, using: &generator))]
            .randomElement(using: &generator)!
        var configuration = TrainingConfiguration.notebook(for: model)
        configuration.optimizer = [Optimizer.sgd, .gd, .minibatch(batchSize: Int.random(in: 1...8, using: &generator)),
                                   .defaultMomentum, .defaultAdam].randomElement(using: &generator)!
        configuration.learningRate = logUniform(1e-6, 1e3, using: &generator)
        configuration.maxEpochs = Int.random(in: 1...40, using: &generator)
        let spread = [1.0, 10, 1e3, 1e6].randomElement(using: &generator)!
        configuration.initialParameters = (0..<model.parameterCount).map { _ in Double.random(in: -spread...spread, using: &generator) }
        configuration.stopRule = [StopRule.fixed, .notebook, .tolerance(logUniform(1e-12, 1, using: &generator))].randomElement(using: &generator)!
        configuration.seed = UInt64.random(in: 0...1000, using: &generator)
        configuration.shuffle = Bool.random(using: &generator)
        return configuration
    }

    /// A network run with `base`'s optimizer, rate, epochs, stop rule and seed: 1 to 12 units,
    /// the seeded start or one as far from the data as `base`'s.
    static func network(like base: TrainingConfiguration, using generator: inout Generator) throws -> TrainingConfiguration {
        let network = try NetworkModel(hiddenUnits: Int.random(in: 1...12, using: &generator))
        var configuration = TrainingConfiguration.network(network, seed: base.seed)
        (configuration.optimizer, configuration.learningRate, configuration.maxEpochs) = (base.optimizer, base.learningRate, base.maxEpochs)
        configuration.stopRule = base.stopRule
        if Bool.random(using: &generator) {
            let spread = [1.0, 10, 1e3].randomElement(using: &generator)!
            configuration.initialParameters = (0..<network.parameterCount).map { _ in Double.random(in: -spread...spread, using: &generator) }
        }
        return configuration
    }

    static func plane(for model: PolynomialModel, using generator: inout Generator) -> LandscapeOptions {
        var options = LandscapeOptions(gridSize: Int.random(in: 2...48, using: &generator))
        let names = model.parameterNames
        if Int.random(in: 0..<4, using: &generator) == 0 {
            options.principalPlane = true
            return options
        }
        if names.count >= 2, Bool.random(using: &generator) {
            options.parameters = Array(names.shuffled(using: &generator).prefix(2))
        }
        let pair = options.parameters ?? (names.count >= 2 ? [names[0], names[names.count - 1]] : names)
        for name in pair where Int.random(in: 0..<3, using: &generator) == 0 {
            let centre = Double.random(in: -1e3...1e3, using: &generator) * [0, 1e-3, 1].randomElement(using: &generator)!
            let half = logUniform(1e-300, 1e300, using: &generator)
            options.ranges[name] = (centre - half)...(centre + half)
        }
        return options
    }

    static func spec(using generator: inout Generator) throws -> FigureSpec {
        let first = try configuration(using: &generator)
        let second = try configuration(using: &generator)
        let runs = Bool.random(using: &generator) ? [first] : [first, second]
        switch Int.random(in: 0..<17, using: &generator) {
        case 0: return .fit(FitSpec(runs: runs, residuals: Bool.random(using: &generator), labels: Bool.random(using: &generator)))
        case 1: return .loss(LossSpec(runs: runs, logScale: Bool.random(using: &generator)))
        case 2: return .training(TrainingViewSpec(run: first, epoch: Bool.random(using: &generator) ? nil : Int.random(in: 0...40, using: &generator)))
        case 3: return .landscape(LandscapeSpec(run: first, plane: plane(for: first.model, using: &generator), raw: Bool.random(using: &generator)))
        case 4: return .normalization(NormalizationSpec(run: first, plane: plane(for: first.model, using: &generator)))
        case 5:
            let rates = Bool.random(using: &generator) ? nil : (0..<Int.random(in: 1...6, using: &generator)).map { _ in logUniform(1e-6, 1e3, using: &generator) }
            return .lrSweep(LearningRateSweepSpec(runs: runs, learningRates: rates, logScale: Bool.random(using: &generator)))
        case 6:
            return .slice(SliceSpec(run: first, parameter: first.model.parameterNames.randomElement(using: &generator),
                                    epoch: Int.random(in: 0...3, using: &generator), learningRate: logUniform(1e-6, 1e3, using: &generator),
                                    raw: Bool.random(using: &generator)))
        case 7:
            return .step(StepSpec(initialWeight: Double.random(in: -1e3...1e3, using: &generator), learningRate: logUniform(1e-6, 10, using: &generator),
                                  steps: Int.random(in: 1...20, using: &generator)))
        case 8: return .compareModels(CompareModelsSpec(completing: runs))
        case 10: return .parameters(ParametersSpec(runs: runs, logScale: Bool.random(using: &generator)))
        case 11:
            var base = first
            base.maxEpochs = Int.random(in: 1...60, using: &generator)
            return .schedules(SchedulesSpec(base: base, learningRate: Bool.random(using: &generator) ? nil : logUniform(1e-6, 10, using: &generator)))
        case 12: return .residuals(ResidualsSpec(runs: runs))
        case 13:
            let shown = (0..<Int.random(in: 1...4, using: &generator)).map { _ in Int.random(in: 1...8, using: &generator) }
            return .degreeSweep(DegreeSweepSpec(shownDegrees: shown))
        case 14:
            return .chainRule(ChainRuleSpec(run: Bool.random(using: &generator) ? first : try network(like: first, using: &generator), sample: Bool.random(using: &generator) ? nil : "\(Int.random(in: 0...12, using: &generator))",
                                            epoch: Int.random(in: 0...3, using: &generator)))
        case 15: return .interpolation(InterpolationSpec(run: Bool.random(using: &generator) ? first : try network(like: first, using: &generator)))
        case 16:
            let options = LandscapeOptions(principalPlane: Bool.random(using: &generator), gridSize: Int.random(in: 2...48, using: &generator))
            return .landscape(LandscapeSpec(run: try network(like: first, using: &generator), plane: options))
        default: return .compareOptimizers(CompareOptimizersSpec(base: first, plane: plane(for: first.model, using: &generator),
                                                                 raw: Bool.random(using: &generator)))
        }
    }

    static func style(using generator: inout Generator) throws -> FigureStyle {
        let sizes: [FigureSize] = [.slide, .slide4x3, .half, .square, try FigureSize(width: 640, height: 360), try FigureSize(width: 2520, height: 1080),
                                   try FigureSize(width: Int.random(in: 8...900, using: &generator), height: Int.random(in: 8...900, using: &generator))]
        return FigureStyle(theme: FigureTheme.allCases.randomElement(using: &generator)!, language: Language.allCases.randomElement(using: &generator)!,
                           size: sizes.randomElement(using: &generator)!, dpi: 144)
    }

    @Test("random figures are drawn or refused with an error, never a crash")
    func randomFigures() async throws {
        var generator = Generator(state: 2026)
        var drawn = 0, refused = 0
        for index in 0..<Self.cases {
            let spec: FigureSpec, style: FigureStyle, dataset: Dataset
            do {
                dataset = try Self.dataset(using: &generator)
                spec = try Self.spec(using: &generator)
                style = try Self.style(using: &generator)
            } catch {
                refused += 1
                continue
            }
            if ProcessInfo.processInfo.environment["FIGURE_FUZZ_TRACE"] != nil {
                print("case \(index): \(spec) \(style.size) \(dataset.count) rows")
            }
            do {
                let product = try await Runs.product(spec, style: style, dataset: dataset)
                _ = try product.figure.renderRaster()
                drawn += 1
            } catch is ReportingError, is TrainingError, is PlottingError {
                refused += 1
            }
        }
        #expect(drawn + refused == Self.cases)
        #expect(drawn > Self.cases / 3, "only \(drawn) of \(Self.cases) random figures were drawn")
    }
}
