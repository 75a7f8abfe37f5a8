import Foundation
import Plotting
import Training

/// The window of a surface figure and what every surface figure draws in it the same way: the
/// grid of `f`, its colour scale, the landscape (heatmap and contours), the path and the named
/// surface's known minima and saddle point.
///
/// Ranges default to the named surface's window (`−3…3` for a formula), widened to take in the
/// start of every history and, unless a run diverged, its whole path
/// (``SurfaceLandscapeFigure/covering(_:_:)``). The grid is ``Surface/grid(xs:ys:threads:)``
/// (the compiled program over the cores); points where `f` is NaN or infinite are left blank.
struct SurfaceWindow: Sendable {
    /// The surface.
    let surface: Surface
    /// The `x` range.
    let xRange: ClosedRange<Double>
    /// The `y` range.
    let yRange: ClosedRange<Double>
    /// `f` on the grid, as computed (NaN or ±∞ where it is not finite).
    let grid: ValueGrid
    /// The grid with every non-finite value NaN (drawn blank).
    let shown: ValueGrid
    /// The number of grid points where `f` is not finite.
    let blank: Int
    /// The colour scale (``SurfaceLandscapeFigure/colorScale(_:)``).
    let scale: (log: Bool, range: ClosedRange<Double>)
    /// Whether the axes have equal units.
    let equalAspect: Bool

    /// The window of `spec` over the paths of `histories`.
    init(_ spec: SurfaceLandscapeSpec, covering histories: [SurfaceHistory]) {
        let surface = spec.run.surface
        self.surface = surface
        let covered = histories.flatMap { $0.diverged ? [$0.records[0]] : $0.records }
        let xRange = spec.xRange ?? SurfaceLandscapeFigure.covering(surface.defaultXRange, covered.map(\.x))
        let yRange = spec.yRange ?? SurfaceLandscapeFigure.covering(surface.defaultYRange, covered.map(\.y))
        self.xRange = xRange
        self.yRange = yRange
        let xs = Surface.samples(xRange, count: spec.gridSize), ys = Surface.samples(yRange, count: spec.gridSize)
        let values = surface.grid(xs: xs, ys: ys)
        grid = ValueGrid(values: values, xs: xs, ys: ys)
        let blank = values.lazy.filter { !$0.isFinite }.count
        self.blank = blank
        shown = blank == 0 ? grid : ValueGrid(values: values.map { $0.isFinite ? $0 : .nan }, xs: xs, ys: ys)
        scale = SurfaceLandscapeFigure.colorScale(values)
        let widths = (xRange.upperBound - xRange.lowerBound, yRange.upperBound - yRange.lowerBound)
        equalAspect = (spec.aspect ?? (max(widths.0, widths.1) <= 3 * min(widths.0, widths.1) ? .equal : .fill)) == .equal
    }

    /// The contour levels: log-spaced on a log scale, else round linear ones (three on a surface
    /// with more than 8 wells on the grid, such as Rastrigin, whose contours are then unlabelled).
    var contourLevels: (levels: [Double], busy: Bool) {
        let busy = SurfaceLandscapeFigure.localMinimumCount(shown) > 8
        let levels = scale.log
            ? LandscapePlane.contourLevels(minimum: scale.range.lowerBound, maximum: scale.range.upperBound)
            : ContourLevels.linear(min: scale.range.lowerBound, max: scale.range.upperBound, count: busy ? 3 : 12)
                .filter { $0 > scale.range.lowerBound && $0 < scale.range.upperBound }
        return (levels, busy)
    }

    /// The heatmap (with its colourbar) and contours, or with `heatmap: false` the contours alone
    /// in `contourColor`; the limits, aspect and axis names.
    func drawLandscape(on axes: Axes, style: FigureStyle, heatmap: Bool = true, contourColor: Color? = nil) {
        if heatmap {
            // No colourbar when no grid point has a value: its numbers would be made up.
            axes.heatmap(shown, colormap: .viridis, normalization: scale.log ? .log : .linear, range: scale.range,
                         colorbarLabel: blank == grid.values.count ? nil : style.text.surfaceColorbar(logScale: scale.log))
        }
        let (levels, busy) = contourLevels
        axes.contours(shown, levels: levels, color: contourColor, labeled: !busy)
        axes.xLimits = AxisLimits(xRange.lowerBound, xRange.upperBound)
        axes.yLimits = AxisLimits(yRange.lowerBound, yRange.upperBound)
        axes.equalAspect = equalAspect
        axes.xLabel = "x"
        axes.yLabel = "y"
    }

