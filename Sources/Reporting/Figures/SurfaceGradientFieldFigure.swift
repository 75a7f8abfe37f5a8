import Foundation
import Plotting
import Training

/// `gradient-field --surface`: which way gradient descent is pushed at every point of a test
/// surface or formula.
///
/// Over the landscape's contours (``SurfaceWindow``, no heatmap, so the arrows read), a
/// ``GradientFieldSpec/arrowsPerSide`` × ``GradientFieldSpec/arrowsPerSide`` grid of arrows, each
/// pointing along `−∇f/‖∇f‖` at its tail (the exact gradient, ``Surface/dual(x:y:)``), all of one
/// length (0.8 of the narrower grid spacing), coloured by `‖∇f‖` on a log scale with a colourbar:
/// on Rosenbrock the gradient spans several orders of magnitude, so arrows scaled by it would be
/// invisible in the valley and overlong on the walls. Arrows where `∇f` is zero or not finite are
/// left out. The path with its start and end, the named surface's known minima, and at the end of
/// the path the eigenvectors of the exact Hessian `∇²f` there, drawn both ways with half-lengths
/// `∝ 1/√|λ|` (at least a quarter of the longer, so a steep direction stays visible) and their eigenvalues in the legend; eigenvalues of mixed signs are a saddle, which
/// the subtitle says.
enum SurfaceGradientFieldFigure {
    /// One arrow: its tail, the unit direction `−∇f/‖∇f‖` and `‖∇f‖`.
    struct Arrow: Equatable {
        let tail: DataPoint
        let direction: DataPoint
        let norm: Double
    }

    /// The arrows of the grid over `xRange × yRange`, inset half a spacing from the edges, row by
    /// row from the bottom; points where `∇f` is zero or not finite have none.
    static func arrows(_ surface: Surface, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                       count: Int = GradientFieldSpec.arrowsPerSide) -> [Arrow] {
        let xStep = (xRange.upperBound - xRange.lowerBound) / Double(count)
        let yStep = (yRange.upperBound - yRange.lowerBound) / Double(count)
        return (0..<count).flatMap { row in
            (0..<count).compactMap { column -> Arrow? in
                let x = xRange.lowerBound + (Double(column) + 0.5) * xStep, y = yRange.lowerBound + (Double(row) + 0.5) * yStep
                let dual = surface.dual(x: x, y: y)
                let norm = dual.gradientNorm
                guard norm.isFinite, norm > 0 else { return nil }
                return Arrow(tail: DataPoint(x: x, y: y), direction: DataPoint(x: -dual.gx / norm, y: -dual.gy / norm), norm: norm)
            }
        }
    }

    /// The arrows' colour map: viridis without its palest fifth on a light background, without its
    /// darkest quarter on a dark one, so every arrow stands out from the panel.
    static func arrowColormap(_ theme: Theme) -> Colormap {
        let colors = Colormap.viridis.colors
        let darkBackground = theme.ink.red + theme.ink.green + theme.ink.blue > 1.5
        let kept = darkBackground ? Array(colors[(colors.count / 4)...]) : Array(colors[..<(colors.count * 4 / 5)])
        return Colormap(name: "viridis", colors: kept)
    }

