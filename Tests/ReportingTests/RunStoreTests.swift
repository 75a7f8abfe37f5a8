import Foundation
import Plotting
@testable import Reporting
import Testing
import Training

/// One source of truth: every command trains each distinct run once, and nothing that draws trains.
@Suite("Run store: each run trained once, figures never train")
struct RunStoreTests {
    /// `body` run with a fresh trace installed; returns its value and the runs it trained.
    static func traced<T>(_ body: () async throws -> T) async throws -> (T, [TrainingTrace.Run]) {
        let trace = TrainingTrace()
        let value = try await TrainingTrace.$current.withValue(trace) { try await body() }
        return (value, trace.runs)
    }

    static var linear: TrainingConfiguration { .notebook(for: .linear) }
    static var cubic: TrainingConfiguration { .notebook(for: .cubic) }

    /// One spec of every kind, with how many distinct runs each needs (counted by hand).
    static let specs: [(FigureSpec, runs: Int)] = [
        (.fit(FitSpec(runs: [linear, cubic], residuals: true, labels: true)), 2),
        (.loss(LossSpec(runs: [linear])), 1),
        (.training(TrainingViewSpec(run: cubic, epoch: 3)), 1),
        (.landscape(LandscapeSpec(run: linear, plane: LandscapeOptions(gridSize: 20))), 1),
        (.landscape(LandscapeSpec(run: linear, plane: LandscapeOptions(gridSize: 20), raw: true)), 1),
        (.normalization(NormalizationSpec(run: linear, plane: LandscapeOptions(gridSize: 20))), 2),
        (.lrSweep(LearningRateSweepSpec(runs: [linear, cubic])), 8),
        (.lrSweep(LearningRateSweepSpec(runs: [linear], learningRates: [0.1, 0.1, 0.2])), 2),
        (.slice(SliceSpec(run: cubic, parameter: "w2", epoch: 2)), 1),
        (.step(StepSpec()), 1),
        (.compareModels(CompareModelsSpec(completing: [linear])), 2),
        (.compareOptimizers(CompareOptimizersSpec(base: linear, plane: LandscapeOptions(gridSize: 20))), 4),
        (.landscape(LandscapeSpec(run: network, plane: LandscapeOptions(principalPlane: true, gridSize: 20))), 1),
        (.interpolation(InterpolationSpec(run: network)), 1),
    ]

    /// A small network run (`--model mlp --hidden 3`, 50 epochs).
    static var network: TrainingConfiguration {
        var configuration = TrainingConfiguration.network(try! NetworkModel(hiddenUnits: 3))
        configuration.maxEpochs = 50
        return configuration
    }

    @Test("a figure's runs are trained once each, and drawing it trains nothing", arguments: specs.indices)
    func figureTrainsOncePerConfiguration(index: Int) async throws {
        let (spec, expected) = Self.specs[index]
        let catalog = try DataCatalog(dataset: .notebook)
        let (store, trained) = try await Self.traced { try await LectureFigures.train([spec], catalog: catalog) }
        #expect(trained.count == expected, "\(spec.kind): \(trained.map(\.configuration))")
        #expect(Set(trained).count == trained.count, "a run was trained twice")
        #expect(store.trainedRunCount == expected)
        let (_, whileDrawing) = try await Self.traced {
            for language in Language.allCases {
                _ = try LectureFigures.make(spec, style: FigureStyle(language: language, size: try FigureSize(width: 480, height: 270)), store: store)
            }
        }
        #expect(whileDrawing.isEmpty, "drawing trained \(whileDrawing.count) runs")
    }

    @Test("the lr-sweep's runs are the 0.1, 0.5, 0.9 and 1.1 multiples of each model's own 2/λmax, by full-batch GD")
    func sweepRunsAreTheDerivedRates() async throws {
        let catalog = try DataCatalog(dataset: .notebook)
        let spec = FigureSpec.lrSweep(LearningRateSweepSpec(runs: [Self.linear, Self.cubic]))
        let (_, trained) = try await Self.traced { try await LectureFigures.train([spec], catalog: catalog) }
        // 2/λmax of 2G by hand: G from the z-scored features, its largest eigenvalue by power iteration.
        for model in [PolynomialModel.linear, .cubic] {
            let x = catalog.zScored.x
            let features = x.map { value in model.powers.map { pow(value, Double($0)) } }
            let p = model.parameterCount
            var gram = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
            for row in features { for i in 0..<p { for j in 0..<p { gram[i][j] += row[i] * row[j] / Double(x.count) } } }
            var vector = [Double](repeating: 1, count: p), largest = 0.0
            for _ in 0..<2000 {
                let next = (0..<p).map { i in (0..<p).reduce(0) { $0 + gram[i][$1] * vector[$1] } }
                largest = (next.map { $0 * $0 }.reduce(0, +)).squareRoot()
                vector = next.map { $0 / largest }
            }
            let limit = 2 / (2 * largest)
            let rates = trained.filter { $0.configuration.model == model }.map(\.configuration.learningRate).sorted()
            #expect(rates.count == 4)
            for (rate, multiple) in zip(rates, [0.1, 0.5, 0.9, 1.1]) {
                #expect(abs(rate - multiple * limit) <= 1e-9 * limit, "\(model.name): \(rate) vs \(multiple) × \(limit)")
            }
            #expect(trained.filter { $0.configuration.model == model }.allSatisfy { $0.configuration.optimizer == .gd && $0.configuration.stopRule == .fixed })
        }
    }

