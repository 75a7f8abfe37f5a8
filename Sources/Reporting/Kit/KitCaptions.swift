import Foundation
import Training

/// The short caption under each kit figure, stating its numbers, in English or Finnish.
///
/// Every number comes from the same runs the figures were drawn from (the kit's ``RunStore``);
/// the words are ``LectureText``'s.
struct KitCaptions {
    /// The kit's trained models, in configuration order.
    let models: [TrainedModel]
    /// The store the figures read (for runs that are not kit models, such as the worked step).
    let store: RunStore
    let language: Language
    /// The user's column labels.
    var labels = FigureLabels()

    private var text: LectureText { language.text }
    private var equations: EquationText { EquationText(notation: .typographic, decimalSeparator: language.decimalSeparator) }

    private func number(_ value: Double, _ decimals: Int) -> String {
        language.typeset(String(format: "%.\(decimals)f", value))
    }

    /// Three significant digits, large and small values as m×10ⁿ, in the language's style.
    private func significant(_ value: Double) -> String {
        style.formatter.format(value, significantDigits: 3)
    }

    private func model(named name: String?) -> TrainedModel? {
        models.first { $0.model.name == name } ?? models.first
    }

    private func columns(_ model: TrainedModel) -> ColumnNames { ColumnNames(model.data.original, text: text, labels: labels) }

    private func unit(_ model: TrainedModel) -> String? { columns(model).yUnit }

    private var style: FigureStyle { FigureStyle(language: language) }

    /// Why `model`'s training stopped, in the loss figure's words.
    private func stop(_ model: TrainedModel) -> String { LossFigure.stopText(model, text: text, style: style) }

    private func diverged(_ model: TrainedModel) -> Bool {
        if case .diverged = model.history.stopReason { return true }
        return false
    }

    private func equation(_ model: TrainedModel, parameters: [Double]? = nil) -> String {
        let names = columns(model)
        return model.equation(equations, parameters: parameters, xName: names.xVariable, yName: names.yVariable)
    }

    private func run(_ model: TrainedModel) -> String {
        let configuration = model.history.configuration
        let run = text.captionRun(epochs: model.history.epochsRun, optimizer: text.optimizerName(configuration.optimizer.name),
                                  learningRate: significant(configuration.learningRate))
        return diverged(model) ? "\(run), \(stop(model))" : run
    }

