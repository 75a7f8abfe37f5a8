import Foundation
import Plotting
import Training

/// `gradient-field`: which way gradient descent is pushed at every point of a landscape plane.
///
/// Over the exact MSE's contours on ``LandscapePlane`` (no heatmap, so the arrows read), an
/// ``GradientFieldSpec/arrowsPerSide`` × ``GradientFieldSpec/arrowsPerSide`` grid of arrows: the
/// arrow with its tail at plane point `p` ends at `p − s·(u·∇MSE, v·∇MSE)`, the negative gradient
/// of the full MSE (``SufficientStatistics/gradient(_:)``, `2(Gθ − c)`) projected on the plane,
/// times one scale `s` for all (rounded to 3 significant digits and printed in the subtitle, so the
/// printed number reproduces the drawing; the longest arrow is about 0.9 grid spacings). Arrows
/// shorter than 15 % of a spacing are left out (their heads would be longer than they are).
/// The optimizer's path, its start and end, and at the plane's minimum the eigenvectors of the
/// plane's Hessian `2·[uᵀGu uᵀGv; vᵀGu vᵀGv]` drawn both ways with half-lengths `∝ 1/√λ` (the
/// axes of one contour ellipse), with their eigenvalues in the legend.
enum GradientFieldFigure {
    /// The plane's Hessian `2·[uᵀGu, uᵀGv; vᵀGu, vᵀGv]`.
    static func planeHessian(_ plane: LandscapePlane) -> [[Double]] {
        let gram = plane.statistics.gram
        func form(_ a: [Double], _ b: [Double]) -> Double {
            var total = 0.0
            for i in a.indices { for j in b.indices { total += a[i] * gram[i][j] * b[j] } }
            return 2 * total
        }
        return [[form(plane.u, plane.u), form(plane.u, plane.v)], [form(plane.v, plane.u), form(plane.v, plane.v)]]
    }

    /// `−(u·∇MSE, v·∇MSE)` at plane point `(a, b)`.
    static func negativeGradient(_ plane: LandscapePlane, a: Double, b: Double) -> DataPoint {
        let gradient = plane.statistics.gradient(plane.parameters(a: a, b: b))
        return DataPoint(x: -LandscapePlane.dot(plane.u, gradient), y: -LandscapePlane.dot(plane.v, gradient))
    }

