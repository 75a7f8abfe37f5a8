import Foundation
import Plotting
import Training

/// `normalization`: why z-scores help. The same full-batch gradient descent on the raw and on the
/// z-scored data, landscapes side by side, each panel stating the Hessian's eigenvalues, the
/// condition number and the stable step limit.
///
/// The Hessian of the MSE is `H = 2G`, `G = XᵀX/N`; for the linear model `G = [[mean x², mean x],
/// [mean x, 1]]`. Gradient descent converges for `η < 2/λmax(H)`, and along the eigenvector of
/// `λ` the error shrinks by `|1 − ηλ|` per step. Each run uses **0.8 × its own stable limit**, so
/// the top direction's factor is `1 − 1.6 = −0.6` in both (a zig-zag across the valley) and the
/// slowest one's is `1 − 1.6/κ`: on z-scored data `x` has mean 0 and variance 1, so `G = I`,
/// `κ = 1` and the path goes straight in; on raw data `κ` is in the thousands and the path
/// crawls along the narrow valley. The model, start, epochs and data come from the spec; the
/// optimizer is always `gd`. The z-scored panel is a square window centred on the optimum; each
/// panel's numbers are rows of its legend, which the layout keeps clear of the path (beside the
/// plot when no corner is free); the marker rows (shared) only in the z-scored panel.
enum NormalizationFigure {
    /// The fraction of each run's own stable limit `2/λmax` used as its learning rate.
    static var stableFraction: Double { NormalizationSpec.stableFraction }

    /// Builds the 1x2 figure from the raw and the z-scored runs of `spec`.
    static func make(_ spec: NormalizationSpec, style: FigureStyle, raw rawRun: TrainedModel, zScored: TrainedModel) throws -> FigureProduct {
        let text = style.text
        let figure = style.makeFigure()
        let stacked = style.aspectRatio < 1.5
        let panels = style.arrangePanels(figure, count: 2, wideAspect: 1.5)
        var summaries: [String] = []
        for (index, raw) in [true, false].enumerated() {
            let trained = raw ? rawRun : zScored
            let statistics = trained.statistics
            let configuration = trained.history.configuration
            var options = spec.plane
            var plane = try LandscapePlane(model: trained, options: options)
            let axes = panels[index]
            if !raw {
                // z-scored: a square window centred on the optimum, so the round contours look round.
                let center = plane.coordinates(of: trained.optimum)
                let radius = 1.15 * plane.pathPoints(trained.history)
                    .map { ((($0.x - center.x) * ($0.x - center.x)) + (($0.y - center.y) * ($0.y - center.y))).squareRoot() }
                    .reduce(1e-3, max)
                options.ranges = [plane.aName: (center.x - radius)...(center.x + radius), plane.bName: (center.y - radius)...(center.y + radius)]
                plane = try LandscapePlane(model: trained, options: options)
            } else if !stacked, spec.plane.ranges.isEmpty {
                // Side by side, the raw panel's legend (its five numbers) sits above the landscape: the
                // vertical range grows by the legend's share of the plot's height, so it covers nothing.
                let legendHeight = (1.3 * 5 + 1.2) * figure.metrics.legendFontSize
                let share = min(0.5, legendHeight / (0.7 * Double(style.size.height)) + 0.04)
                let b = plane.bRange
                options.ranges = [plane.aName: plane.aRange, plane.bName: b.lowerBound...(b.upperBound + share / (1 - share) * (b.upperBound - b.lowerBound))]
                plane = try LandscapePlane(model: trained, options: options)
            }
            axes.title = raw ? text.rawData : text.normalizedData
            let points = plane.pathPoints(trained.history)
            plane.draw(on: axes, grid: plane.evaluateGrid(), style: style, points: points,
                       pathLabel: text.pathLabel(optimizer: "gd"), endLabel: text.end)
            // The numbers go in the legend (text rows), which the layout keeps clear of the path and
            // moves beside the plot when no corner is free; the marker rows only in the z-scored panel.
            if raw {
                for mark in axes.marks { if let scatter = mark as? ScatterMark { scatter.label = nil } }
                for case let path as PathMark in axes.marks { path.label = nil }
            }
            for line in infoLines(statistics: statistics, learningRate: configuration.learningRate, trained: trained, style: style) {
                axes.legendNote(line)
            }
            // Stacked panels are wide and short: the legend goes beside the plot, where there is room.
            if stacked { axes.legendPlacement = .outside }
            summaries.append("\(raw ? "raw" : "z-scored"): eigenvalues \(statistics.hessianEigenvalues()), condition \(statistics.conditionNumber), "
                             + "limit \(statistics.stableLearningRate), lr \(configuration.learningRate), final MSE \(trained.finalMeanSquaredError)")
        }
        figure.title = text.normalizationTitle
        figure.subtitle = text.normalizationSubtitle(fraction: style.number(stableFraction, decimals: 1), epochs: spec.run.maxEpochs)
        return FigureProduct(figure: figure, summary: summaries.joined(separator: "; "))
    }

    /// The panel's numbers: eigenvalues of `2G`, `κ = λmax/λmin`, `2/λmax`, `η`, and the final MSE over the minimum.
    static func infoLines(statistics: SufficientStatistics, learningRate: Double, trained: TrainedModel, style: FigureStyle) -> [String] {
        let text = style.text
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 3) }
        let eigenvalues = statistics.hessianEigenvalues().reversed().map(format).joined(separator: style.language.listSeparator)
        let ratio = trained.optimumMeanSquaredError > 0 ? trained.finalMeanSquaredError / trained.optimumMeanSquaredError : .nan
        return [
            text.eigenvaluesLine(eigenvalues),
            text.conditionLine(format(statistics.conditionNumber)),
            text.stableLimitLine(format(statistics.stableLearningRate)),
            text.learningRateLine(format(learningRate)),
            text.excessLine(epochs: trained.history.epochsRun, ratio: style.formatter.format(ratio, significantDigits: 4)),
        ]
    }
}
