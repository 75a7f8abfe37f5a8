import Foundation
import Plotting
import Training

/// `lr-sweep`: MSE per epoch for several learning rates, one panel per model, with the
/// full-batch stability limit `η_max = 2/λmax(2G)` stated and every rate given as a multiple of it.
///
/// Full-batch gradient descent multiplies the error along the Hessian's top eigenvector by
/// `1 − η·λmax` per epoch, so it converges for `η < 2/λmax` and diverges above. The default rates
/// are `0.1, 0.5, 0.9, 1.1 × η_max` (for z-scored linear data `2G = 2I`, so `η_max = 1`). Unless
/// the spec names an optimizer the runs use full-batch GD, and unless it names a stop rule they run every
/// epoch (a stop rule would end a diverging run after one epoch and hide the divergence). Diverged
/// runs are cut where they leave `LossAxisRange` (log scale), leaving an empty band above for the
/// legend, and are marked with a cross at the epoch they diverged and "diverged at epoch N" in
/// their legend row. Earlier runs are drawn wider so coinciding curves stay visible. The y axis
/// is logarithmic when asked for, when a run diverged, or when the curves span more than two
/// decades; the x axis shows the epochs where something happens (`shownEpochs`).
enum LearningRateSweepFigure {
    /// Builds the figure from trained sweeps: one array of runs (one per rate) per panel.
    static func make(_ spec: LearningRateSweepSpec, style: FigureStyle, sweeps: [[TrainedModel]]) -> FigureProduct {
        let text = style.text
        let figure = style.makeFigure()
        let panels = style.arrangePanels(figure, count: max(1, sweeps.count), wideAspect: 1.2 * Double(max(1, sweeps.count)) / 2)
        figure.title = text.learningRateSweepTitle
        let optimizers = Set(sweeps.joined().map { text.optimizerName($0.history.configuration.optimizer.name) })
        figure.subtitle = optimizers.sorted().joined(separator: ", ")
        var summaries: [String] = []
        for (axes, runs) in zip(panels, sweeps) {
            guard let first = runs.first else { continue }
            let limit = first.statistics.stableLearningRate
            let limitText = style.number(limit, decimals: 3)
            axes.title = "\(text.modelName(first.model.name)): \(text.stableLimitValue(limitText))"
            axes.xLabel = text.epoch
            axes.yLabel = text.mseNormalized
            let range = LossAxisRange.fitting(curves: runs.map { $0.history.epochs.map(\.meanSquaredError) },
                                              diverged: runs.map(\.history.diverged),
                                              references: [first.optimumMeanSquaredError],
                                              log: spec.logScale, automaticLog: true)
            // Curves are cut where they leave `range`; above it stays an empty band for the legend,
            // as tall as the legend is likely to be on this canvas (its rows over the plot's height).
            let stacked = panels.count > 1 && panels[0] !== panels[1] && style.aspectRatio < 1.2 * Double(max(1, sweeps.count)) / 2
            let plotHeight = Double(style.size.height) * 0.85 / Double(stacked ? sweeps.count : 1) * (stacked ? 0.62 : 0.75)
            let legendHeight = (1.3 * Double(runs.count + 1) + 1.2) * FigureMetrics(scale: style.size.scale).legendFontSize
            let band = min(0.7, max(0.3, legendHeight / max(1, plotHeight) + 0.05))
            let shown = range.clipsCurves ? range.withBand(fraction: band) : range
            shown.apply(to: axes)
            let xLimits = LossCurvePanel.epochLimits(lastEpoch: shownEpochs(runs, range: range))
            axes.xLimits = xLimits
            let metrics = FigureMetrics(scale: style.size.scale)
            var drawn: [(rate: String, losses: [Double])] = []
            for (index, run) in runs.enumerated() {
                let rate = run.history.configuration.learningRate
                let rateText = style.formatter.format(rate, significantDigits: 3)
                let color = figure.theme.seriesColor(index)
                var label = text.learningRateLegend(rateText, multiple: multipleText(rate / limit, style: style))
                let losses = run.history.epochs.map(\.meanSquaredError)
                // A run whose curve is another's (0.1 and 0.9 × the limit contract the error by the
                // same |1 − ηλ| = 0.8 on z-scored linear data) is drawn dashed over it and says so.
                let twin = drawn.first { Self.sameCurve($0.losses, losses) }
                let points = range.clip(LossCurvePanel.points(of: run.history, upTo: run.history.epochsRun))
                axes.line(points, color: color, width: metrics.lineWidth * (twin == nil ? 1.4 : 1), dash: twin == nil ? .solid : .dashed)
                if let twin { label += ", " + text.sameCurveAs(twin.rate) }
                if case .diverged(let epoch) = run.history.stopReason {
                    // The curve goes up to where it leaves the panel; the cross marks that point.
                    if let exit = points.last {
                        axes.scatter([exit], marker: .cross, color: color, size: 1.2 * metrics.markerSize, edgeColor: color)
                    }
                    label += ": " + text.divergedAtEpochBeyond(epoch: epoch)
                }
                drawn.append((rateText, losses))
                // The legend row, with a swatch as wide as the line.
                axes.line([], color: color, width: metrics.lineWidth * 1.3, dash: twin == nil ? .solid : .dashed, label: label)
                summaries.append("\(text.modelName(run.model.name)) lr \(style.formatter.format(rate, significantDigits: 4)): " + LossFigure.stopText(run, text: text, style: style))
            }
            axes.line([DataPoint(x: xLimits.lower, y: first.optimumMeanSquaredError),
                       DataPoint(x: xLimits.upper, y: first.optimumMeanSquaredError)],
                      color: figure.theme.mutedInk, width: 3 * metrics.scale, dash: .dashed,
                      label: text.closedFormMinimumValue(style.number(first.optimumMeanSquaredError, decimals: 4)))
        }
        return FigureProduct(figure: figure, summary: summaries.joined(separator: "; "))
    }