    /// `value` rounded to 3 significant digits.
    static func roundedScale(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 0 }
        let magnitude = pow(10, floor(log10(value)) - 2)
        return (value / magnitude).rounded() * magnitude
    }

    /// Builds the figure from the trained run of `spec`.
    static func make(_ spec: GradientFieldSpec, style: FigureStyle, model trained: TrainedModel) throws -> FigureProduct {
        let text = style.text
        var plane = try LandscapePlane(model: trained, options: spec.plane)
        // Without ranges given, an equal-aspect window is made square (the wider range for both),
        // so the arrows fill a square grid and the contours around the minimum are whole.
        if plane.equalAspect, case .parameters = plane.kind, spec.plane.ranges[plane.aName] == nil, spec.plane.ranges[plane.bName] == nil {
            let width = max(plane.aRange.upperBound - plane.aRange.lowerBound, plane.bRange.upperBound - plane.bRange.lowerBound)
            var options = spec.plane
            options.ranges = [plane.aName: LandscapePlane.widened(plane.aRange, to: width),
                              plane.bName: LandscapePlane.widened(plane.bRange, to: width)]
            plane = try LandscapePlane(model: trained, options: options)
        }
        let grid = plane.evaluateGrid()
        let figure = style.makeFigure()
        let axes = figure.axes
        let theme = figure.theme
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 4) }

        let finite = grid.values.filter { $0.isFinite && $0 > 0 }
        let low = finite.min() ?? 1e-3, high = finite.max() ?? 1
        axes.contours(grid, levels: LandscapePlane.contourLevels(minimum: low, maximum: high), color: theme.mutedInk)
        axes.xLimits = AxisLimits(plane.aRange.lowerBound, plane.aRange.upperBound)
        axes.yLimits = AxisLimits(plane.bRange.lowerBound, plane.bRange.upperBound)
        axes.equalAspect = plane.equalAspect
        axes.xLabel = plane.axisLabel(horizontal: true, style: style)
        axes.yLabel = plane.axisLabel(horizontal: false, style: style)

        // The arrow grid, inset half a spacing from the edges.
        let count = GradientFieldSpec.arrowsPerSide
        let aStep = (plane.aRange.upperBound - plane.aRange.lowerBound) / Double(count)
        let bStep = (plane.bRange.upperBound - plane.bRange.lowerBound) / Double(count)
        let tails = (0..<count).flatMap { row in
            (0..<count).map { column in
                DataPoint(x: plane.aRange.lowerBound + (Double(column) + 0.5) * aStep, y: plane.bRange.lowerBound + (Double(row) + 0.5) * bStep)
            }
        }
        let pushes = tails.map { negativeGradient(plane, a: $0.x, b: $0.y) }
        let spacing = min(aStep, bStep)
        let longest = pushes.map { ($0.x * $0.x + $0.y * $0.y).squareRoot() }.filter(\.isFinite).max() ?? 0
        let scale = roundedScale(longest > 0 ? 0.9 * spacing / longest : 0)
        let arrowColor = theme.seriesColor(0)
        for (tail, push) in zip(tails, pushes) {
            let end = DataPoint(x: tail.x + scale * push.x, y: tail.y + scale * push.y)
            let length = ((end.x - tail.x) * (end.x - tail.x) + (end.y - tail.y) * (end.y - tail.y)).squareRoot()
            guard length.isFinite, length >= 0.15 * spacing else { continue }
            axes.arrow(from: tail, to: end, color: arrowColor, width: 1.6 * figure.metrics.scale)
        }

        // The path, start and end.
        let history = trained.history
        let points = plane.pathPoints(history)
        let path = axes.path(points, label: text.pathLabel(optimizer: history.configuration.optimizer.name))
        path.minimumMarkerSpacing = 0.9 * figure.metrics.markerSize
        path.arrowSpacing = 110 * figure.metrics.scale
        if let start = points.first {
            axes.scatter([start], marker: .square, color: LandscapePlane.startColor, edgeColor: .black, label: text.start)
        }

        // The plane's minimum and the Hessian's eigenvectors there.
        let hessian = planeHessian(plane)
        let decomposition = SymmetricEigendecomposition(hessian)
        let projected = plane.coordinates(of: plane.optimum)
        let slope = negativeGradient(plane, a: projected.x, b: projected.y)
        // The plane's own minimum: one Newton step from the optimum's projection (exact on a quadratic).
        let determinant = hessian[0][0] * hessian[1][1] - hessian[0][1] * hessian[1][0]
        var center = projected
        if determinant > 0 {
            center = DataPoint(x: projected.x + (hessian[1][1] * slope.x - hessian[0][1] * slope.y) / determinant,
                               y: projected.y + (hessian[0][0] * slope.y - hessian[1][0] * slope.x) / determinant)
        }
        let smallest = max(decomposition.values.first ?? 1, 1e-300)
        // The slowest direction's half-length is 35 % of the narrower range (clipped at the panel's
        // edge); the others are shorter by √(λmin/λ), as the axes of one contour ellipse.
        let reach = 0.35 * min(plane.aRange.upperBound - plane.aRange.lowerBound, plane.bRange.upperBound - plane.bRange.lowerBound)
        for index in decomposition.values.indices.reversed() {
            let lambda = decomposition.values[index], vector = decomposition.vectors[index]
            guard lambda > 0 else { continue }
            let half = reach * (smallest / lambda).squareRoot()
            let color = theme.seriesColor(index == decomposition.values.count - 1 ? 1 : 2)
            let tip = DataPoint(x: center.x + half * vector[0], y: center.y + half * vector[1])
            let tail = DataPoint(x: center.x - half * vector[0], y: center.y - half * vector[1])
            axes.line([tail, tip], color: color, width: 3 * figure.metrics.scale,
                      label: text.eigenvectorLabel(index: decomposition.values.count - index, lambda: format(lambda)))
            axes.arrow(from: center, to: tip, color: color, width: 3 * figure.metrics.scale)
            axes.arrow(from: center, to: tail, color: color, width: 3 * figure.metrics.scale)
        }
        let minimumLabel = plane.optimumDistanceFromPlane > 1e-9 ? text.planeMinimum : text.closedFormMinimum
        axes.scatter([center], marker: .diamond, color: LandscapePlane.optimumColor, edgeColor: .black, label: minimumLabel)
        axes.legendPlacement = .outside

        let planeName = "\(axes.xLabel ?? plane.aName), \(axes.yLabel ?? plane.bName)"
        figure.title = text.gradientFieldTitle(model: trained.model.name, plane: planeName)
        figure.subtitle = text.gradientFieldSubtitle(scale: style.formatter.format(scale, significantDigits: 3),
                                                   isotropic: decomposition.isIsotropic)
        let summary = "\(trained.model.name) model, −∇MSE on the plane (\(plane.aName), \(plane.bName)) as \(count)x\(count) arrows drawn at "
            + "\(style.formatter.format(scale, significantDigits: 3))·(−∇MSE), plane Hessian eigenvalues \(decomposition.values.reversed().map { format($0) }.joined(separator: ", "))"
        return FigureProduct(figure: figure, summary: summary)
    }
}
