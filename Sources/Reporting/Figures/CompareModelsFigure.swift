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
        let panels = style.arrangePanels(figure, count: 2, weights: [1, 1.75], wideAspect: 1.5)
        figure.title = text.compareModelsTitle
        guard let first = models.first else { return FigureProduct(figure: figure, summary: "") }
        let original = first.data.original

        // Left: the data and every model's final curve.
        let fit = panels[0]
        fit.title = text.fitsOverData
        let xs = FitFigure.sampleXs(original.x)
        let curves = models.map { model in xs.map { DataPoint(x: $0, y: model.predictOriginal(at: $0)) } }
        // Curves are followed up to one data span beyond the data (as `FitPanel.wholeHistoryLimits`),
        // so a model far off cannot shrink the data to a line.
        let dataLow = original.y.min() ?? 0, dataHigh = original.y.max() ?? 1, dataSpan = max(dataHigh - dataLow, 1e-9)
        let ys = curves.flatMap { $0.map(\.y) }.filter(\.isFinite).map { min(max($0, dataLow - dataSpan), dataHigh + dataSpan) } + original.y
        var yLimits: AxisLimits?
        if let low = ys.min(), let high = ys.max(), high > low {
            let entries = Double(models.count + 1)
            yLimits = AxisLimits(low - 0.05 * (high - low), high + (0.06 + 0.08 * entries) * (high - low))
        }
        for (index, model) in models.enumerated() {
            FitPanel.drawStatic(on: fit, model: model, style: style, xLimits: AxisLimits(xs.first ?? 0, xs.last ?? 1),
                                yLimits: yLimits, color: figure.theme.modelColor(model.model),
                                label: text.modelName(model.model.name),
                                showData: FitFigure.drawsDensity(original.count) ? index == 0 : index == models.count - 1,
                                curveLayer: .static)
        }

        // Right: each person's error as grouped bars, or for more rows than bars can show, the
        // distribution of the errors.
        let summaries: [String]
        if original.count <= maximumBars {
            summaries = drawBars(on: panels[1], models: models, style: style, theme: figure.theme)
        } else {
            summaries = drawDistribution(on: panels[1], models: models, style: style, theme: figure.theme)
        }
        return FigureProduct(figure: figure, summary: summaries.joined(separator: "; "))
    }

    /// The most rows drawn as one bar (per model) each; beyond, the right panel shows the errors' distribution.
    static let maximumBars = 40

    /// Grouped bars of every row's error, one series per model; returns each model's legend line.
    private static func drawBars(on bars: Axes, models: [TrainedModel], style: FigureStyle, theme: Theme) -> [String] {
        let text = style.text
        guard let original = models.first?.data.original else { return [] }
        let columns = style.columns(original)
        let unit = columns.yUnit
        // Right: grouped bars of the errors, one series per model.
        bars.title = text.errorPerDataPoint(people: columns.people)
        bars.yLabel = text.actualMinusPredicted(unit: unit)
        // People in order of x (weight), so the bars read left to right like the fit panel.
        let order = original.x.indices.sorted { (original.x[$0], $0) < (original.x[$1], $1) }
        let names = original.labels ?? original.x.indices.map { "\($0 + 1)" }
        let categories = order.map { names[$0] }
        let count = Double(models.count)
        let width = 0.84 / count
        var largest = 0.0
        var summaries: [String] = []
        for (index, model) in models.enumerated() {
            let allErrors = errors(model)
            let values = order.map { allErrors[$0] }
            largest = max(largest, values.map(abs).filter(\.isFinite).max() ?? 0)
            let color = theme.modelColor(model.model)
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
        return summaries
    }

    /// The distribution of the errors: one outlined, lightly filled histogram per model over
    /// shared bins (`⌈√N⌉` of them, between 10 and 60) on `±h`, `h` the largest of the models'
    /// 99.5th percentiles of `|error|` (so a few wild rows do not squeeze the rest into two bins),
    /// the count per bin on the y axis, each model's MAE in the legend and the number of rows
    /// outside `±h` stated in the panel; returns each model's legend line.
    private static func drawDistribution(on axes: Axes, models: [TrainedModel], style: FigureStyle, theme: Theme) -> [String] {
        let text = style.text
        guard let original = models.first?.data.original else { return [] }
        let unit = style.columns(original).yUnit
        axes.title = text.errorDistribution
        axes.xLabel = text.actualMinusPredicted(unit: unit)
        axes.yLabel = text.count
        let errorSets = models.map(errors)
        let percentiles = errorSets.map { values -> Double in
            let magnitudes = values.filter(\.isFinite).map(abs).sorted()
            guard !magnitudes.isEmpty else { return 0 }
            return magnitudes[min(magnitudes.count - 1, Int((0.995 * Double(magnitudes.count - 1)).rounded(.up)))]
        }
        let largest = percentiles.max() ?? 1
        // Held below a quarter of Double's range, so the bin arithmetic (value + half) / width stays finite.
        let half = largest > 0 ? min(largest * 1.05, .greatestFiniteMagnitude / 4) : 1
        let binCount = min(60, max(10, Int(Double(original.count).squareRoot().rounded(.up))))
        let width = 2 * half / Double(binCount)
        let edges = (0...binCount).map { -half + width * Double($0) }
        var tallest = 0.0, outside = 0
        var summaries: [String] = []
        for (index, values) in errorSets.enumerated() {
            var counts = [Double](repeating: 0, count: binCount)
            for value in values where value.isFinite && abs(value) <= half {
                counts[min(binCount - 1, max(0, Int((value + half) / width)))] += 1
            }
            outside += values.count { !($0.isFinite && abs($0) <= half) }
            tallest = max(tallest, counts.max() ?? 0)
            var xs: [Double] = [], ys: [Double] = []
            for bin in 0..<binCount {
                xs += [edges[bin], edges[bin + 1]]
                ys += [counts[bin], counts[bin]]
            }
            let model = models[index]
            let color = theme.modelColor(model.model)
            let label = text.modelMeanAbsoluteError(model: text.modelName(model.model.name),
                                                    mae: style.number(model.finalMeanAbsoluteError, decimals: 2), unit: unit)
            axes.band(xs: xs, lower: xs.map { _ in 0 }, upper: ys, color: color, opacity: 0.18)
            axes.line(zip(xs, ys).map { DataPoint(x: $0, y: $1) }, color: color, label: label)
            summaries.append(label)
        }
        axes.xLimits = AxisLimits(-half, half)
        let top = max(1, tallest) * (1.1 + 0.16 * Double(models.count))
        axes.yLimits = AxisLimits(0, top)
        if outside > 0 {
            let limit = style.formatter.format(half, significantDigits: 3) + (unit.map { " \($0)" } ?? "")
            PanelNote.add([text.rowsOutside(outside, limit: limit)], to: axes, corner: .upperLeft, x: -half...half, y: 0...top,
                          fontSize: 0.8 * FigureMetrics(scale: style.size.scale).annotationFontSize, color: theme.ink)
        }
        return summaries
    }
}