    /// Whether two MSE curves are the same to 10⁻⁹ relative (then one would hide the other).
    static func sameCurve(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * max(abs($0), abs($1), 1e-300) }
    }

    /// `multiple` (a rate over the stable limit) with as many digits as it takes not to round a
    /// rate above the limit down to 1 or one below it up to 1: "0.5", "1.1", "1.01", "0.999".
    static func multipleText(_ multiple: Double, style: FigureStyle) -> String {
        var digits = 2
        var text = style.formatter.format(multiple, significantDigits: digits)
        while digits < 12, multiple != 1, let back = Double(text.replacingOccurrences(of: ",", with: ".")), back == 1 {
            digits += 1
            text = style.formatter.format(multiple, significantDigits: digits)
        }
        return text
    }

    /// The epochs worth showing: up to 1.3 × the latest of the epochs where diverging runs leave
    /// the panel (`range`) and the epochs at which the other runs settle (their excess
    /// `MSE − MSE*` stays below `10⁻³` of the start's), at least 10, at most the longest run.
    /// A run that never settles shows every epoch.
    static func shownEpochs(_ runs: [TrainedModel], range: LossAxisRange) -> Int {
        var latest = 0, longest = 1
        for run in runs {
            let history = run.history
            longest = max(longest, history.configuration.maxEpochs, LossFigure.stopEpoch(run))
            if history.diverged {
                let exit = history.epochs.first { !($0.meanSquaredError <= range.limits.upper) }?.epoch ?? LossFigure.stopEpoch(run)
                latest = max(latest, exit)
                continue
            }
            let optimum = run.optimumMeanSquaredError
            let start = (history.epochs.first?.meanSquaredError ?? optimum) - optimum
            let unsettled = history.epochs.last { $0.meanSquaredError - optimum > 1e-3 * start }
            if let unsettled, unsettled.epoch >= history.epochsRun {
                latest = max(latest, history.configuration.maxEpochs)
            } else {
                latest = max(latest, (unsettled?.epoch ?? 0) + 1)
            }
        }
        return min(longest, max(10, Int((1.3 * Double(latest)).rounded(.up))))
    }
}
