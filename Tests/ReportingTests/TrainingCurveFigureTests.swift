import Foundation
import Plotting
import Testing
@testable import Reporting
import Training

/// The loss, training, compare (models) and lr-sweep figures, checked against numbers computed
/// here by hand from the notebook's ten people.
@Suite("Training-curve figures")
struct TrainingCurveFigureTests {
    static let weight: [Double] = [58, 59, 62, 78, 68, 70, 88, 89, 92, 91]
    static let height: [Double] = [150, 157, 163, 168, 171, 175, 179, 182, 185, 190]

    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    static func std(_ v: [Double]) -> Double {
        let m = mean(v)
        return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)).squareRoot()
    }
    static func zscores(_ v: [Double]) -> [Double] { v.map { ($0 - mean(v)) / std(v) } }

    /// The correlation r: for z-scored data the least-squares line is w* = r, b* = 0, MSE* = 1 − r².
    static var correlation: Double {
        let x = zscores(weight), y = zscores(height)
        return zip(x, y).map(*).reduce(0, +) / Double(x.count)
    }

    static func configuration(_ model: PolynomialModel, optimizer: Optimizer? = nil, rate: Double? = nil,
                              epochs: Int? = nil) -> TrainingConfiguration {
        var configuration = TrainingConfiguration.notebook(for: model)
        if let optimizer { configuration.optimizer = optimizer }
        if let rate { configuration.learningRate = rate }
        if let epochs { configuration.maxEpochs = epochs }
        return configuration
    }

    /// `spec` drawn in English (or `language`) after training its runs.
    static func draw(_ spec: FigureSpec, language: Language = .english) async throws -> FigureProduct {
        try await Runs.product(spec, style: FigureStyle(language: language))
    }

    static func lines(_ axes: Axes) -> [LineMark] { axes.marks.compactMap { $0 as? LineMark } }

    static func recordedTexts(_ figure: Figure) -> [String] {
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        return recorder.texts.map(\.text)
    }

    // MARK: loss

    @Test("the loss curve is the MSE of full-batch GD computed by hand, epoch by epoch")
    func lossCurveMatchesHandComputedDescent() async throws {
        let product = try await Self.draw(.loss(LossSpec(runs: [Self.configuration(.linear, optimizer: .gd, rate: 0.1, epochs: 30)])))
        let curve = try #require(Self.lines(product.figure.axes).first { $0.label == "linear" })
        let x = Self.zscores(Self.weight), y = Self.zscores(Self.height)
        var w = 0.1, b = 0.1
        var expected: [Double] = []
        for epoch in 0...30 {
            if epoch > 0 {
                let errors = zip(x, y).map { w * $0 + b - $1 }
                let gw = zip(errors, x).map { 2 * $0 * $1 }.reduce(0, +) / 10
                let gb = errors.map { 2 * $0 }.reduce(0, +) / 10
                w -= 0.1 * gw
                b -= 0.1 * gb
            }
            expected.append(zip(x, y).map { (w * $0 + b - $1) * (w * $0 + b - $1) }.reduce(0, +) / 10)
        }
        #expect(curve.points.count == 31)
        for (point, value) in zip(curve.points, expected) {
            #expect(abs(point.y - value) < 1e-12)
        }
        #expect(curve.points.map(\.x) == (0...30).map(Double.init))
    }

    @Test("the dashed closed-form line sits at 1 − r², the least-squares MSE of z-scored data")
    func closedFormLineAtOneMinusRSquared() async throws {
        let product = try await Self.draw(.loss(LossSpec(runs: [Self.configuration(.linear)])))
        let dashed = try #require(Self.lines(product.figure.axes).first { $0.dash == .dashed })
        let expected = 1 - Self.correlation * Self.correlation
        #expect(dashed.points.count == 2)
        #expect(dashed.points.allSatisfy { abs($0.y - expected) < 1e-12 })
        #expect(dashed.label == "closed-form minimum " + String(format: "%.4f", expected))
    }

    @Test("the cubic's notebook stop is annotated with its epoch and reason")
    func notebookStopAnnotated() async throws {
        let spec = LossSpec(runs: [Self.configuration(.cubic)])
        let models = [try await Runs.trained(Self.configuration(.cubic))]
        guard case .lossStoppedDecreasing(let epoch) = models[0].history.stopReason else {
            Issue.record("the cubic notebook run should stop by the notebook rule")
            return
        }
        let product = try LossFigure.make(spec, style: FigureStyle(), models: models)
        let expected = "stopped at epoch \(epoch): MSE stopped decreasing"
        #expect(Self.recordedTexts(product.figure).contains(expected))
        // The annotation points at the MSE of the stop epoch.
        let annotation = try #require(product.figure.axes.marks.compactMap { $0 as? AnnotationMark }.first)
        #expect(annotation.target.x == Double(epoch))
        #expect(abs(annotation.target.y - models[0].history.epochs[epoch].meanSquaredError) < 1e-15)
    }

    @Test("--model both draws each model's curve and closed-form line in one colour")
    func bothModelsOverlay() async throws {
        let product = try await Self.draw(.loss(LossSpec(runs: [Self.configuration(.linear), Self.configuration(.cubic)])))
        let lines = Self.lines(product.figure.axes)
        let linear = try #require(lines.first { $0.label == "linear" })
        let cubic = try #require(lines.first { $0.label == "cubic" })
        let linearOptimum = try #require(lines.first { $0.label?.hasPrefix("linear: closed-form minimum") == true })
        let cubicOptimum = try #require(lines.first { $0.label?.hasPrefix("cubic: closed-form minimum") == true })
        #expect(linear.color == linearOptimum.color)
        #expect(cubic.color == cubicOptimum.color)
        #expect(linear.color != cubic.color)
        #expect(cubicOptimum.points[0].y < linearOptimum.points[0].y)
    }

    @Test("a diverging run is clipped on a log axis, marked at its epoch, with the stable limit stated")
    func divergenceDrawnHonestly() async throws {
        let spec = LossSpec(runs: [Self.configuration(.linear, optimizer: .gd, rate: 5, epochs: 40)])
        let models = [try await Runs.trained(spec.runs[0])]
        guard case .diverged(let epoch) = models[0].history.stopReason else {
            Issue.record("lr 5 must diverge: the stable limit is 1")
            return
        }
        let product = try LossFigure.make(spec, style: FigureStyle(), models: models)
        let axes = product.figure.axes
        #expect(axes.yScale == .log)
        let upper = try #require(axes.yLimits?.upper)
        #expect(upper < 1e9)
        #expect(upper > models[0].history.epochs[0].meanSquaredError * 100)
        let texts = Self.recordedTexts(product.figure)
        #expect(texts.contains("diverged at epoch \(epoch) (MSE > 10¹²)"))
        #expect(product.figure.subtitle?.contains("learning rate 5 > stable limit 2/λmax = 1.000") == true)
        let raster = try product.figure.renderRaster()
        #expect(raster.width == 1920)
    }

    @Test("a diverging loss curve ends where it leaves the panel, with its cross there, and the axis stops soon after")
    func divergingCurveEndsAtTheTop() async throws {
        let spec = LossSpec(runs: [Self.configuration(.linear, optimizer: .gd, rate: 1.1, epochs: 100)])
        let model = try await Runs.trained(spec.runs[0])
        guard case .diverged(let epoch) = model.history.stopReason else { Issue.record("lr 1.1 must diverge"); return }
        let axes = try LossFigure.make(spec, style: FigureStyle(), models: [model]).figure.axes
        let upper = try #require(axes.yLimits?.upper)
        let curve = try #require(Self.lines(axes).first { $0.label == "linear" })
        let end = try #require(curve.points.last)
        #expect(curve.points.allSatisfy { $0.y <= upper * (1 + 1e-12) } && abs(log10(end.y) - log10(upper)) < 1e-9)
        let cross = try #require(axes.marks.compactMap { $0 as? ScatterMark }.first { $0.marker == .cross })
        #expect(cross.points == [end])
        let right = try #require(axes.xLimits?.upper)
        #expect(right < Double(epoch) && right > end.x)
    }

    @Test("Finnish loss figures use Finnish words and decimal commas")
    func finnishLoss() async throws {
        let product = try await Self.draw(.loss(LossSpec(runs: [Self.configuration(.linear)])), language: .finnish)
        let expected = 1 - Self.correlation * Self.correlation
        let texts = Self.recordedTexts(product.figure)
        let value = String(format: "%.4f", expected).replacingOccurrences(of: ".", with: ",")
        #expect(texts.contains("suljetun muodon minimi \(value)"))
        #expect(texts.contains("pysähtyi epookilla 300: kaikki epookit ajettu"))
        #expect(texts.contains("epookki"))
    }

    // MARK: training

    @Test("the training title states the epoch's coefficients to 3 decimals and its MSE to 4")
    func trainingTitleNumbers() async throws {
        let models = [try await Runs.trained(Self.configuration(.linear))]
        let product = try TrainingFigure.make(TrainingViewSpec(run: Self.configuration(.linear), epoch: 12), style: FigureStyle(), model: models[0])
        let record = models[0].history.epochs[12]
        func signed(_ value: Double, first: Bool) -> String {
            let text = String(format: "%.3f", abs(value))
            let negative = (value * 1000).rounded() < 0
            return first ? (negative ? "−" : "") + text : (negative ? " − " : " + ") + text
        }
        let equation = "ŷ = " + signed(record.parameters[0], first: true) + "z" + signed(record.parameters[1], first: false)
        let expected = "Epoch 12 | z-scores: \(equation) | MSE " + String(format: "%.4f", record.meanSquaredError)
        #expect(product.figure.title == expected)
        #expect(Self.recordedTexts(product.figure).contains(expected))
    }

    @Test("the cubic's title has all four terms with superscripts and folded signs")
    func cubicTitle() {
        let style = FigureStyle(language: .finnish)
        let text = TrainingFigure.normalizedEquation(model: .cubic, parameters: [-1, 0.25, -0.0504, -0.0001], style: style)
        #expect(text == "ŷ = −1,000z + 0,250z² − 0,050z³ + 0,000")
    }

    @Test("an epoch outside the history is refused with the history's range")
    func epochOutOfRange() async throws {
        let spec = FigureSpec.training(TrainingViewSpec(run: Self.configuration(.linear), epoch: 301))
        let store = try await Runs.store([spec])
        #expect(throws: ReportingError.epochOutOfRange(epoch: 301, last: 300)) {
            try LectureFigures.make(spec, style: FigureStyle(), store: store)
        }
    }

    @Test("training panels keep the whole history's limits at every epoch; the changing marks are dynamic")
    func trainingLimitsFixed() async throws {
        let models = [try await Runs.trained(Self.configuration(.cubic))]
        let early = TrainingViewSpec(run: Self.configuration(.cubic), epoch: 0)
        let late = TrainingViewSpec(run: Self.configuration(.cubic), epoch: models[0].history.epochsRun)
        let a = try TrainingFigure.make(early, style: FigureStyle(), model: models[0]).figure
        let b = try TrainingFigure.make(late, style: FigureStyle(), model: models[0]).figure
        for index in 0..<2 {
            #expect(a.panels[index].xLimits == b.panels[index].xLimits)
            #expect(a.panels[index].yLimits == b.panels[index].yLimits)
        }
        // Every epoch's curve fits in the fit panel's y range.
        let limits = try #require(a.panels[0].yLimits)
        for record in models[0].history.epochs {
            for x in stride(from: 58.0, through: 92.0, by: 2) {
                let y = models[0].predictOriginal(at: x, parameters: record.parameters)
                #expect(y >= limits.lower && y <= limits.upper)
            }
        }
        let loss = LossCurvePanel.drawStatic(on: Figure().axes, model: models[0], style: FigureStyle(), epoch: 3)
        #expect(loss.line.points.count == 4)
        #expect(loss.line.layer == .dynamic && loss.current.layer == .dynamic)
        try loss.update(to: 10)
        #expect(loss.line.points.count == 11)
        #expect(loss.current.points == [DataPoint(x: 10, y: models[0].history.epochs[10].meanSquaredError)])
        #expect(throws: ReportingError.self) { try loss.update(to: 9999) }
    }

    // MARK: compare

    @Test("compare draws actual − predicted per person for each model, with the MAE in the legend")
    func compareBars() async throws {
        let product = try await Self.draw(.compareModels(CompareModelsSpec(completing: [Self.configuration(.linear)])))
        let bars = product.figure.panels[1].marks.compactMap { $0 as? BarMark }
        #expect(bars.count == 2)
        // The linear model's predictions by hand from its final parameters.
        let linear = try await Runs.trained(Self.configuration(.linear))
        let w = linear.finalParameters[0], b = linear.finalParameters[1]
        let mx = Self.mean(Self.weight), sx = Self.std(Self.weight), my = Self.mean(Self.height), sy = Self.std(Self.height)
        let errors = zip(Self.weight, Self.height).map { $1 - ((w * ($0 - mx) / sx + b) * sy + my) }
        // The bars run in order of weight: 58 (Oliver), 59, 62, 68, 70, 78, 88, 89, 91 (Charlie), 92 (Michael).
        let byWeight = [0, 1, 2, 4, 5, 3, 6, 7, 9, 8]
        #expect(byWeight.map { Self.weight[$0] } == Self.weight.sorted())
        for (value, index) in zip(bars[0].values, byWeight) {
            #expect(abs(value - errors[index]) < 1e-9)
        }
        let mae = errors.map(abs).reduce(0, +) / 10
        #expect(bars[0].label == "linear: MAE " + String(format: "%.2f", mae) + " cm")
        #expect(bars[1].label?.hasPrefix("cubic: MAE ") == true)
        // Grouped: side by side around each person.
        #expect(abs(bars[0].offset + bars[1].offset) < 1e-12 && bars[0].offset < 0)
        let ticks = product.figure.panels[1].customXTicks?.map(\.label)
        #expect(ticks == ["Oliver", "George", "Amelia", "Isla", "Arthur", "Harry", "Olivia", "Jack", "Charlie", "Michael"])
    }

    // MARK: lr-sweep

    @Test("lr-sweep defaults to 0.1, 0.5, 0.9, 1.1 × 2/λmax, which is 1 for z-scored linear data")
    func sweepDefaultRates() throws {
        let spec = LearningRateSweepSpec(runs: [Self.configuration(.linear)])
        let catalog = try DataCatalog(dataset: .notebook)
        let data = try NormalizedDataset(.notebook)
        let statistics = SufficientStatistics(model: .linear, x: data.x, y: data.y)
        // 2G = 2·[[mean x², mean x], [mean x, 1]] = 2I for z-scores, so λmax = 2 and the limit is 1.
        #expect(abs(statistics.stableLearningRate - 1) < 1e-9)
        let requests = try spec.requests(catalog)[0]
        #expect(requests.count == 4)
        for (request, expected) in zip(requests, [0.1, 0.5, 0.9, 1.1]) {
            #expect(abs(request.key.configuration.learningRate - expected) < 1e-9)
            #expect(request.key.configuration.optimizer == .gd && request.key.configuration.stopRule == .fixed)
        }
        let chosen = LearningRateSweepSpec(runs: [Self.configuration(.linear)], optimizer: .sgd, stopRule: .notebook)
        #expect(try chosen.requests(catalog)[0].allSatisfy { $0.key.configuration.optimizer == .sgd && $0.key.configuration.stopRule == .notebook })
    }

    @Test("lr-sweep marks the run above the limit as diverged and labels each rate against the limit")
    func sweepMarksDivergence() async throws {
        let product = try await Self.draw(.lrSweep(LearningRateSweepSpec(runs: [Self.configuration(.linear)])))
        let axes = product.figure.axes
        let labels = Self.lines(axes).compactMap(\.label)
        #expect(labels.contains("lr = 0.5 (0.5× limit)"))
        #expect(labels.contains { $0.hasPrefix("lr = 1.1 (1.1× limit): diverged at epoch ") })
        #expect(!labels.contains { $0.hasPrefix("lr = 0.9") && $0.contains("diverged") })
        #expect(axes.yScale == .log)
        #expect(axes.title == "linear: stable limit 2/λmax = 1.000")
        #expect(axes.marks.contains { ($0 as? ScatterMark)?.marker == .cross })
        // Curves are cut at the clip level: nothing drawn above the axis.
        let upper = try #require(axes.yLimits?.upper)
        #expect(Self.lines(axes).allSatisfy { $0.points.allSatisfy { $0.y <= upper } })
        let finnish = try await Self.draw(.lrSweep(LearningRateSweepSpec(runs: [Self.configuration(.linear)])), language: .finnish)
        #expect(Self.lines(finnish.figure.axes).compactMap(\.label).contains("η = 0,5 (0,5× raja)"))
    }

    @Test("lr-sweep: a diverging curve ends where it leaves the panel, with the cross there; twin curves are told apart")
    func sweepDivergenceAndTwins() async throws {
        let product = try await Self.draw(.lrSweep(LearningRateSweepSpec(runs: [Self.configuration(.linear)])))
        let axes = product.figure.axes
        let upper = try #require(axes.yLimits?.upper)
        let cross = try #require(axes.marks.compactMap { $0 as? ScatterMark }.first { $0.marker == .cross })
        let diverging = try #require(Self.lines(axes).first { $0.color == cross.color && !$0.points.isEmpty })
        // The cross sits on the curve's last drawn point, its highest, where it is cut below the legend band.
        #expect(cross.points == [try #require(diverging.points.last)])
        #expect(diverging.points.allSatisfy { $0.y <= cross.points[0].y } && cross.points[0].y < upper)
        #expect(cross.points[0].x < 30)  // it leaves the panel at about epoch 21, long before MSE passes 10¹² at epoch 77
        // No dotted continuation: nothing of that colour is drawn to the right of the cross.
        #expect(Self.lines(axes).filter { $0.color == cross.color }.allSatisfy { $0.points.allSatisfy { $0.x <= cross.points[0].x } })
        // lr 0.1 and 0.9: |1 − 2η| = 0.8 for both eigenvalues 2, so the same curve; the second is dashed and says so.
        let twin = try #require(Self.lines(axes).first { $0.label?.hasPrefix("lr = 0.9 ") == true })
        #expect(twin.label?.contains("same curve as lr = 0.1") == true && twin.dash == .dashed)
    }

    @Test("lr-sweep: a rate's multiple of the limit is never rounded to 1 unless it is 1", arguments: [
        (1.01, "1.01"), (0.999, "0.999"), (1.1, "1.1"), (0.5, "0.5"), (1.0, "1"), (1.0004, "1.0004"),
    ])
    func multiples(multiple: Double, expected: String) {
        #expect(LearningRateSweepFigure.multipleText(multiple, style: FigureStyle()) == expected)
    }

    @Test("LossAxisRange cuts a curve where it crosses the top, interpolated on the log scale")
    func clipInterpolatesOnLogScale() {
        let range = LossAxisRange(scale: .log, limits: AxisLimits(0.1, 100))
        let clipped = range.clip([DataPoint(x: 0, y: 1), DataPoint(x: 1, y: 10), DataPoint(x: 2, y: 1000), DataPoint(x: 3, y: 5)])
        #expect(clipped.count == 3)
        #expect(abs(clipped[2].x - 1.5) < 1e-12 && clipped[2].y == 100)
    }
}
