import Foundation
import Plotting
import Training

/// `residuals`: each data point's residual `y − ŷ` (actual minus predicted, in the data's
/// original units: centimetres for the notebook) against x, one panel per model on a shared,
/// symmetric y axis, with each point's name where it can be read.
///
/// A residual is a stem from the zero line to a marker (for at most
/// ``FitFigure/maximumResidualRows`` rows; beyond, markers only, drawn as a density image past
/// `ScatterMark.densityThreshold`). Names use the `fit --labels` placement (right of the marker,
/// else below or left of it; a name that would cover another, a marker, a stem or the legend is
/// left out). The subtitle gives each model's smallest and largest residual (drawn points) and
/// its MAE (the mean of the drawn stems' lengths).
enum ResidualsFigure {
    /// Builds the figure from the runs of `spec`, in order.
    static func make(_ spec: ResidualsSpec, style: FigureStyle, models: [TrainedModel]) throws -> FigureProduct {
        guard let first = models.first else { throw ReportingError.needsModel(kind: .residuals) }
        let text = style.text
        let figure = style.makeFigure()
        let data = first.data.original
        let columns = style.columns(data)
        let unit = columns.yUnit.map { " \($0)" } ?? ""
        figure.title = text.residualsTitle
        let wideAspect = 1.2
        let panels = style.arrangePanels(figure, count: models.count, wideAspect: wideAspect)
        let residuals = models.map { model in zip(data.y, model.predictions).map { $0 - $1 } }
        let largest = residuals.joined().map(abs).filter(\.isFinite).max() ?? 1
        // Symmetric about zero, with room for a name above the highest marker and below the lowest.
        let limit = max(largest, 1e-9) * 1.3
        let signed = { (value: Double) in (value > 0 ? "+" : "") + style.number(value, decimals: 1) }
        var parts: [String] = []
        for (index, model) in models.enumerated() {
            let axes = panels[index]
            let values = residuals[index]
            let name = text.modelName(model.model.name)
            let color = figure.theme.modelColor(model.model)
            axes.title = text.residualsPanelTitle(model: name)
            axes.xLabel = columns.xLabel
            axes.yLabel = text.residualAxis(unit: columns.yUnit)
            axes.yLimits = AxisLimits(-limit, limit)
            axes.legendPlacement = .hidden
            let xs = data.x
            if let low = xs.min(), let high = xs.max() {
                // More room on the right, where names go first.
                let span = max(high - low, 1e-9)
                axes.xLimits = AxisLimits(low - 0.06 * span, high + 0.15 * span)
                axes.line([DataPoint(x: low - 0.06 * span, y: 0), DataPoint(x: high + 0.15 * span, y: 0)], color: figure.theme.mutedInk,
                          width: 2 * style.size.scale)
            }
            let points = zip(xs, values).map { DataPoint(x: $0, y: $1) }
            if points.count <= FitFigure.maximumResidualRows {
                for point in points {
                    axes.line([DataPoint(x: point.x, y: 0), point], color: color, width: 3 * style.size.scale)
                }
            }
            axes.scatter(points, color: color)
            if let labels = data.labels {
                let fontSize = figure.metrics.tickFontSize * 0.85
                axes.pointLabels(labels, at: points, anchor: TextAnchor(.left, .bottom),
                                 offset: DevicePoint(x: 0.5 * figure.metrics.markerSize + 0.3 * fontSize, y: 0),
                                 color: figure.theme.ink, fontSize: fontSize, avoidingMarkers: true, avoidingLines: true,
                                 triesOtherSides: true)
            }
            let finite = values.filter(\.isFinite)
            let mae = finite.map(abs).reduce(0, +) / Double(max(1, finite.count))
            parts.append(text.residualsSummary(model: name, low: signed(finite.min() ?? .nan) + unit, high: signed(finite.max() ?? .nan) + unit,
                                               mae: style.number(mae, decimals: 2) + unit))
        }
        figure.subtitle = parts.joined(separator: "  ·  ")
        return FigureProduct(figure: figure, summary: parts.joined(separator: "; "))
    }
}
