import Foundation
import Plotting
import Training

/// `sgd-noise`: why SGD's path is jagged.
///
/// In gradient space (`∂ℓ/∂P₁` across, `∂ℓ/∂P₂` up, equal units) at the run's parameters of
/// ``GradientNoiseSpec/epoch``: every per-sample gradient `∇ℓᵢ` as an arrow from the origin (at
/// most ``GradientNoiseSpec/maximumArrows``, evenly spread, with the rows' names where they fit),
/// their mean, the full gradient `∇MSE`, as a thick arrow, and for each batch size `B` of
/// ``GradientNoiseSpec/batchSizes`` up to `N` the 1σ ellipse of the minibatch gradient
/// (``GradientNoise/batchCovariance(batchSize:)``, sampling without replacement) around the mean.
/// Each ellipse's legend prints the standard deviations of its two components, which are the
/// ellipse's half-widths along the axes.
enum GradientNoiseFigure {
    /// The points of the ellipse `{m + Lu : |u| = 1}` of the 2 × 2 covariance `c` around `center`.
    static func ellipse(center: DataPoint, covariance c: [[Double]], points count: Int = 120) -> [DataPoint] {
        let decomposition = SymmetricEigendecomposition(c)
        let radii = decomposition.values.map { max(0, $0).squareRoot() }
        let vectors = decomposition.vectors
        return (0...count).map { step in
            let t = 2 * Double.pi * Double(step) / Double(count)
            let (cosT, sinT) = (cos(t), sin(t))
            return DataPoint(x: center.x + radii[0] * cosT * vectors[0][0] + radii[1] * sinT * vectors[1][0],
                             y: center.y + radii[0] * cosT * vectors[0][1] + radii[1] * sinT * vectors[1][1])
        }
    }

    /// Builds the figure from the trained run of `spec`.
    static func make(_ spec: GradientNoiseSpec, style: FigureStyle, model trained: TrainedModel) throws -> FigureProduct {
        let text = style.text
        let model = trained.model
        let names = model.parameterNames
        guard let pair = try LandscapeOptions(parameters: spec.parameters).validate(for: model) else {
            throw ReportingError.pathDoesNotMove
        }
        guard let record = trained.history.epochs.first(where: { $0.epoch == spec.epoch }) else {
            throw ReportingError.epochOutOfRange(epoch: spec.epoch, last: trained.history.epochsRun)
        }
        let theta = record.parameters
        let noise = GradientNoise(model: model, parameters: theta, x: trained.data.x, y: trained.data.y)
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 3) }
        let figure = style.makeFigure()
        let axes = figure.axes
        let theme = figure.theme
        let n = noise.perSample.count

        // Per-sample arrows (evenly spread when there are many) with the rows' names.
        let shown = n <= GradientNoiseSpec.maximumArrows ? Array(0..<n)
            : (0..<GradientNoiseSpec.maximumArrows).map { $0 * n / GradientNoiseSpec.maximumArrows }
        let origin = DataPoint(x: 0, y: 0)
        let tips = shown.map { DataPoint(x: noise.perSample[$0][pair.0], y: noise.perSample[$0][pair.1]) }
        let sampleColor = theme.seriesColor(0)
        for tip in tips { axes.arrow(from: origin, to: tip, color: sampleColor, width: 1.5 * figure.metrics.scale) }
        axes.scatter(tips, marker: .circle, color: sampleColor, size: 0.55 * figure.metrics.markerSize,
                     label: text.perSampleGradients(shown: shown.count, total: n))

        // Minibatch spread, largest first so the smaller ellipses stay on top.
        let mean = DataPoint(x: noise.mean[pair.0], y: noise.mean[pair.1])
        let sizes = GradientNoiseSpec.batchSizes.filter { $0 <= n }
        for (index, size) in sizes.enumerated() {
            let full = noise.batchCovariance(batchSize: size)
            let c = [[full[pair.0][pair.0], full[pair.0][pair.1]], [full[pair.1][pair.0], full[pair.1][pair.1]]]
            let sigmas = (format(c[0][0].squareRoot()), format(c[1][1].squareRoot()))
            let color = theme.seriesColor(index + 1)
            if size == n {
                axes.scatter([mean], marker: .square, color: color, label: text.batchWithoutSpread(size: size))
            } else {
                axes.line(ellipse(center: mean, covariance: c), color: color, width: 2.5 * figure.metrics.scale,
                          label: text.batchEllipse(size: size, sigmaA: sigmas.0, sigmaB: sigmas.1, separator: style.language.listSeparator))
            }
        }
        axes.arrow(from: origin, to: mean, color: theme.ink, width: 4 * figure.metrics.scale)
        axes.scatter([mean], marker: .diamond, color: theme.ink, edgeColor: theme.haloColor,
                     label: text.fullGradient(a: format(mean.x), b: format(mean.y), separator: style.language.listSeparator))
        axes.scatter([origin], marker: .cross, color: theme.mutedInk, size: 0.8 * figure.metrics.markerSize)
        if let labels = trained.data.original.labels {
            axes.pointLabels(shown.map { labels[$0] }, at: tips, offset: DevicePoint(x: 6 * figure.metrics.scale, y: -4 * figure.metrics.scale), avoidingLines: true, triesOtherSides: true)
        }
        axes.equalAspect = true
        let (first, second) = (LandscapePlane.displayName(names[pair.0]), LandscapePlane.displayName(names[pair.1]))
        axes.xLabel = "∂ℓ/∂\(first)"
        axes.yLabel = "∂ℓ/∂\(second)"
        axes.legendPlacement = style.aspectRatio >= 1.2 ? .outside : .automatic

        let point = zip(names, theta).map { "\(LandscapePlane.displayName($0.0)) = \(style.formatter.format($0.1, significantDigits: 4))" }
            .joined(separator: style.language.listSeparator)
        figure.title = text.gradientNoiseTitle(model: model.name, epoch: spec.epoch)
        figure.subtitle = text.gradientNoiseSubtitle(point: point)
        let summary = "\(model.name) model, \(n) per-sample gradients at epoch \(spec.epoch) (\(point)), full gradient "
            + "(\(format(mean.x)), \(format(mean.y))), minibatch 1σ ellipses for B = " + sizes.map(String.init).joined(separator: ", ")
        return FigureProduct(figure: figure, summary: summary)
    }
}
