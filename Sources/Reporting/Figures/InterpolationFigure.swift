import Foundation
import Plotting
import Training

/// `interpolation`: the MSE on the straight line `θ(α) = (1 − α)·θ₀ + α·θ_T` from a run's start
/// `θ₀` to its end `θ_T`, for `α ∈ [−0.5, 1.5]` (Goodfellow, Vinyals & Saxe, 2015): solid between
/// the two ends, dashed beyond them, with the start (`α = 0`, square) and the end (`α = 1`,
/// circle) marked. A network's MSE is the direct sum (``NetworkLandscape``); a polynomial's the
/// exact quadratic form of its statistics (a parabola in `α`). The MSE axis is logarithmic when the
/// curve spans more than two decades.
enum InterpolationFigure {
    /// The MSE at each of `alphas` on the line from `start` to `end` of `trained`'s model.
    static func losses(_ trained: TrainedModel, from start: [Double], to end: [Double], alphas: [Double]) -> [Double] {
        if let network = trained.network {
            return NetworkLandscape(network: network, x: trained.data.x, y: trained.data.y)
                .meanSquaredErrors(fromStart: start, toEnd: end, alphas: alphas)
        }
        return alphas.map { alpha in
            trained.statistics.meanSquaredError(start.indices.map { (1 - alpha) * start[$0] + alpha * end[$0] })
        }
    }

    /// Builds the figure for the trained run of `spec`.
    static func make(_ spec: InterpolationSpec, style: FigureStyle, model trained: TrainedModel) throws -> FigureProduct {
        let text = style.text
        let history = trained.history
        let configuration = history.configuration
        let start = history.epochs.first?.parameters ?? configuration.initialParameters
        let end = trained.finalParameters
        let alphas = InterpolationSpec.alphas
        let values = losses(trained, from: start, to: end, alphas: alphas)
        let figure = style.makeFigure()
        let axes = figure.axes
        let color = figure.theme.seriesColor(1)
        let points = zip(alphas, values).map { DataPoint(x: $0, y: $1) }.filter { $0.y.isFinite }
        axes.line(points.filter { (0...1).contains($0.x) }, color: color, label: text.lossOnLine)
        axes.line(points.filter { $0.x <= 0 }, color: color, dash: .dashed, label: text.beyondEnds)
        axes.line(points.filter { $0.x >= 1 }, color: color, dash: .dashed)
        let startLoss = values[alphas.firstIndex(of: 0) ?? 0], endLoss = values[alphas.firstIndex(of: 1) ?? alphas.count - 1]
        axes.scatter([DataPoint(x: 0, y: startLoss)], marker: .square, color: LandscapePlane.startColor, edgeColor: .black,
                     label: text.interpolationStart)
        axes.scatter([DataPoint(x: 1, y: endLoss)], marker: .circle, color: figure.theme.pathColor,
                     size: 1.3 * FigureMetrics(scale: style.size.scale).markerSize, edgeColor: figure.theme.haloColor,
                     label: text.interpolationEnd)
        let finite = points.map(\.y).filter { $0 > 0 }
        if let low = finite.min(), let high = finite.max(), high > 100 * low { axes.yScale = .log }
        axes.xLimits = AxisLimits(InterpolationSpec.alphaRange.lowerBound, InterpolationSpec.alphaRange.upperBound)
        axes.xLabel = text.interpolationAxis
        axes.yLabel = text.mseNormalized
        let lowest = points.min { $0.y < $1.y } ?? DataPoint(x: 1, y: endLoss)
        let modelName = trained.network.map { text.networkName(units: $0.hiddenUnits) } ?? text.modelName(trained.model.name)
        figure.title = text.interpolationTitle
        figure.subtitle = "\(modelName): " + text.runDescription(optimizer: configuration.optimizer.name,
                                                                  learningRate: style.formatter.format(configuration.learningRate, significantDigits: 4),
                                                                  epochs: history.epochsRun)
            + "  ·  " + text.interpolationResult(start: style.formatter.format(startLoss, significantDigits: 3),
                                                 end: style.formatter.format(endLoss, significantDigits: 3),
                                                 lowest: style.formatter.format(lowest.y, significantDigits: 3),
                                                 at: style.number(lowest.x, decimals: 2))
        let summary = "\(configuration.modelName), line from epoch 0 to epoch \(history.epochsRun), MSE \(startLoss) at alpha 0, "
            + "\(endLoss) at alpha 1, lowest \(lowest.y) at alpha \(lowest.x)"
        return FigureProduct(figure: figure, summary: summary)
    }
}
