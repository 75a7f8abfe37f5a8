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

    /// Builds the figure from the run's history.
    static func make(_ spec: SurfaceLandscapeSpec, style: FigureStyle, history: SurfaceHistory) throws -> FigureProduct {
        try spec.validate()
        let text = style.text
        let run = spec.run
        let surface = run.surface
        let records = history.records
        let covered = history.diverged ? [records[0]] : records
        let xRange = spec.xRange ?? covering(surface.defaultXRange, covered.map(\.x))
        let yRange = spec.yRange ?? covering(surface.defaultYRange, covered.map(\.y))
        let xs = Surface.samples(xRange, count: spec.gridSize), ys = Surface.samples(yRange, count: spec.gridSize)
        let values = surface.grid(xs: xs, ys: ys)
        let grid = ValueGrid(values: values, xs: xs, ys: ys)
        let blank = values.lazy.filter { !$0.isFinite }.count
        let shown = blank == 0 ? grid : ValueGrid(values: values.map { $0.isFinite ? $0 : .nan }, xs: xs, ys: ys)

        let figure = style.makeFigure()
        let axes = figure.axes
        let scale = colorScale(values)
        // No colourbar when no grid point has a value: its numbers would be made up.
        axes.heatmap(shown, colormap: .viridis, normalization: scale.log ? .log : .linear, range: scale.range,
                     colorbarLabel: blank == values.count ? nil : text.surfaceColorbar(logScale: scale.log))
        // A surface with many wells (Rastrigin) gets a few unlabelled contours: a full labelled set
        // would cover it with numbers.
        let busy = localMinimumCount(shown) > 8
        let levels = scale.log
            ? LandscapePlane.contourLevels(minimum: scale.range.lowerBound, maximum: scale.range.upperBound)
            : ContourLevels.linear(min: scale.range.lowerBound, max: scale.range.upperBound, count: busy ? 3 : 12)
                .filter { $0 > scale.range.lowerBound && $0 < scale.range.upperBound }
        axes.contours(shown, levels: levels, labeled: !busy)
        axes.xLimits = AxisLimits(xRange.lowerBound, xRange.upperBound)
        axes.yLimits = AxisLimits(yRange.lowerBound, yRange.upperBound)
        let widths = (xRange.upperBound - xRange.lowerBound, yRange.upperBound - yRange.lowerBound)
        axes.equalAspect = (spec.aspect ?? (max(widths.0, widths.1) <= 3 * min(widths.0, widths.1) ? .equal : .fill)) == .equal
        axes.xLabel = "x"
        axes.yLabel = "y"

        let points = records.map { DataPoint(x: $0.x, y: $0.y) }
        let metrics = FigureMetrics(scale: style.size.scale)
        let path = axes.path(points, label: text.pathLabel(optimizer: run.optimizer.name))
        path.minimumMarkerSpacing = 0.9 * metrics.markerSize
        path.arrowSpacing = 110 * metrics.scale
        axes.scatter([points[0]], marker: .square, color: LandscapePlane.startColor, size: nil, edgeColor: .black, label: text.start)
        if let end = points.last {
            axes.scatter([end], marker: .circle, color: style.theme.pathColor, size: 1.3 * metrics.markerSize,
                         edgeColor: style.theme.haloColor, label: text.end)
        }
        // The global minima as diamonds; local ones (higher values, Styblinski–Tang) smaller and grey.
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

        let formula = text.surfaceFormula(surface.formula, language: style.language)
        figure.title = text.surfaceTitle(name: surface.named.map(text.surfaceName), formula: formula)
        let final = history.final
        func value(_ number: Double) -> String { style.formatter.format(number, significantDigits: 4) }
        var subtitle = text.runDescription(optimizer: run.optimizer.name, learningRate: value(run.learningRate), epochs: final.epoch)
        if case .diverged(let epoch) = history.stopReason { subtitle += " (\(text.divergedAt(epoch: epoch)))" }
        subtitle += "  ·  " + text.surfaceFinal(value: value(final.loss),
                                                 point: "(\(value(final.x))\(style.language.listSeparator)\(value(final.y)))")
        if blank > 0 {
            let share = style.number(100 * Double(blank) / Double(values.count), decimals: blank * 1000 < values.count ? 2 : 1)
            subtitle += "  ·  " + text.surfaceBlank(percent: share)
        }
        figure.subtitle = subtitle
        var summary = "surface \(surface.definition), \(spec.gridSize)x\(spec.gridSize) grid over x \(xRange.lowerBound):\(xRange.upperBound), "
            + "y \(yRange.lowerBound):\(yRange.upperBound), \(scale.log ? "log" : "linear") colour scale, "
            + "\(run.optimizer.name) path of \(final.epoch) epochs, final f(\(final.x), \(final.y)) = \(final.loss)"
        if history.diverged { summary += " (diverged)" }
        if blank > 0 { summary += ", \(blank) grid points where f is not finite left blank" }
        return FigureProduct(figure: figure, summary: summary, gridCSV: { csv(grid) })
    }
}
