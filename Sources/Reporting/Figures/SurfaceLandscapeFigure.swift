import Foundation
import Plotting
import Training

/// `landscape --surface`: a named test surface or a formula over the `(x, y)` plane with a
/// descent's path.
///
/// The spec reads one ``SurfaceRun`` from the store (never descends itself). Ranges default to
/// the named surface's window (`−3…3` for a formula), widened to take in the start and, unless
/// the run diverged, the whole path.
public struct SurfaceLandscapeSpec: Sendable, Hashable {
    /// The descent drawn (its surface is the one shown).
    public var run: SurfaceRun
    /// The `x` range, nil for the default.
    public var xRange: ClosedRange<Double>?
    /// The `y` range, nil for the default.
    public var yRange: ClosedRange<Double>?
    /// Grid points per side, ``LandscapeOptions/gridSizes``.
    public var gridSize: Int
    /// Equal or filling axes; nil = equal when the two ranges are within a factor 3 in width.
    public var aspect: LandscapeOptions.Aspect?

    /// Creates the spec.
    public init(run: SurfaceRun, xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                gridSize: Int = 400, aspect: LandscapeOptions.Aspect? = nil) {
        self.run = run
        self.xRange = xRange
        self.yRange = yRange
        self.gridSize = gridSize
        self.aspect = aspect
    }

    /// Checks the grid size, the ranges and the run.
    ///
    /// - Throws: ``ReportingError`` naming the setting, or the run's ``TrainingError``.
    public func validate() throws {
        guard LandscapeOptions.gridSizes.contains(gridSize) else {
            throw ReportingError.outOfRange(setting: .gridSize, value: "\(gridSize)", allowed: "2 to 4096 points per side (default 400)")
        }
        for case let (name, range?) in [("x", xRange), ("y", yRange)] {
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
                throw ReportingError.invalidRange(parameter: name, low: range.lowerBound, high: range.upperBound)
            }
            guard range.upperBound - range.lowerBound >= LandscapeOptions.minimumWidth(of: range) * (1 - 1e-9) else {
                throw ReportingError.rangeTooNarrow(parameter: name, low: range.lowerBound, high: range.upperBound,
                                                    minimumWidth: LandscapeOptions.minimumWidth(of: range))
            }
        }
        try run.validated()
    }
}

/// Draws ``SurfaceLandscapeSpec``.
///
/// The heatmap shows `f` on a `gridSize × gridSize` grid (``Surface/grid(xs:ys:threads:)``); points
/// where `f` is NaN or infinite are left blank (the colormap's bad colour, no contours through
/// them) and the subtitle says what share of the grid that is. The colour scale is logarithmic
/// when `f ≥ 0` on the grid and most of the plane would otherwise be one colour (the median lies
/// in the lowest fifth of the range and the values span at least two decades above the scale's
/// floor, the larger of `max·10⁻⁶` and the grid's 0.5th percentile: Rosenbrock, Beale,
/// Himmelblau); otherwise linear (surfaces with negative
/// values such as the saddle and Styblinski–Tang, or evenly spread ones such as Rastrigin). The
/// colourbar names its scale. Contours follow the scale (log-spaced or round linear levels; a few
/// unlabelled ones on a surface with more than 8 wells on the grid, such as Rastrigin). Over
/// it: the path (start square, end circle), the named surface's known minima (diamonds; when
/// some are only local, as on Styblinski–Tang, those are smaller and grey and the global one is
/// named) and saddle point (cross). Equal aspect when the ranges are within a factor 3 in width.
enum SurfaceLandscapeFigure {
    /// The colour scale chosen for `values` (finite ones only): log with its floor, or linear.
    static func colorScale(_ values: [Double]) -> (log: Bool, range: ClosedRange<Double>) {
        let finite = values.filter(\.isFinite).sorted()
        guard let low = finite.first, let high = finite.last, high > low else {
            let value = finite.first ?? 0
            return (false, (value - 0.5)...(value + 0.5))
        }
        let median = finite[finite.count / 2]
        if low >= 0 {
            // The floor: the lowest half percent of the grid shares the darkest colour, so a few
            // points next to an exact minimum do not spread the scale over many empty decades.
            let floor = max(finite.first { $0 > 0 } ?? high * 1e-6, high * 1e-6, finite[finite.count / 200])
            if (median - low) / (high - low) < 0.2, high / floor >= 100 {
                return (true, floor...high)
            }
        }
        return (false, low...high)
    }

