import Foundation
import Plotting
import Training

/// `overshoot`: gradient descent in one dimension, along the Hessian's top eigenvector.
///
/// Left: the exact MSE along the line `θ* + x·v` (``TopEigendirection``: `L* + ½λx²`) with the
/// iterates `x₀ … x₆` of gradient descent at `η = m/λ` for each multiple `m` of
/// ``OvershootSpec/multiples`` (0.5, 1, 1.5, 2.1: converge, one step, oscillate, diverge), each
/// iterate computed from the full analytic gradient projected on `v`. Right: the contraction
/// factor `|1 − ηλ|` against `η` from 0 to `2.4/λ`, with the four rates marked and the stable
/// limit `2/λ` where the factor reaches 1. Each legend prints `1 − ηλ` with 4 significant digits.
enum OvershootFigure {
    /// The right panel's η range, in multiples of `1/λ`.
    static let largestMultiple = 2.4
    /// The right panel's top (room for the legend above the curve, which reaches 1.4).
    static let factorCeiling = 1.9

    /// Builds the figure from the trained run of `spec` (only its start is read).
    static func make(_ spec: OvershootSpec, style: FigureStyle, model trained: TrainedModel) throws -> FigureProduct {
        let text = style.text
        let line = TopEigendirection(statistics: trained.statistics, optimum: trained.optimum,
                                     initial: trained.history.configuration.initialParameters)
        let lambda = line.eigenvalue
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 4) }
        let figure = style.makeFigure()
        let panels = style.arrangePanels(figure, count: 2, weights: [1.35, 1], wideAspect: 1.5)
        let (curvePanel, factorPanel) = (panels[0], panels[1])
        let theme = figure.theme

        var paths: [(multiple: Double, iterates: [Double])] = []
        for multiple in OvershootSpec.multiples {
            paths.append((multiple, line.iterates(learningRate: multiple / lambda, steps: OvershootSpec.steps)))
        }
        let reach = paths.flatMap { $0.iterates.map(abs) }.filter(\.isFinite).max() ?? line.start
        let half = 1.12 * max(reach, 1e-12)
        let xs = (0..<401).map { -half + 2 * half * Double($0) / 400 }
        let curve = xs.map { DataPoint(x: $0, y: line.loss($0)) }
        curvePanel.line(curve, color: theme.mutedInk, label: text.lossAlongLine)
        for (index, path) in paths.enumerated() {
            let factor = 1 - path.multiple
            let label = text.overshootPath(multiple: format(path.multiple), learningRate: format(path.multiple / lambda),
                                           factor: format(factor), behaviour: text.overshootBehaviour(factor: factor))
            curvePanel.path(path.iterates.map { DataPoint(x: $0, y: line.loss($0)) }, color: theme.seriesColor(index), label: label)
        }
        let lowest = curve.map(\.y).min() ?? 0, highest = curve.map(\.y).max() ?? 1
        let span = max(highest - lowest, 1e-12)
        curvePanel.xLimits = AxisLimits(-half, half)
        curvePanel.yLimits = AxisLimits(lowest - 0.05 * span, highest + 0.9 * span)
        curvePanel.xLabel = text.overshootCoordinate
        curvePanel.yLabel = text.mseNormalized
        curvePanel.legendPlacement = .automatic

        let etas = (0...240).map { Self.largestMultiple * Double($0) / 240 / lambda }
        factorPanel.line(etas.map { DataPoint(x: $0, y: abs(1 - $0 * lambda)) }, color: theme.ink, label: text.contractionPerStep)
        factorPanel.line([DataPoint(x: 2 / lambda, y: 0), DataPoint(x: 2 / lambda, y: Self.factorCeiling)], color: theme.mutedInk, dash: .dashed,
                         label: text.stableLimitAt(format(2 / lambda)))
        factorPanel.line([DataPoint(x: 0, y: 1), DataPoint(x: Self.largestMultiple / lambda, y: 1)], color: theme.mutedInk, dash: .dotted)
        for (index, path) in paths.enumerated() {
            let eta = path.multiple / lambda
            factorPanel.scatter([DataPoint(x: eta, y: abs(1 - eta * lambda))], marker: .circle, color: theme.seriesColor(index),
                                size: 1.2 * figure.metrics.markerSize)
        }
        factorPanel.xLimits = AxisLimits(0, Self.largestMultiple / lambda)
        factorPanel.yLimits = AxisLimits(0, Self.factorCeiling)
        factorPanel.xLabel = text.learningRateEta
        factorPanel.yLabel = text.contractionFactor
        factorPanel.legendPlacement = .automatic

        figure.title = text.overshootTitle(model: trained.model.name)
        figure.subtitle = text.overshootSubtitle(eigenvalue: format(lambda), isotropic: line.isIsotropic)
        let summary = "\(trained.model.name) model, 1-D gradient descent along the Hessian's top eigenvector, λ = \(format(lambda)), "
            + "learning rates " + OvershootSpec.multiples.map { "\($0)/λ" }.joined(separator: ", ") + ", \(OvershootSpec.steps) steps from x0 = \(format(line.start))"
        return FigureProduct(figure: figure, summary: summary)
    }
}