    /// The caption of `job`'s figure (`summary`, the figure's own one-line description, when the
    /// kit has no model to describe).
    func caption(for job: KitFigureJob, summary: String) throws -> String {
        if case .degreeSweep(let spec) = job.spec {
            let (sweep, _) = try spec.sweep(store.catalog.dataset)
            let squared = ColumnNames(store.catalog.dataset, text: text, labels: labels).yUnit.map { "\($0)²" }
            func value(_ number: Double) -> String { text.withUnit(self.number(number, 1), squared) }
            guard let best = sweep.rows.min(by: { $0.leaveOneOutError < $1.leaveOneOutError }), let first = sweep.rows.first,
                  let last = sweep.rows.last else { return summary }
            return text.captionDegreeSweep(count: store.catalog.dataset.count, first: first.degree, last: last.degree,
                                           trainingFirst: value(first.trainingError), trainingLast: value(last.trainingError),
                                           best: best.degree, bestValue: value(best.leaveOneOutError),
                                           looLast: value(last.leaveOneOutError))
        }
        guard let model = model(named: job.modelName) else { return summary }
        let name = text.modelName(model.model.name)
        let mse = number(model.finalMeanSquaredError, 4), mae = number(model.finalMeanAbsoluteError, 2)
        let optimumMSE = number(model.optimumMeanSquaredError, 4)
        switch job.spec {
        case .residuals(let spec):
            let runs = try store.models(spec.runs.map { RunRequest($0) })
            let parts = runs.map { run in
                let values = zip(run.data.original.y, run.predictions).map { $0 - $1 }.filter(\.isFinite)
                func signed(_ value: Double) -> String { (value > 0 ? "+" : "") + text.withUnit(number(value, 1), unit(run)) }
                return text.captionResidualRange(model: text.modelName(run.model.name), low: signed(values.min() ?? .nan),
                                                 high: signed(values.max() ?? .nan))
            }
            return text.captionResiduals(parts, people: columns(model).people)
        case .fit where job.modelName == nil, .loss where job.modelName == nil, .compareModels:
            let parts = models.map {
                diverged($0) ? text.captionModelDiverged(model: text.modelName($0.model.name), stop: stop($0))
                    : text.captionModelErrors(model: text.modelName($0.model.name), mae: number($0.finalMeanAbsoluteError, 2),
                                              unit: unit($0), mse: number($0.finalMeanSquaredError, 4))
            }
            // A verdict only between runs that ended, and only when one is clearly better.
            let ended = models.filter { !diverged($0) && $0.finalMeanSquaredError.isFinite }
                .sorted { $0.finalMeanSquaredError < $1.finalMeanSquaredError }
            let better = ended.count >= 2 && ended[0].finalMeanSquaredError < 0.8 * ended[1].finalMeanSquaredError
                ? text.modelName(ended[0].model.name) : nil
            return text.captionBothModels(parts, better: better, compared: ended.count >= 2)
        case .fit:
            return text.captionFit(model: name, run: run(model), equation: equation(model), mse: mse, mae: mae, unit: unit(model),
                                   optimum: equation(model, parameters: model.optimum))
        case .loss:
            return text.captionLoss(model: name, start: number(model.history.epochs.first?.meanSquaredError ?? .nan, 4), mse: mse,
                                    epochs: model.history.epochsRun, stop: stop(model), optimum: optimumMSE)
        case .training:
            return text.captionTraining(model: name, epoch: model.history.epochsRun, mse: mse)
        case .landscape:
            return text.captionLandscape(model: name, epochs: model.history.epochsRun, distance: significant(model.distanceToOptimum),
                                         optimum: optimumMSE)
        case .normalization(let spec):
            let zScored = try store.catalog.facts(spec.run.model, on: .zScored).statistics
            let raw = try store.catalog.facts(spec.run.model, on: .raw).statistics
            return text.captionNormalization(fraction: language.typeset(String(format: "%g", NormalizationSpec.stableFraction)),
                                             condition: significant(zScored.conditionNumber),
                                             limit: significant(zScored.stableLearningRate), rawCondition: significant(raw.conditionNumber),
                                             narrower: raw.conditionNumber >= 10 * zScored.conditionNumber)
        case .lrSweep:
            return text.captionLearningRateSweep(model: name, limit: significant(model.statistics.stableLearningRate))
        case .slice:
            return text.captionSlice(model: name)
        case .step(let spec):
            let example = try store.model(spec.request)
            let weights = example.history.epochs.map { shortest($0.parameters[0]) }.joined(separator: " → ")
            return text.captionStep(initialWeight: shortest(spec.initialWeight), learningRate: shortest(spec.learningRate), weights: weights)
        case .compareOptimizers:
            return text.captionCompareOptimizers(model: name)
        case .overshoot, .gradientField, .sgdNoise, .optimizerState, .surface:
            return try dynamicsCaption(spec: job.spec, model: model)
        case .schedules(let spec):
            let runs = try store.models(try spec.requests(store.catalog))
            guard let base = runs.first else { return summary }
            let configuration = base.history.configuration
            // As the figure's legend: the last drawn excess, or below the floor from the epoch it got there.
            let finals = runs.map { run in
                let name = text.scheduleName(run.history.configuration.schedule.name)
                let (points, floor, reached) = SchedulesFigure.excessCurve(run)
                guard let last = points.last else { return name }
                return reached ? text.excessBelow(schedule: name, floor: style.formatter.format(floor, significantDigits: 2), epoch: Int(last.x) + 1)
                    : text.excessAtEpoch(schedule: name, value: significant(last.y), epoch: Int(last.x))
            }
            return text.captionSchedules(model: name, optimizer: text.optimizerName(configuration.optimizer.name),
                                         rate: significant(configuration.learningRate), epochs: configuration.maxEpochs,
                                         results: finals.joined(separator: "; "))
        case .degreeSweep, .surfaceLandscape, .surfaceMesh, .surfaceGradientField, .surfaceCompare:
            return summary  // the sweep is captioned above; the kit draws no surface
        case .interpolation:
            return text.captionInterpolation(model: name, run: run(model),
                                             start: number(model.history.epochs.first?.meanSquaredError ?? .nan, 4), end: mse)
        case .chainRule(let spec):
            guard let index = ChainRule.sampleIndex(spec.sample, in: model.data.original),
                  let record = model.record(atEpoch: spec.epoch) else { return summary }
            let rate = model.record(atEpoch: spec.epoch + 1)?.learningRate ?? record.learningRate
            let pass = ChainRule(model: model, index: index, parameters: record.parameters, learningRate: rate)
            let gradient = zip(model.model.parameterNames, pass.gradient).map { "∂ℓ/∂\($0) = \(significant($1))" }.joined(separator: ", ")
            return text.captionChainRule(model: name, sample: pass.name, epoch: spec.epoch, prediction: significant(pass.prediction),
                                         target: significant(pass.y), error: significant(pass.error), loss: significant(pass.loss),
                                         gradient: gradient, rate: significant(rate))
        case .parameters:
            // A value that rounds to zero is written 0.0000, not −0.0000.
            func value(_ v: Double) -> String { number(abs(v) < 0.00005 ? 0 : v, 4) }
            let final = zip(model.model.parameterNames, model.finalParameters).map { "\($0) = \(value($1))" }.joined(separator: ", ")
            let optimum = zip(model.model.parameterNames, model.optimum).map { "\($0) = \(value($1))" }.joined(separator: ", ")
            let norms = model.history.epochs.map(\.gradientNorm)
            return text.captionParameters(model: name, run: run(model), final: final, optimum: optimum,
                                          start: significant(norms.first ?? .nan), end: significant(norms.last ?? .nan))
        }
    }

    /// At most four decimals, trailing zeros dropped (2.216, 2.6, 1), in the language's style.
    private func shortest(_ value: Double) -> String {
        var formatted = String(format: "%.4f", value)
        while formatted.hasSuffix("0") { formatted.removeLast() }
        if formatted.hasSuffix(".") { formatted.removeLast() }
        return language.typeset(formatted)
    }
}
