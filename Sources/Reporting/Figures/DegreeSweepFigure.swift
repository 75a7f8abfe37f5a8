import Foundation
import Plotting
import Training

/// `degree-sweep`: the overfitting U-curve. Left: training and leave-one-out mean squared error
/// of the closed-form polynomial of each degree (``DegreeSweep``, original units squared, log
/// axis), the degree with the lowest leave-one-out error marked. Right: the data with the fits of
/// the chosen degrees (``DegreeSweepSpec/shownDegrees``) in original units, followed up to one data
/// span beyond the data's range (as `fit` does) so a wild high-degree curve leaves the panel rather
/// than squashing the data. Reads no training run: the fits are closed-form on the store's data.
enum DegreeSweepFigure {
    /// Builds the figure on the store's data set.
    static func make(_ spec: DegreeSweepSpec, style: FigureStyle, catalog: DataCatalog) throws -> FigureProduct {
        let dataset = catalog.dataset
        let (sweep, shown) = try spec.sweep(dataset)
        let text = style.text
        let figure = style.makeFigure()
        let columns = style.columns(dataset)
        let squared = columns.yUnit.map { "\($0)²" }
        let unit = squared.map { " \($0)" } ?? ""
        figure.title = text.degreeSweepTitle
        figure.subtitle = text.degreeSweepSubtitle(count: dataset.count, others: dataset.count - 1, people: columns.people)
        let wideAspect = 1.2
        let panels = style.arrangePanels(figure, count: 2, wideAspect: wideAspect)
        let stacked = style.aspectRatio < wideAspect
        if stacked { for axes in panels { axes.legendPlacement = .outside } }

        let errors = panels[0]
        errors.title = text.degreeSweepErrorsTitle
        errors.xLabel = text.polynomialDegree
        errors.yLabel = text.meanSquaredErrorAxis(unit: squared)
        errors.yScale = .log
        let degrees = sweep.rows.map(\.degree)
        errors.xLimits = AxisLimits(Double(degrees.first ?? 1) - 0.4, Double(degrees.last ?? 8) + 0.4)
        errors.customXTicks = degrees.map { Tick(value: Double($0), label: "\($0)") }
        let metrics = FigureMetrics(scale: style.size.scale)
        let training = sweep.rows.map { DataPoint(x: Double($0.degree), y: $0.trainingError) }
        let leaveOneOut = sweep.rows.map { DataPoint(x: Double($0.degree), y: $0.leaveOneOutError) }
        let trainColor = figure.theme.seriesColor(0), looColor = figure.theme.seriesColor(1)
        errors.line(training, color: trainColor, label: text.trainingErrorLabel)
        errors.scatter(training, color: trainColor, size: 0.8 * metrics.markerSize)
        errors.line(leaveOneOut, color: looColor, label: text.leaveOneOutLabel(others: dataset.count - 1))
        errors.scatter(leaveOneOut, color: looColor, size: 0.8 * metrics.markerSize)
        let positive = (training + leaveOneOut).map(\.y).filter { $0 > 0 && $0.isFinite }
        if let low = positive.min(), let high = positive.max() {
            let lowU = log10(low), highU = log10(high), span = max(highU - lowU, 1)
            errors.yLimits = AxisLimits(pow(10, lowU - 0.08 * span), pow(10, highU + (stacked ? 0.08 : 0.45) * span))
        }
        if let best = sweep.rows.min(by: { $0.leaveOneOutError < $1.leaveOneOutError }) {
            let point = DataPoint(x: Double(best.degree), y: best.leaveOneOutError)
            errors.scatter([point], marker: .circle, color: figure.theme.ink, size: 1.3 * metrics.markerSize, edgeColor: looColor,
                           label: text.lowestLeaveOneOut(degree: best.degree, value: style.number(best.leaveOneOutError, decimals: 1) + unit))
        }

        let fits = panels[1]
        fits.title = text.degreeSweepFitsTitle
        fits.xLabel = columns.xLabel
        fits.yLabel = columns.yLabel
        let xs = FitFigure.sampleXs(dataset.x)
        let dataLow = dataset.y.min() ?? 0, dataHigh = dataset.y.max() ?? 1, dataSpan = max(dataHigh - dataLow, 1e-9)
        let colors = [2, 4, 3, 5, 1, 0]
        for (index, degree) in shown.enumerated() {
            guard let parameters = sweep.fits[degree], let row = sweep.rows.first(where: { $0.degree == degree }) else { continue }
            let model = try PolynomialModel.polynomial(degree: degree)
            let curve = xs.map { DataPoint(x: $0, y: sweep.yScale.denormalize(model.predict(parameters, at: sweep.xScale.normalize($0)))) }
            fits.line(curve, color: figure.theme.seriesColor(colors[index % colors.count]),
                      label: text.degreeFitLabel(degree: degree, training: style.number(row.trainingError, decimals: 1) + unit,
                                                 leaveOneOut: style.number(row.leaveOneOutError, decimals: 1) + unit))
        }
        fits.scatter(zip(dataset.x, dataset.y).map { DataPoint(x: $0, y: $1) }, color: figure.theme.dataColor, label: text.data)
        let entries = Double(shown.count + 1)
        fits.yLimits = AxisLimits(dataLow - 0.45 * dataSpan, dataHigh + (stacked ? 0.45 : 0.45 + 0.2 * entries) * dataSpan)
        let summary = sweep.rows.map { "degree \($0.degree): train \(style.number($0.trainingError, decimals: 2)), LOO \(style.number($0.leaveOneOutError, decimals: 2))" }
            .joined(separator: "; ")
        let unitName = LectureText(language: .english).unit(of: dataset.yName)
        return FigureProduct(figure: figure, summary: summary, table: sweep.csv(unit: unitName))
    }
}
