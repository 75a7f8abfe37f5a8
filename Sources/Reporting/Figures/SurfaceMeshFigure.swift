import Foundation
import Plotting
import Training

/// `surface --surface`: a test surface or formula as a shaded 3-D mesh with the descent's path
/// lifted onto it and the landscape's contours on the floor.
///
/// The window is ``SurfaceWindow``'s (the landscape's: the named surface's default widened to the
/// path, or `--range-x`/`--range-y`). The mesh is ``SurfaceGeometry`` over it with the values of the
/// compiled ``SurfaceProgram``: heights and colours on the landscape's colour scale, so a surface
/// whose landscape is log-scaled (Rosenbrock, Beale, Himmelblau) gets the height
/// `log₁₀ max(f, floor)` over at most three decades (``heightDecades``; the colourbar and the
/// subtitle say so), the others `f` itself. Drawn
/// with ``SurfaceFigure``'s camera, projection and painter's-algorithm occlusion; the markers are
/// the start, the end and the named surface's global minima.
enum SurfaceMeshFigure {
    /// Quads per side: finer than a model's bowl, so a narrow valley (Rosenbrock's, on a log
    /// height) is not cut into teeth by the mesh.
    static let quads = 90
    /// A log height spans at most three decades below the top (`floor = max(scale floor, 10⁻³·max f)`):
    /// deeper, a ravine's bottom is narrower than a quad and the mesh would show teeth instead of a valley.
    static let heightDecades = 1e-3

    /// The mesh of `window` on its colour scale.
    static func geometry(_ window: SurfaceWindow, theme: Theme) -> SurfaceGeometry {
        let surface = window.surface
        return SurfaceGeometry(aRange: window.xRange, bRange: window.yRange, value: { surface.value(x: $0, y: $1) },
                               contours: window.shown, levels: window.contourLevels.levels,
                               logFloor: window.scale.log ? max(window.scale.range.lowerBound, window.scale.range.upperBound * heightDecades) : nil,
                               theme: theme, quads: quads)
    }

    /// Builds the figure from the run's history.
    static func make(_ spec: SurfaceMeshSpec, style: FigureStyle, history: SurfaceHistory) throws -> FigureProduct {
        try spec.validate()
        let text = style.text
        let run = spec.landscape.run
        let surface = run.surface
        let window = SurfaceWindow(spec.landscape, covering: [history])
        let geometry = geometry(window, theme: style.theme)
        let figure = style.makeFigure()
        let axes = figure.axes
        let points = history.records.map { DataPoint(x: $0.x, y: $0.y) }
        let projection = SurfaceProjection(elevation: spec.elevation, azimuth: spec.azimuth)
        let scene = SurfaceFigure.scene(geometry, projection: projection, points: points, theme: figure.theme,
                                        start: points.first, optima: window.globalMinima, end: points.last)
        axes.add(SurfaceMark(scene: scene, pathLegend: LegendEntry(label: text.pathLabel(optimizer: run.optimizer.name),
                                                                      swatch: .line(color: figure.theme.pathColor, width: nil, dash: .solid))))
        SurfaceFigure.prepare(axes, low: geometry.low, high: geometry.high, label: text.surfaceColorbar(logScale: geometry.logScale),
                              normalization: geometry.logScale ? .log : .linear)
        axes.legendPlacement = .corner(.upperLeft)
        SurfaceFigure.addAxisNames(axes, projection: projection, aName: "x", bName: "y")
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 3) }
        let formula = text.surfaceFormula(surface.formula, language: style.language)
        figure.title = text.surfaceTitle(name: surface.named.map(text.surfaceName), formula: formula)
        figure.subtitle = text.surfaceMeshSubtitle(xRange: (format(window.xRange.lowerBound), format(window.xRange.upperBound)),
                                                   yRange: (format(window.yRange.lowerBound), format(window.yRange.upperBound)),
                                                   logScale: geometry.logScale, minima: !window.globalMinima.isEmpty,
                                                   elevation: format(spec.elevation), azimuth: format(spec.azimuth))
        let final = history.final
        var summary = "surface \(surface.definition) in 3-D over x \(window.xRange.lowerBound):\(window.xRange.upperBound), "
            + "y \(window.yRange.lowerBound):\(window.yRange.upperBound), \(geometry.logScale ? "log" : "linear") height from "
            + "\(format(geometry.low)) to \(format(geometry.high)), camera elevation \(format(spec.elevation))°, azimuth \(format(spec.azimuth))°, "
            + "\(run.optimizer.name) path of \(final.epoch) epochs, final f(\(final.x), \(final.y)) = \(final.loss)"
        if history.diverged { summary += " (diverged)" }
        return FigureProduct(figure: figure, summary: summary)
    }
}
