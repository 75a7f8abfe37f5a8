import Foundation
import Plotting
import Training

/// `fit`: the data in original units with the fitted model(s), equations in the legend.
///
/// Each model's curve is drawn over the data's x range (plus 4 % on each side) from 240 samples;
/// ``FitSpec/residuals`` adds the vertical error segment from each point to the first model's
/// prediction (for at most ``maximumResidualRows`` rows: beyond, segments only hide the data),
/// ``FitSpec/labels`` writes each point's name beside it where it can be read (not over another
/// name, a marker or the legend, nor past the plot's edge).
enum FitFigure {
    /// The most rows that get a residual segment.
    static let maximumResidualRows = 200

    /// Whether `count` data points are drawn as a density image (then under the curves, which
    /// would otherwise disappear in its dense core) rather than as markers (over the curves).
    static func drawsDensity(_ count: Int) -> Bool { count > ScatterMark.densityThreshold }

    /// Builds the figure for `spec` from its trained models.
    static func make(_ spec: FitSpec, style: FigureStyle, models: [TrainedModel]) throws -> FigureProduct {
        let text = style.text
        let figure = style.makeFigure()
        let axes = figure.axes
        guard let first = models.first else { throw ReportingError.needsModel(kind: .fit) }
        let data = first.data.original
        let columns = style.columns(data)
        let xVariable = columns.xVariable, yVariable = columns.yVariable
        figure.title = text.fitTitle(y: yVariable, x: xVariable)
        figure.subtitle = models.map { model in
            var part = "\(text.modelName(model.model.name)): MSE \(style.number(model.finalMeanSquaredError, decimals: 4)) (\(text.normalised)), "
                + "MAE \(style.number(model.finalMeanAbsoluteError, decimals: 2))\(columns.yUnit.map { " \($0)" } ?? "")"
            // A diverged run's curve is its last finite epoch; say so.
            if case .diverged(let epoch) = model.history.stopReason {
                part += " (\(text.divergedAt(epoch: epoch)); \(text.curveOfEpoch(model.history.epochsRun)))"
            }
            return part
        }.joined(separator: "  ·  ")
        axes.xLabel = columns.xLabel
        axes.yLabel = columns.yLabel

        let points = zip(data.x, data.y).map { DataPoint(x: $0, y: $1) }
        let curveXs = sampleXs(data.x)
        let drawsResiduals = spec.residuals && points.count <= maximumResidualRows
        if drawsResiduals {
            let residualColor = figure.theme.mutedInk
            for (point, prediction) in zip(points, first.predictions) {
                axes.line([point, DataPoint(x: point.x, y: prediction)], color: residualColor, width: 2.5 * figure.metrics.scale, dash: .dashed)
            }
        }
        let dense = drawsDensity(points.count)
        if dense { axes.scatter(points, color: figure.theme.dataColor, label: text.data) }
        for model in models {
            let curve = curveXs.map { DataPoint(x: $0, y: model.predictOriginal(at: $0)) }
            let equation = model.equation(style.equations, xName: xVariable, yName: yVariable)
            let label = models.count > 1 ? "\(text.modelName(model.model.name)): \(equation)" : equation
            axes.line(curve, color: figure.theme.modelColor(model.model), label: label)
        }
        if !dense { axes.scatter(points, color: figure.theme.dataColor, label: text.data) }
        // Curves are followed up to one data span beyond the data (as the fit panels do), so a
        // curve far off (a diverged run) leaves the panel instead of squashing the data to a line.
        let dataLow = data.y.min() ?? 0, dataHigh = data.y.max() ?? 1, dataSpan = max(dataHigh - dataLow, 1e-9)
        let curveYs = models.flatMap { model in curveXs.map { model.predictOriginal(at: $0) } }.filter(\.isFinite)
            .map { min(max($0, dataLow - dataSpan), dataHigh + dataSpan) } + data.y
        if let low = curveYs.min(), let high = curveYs.max(), high > low {
            // Headroom above the data for the legend: one line per entry, about 7 % of the height each.
            let entries = Double(models.count + 1)
            axes.yLimits = AxisLimits(low - 0.05 * (high - low), high + (0.06 + 0.075 * entries) * (high - low))
        }
        if spec.labels, let labels = data.labels {
            // Each name just right of its point's marker (the same distance in pixels at every
            // size), or below it, or on the left, whichever side is free first; a name that would
            // overlap an earlier one, a data marker, a curve or the legend everywhere, or leave the
            // plot, is left out.
            let fontSize = figure.metrics.tickFontSize * 0.85
            axes.pointLabels(labels, at: points, anchor: TextAnchor(.left, .bottom),
                             offset: DevicePoint(x: 0.5 * figure.metrics.markerSize + 0.3 * fontSize, y: 0),
                             color: figure.theme.ink, fontSize: fontSize, avoidingMarkers: true, avoidingLines: true,
                             triesOtherSides: true)
        }
        var summary = models.map { "\(text.modelName($0.model.name)): \($0.equation(style.equations))" }.joined(separator: "; ")
        if spec.residuals && !drawsResiduals {
            summary += "; residuals not drawn: \(points.count) rows (at most \(maximumResidualRows))"
        }
        return FigureProduct(figure: figure, summary: summary)
    }

    /// 240 evenly spaced x values over the data's range widened by 4 % on each side.
    static func sampleXs(_ xs: [Double]) -> [Double] {
        guard let low = xs.min(), let high = xs.max(), high > low else { return xs }
        let pad = (high - low) * 0.04
        let count = 240
        return (0..<count).map { low - pad + (high - low + 2 * pad) * Double($0) / Double(count - 1) }
    }

}
