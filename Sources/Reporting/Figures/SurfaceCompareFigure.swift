import Foundation
import Plotting
import Training

/// `compare --compare optimizers --surface`: the paths of gd, momentum and Adam from the same
/// start for the same epochs on a test surface's or formula's landscape, and `f` against epochs.
///
/// Every run uses the spec's start, epochs, schedule and learning rate (``SurfaceCompareSpec``); a
/// run that diverges is repeated with the learning rate halved (up to 30 times, as the models'
/// comparison does) until it stays finite, so the rates in the legend can differ. Each legend entry
/// states the optimizer's settings, the learning rate used and the final `f`. The landscape is
/// ``SurfaceWindow``'s over all three paths; the colours are the models' comparison's for the same
/// optimizers. The second panel: `f` after every epoch (one update each) on a log epoch axis; its
/// `f` axis is logarithmic when every value is positive and they span more than two decades,
/// linear otherwise (surfaces with negative values).
enum SurfaceCompareFigure {
    /// The path colour of each optimizer of ``SurfaceCompareSpec/optimizers``.
    static var colors: [Color] { Array(OptimizerComparisonFigure.colors.dropFirst()) }

    /// Builds the figure from one history per optimizer, in ``SurfaceCompareSpec/optimizers`` order.
    static func make(_ spec: SurfaceCompareSpec, style: FigureStyle, histories: [SurfaceHistory]) throws -> FigureProduct {
        try spec.landscape.validate()
        let text = style.text
        let surface = spec.landscape.run.surface
        let window = SurfaceWindow(spec.landscape, covering: histories)
        let figure = style.makeFigure()
        let panels = style.arrangePanels(figure, count: 2, weights: [1.3, 1], wideAspect: 1.2)
        let axes = panels[0], curves = panels[1]
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 3) }
        window.drawLandscape(on: axes, style: style)
        var labels: [String] = []
        for (index, history) in histories.enumerated() {
            let run = history.run
            var label = text.surfaceOptimizerEntry(optimizer: OptimizerComparisonFigure.optimizerName(run.optimizer, style: style),
                                                   learningRate: format(run.learningRate), value: format(history.final.loss))
            if case .diverged(let epoch) = history.stopReason { label += " (\(text.divergedAt(epoch: epoch)))" }
            labels.append(label)
            // The paths are named in the second panel's legend (same colours), so the landscape's
            // legend stays small and keeps off the paths.
            SurfaceWindow.drawPath(on: axes, style: style, points: history.records.map { DataPoint(x: $0.x, y: $0.y) }, label: nil,
                                   color: colors[index % colors.count], start: false, end: false)
        }
        if let first = histories.first?.records.first {
            axes.scatter([DataPoint(x: first.x, y: first.y)], marker: .square, color: LandscapePlane.startColor, edgeColor: .black, label: text.start)
        }
        window.drawMinima(on: axes, style: style)
        drawValues(on: curves, histories: histories, labels: labels, style: style, figure: figure)

        let formula = text.surfaceFormula(surface.formula, language: style.language)
        figure.title = text.surfaceCompareTitle(text.surfaceTitle(name: surface.named.map(text.surfaceName), formula: formula))
        let start = histories.first?.records.first
        figure.subtitle = text.surfaceCompareSubtitle(start: SurfaceWindow.point(start?.x ?? .nan, start?.y ?? .nan, style: style),
                                                      epochs: spec.landscape.run.epochs)
        let summary = "surface \(surface.definition): " + histories.map { history in
            "\(history.run.optimizer.name) lr \(history.run.learningRate): \(history.final.epoch) epochs, final f(\(history.final.x), \(history.final.y)) = \(history.final.loss)"
                + (history.diverged ? " (diverged)" : "")
        }.joined(separator: "; ")
        return FigureProduct(figure: figure, summary: summary, gridCSV: { SurfaceLandscapeFigure.csv(window.grid) })
    }

    /// Each run's `f` after every epoch against the epoch (log axis from 1), the common starting `f` dotted.
    private static func drawValues(on axes: Axes, histories: [SurfaceHistory], labels: [String], style: FigureStyle, figure: Figure) {
        let text = style.text
        axes.title = text.surfaceValueByEpoch
        axes.xLabel = text.epochLogScale
        axes.yLabel = "f(x, y)"
        axes.xScale = .log
        let curves = histories.map { $0.records.dropFirst().map { DataPoint(x: Double($0.epoch), y: $0.loss) } }
        let start = histories.first?.records.first?.loss
        let values = curves.flatMap { $0.map(\.y) } + (start.map { [$0] } ?? [])
        let band = OptimizerComparisonFigure.legendBand(on: axes, rows: histories.count + 1, style: style, figure: figure)
        var range: LossAxisRange
        if let low = values.min(), low > 0 {
            range = LossAxisRange.fitting(curves: curves.map { $0.map(\.y) } + [start.map { [$0] } ?? []],
                                          diverged: histories.map(\.diverged) + [false], automaticLog: true)
        } else {
            let low = values.min() ?? 0, high = values.max() ?? 1
            let pad = 0.05 * max(high - low, 1e-9)
            range = LossAxisRange(scale: .linear, limits: AxisLimits(low - pad, high + pad))
        }
        range = range.withBand(fraction: band)
        range.apply(to: axes)
        OptimizerComparisonFigure.drawCurves(curves, labels: labels, colors: colors, range: range,
                                             start: start.map { ($0, text.startingValue(style.formatter.format($0, significantDigits: 4))) },
                                             on: axes, figure: figure)
    }
}