    /// The path `points` (markers and arrowheads kept apart) with the start square; the end
    /// circle unless `end` is false. Returns the path and the end marker.
    @discardableResult
    static func drawPath(on axes: Axes, style: FigureStyle, points: [DataPoint], label: String?, color: Color? = nil,
                         start: Bool = true, end: Bool = true, layer: Layer = .static) -> (path: PathMark, end: ScatterMark?) {
        let text = style.text
        let metrics = FigureMetrics(scale: style.size.scale)
        let path = axes.path(points, color: color, label: label, layer: layer)
        path.minimumMarkerSpacing = 0.9 * metrics.markerSize
        path.arrowSpacing = 110 * metrics.scale
        if start, let first = points.first {
            axes.scatter([first], marker: .square, color: LandscapePlane.startColor, size: nil, edgeColor: .black, label: text.start)
        }
        var endMark: ScatterMark?
        if end, let last = points.last {
            endMark = axes.scatter([last], marker: .circle, color: style.theme.pathColor, size: 1.3 * metrics.markerSize,
                                   edgeColor: style.theme.haloColor, label: text.end, layer: layer)
        }
        return (path, endMark)
    }

    /// The known minima of a named surface as diamonds (local ones smaller and grey, the global
    /// one named) and its saddle point as a cross.
    func drawMinima(on axes: Axes, style: FigureStyle) {
        let text = style.text
        let metrics = FigureMetrics(scale: style.size.scale)
        let minima = surface.minima.map { (point: DataPoint(x: $0.x, y: $0.y), value: surface.value(x: $0.x, y: $0.y)) }
        if let lowest = minima.map(\.value).min() {
            let isGlobal = { (value: Double) in value <= lowest + 1e-9 * max(1, abs(lowest)) }
            let global = minima.filter { isGlobal($0.value) }.map(\.point), local = minima.filter { !isGlobal($0.value) }.map(\.point)
            if !local.isEmpty {
                axes.scatter(local, marker: .diamond, color: Color(hex: 0xBBBBBB), size: 0.8 * metrics.markerSize, edgeColor: .black,
                             label: text.localMinima(count: local.count))
            }
            axes.scatter(global, marker: .diamond, color: LandscapePlane.optimumColor, edgeColor: .black,
                         label: local.isEmpty ? text.knownMinima(count: global.count) : text.globalMinimum(count: global.count))
        }
        let saddles = surface.saddlePoints.map { DataPoint(x: $0.x, y: $0.y) }
        if !saddles.isEmpty {
            axes.scatter(saddles, marker: .cross, color: LandscapePlane.optimumColor, edgeColor: .black, label: text.saddlePoint)
        }
    }

    /// The global minima of the named surface (the diamonds of the 3-D surface).
    var globalMinima: [DataPoint] {
        let minima = surface.minima.map { (point: DataPoint(x: $0.x, y: $0.y), value: surface.value(x: $0.x, y: $0.y)) }
        guard let lowest = minima.map(\.value).min() else { return [] }
        return minima.filter { $0.value <= lowest + 1e-9 * max(1, abs(lowest)) }.map(\.point)
    }

    /// "blank where f is undefined: 2.5 % of the grid", or nil when every grid point has a value.
    func blankNote(style: FigureStyle) -> String? {
        guard blank > 0 else { return nil }
        let share = style.number(100 * Double(blank) / Double(grid.values.count), decimals: blank * 1000 < grid.values.count ? 2 : 1)
        return style.text.surfaceBlank(percent: share)
    }

    /// "(x, y)" in the figure's numbers, 4 significant digits.
    static func point(_ x: Double, _ y: Double, style: FigureStyle) -> String {
        "(\(style.formatter.format(x, significantDigits: 4))\(style.language.listSeparator)\(style.formatter.format(y, significantDigits: 4)))"
    }
}