    /// The number of interior grid points lower than their four neighbours (NaN never counts).
    static func localMinimumCount(_ grid: ValueGrid) -> Int {
        let columns = grid.columns, rows = grid.rows, values = grid.values
        guard columns >= 3, rows >= 3 else { return 0 }
        var count = 0
        for row in 1..<(rows - 1) {
            for column in 1..<(columns - 1) {
                let index = row * columns + column, value = values[index]
                if value < values[index - 1], value < values[index + 1], value < values[index - columns], value < values[index + columns] {
                    count += 1
                }
            }
        }
        return count
    }

    /// The default range: `base`, widened to hold `points` with a margin of 5 % of the span.
    static func covering(_ base: ClosedRange<Double>, _ points: [Double]) -> ClosedRange<Double> {
        let finite = points.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return base }
        if low >= base.lowerBound, high <= base.upperBound { return base }
        let lower = min(base.lowerBound, low), upper = max(base.upperBound, high)
        let margin = 0.05 * (upper - lower)
        return (low < base.lowerBound ? lower - margin : lower)...(high > base.upperBound ? upper + margin : upper)
    }

    /// The grid as CSV: header `x,y,loss`, one row per grid point, `y` outer and `x` inner, numbers
    /// in Swift's shortest round-trip form (`nan`, `inf` or `-inf` where `f` is not finite), `\n`
    /// line endings.
    static func csv(_ grid: ValueGrid) -> String {
        var text = "x,y,loss\n"
        text.reserveCapacity(grid.values.count * 48)
        for (row, y) in grid.ys.enumerated() {
            let yText = "\(y)"
            for (column, x) in grid.xs.enumerated() {
                let value = grid.values[row * grid.columns + column]
                text += "\(x),\(yText),\(value.isNaN ? "nan" : "\(value)")\n"
            }
        }
        return text
    }

    /// Builds the figure from the run's history; `pathLayer` holds the path and its end marker
    /// (`.dynamic` for a picture whose path a page draws over it).
    static func make(_ spec: SurfaceLandscapeSpec, style: FigureStyle, history: SurfaceHistory,
                     pathLayer: Layer = .static) throws -> FigureProduct {
        try spec.validate()
        let text = style.text
        let run = spec.run
        let surface = run.surface
        let records = history.records
        let window = SurfaceWindow(spec, covering: [history])
        let (xRange, yRange, grid, blank, scale) = (window.xRange, window.yRange, window.grid, window.blank, window.scale)

        let figure = style.makeFigure()
        let axes = figure.axes
        window.drawLandscape(on: axes, style: style)

        let points = records.map { DataPoint(x: $0.x, y: $0.y) }
        SurfaceWindow.drawPath(on: axes, style: style, points: points, label: text.pathLabel(optimizer: run.optimizer.name), layer: pathLayer)
        window.drawMinima(on: axes, style: style)

        let formula = text.surfaceFormula(surface.formula, language: style.language)
        figure.title = text.surfaceTitle(name: surface.named.map(text.surfaceName), formula: formula)
        let final = history.final
        func value(_ number: Double) -> String { style.formatter.format(number, significantDigits: 4) }
        var subtitle = text.runDescription(optimizer: run.optimizer.name, learningRate: value(run.learningRate), epochs: final.epoch)
        if case .diverged(let epoch) = history.stopReason { subtitle += " (\(text.divergedAt(epoch: epoch)))" }
        subtitle += "  ·  " + text.surfaceFinal(value: value(final.loss),
                                                 point: "(\(value(final.x))\(style.language.listSeparator)\(value(final.y)))")
        if let note = window.blankNote(style: style) { subtitle += "  ·  " + note }
        figure.subtitle = subtitle
        var summary = "surface \(surface.definition), \(spec.gridSize)x\(spec.gridSize) grid over x \(xRange.lowerBound):\(xRange.upperBound), "
            + "y \(yRange.lowerBound):\(yRange.upperBound), \(scale.log ? "log" : "linear") colour scale, "
            + "\(run.optimizer.name) path of \(final.epoch) epochs, final f(\(final.x), \(final.y)) = \(final.loss)"
        if history.diverged { summary += " (diverged)" }
        if blank > 0 { summary += ", \(blank) grid points where f is not finite left blank" }
        return FigureProduct(figure: figure, summary: summary, gridCSV: { csv(grid) })
    }
}
