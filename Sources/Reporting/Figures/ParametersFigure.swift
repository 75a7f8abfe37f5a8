import Foundation
import Plotting
import Training

/// `parameters`: every parameter of each run against epochs, each with its closed-form optimum
/// dashed in the same colour, beside the full-batch gradient norm `‖∇MSE(θ)‖₂` of every run.
///
/// One parameter panel per run (the parameters of a run share its panel: z-scored parameters are
/// of one size), then one gradient-norm panel with every run in its model's colour. The
/// gradient-norm axis is logarithmic when asked for (``ParametersSpec/logScale``) or when the
/// recorded norms span two decades or more (`max/min ≥ 100`), else linear from 0. Every number
/// printed is a drawn point: a parameter's legend gives its last recorded value (the line's end)
/// and the optimum (the dashed line); a run's gradient-norm entry gives its first and last value.
enum ParametersFigure {
    /// The ratio of the largest to the smallest gradient norm from which the axis is logarithmic.
    static let logRatio = 100.0
    /// Series colours of the weights w1, w2, … in order (blue, orange, green, vermillion, sky
    /// blue); the bias is always the fourth (reddish purple).
    static let weightColors = [0, 4, 2, 1, 5]

    /// Builds the figure for `spec` from its trained models.
    static func make(_ spec: ParametersSpec, style: FigureStyle, models: [TrainedModel]) throws -> FigureProduct {
        guard !models.isEmpty else { throw ReportingError.needsModel(kind: .parameters) }
        let text = style.text
        let figure = style.makeFigure()
        figure.title = text.parametersTitle
        figure.subtitle = (models.map { LossFigure.runDescription($0, style: style) } + [text.dashedOptimum]).joined(separator: "  ·  ")
        let count = models.count + 1
        let wideAspect = count == 2 ? 1.2 : 1.7
        let panels = style.arrangePanels(figure, count: count, wideAspect: wideAspect)
        // Stacked panels are wide and short: legends go beside them; side by side, panels are
        // tall and the legend sits in headroom above the lines.
        let stacked = style.aspectRatio < wideAspect
        let headroomPerEntry = stacked ? 0.0 : 0.13
        if stacked { for axes in panels { axes.legendPlacement = .outside } }
        let lastEpoch = models.map(\.history.epochsRun).max() ?? 1
        let xLimits = LossCurvePanel.epochLimits(lastEpoch: lastEpoch)
        for (index, model) in models.enumerated() {
            let axes = panels[index]
            axes.title = text.parametersPanelTitle(model: text.modelName(model.model.name))
            axes.xLabel = text.epoch
            axes.yLabel = text.parameterValue
            axes.xLimits = LossCurvePanel.epochLimits(lastEpoch: model.history.epochsRun)
            let limits = axes.xLimits ?? xLimits
            let names = model.model.parameterNames
            let epochs = model.history.epochs
            // Headroom above every line and optimum for the legend, one entry about 9 % of the height.
            let values = epochs.flatMap(\.parameters) + model.optimum
            if let low = values.min(), let high = values.max() {
                let span = max(high - low, 1e-9)
                axes.yLimits = AxisLimits(low - 0.06 * span, high + (0.08 + headroomPerEntry * Double(names.count)) * span)
            }
            for (k, name) in names.enumerated() {
                let color = figure.theme.seriesColor(k == names.count - 1 ? 3 : weightColors[k % weightColors.count])
                let optimum = model.optimum[k]
                axes.line([DataPoint(x: limits.lower, y: optimum), DataPoint(x: limits.upper, y: optimum)],
                          color: color, width: 2.5 * style.size.scale, dash: .dashed)
                let final = epochs.last?.parameters[k] ?? .nan
                axes.line(epochs.map { DataPoint(x: Double($0.epoch), y: $0.parameters[k]) }, color: color,
                          label: text.parameterEntry(name: name, final: style.number(final, decimals: 4),
                                                     optimum: style.number(optimum, decimals: 4)))
            }
        }
        let gradientAxes = panels[models.count]
        gradientAxes.title = text.gradientNormTitle
        gradientAxes.xLabel = text.epoch
        gradientAxes.yLabel = "‖∇MSE‖"
        gradientAxes.xLimits = xLimits
        let norms = models.flatMap { $0.history.epochs.map(\.gradientNorm) }
        let positive = norms.filter { $0 > 0 }
        let spansDecades = (positive.max() ?? 1) / (positive.min() ?? 1) >= logRatio
        let log = (spec.logScale || spansDecades) && !positive.isEmpty
        // Headroom above the curves for the legend, as in the parameter panels.
        let entries = Double(models.count)
        if log, let low = positive.min(), let high = positive.max() {
            gradientAxes.yScale = .log
            let lowU = log10(low), highU = log10(high), span = max(highU - lowU, 0.5)
            gradientAxes.yLimits = AxisLimits(pow(10, lowU - 0.06 * span), pow(10, highU + (0.08 + headroomPerEntry * entries) * span))
        } else {
            gradientAxes.yLimits = AxisLimits(0, (1.08 + 1.2 * headroomPerEntry * entries) * max(norms.max() ?? 1, 1e-12))
        }
        for model in models {
            let epochs = model.history.epochs.filter { !log || $0.gradientNorm > 0 }
            let first = epochs.first?.gradientNorm ?? .nan, last = epochs.last?.gradientNorm ?? .nan
            gradientAxes.line(epochs.map { DataPoint(x: Double($0.epoch), y: $0.gradientNorm) },
                              color: figure.theme.modelColor(model.model),
                              label: text.gradientNormEntry(model: text.modelName(model.model.name),
                                                            first: style.formatter.format(first, significantDigits: 3),
                                                            last: style.formatter.format(last, significantDigits: 3),
                                                            epoch: epochs.last?.epoch ?? 0))
        }
        let summary = models.map { model in
            let parameters = zip(model.model.parameterNames, model.finalParameters)
                .map { "\($0) = \(style.number($1, decimals: 4))" }.joined(separator: ", ")
            return "\(text.modelName(model.model.name)): \(parameters), ‖∇MSE‖ \(style.formatter.format(model.history.epochs.last?.gradientNorm ?? .nan, significantDigits: 3))"
        }.joined(separator: "; ")
        return FigureProduct(figure: figure, summary: summary)
    }
}
