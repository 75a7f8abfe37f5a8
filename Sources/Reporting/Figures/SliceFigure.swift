import Foundation
import Plotting
import Training

/// `slice`: the slides' parabola. The MSE along one parameter `θₖ` (``SliceSpec/parameter``, default
/// the first) with every other parameter fixed at the values of ``SliceSpec/epoch`` (default 0, the start), the tangent
/// at the current value and the gradient step on the axis.
///
/// Along `θₖ` the MSE is the parabola `L(t) = L(θ) + g·(t − θₖ) + Gₖₖ·(t − θₖ)²` with slope
/// `g = ∂MSE/∂θₖ = 2(Gθ − c)ₖ` (the analytic gradient of ``SufficientStatistics``) and minimum at
/// `θₖ − g/(2Gₖₖ)`. The tangent is `L(θ) + g·(t − θₖ)`; the step arrow runs along the axis from
/// `θₖ` to `θₖ − η·g`, with `η` = ``SliceSpec/learningRate`` (by default 0.05, so the arrow is
/// visible with the notebook's tiny learning rates).
/// The view covers the current value, the slice's minimum and the step with a margin.
enum SliceFigure {
    /// Builds the figure from the trained run of `spec`.
    static func make(_ spec: SliceSpec, style: FigureStyle, model trained: TrainedModel) throws -> FigureProduct {
        let text = style.text
        let model = trained.model
        let names = model.parameterNames
        let index: Int
        if let name = spec.parameter {
            guard let found = names.firstIndex(of: name) else {
                throw ReportingError.unknownParameter(name: name, model: model.name, available: names, setting: .sliceParameter)
            }
            index = found
        } else {
            index = 0
        }
        let epoch = spec.epoch
        let history = trained.history
        guard let record = history.epochs.first(where: { $0.epoch == epoch }) else {
            throw ReportingError.epochOutOfRange(epoch: epoch, last: history.epochsRun)
        }
        let statistics = trained.statistics
        let theta = record.parameters
        let current = theta[index]
        let loss = statistics.meanSquaredError(theta)
        let slope = statistics.gradient(theta)[index]
        let curvature = statistics.gram[index][index]
        let learningRate = spec.learningRate
        let next = current - learningRate * slope
        let minimum = curvature > 0 ? current - slope / (2 * curvature) : current
        let xs = [current, next, minimum]
        let low = xs.min() ?? current, high = xs.max() ?? current
        let width = max(high - low, 0.2 * max(1, abs(current)))
        let range = (low - 0.35 * width)...(high + 0.35 * width)

        func lossAt(_ t: Double) -> Double {
            var point = theta
            point[index] = t
            return statistics.meanSquaredError(point)
        }
        let figure = style.makeFigure()
        let axes = figure.axes
        let name = LandscapePlane.displayName(names[index])
        let samples = (0..<400).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 399 }
        let curve = samples.map { DataPoint(x: $0, y: lossAt($0)) }
        axes.line(curve, color: figure.theme.seriesColor(0), label: text.lossAlong(name))
        let tangentHalf = 0.22 * (range.upperBound - range.lowerBound)
        let tangent = [current - tangentHalf, current + tangentHalf].map { DataPoint(x: $0, y: loss + slope * ($0 - current)) }
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 4) }
        axes.line(tangent, color: figure.theme.seriesColor(1), dash: .dashed,
                  label: text.tangentLabel(parameter: name, slope: format(slope)))
        let curveLow = curve.map(\.y).min() ?? 0, curveHigh = curve.map(\.y).max() ?? 1
        let span = max(curveHigh - curveLow, 1e-12)
        let axisY = curveLow - 0.12 * span
        axes.yLimits = AxisLimits(curveLow - 0.2 * span, curveHigh + 0.45 * span)
        axes.xLimits = AxisLimits(range.lowerBound, range.upperBound)
        let stepLabel = text.sliceStepLabel(parameter: name, step: format(next - current), learningRate: format(learningRate))
        let stepColor = figure.theme.seriesColor(2)
        axes.arrow(from: DataPoint(x: current, y: axisY), to: DataPoint(x: next, y: axisY), color: stepColor)
        axes.line([DataPoint(x: current, y: axisY), DataPoint(x: current, y: loss)], color: figure.theme.mutedInk,
                  width: 1.5 * figure.metrics.scale, dash: .dotted)
        axes.line([DataPoint(x: next, y: axisY), DataPoint(x: next, y: lossAt(next))], color: figure.theme.mutedInk,
                  width: 1.5 * figure.metrics.scale, dash: .dotted)
        axes.scatter([DataPoint(x: next, y: lossAt(next))], marker: .circle, color: stepColor, label: stepLabel)
        axes.scatter([DataPoint(x: current, y: loss)], marker: .circle, color: figure.theme.seriesColor(1),
                     size: 1.2 * figure.metrics.markerSize,
                     label: text.currentValue(parameter: name, value: format(current)) + ", MSE " + format(loss))
        axes.xLabel = name
        axes.yLabel = spec.raw ? text.mse : text.mseNormalized
        axes.legendPlacement = .corner(.upperCenter)
        figure.title = text.sliceTitle(parameter: name, epoch: epoch)
        let others = zip(names, theta).enumerated()
            .filter { $0.offset != index }
            .map { "\(LandscapePlane.displayName($0.element.0)) = \(format($0.element.1))" }
        figure.subtitle = text.modelName(model.name)
            + (others.isEmpty ? "" : ": " + others.joined(separator: style.language.listSeparator))
        let summary = "\(model.name) model, MSE along \(names[index]) at epoch \(epoch): value \(current), MSE \(loss), "
            + "slope \(slope), step \(next - current) with learning rate \(learningRate)"
        return FigureProduct(figure: figure, summary: summary)
    }
}
