import Foundation
import Plotting
import Training

/// `loss`: MSE per epoch of each model, its closed-form minimum `MSE(θ*)` as a dashed line in the
/// model's colour, and why training stopped, annotated at the stop epoch.
///
/// The y axis comes from `LossAxisRange` over all runs: linear from 0 by default, log with
/// `--log`, and log whenever a run diverged, clipped six decades above the diverged run's start
/// so the explosion (up to `10¹²`) leaves the panel instead of squashing the other curves. A
/// diverged run is marked with a cross on the top edge at the epoch it diverged, labelled
/// "diverged at epoch N", and the subtitle states the learning rate against the full-batch
/// stability limit `2/λmax` of the Hessian `2G`.
enum LossFigure {
    /// Builds the figure for `spec` from its trained models.
    static func make(_ spec: LossSpec, style: FigureStyle, models: [TrainedModel]) throws -> FigureProduct {
        guard !models.isEmpty else { throw ReportingError.needsModel(kind: .loss) }
        let text = style.text
        let figure = style.makeFigure()
        let axes = figure.axes
        figure.title = text.lossTitle
        figure.subtitle = models.map { runDescription($0, style: style) }.joined(separator: "  ·  ")
        let range = LossAxisRange.fitting(curves: models.map { $0.history.epochs.map(\.meanSquaredError) },
                                          diverged: models.map(\.history.diverged),
                                          references: models.map(\.optimumMeanSquaredError), log: spec.logScale,
                                          headroom: 1e6)
        // A diverging run counts up to where it leaves the panel (its cross), not to the epoch its
        // MSE passed 10¹², which would stretch the axis over an empty stretch that reads as a plateau.
        let lastEpoch = models.map { shownEpoch($0, range: range) }.max() ?? 1
        let xLimits = LossCurvePanel.epochLimits(lastEpoch: lastEpoch)
        let several = models.count > 1
        for (index, model) in models.enumerated() {
            let color = figure.theme.modelColor(model.model)
            let name = text.modelName(model.model.name)
            let optimum = text.closedFormMinimumValue(style.number(model.optimumMeanSquaredError, decimals: 4))
            let panel = LossCurvePanel.drawStatic(on: axes, model: model, style: style, xLimits: xLimits, range: range, color: color,
                                                  label: name, showMarkers: model.history.epochs.count <= 100, showOptimum: true,
                                                  optimumLabel: several ? "\(name): \(optimum)" : optimum, layer: .static)
            if model.history.diverged {
                // The curve up to where it leaves the panel, exactly (on the log scale).
                panel.line.points = range.clip(panel.line.points)
                panel.markers?.points = panel.markers?.points.filter { $0.y <= range.limits.upper } ?? []
                panel.current.points = panel.line.points.last.map { [$0] } ?? []
            }
            annotateStop(model, on: axes, range: range, xLimits: xLimits, color: color, index: index, style: style)
        }
        let summary = models.map { "\(text.modelName($0.model.name)): \(stopText($0, text: text, style: style)), final MSE \(style.number($0.finalMeanSquaredError, decimals: 4))" }
            .joined(separator: "; ")
        return FigureProduct(figure: figure, summary: summary)
    }

    /// The last epoch the panel must show for `model`: where a diverged run leaves `range`, else its stop epoch.
    static func shownEpoch(_ model: TrainedModel, range: LossAxisRange) -> Int {
        guard model.history.diverged else { return stopEpoch(model) }
        let exit = range.clip(LossCurvePanel.points(of: model.history, upTo: model.history.epochsRun)).last?.x ?? 0
        guard exit.isFinite else { return stopEpoch(model) }
        return max(1, Int(min(1e15, (1.08 * exit + 1).rounded(.up))))  // room for the cross
    }

    /// "linear: SGD (batch size 1), learning rate 0.001", with "> stable limit 2/λmax = …" when it diverged.
    static func runDescription(_ model: TrainedModel, style: FigureStyle) -> String {
        let text = style.text
        let configuration = model.history.configuration
        let rate = style.formatter.format(configuration.learningRate, significantDigits: 4)
        let base = "\(text.modelName(model.model.name)): \(text.optimizerName(configuration.optimizer.name))"
        guard model.history.diverged else { return "\(base), \(text.learningRate) \(rate)" }
        let limit = style.number(model.statistics.stableLearningRate, decimals: 3)
        if configuration.learningRate > model.statistics.stableLearningRate {
            return "\(base), " + text.learningRateAboveLimit(rate, limit: limit)
        }
        return "\(base), " + text.learningRateBelowLimit(rate, limit: limit)
    }

    /// The epoch training stopped at: the diverged epoch, or the last recorded one.
    static func stopEpoch(_ model: TrainedModel) -> Int {
        if case .diverged(let epoch) = model.history.stopReason { return epoch }
        return model.history.epochsRun
    }

    /// The annotation text for why `model`'s training stopped.
    static func stopText(_ model: TrainedModel, text: LectureText, style: FigureStyle) -> String {
        switch model.history.stopReason {
        case .completedEpochs: return text.completedEpochs(epoch: model.history.epochsRun)
        case .lossStoppedDecreasing(let epoch): return text.stoppedDecreasing(epoch: epoch)
        case .converged(let epoch, let tolerance):
            return text.convergedAt(epoch: epoch, tolerance: style.formatter.format(tolerance, significantDigits: 3))
        case .diverged(let epoch): return text.divergedAtEpochBeyond(epoch: epoch)
        }
    }

    /// Points an annotation at the stop: the last point, or for a diverged run a cross on the top
    /// edge at the diverged epoch. The text sits inside the panel, towards its middle, above the
    /// point (below it for the top edge), staggered per model.
    static func annotateStop(_ model: TrainedModel, on axes: Axes, range: LossAxisRange, xLimits: AxisLimits,
                             color: Color, index: Int, style: FigureStyle) {
        let epoch = stopEpoch(model)
        let target: DataPoint
        let scale = range.scale
        let lowU = scale.forward(range.limits.lower), highU = scale.forward(range.limits.upper)
        let spanU = highU - lowU
        var textU: Double
        if model.history.diverged {
            // The cross where the curve leaves the panel (or at its last point inside it).
            let points = range.clip(LossCurvePanel.points(of: model.history, upTo: model.history.epochsRun))
            target = points.last ?? DataPoint(x: Double(epoch), y: range.limits.upper)
            let y = target.y
            axes.scatter([target], marker: .cross, color: color, size: 1.3 * FigureMetrics(scale: style.size.scale).markerSize,
                         edgeColor: color)
            textU = scale.forward(y) - (0.3 + 0.1 * Double(index)) * spanU
        } else {
            let y = model.history.epochs.last?.meanSquaredError ?? range.limits.lower
            target = DataPoint(x: Double(epoch), y: range.clamped(y))
            textU = scale.forward(target.y) + (0.2 + 0.12 * Double(index)) * spanU
        }
        textU = min(max(textU, lowU + 0.06 * spanU), highU - 0.06 * spanU)
        let xSpan = xLimits.upper - xLimits.lower
        let relative = (target.x - xLimits.lower) / xSpan
        let textX = relative > 0.5 ? target.x - 0.28 * xSpan : target.x + 0.28 * xSpan
        axes.annotate(stopText(model, text: style.text, style: style), pointingAt: target,
                      textAt: DataPoint(x: textX, y: scale.inverse(textU)), color: color)
    }
}
