import Foundation
import Plotting
import Training

/// `compare` (models): the linear and the cubic model side by side, as the notebook's final table
/// shows them: both fits over the data (left) and each person's error `actual − predicted` in
/// original units as grouped bars, one colour per model (right), with each model's
/// `MAE = (1/N) Σ |yᵢ − ŷᵢ|` in the legend.
///
/// Both models are always shown: ``CompareModelsSpec/init(completing:)`` keeps the settings of a
/// model that was asked for and gives a missing one the notebook's settings; other models (another
/// degree) come after them.
enum CompareModelsFigure {
    /// Each point's error `actual − predicted` (original units) for `model`'s final parameters.
    static func errors(_ model: TrainedModel) -> [Double] {
        zip(model.data.original.y, model.predictions).map { $0 - $1 }
    }

    /// Builds the figure from trained models.
    static func make(style: FigureStyle, models: [TrainedModel]) -> FigureProduct {
        let text = style.text
        let figure = style.makeFigure()
        let panels = figure.makePanels(rows: 1, columns: 2, columnWidths: [1, 1.75])
        figure.title = text.compareModelsTitle
        guard let first = models.first else { return FigureProduct(figure: figure, summary: "") }
        let original = first.data.original
        let unit = text.unit(of: original.yName)

        // Left: the data and every model's final curve.
        let fit = panels[0]
        fit.title = text.fitsOverData
        let xs = FitFigure.sampleXs(original.x)
        let curves = models.map { model in xs.map { DataPoint(x: $0, y: model.predictOriginal(at: $0)) } }
        let ys = curves.flatMap { $0.map(\.y) }.filter(\.isFinite) + original.y
        var yLimits: AxisLimits?
        if let low = ys.min(), let high = ys.max(), high > low {
            let entries = Double(models.count + 1)
            yLimits = AxisLimits(low - 0.05 * (high - low), high + (0.06 + 0.08 * entries) * (high - low))
        }
        for (index, model) in models.enumerated() {
            FitPanel.drawStatic(on: fit, model: model, style: style, xLimits: AxisLimits(xs.first ?? 0, xs.last ?? 1),
                                yLimits: yLimits, color: figure.theme.seriesColor(index + 1),
                                label: text.modelName(model.model.name), showData: index == models.count - 1,
                                curveLayer: .static)
        }

        // Right: grouped bars of the errors, one series per model.
        let bars = panels[1]
        bars.title = text.errorPerPerson
        bars.yLabel = text.actualMinusPredicted(unit: unit)
        let categories = original.labels ?? original.x.indices.map { "\($0 + 1)" }
        let count = Double(models.count)
        let width = 0.84 / count
        var largest = 0.0
        var summaries: [String] = []
        for (index, model) in models.enumerated() {
            let values = errors(model)
            largest = max(largest, values.map(abs).filter(\.isFinite).max() ?? 0)
            let color = figure.theme.seriesColor(index + 1)
            let mae = style.number(model.finalMeanAbsoluteError, decimals: 2)
            let label = text.modelMeanAbsoluteError(model: text.modelName(model.model.name), mae: mae, unit: unit)
            bars.bars(values, categories: categories, positiveColor: color, negativeColor: color, label: label,
                      offset: (Double(index) - (count - 1) / 2) * width, widthFraction: width * 0.92)
            summaries.append(label)
        }
        if largest > 0 {
            // Symmetric around zero, with room above for the legend.
            bars.yLimits = AxisLimits(-1.1 * largest, (1.1 + 0.16 * count) * largest)
        }
        return FigureProduct(figure: figure, summary: summaries.joined(separator: "; "))
    }
}