    /// Builds the figure from the run's history.
    static func make(_ spec: SurfaceGradientFieldSpec, style: FigureStyle, history: SurfaceHistory) throws -> FigureProduct {
        try spec.landscape.validate()
        let text = style.text
        let run = spec.landscape.run
        let surface = run.surface
        let window = SurfaceWindow(spec.landscape, covering: [history])
        let figure = style.makeFigure()
        let axes = figure.axes
        let theme = figure.theme
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 4) }
        window.drawLandscape(on: axes, style: style, heatmap: false, contourColor: theme.mutedInk)

        // The arrows: one length, the direction of −∇f, the colour of ‖∇f‖ on a log scale.
        let count = GradientFieldSpec.arrowsPerSide
        let (xRange, yRange) = (window.xRange, window.yRange)
        let spacing = min(xRange.upperBound - xRange.lowerBound, yRange.upperBound - yRange.lowerBound) / Double(count)
        let arrows = arrows(surface, xRange: xRange, yRange: yRange)
        let norms = arrows.map(\.norm)
        var low = norms.min() ?? 1, high = norms.max() ?? 10
        if high <= low * (1 + 1e-9) { (low, high) = (low / 2, high * 2) }
        let scale = ColorScale(colormap: arrowColormap(theme), normalization: .log, lower: low, upper: high)
        for arrow in arrows {
            let end = DataPoint(x: arrow.tail.x + 0.8 * spacing * arrow.direction.x, y: arrow.tail.y + 0.8 * spacing * arrow.direction.y)
            axes.arrow(from: arrow.tail, to: end, color: scale.color(for: arrow.norm), width: 1.6 * figure.metrics.scale)
        }
        axes.colorbar = Colorbar(scale: scale, label: text.gradientNormColorbar)

        let points = history.records.map { DataPoint(x: $0.x, y: $0.y) }
        SurfaceWindow.drawPath(on: axes, style: style, points: points, label: text.pathLabel(optimizer: run.optimizer.name))

        // The exact Hessian's eigenvectors at the end of the path.
        let final = history.final
        let end = surface.dual(x: final.x, y: final.y)
        let decomposition = SymmetricEigendecomposition([[end.hxx, end.hxy], [end.hxy, end.hyy]])
        let magnitudes = decomposition.values.map { abs($0) }
        let smallest = max(magnitudes.min() ?? 1, 1e-300)
        let reach = 0.3 * min(xRange.upperBound - xRange.lowerBound, yRange.upperBound - yRange.lowerBound)
        let center = DataPoint(x: final.x, y: final.y)
        for index in decomposition.values.indices.reversed() {
            let lambda = decomposition.values[index], vector = decomposition.vectors[index]
            let half = magnitudes[index] > 0 ? reach * max(0.25, (smallest / magnitudes[index]).squareRoot()) : reach
            let color = theme.seriesColor(index == decomposition.values.count - 1 ? 1 : 2)
            let tip = DataPoint(x: center.x + half * vector[0], y: center.y + half * vector[1])
            let tail = DataPoint(x: center.x - half * vector[0], y: center.y - half * vector[1])
            axes.line([tail, tip], color: color, width: 3 * figure.metrics.scale,
                      label: text.surfaceEigenvectorLabel(index: decomposition.values.count - index, lambda: format(lambda), positive: lambda > 0))
            axes.arrow(from: center, to: tip, color: color, width: 3 * figure.metrics.scale)
            axes.arrow(from: center, to: tail, color: color, width: 3 * figure.metrics.scale)
        }
        window.drawMinima(on: axes, style: style)
        axes.legendPlacement = .outside

        let saddle = (decomposition.values.first ?? 0) < 0 && (decomposition.values.last ?? 0) > 0
        let formula = text.surfaceFormula(surface.formula, language: style.language)
        figure.title = text.surfaceGradientFieldTitle(text.surfaceTitle(name: surface.named.map(text.surfaceName), formula: formula))
        figure.subtitle = text.surfaceGradientFieldSubtitle(end: SurfaceWindow.point(final.x, final.y, style: style), saddle: saddle)
        let summary = "surface \(surface.definition), direction of −∇f as \(arrows.count) arrows of one length coloured by |∇f| from "
            + "\(format(low)) to \(format(high)) (log scale), \(run.optimizer.name) path of \(final.epoch) epochs, exact Hessian at the end "
            + "(\(final.x), \(final.y)): eigenvalues \(decomposition.values.reversed().map { format($0) }.joined(separator: ", "))"
            + (saddle ? " (a saddle)" : "")
        return FigureProduct(figure: figure, summary: summary)
    }
}