    @Test("a store refuses a run it was not built with instead of training it")
    func unplannedRunIsAnError() async throws {
        let catalog = try DataCatalog(dataset: .notebook)
        let store = try await RunStore.train([RunRequest(Self.linear)], catalog: catalog)
        var other = Self.linear
        other.learningRate = 0.002
        let (_, trained) = try await Self.traced {
            #expect(throws: ReportingError.self) { try store.model(RunRequest(other)) }
            #expect(throws: ReportingError.self) { try store.model(RunRequest(Self.linear, on: .raw)) }
        }
        #expect(trained.isEmpty)
        #expect(try store.model(RunRequest(Self.linear)).history.epochsRun == 300)
    }

    @Test("steps are recorded once for a run asked for with and without them")
    func stepsShareTheRun() async throws {
        let catalog = try DataCatalog(dataset: .notebook)
        var withSteps = Self.linear
        withSteps.maxEpochs = 5
        withSteps.recordSteps = true
        var plain = withSteps
        plain.recordSteps = false
        let (store, trained) = try await Self.traced {
            try await RunStore.train([RunRequest(plain), RunRequest(withSteps)], catalog: catalog)
        }
        #expect(trained.count == 1)
        let stepped = try store.model(RunRequest(withSteps)), bare = try store.model(RunRequest(plain))
        #expect(stepped.history.steps.count == 5 * 10)
        #expect(bare.history.steps.isEmpty && !bare.history.configuration.recordSteps)
        #expect(stepped.history.epochs.map(\.parameters) == bare.history.epochs.map(\.parameters))
    }

    @Test("a diverging run is halved until it stays finite, each attempt trained once")
    func halvingTrainsEachAttemptOnce() async throws {
        let catalog = try DataCatalog(dataset: .notebook)
        var fast = TrainingConfiguration.notebook(for: .linear)
        fast.optimizer = .gd
        fast.stopRule = .fixed
        fast.maxEpochs = 200
        fast.learningRate = 5  // the stable limit is 1: 5, 2.5 and 1.25 diverge, 0.625 does not
        let request = RunRequest(fast, onDivergence: .halveLearningRate(times: 30))
        let (store, trained) = try await Self.traced { try await RunStore.train([request, request], catalog: catalog) }
        #expect(trained.map(\.configuration.learningRate) == [5, 2.5, 1.25, 0.625])
        let run = try store.model(request)
        #expect(run.history.configuration.learningRate == 0.625 && !run.history.diverged)
    }

    @Test("the default kit trains every distinct run exactly once (28: 2 models, 8 sweep, 2 normalization, 3 optimizers, 1 step, 8 schedules, 4 optimizer states)")
    func defaultKitTrainsOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-kit-runs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The default kit's models and kinds, drawn small: the runs do not depend on sizes or formats.
        var configuration = KitConfiguration()
        configuration.output = folder.path
        configuration.figures.formats = [.png]
        configuration.figures.size = try FigureSize(width: 320, height: 180)
        configuration.figures.gallerySize = try FigureSize(width: 160, height: 90)
        configuration.figures.grid = 24
        configuration.frames.size = try FigureSize(width: 320, height: 180)
        configuration.frames.maximumFrames = 3
        let builder = KitBuilder(configuration: configuration, workingDirectory: folder)
        let (result, trained) = try await Self.traced { try await builder.build() }
        #expect(Set(trained).count == trained.count, "some run was trained twice")
        // Each model's constant-schedule run is its sweep's 0.1 × 2/λmax run, so the schedules add 4 runs a model.
        #expect(trained.count == 28 && result.trainedRuns == 28)
        // optimizer-state: a momentum and an Adam run per model, recording every update.
        #expect(trained.filter(\.configuration.recordSteps).count == 4)
        let names = trained.map { "\($0.configuration.model.name) \($0.configuration.optimizer.name)" }
        let linearGD = names.filter { $0 == "linear gd" }.count
        #expect(linearGD == 11)  // sweep 4, normalization 2 (raw and z-scored), optimizers 1, schedules 4
        #expect(trained.filter { !$0.normalized && $0.configuration.model == .linear }.count == 1)  // normalization's raw run
        #expect(names.contains("linear sgd") && names.contains("cubic sgd") && names.contains("linear momentum")
                && names.contains("linear adam") && names.contains("\(PolynomialModel.monomial(power: 2).name) gd"))
        #expect(result.files.contains("figures/step-lecture.png") && result.files.contains("handout.pdf") && result.files.contains("slides.pptx"))
    }
}
