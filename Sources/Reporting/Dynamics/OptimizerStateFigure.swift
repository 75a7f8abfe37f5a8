import Foundation
import Plotting
import Training

/// `optimizer-state`: what momentum and Adam carry from one update to the next.
///
/// Four panels over the update count `t`, one line per parameter, read from the recorded steps
/// (``StepRecord/firstMoment``, ``StepRecord/secondMoment``) of two runs in the store:
/// momentum's velocity `v_t = β·v_{t−1} + g_t` (its step is `η·v_t`); Adam's bias-corrected first
/// moment `m̂_t = m_t/(1 − β₁ᵗ)`, second moment `v̂_t = v_t/(1 − β₂ᵗ)` (log axis when positive) and
/// effective step `η·m̂_t/(√v̂_t + ε)`, with `m_t = β₁m_{t−1} + (1 − β₁)g_t` and
/// `v_t = β₂v_{t−1} + (1 − β₂)g_t²`.
enum OptimizerStateFigure {
    /// One series per parameter: `(t, value)` for every recorded update.
    static func series(_ history: TrainingHistory, value: (StepRecord, Int) -> Double?) -> [[DataPoint]] {
        let count = history.configuration.model.parameterCount
        return (0..<count).map { k in
            history.steps.compactMap { step in value(step, k).map { DataPoint(x: Double(step.step), y: $0) } }
        }
    }

    /// Momentum's velocity per parameter.
    static func velocity(_ history: TrainingHistory) -> [[DataPoint]] {
        series(history) { step, k in step.firstMoment?[k] }
    }

    /// Adam's `m̂`, `v̂` and effective step per parameter.
    static func adam(_ history: TrainingHistory) -> (first: [[DataPoint]], second: [[DataPoint]], step: [[DataPoint]]) {
        guard case let .adam(beta1, beta2, epsilon) = history.configuration.optimizer else { return ([], [], []) }
        let rate = history.configuration.learningRate
        func firstHat(_ step: StepRecord, _ k: Int) -> Double? {
            step.firstMoment.map { $0[k] / (1 - pow(beta1, Double(step.step))) }
        }
        func secondHat(_ step: StepRecord, _ k: Int) -> Double? {
            step.secondMoment.map { $0[k] / (1 - pow(beta2, Double(step.step))) }
        }
        return (series(history, value: firstHat), series(history, value: secondHat),
                series(history) { step, k in
                    guard let m = firstHat(step, k), let v = secondHat(step, k) else { return nil }
                    return rate * m / (v.squareRoot() + epsilon)
                })
    }

    /// Builds the figure from the momentum run and the Adam run of `spec`.
    static func make(_ spec: OptimizerStateSpec, style: FigureStyle, momentum: TrainedModel, adam adamRun: TrainedModel) throws -> FigureProduct {
        let text = style.text
        let figure = style.makeFigure()
        let panels = figure.makePanels(rows: 2, columns: 2)
        let theme = figure.theme
        let names = momentum.model.parameterNames.map(LandscapePlane.displayName)
        let (first, second, step) = adam(adamRun.history)
        let contents: [(String, String, [[DataPoint]])] = [
            (text.momentumVelocityTitle, "v", velocity(momentum.history)),
            (text.adamFirstTitle, "m̂", first),
            (text.adamSecondTitle, "v̂", second),
            (text.adamStepTitle, "η·m̂/(√v̂ + ε)", step),
        ]
        for (index, (title, label, lines)) in contents.enumerated() {
            let axes = panels[index]
            axes.title = title
            axes.yLabel = label
            axes.xLabel = text.updateCount
            for (k, points) in lines.enumerated() {
                axes.line(points, color: theme.seriesColor(k), width: 2 * figure.metrics.scale, label: index == 0 ? names[k] : nil)
            }
            if index == 2, let low = lines.flatMap({ $0.map(\.y) }).min(), low > 0 { axes.yScale = .log }
            axes.legendPlacement = index == 0 ? .automatic : .hidden
            // Room above the lines for the parameters' legend in the first panel.
            let values = lines.flatMap { $0.map(\.y) }.filter(\.isFinite)
            if index == 0, let low = values.min(), let high = values.max() {
                let span = max(high - low, 1e-12)
                axes.yLimits = AxisLimits(low - 0.05 * span, high + 0.75 * span)
            }
        }
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 3) }
        let configuration = momentum.history.configuration
        figure.title = text.optimizerStateTitle(model: momentum.model.name)
        figure.subtitle = text.optimizerStateSubtitle(learningRate: format(configuration.learningRate),
                                                      updates: momentum.history.steps.count, epochs: momentum.history.epochsRun)
        let summary = "\(momentum.model.name) model, momentum velocity and Adam m̂, v̂ and step over \(momentum.history.steps.count) and "
            + "\(adamRun.history.steps.count) updates, learning rate \(configuration.learningRate)"
        return FigureProduct(figure: figure, summary: summary)
    }
}
