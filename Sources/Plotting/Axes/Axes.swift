import Foundation

/// How a panel's plot area uses its cell.
public enum AspectMode: Sendable, Hashable {
    /// The plot area fills the space the margins leave.
    case fill
    /// One data unit has the same length in pixels along x and y: the plot area is the largest
    /// such rectangle in the space the margins leave, centred in it.
    case equal
}

/// One panel of a figure: a plot area with x and y axes, its marks, legend and colorbar.
///
/// Create panels with `Figure.makePanels(rows:columns:…)`; add marks with the methods below
/// (each returns the mark so it can be changed later, e.g. per frame). Limits are automatic
/// (the marks' extent plus `autoMargin` on each side) unless `xLimits`/`yLimits` are set;
/// frame sequences need fixed limits.
public final class Axes {
    /// The theme of the owning figure (used for default series colours).
    public let theme: Theme
    /// The panel title, drawn above the plot area.
    public var title: String?
    /// The x-axis label, drawn below the tick labels.
    public var xLabel: String?
    /// The y-axis label, drawn rotated left of the tick labels.
    public var yLabel: String?
    /// The x scale.
    public var xScale: AxisScale = .linear
    /// The y scale.
    public var yScale: AxisScale = .linear
    /// Fixed x limits; nil for automatic.
    public var xLimits: AxisLimits?
    /// Fixed y limits; nil for automatic.
    public var yLimits: AxisLimits?
    /// The fraction of the data span added on each side by automatic limits (log axes: of
    /// the span in decades). Default 0.05.
    public var autoMargin: Double = 0.05
    /// Whether grid lines are drawn at the ticks.
    public var showGrid: Bool = true
    /// Draw the spines, ticks and tick labels (false for a panel whose marks draw their own frame,
    /// such as a projected 3-D surface; set `customXTicks` and `customYTicks` to `[]` too so the
    /// layout keeps no room for tick labels).
    public var showsFrame: Bool = true
    /// Whether the grid includes vertical lines at the x ticks (off for bar charts).
    public var showVerticalGrid: Bool = true
    /// Whether the left and bottom spines are drawn (off for panels that are diagrams, not plots).
    public var showSpines: Bool = true
    /// Where the legend goes (only marks with a label appear in it).
    public var legendPlacement: LegendPlacement = .automatic
    /// How the plot area fills its cell: `.fill` (all of it) or `.equal` (one data unit as
    /// long in x as in y; the plot area shrinks in one direction and is centred, and ticks,
    /// labels and the colorbar follow it). Linear axes only; log axes always fill.
    public var aspect: AspectMode = .fill
    /// Whether one data unit has the same length in x and y: `aspect == .equal`.
    public var equalAspect: Bool {
        get { aspect == .equal }
        set { aspect = newValue ? .equal : .fill }
    }
    /// Custom x ticks replacing the automatic ones (e.g. category names).
    public var customXTicks: [Tick]?
    /// Custom y ticks replacing the automatic ones.
    public var customYTicks: [Tick]?
    /// The colorbar drawn to the right of the plot area.
    public var colorbar: Colorbar?
    /// The marks in drawing order.
    public private(set) var marks: [any Mark] = []
    private var seriesCount = 0

    /// Creates an empty panel with `theme`'s colours; normally done by `Figure`.
    public init(theme: Theme) {
        self.theme = theme
    }

    /// The next unused series colour of the theme.
    public func nextSeriesColor() -> Color {
        defer { seriesCount += 1 }
        return theme.seriesColor(seriesCount)
    }

    /// Adds any mark.
    public func add(_ mark: any Mark) {
        marks.append(mark)
    }

    /// Removes all marks.
    public func removeAllMarks() {
        marks.removeAll()
        seriesCount = 0
    }

    /// Adds a line; colour defaults to the next series colour.
    @discardableResult
    public func line(_ points: [DataPoint], color: Color? = nil, width: Double? = nil, dash: LineDash = .solid,
                     label: String? = nil, layer: Layer = .static) -> LineMark {
        let mark = LineMark(points: points, color: color ?? nextSeriesColor(), width: width, dash: dash, label: label, layer: layer)
        add(mark)
        return mark
    }

    /// Adds scatter markers; colour defaults to the next series colour, with an outline in the
    /// background colour so overlapping markers stay distinct. More than
    /// `ScatterMark.densityThreshold` points are drawn as a density image unless `rendering`
    /// says otherwise.
    @discardableResult
    public func scatter(_ points: [DataPoint], marker: MarkerShape = .circle, color: Color? = nil, size: Double? = nil,
                        edgeColor: Color? = nil, label: String? = nil, layer: Layer = .static,
                        rendering: ScatterMark.Rendering = .automatic) -> ScatterMark {
        let edge = edgeColor ?? theme.markerEdge
        let mark = ScatterMark(points: points, marker: marker, color: color ?? nextSeriesColor(), size: size,
                               edgeColor: edge, label: label, layer: layer, rendering: rendering)
        add(mark)
        return mark
    }

    /// Adds a text at a data point.
    @discardableResult
    public func text(_ text: String, at position: DataPoint, anchor: TextAnchor = .center, color: Color? = nil,
                     fontSize: Double? = nil, boxed: Bool = false, layer: Layer = .static) -> TextMark {
        let mark = TextMark(text, at: position, anchor: anchor, color: color, fontSize: fontSize, boxed: boxed, layer: layer)
        add(mark)
        return mark
    }

    /// Adds labels at data points that are drawn only where they can be read (see
    /// `PointLabelsMark`): `texts[i]` belongs to `points[i]`, earlier labels win; a label is left
    /// out when it would overlap an earlier one, leave the plot area or cover the legend, and,
    /// with `avoidingMarkers`, when it would cover a marker of the scatter marks added so far.
    ///
    /// Texts and points are paired up to the shorter of the two arrays.
    @discardableResult
    public func pointLabels(_ texts: [String], at points: [DataPoint], anchor: TextAnchor = TextAnchor(.left, .bottom),
                            offset: DevicePoint = .zero, color: Color? = nil, fontSize: Double? = nil, padding: Double = 2,
                            avoidingMarkers: Bool = false, avoidingLines: Bool = false, triesOtherSides: Bool = false,
                            layer: Layer = .static) -> PointLabelsMark {
        let labels = zip(texts, points).map { PointLabelsMark.Label($0, at: $1) }
        let avoided = avoidingMarkers ? marks.compactMap { $0 as? ScatterMark } : []
        let mark = PointLabelsMark(labels: labels, anchor: anchor, offset: offset, color: color, fontSize: fontSize, padding: padding,
                                   avoidedMarks: avoided, layer: layer)
        mark.avoidedLines = avoidingLines ? marks.compactMap { $0 as? LineMark } : []
        mark.triesOtherSides = triesOtherSides
        add(mark)
        return mark
    }

    /// Adds a text at `textPosition` with a leader line (and arrowhead) to `target`.
    @discardableResult
    public func annotate(_ text: String, pointingAt target: DataPoint, textAt textPosition: DataPoint, color: Color? = nil,
                         boxed: Bool = true, arrow: Bool = true, layer: Layer = .static) -> AnnotationMark {
        let mark = AnnotationMark(text, pointingAt: target, textAt: textPosition, color: color, boxed: boxed, arrow: arrow, layer: layer)
        add(mark)
        return mark
    }

    /// Adds an arrow; colour defaults to the theme's accent.
    @discardableResult
    public func arrow(from start: DataPoint, to end: DataPoint, color: Color? = nil, width: Double? = nil, layer: Layer = .static) -> ArrowMark {
        let mark = ArrowMark(from: start, to: end, color: color ?? theme.accent, width: width, layer: layer)
        add(mark)
        return mark
    }

    /// Adds a path with arrows between successive points (e.g. gradient descent steps).
    @discardableResult
    public func path(_ points: [DataPoint], color: Color? = nil, width: Double? = nil, arrows: Bool = true, markers: Bool = true,
                     label: String? = nil, layer: Layer = .static) -> PathMark {
        let mark = PathMark(points: points, color: color ?? theme.pathColor, width: width, arrows: arrows, markers: markers, label: label, layer: layer)
        add(mark)
        return mark
    }

    /// Adds a band between `lower` and `upper`; colour defaults to the next series colour.
    @discardableResult
    public func band(xs: [Double], lower: [Double], upper: [Double], color: Color? = nil, opacity: Double = 0.25,
                     label: String? = nil, layer: Layer = .static) -> BandMark {
        let mark = BandMark(xs: xs, lower: lower, upper: upper, color: color ?? nextSeriesColor(), opacity: opacity, label: label, layer: layer)
        add(mark)
        return mark
    }

    /// Adds signed bars at x = 0, 1, … and labels the x ticks with `categories`.
    ///
    /// For grouped bars add one series per call with a narrower `widthFraction` and its own
    /// `offset` (e.g. two series: width 0.4, offsets −0.2 and +0.2).
    @discardableResult
    public func bars(_ values: [Double], categories: [String], positiveColor: Color? = nil, negativeColor: Color? = nil,
                     showValues: Bool = false, valueDecimals: Int = 1, label: String? = nil, layer: Layer = .static,
                     offset: Double = 0, widthFraction: Double = 0.7) -> BarMark {
        let mark = BarMark(values: values, positiveColor: positiveColor ?? theme.seriesColor(0),
                           negativeColor: negativeColor ?? theme.seriesColor(1), widthFraction: widthFraction,
                           showValues: showValues, valueDecimals: valueDecimals, label: label, layer: layer, offset: offset)
        add(mark)
        customXTicks = categories.prefix(values.count).enumerated().map { Tick(value: Double($0.offset), label: $0.element) }
        showVerticalGrid = false
        return mark
    }

    /// Adds a heatmap of `grid` and, when `colorbarLabel` is given, a colorbar for it.
    @discardableResult
    public func heatmap(_ grid: ValueGrid, colormap: Colormap = .viridis, normalization: ColorScale.Normalization = .linear,
                        range: ClosedRange<Double>? = nil, interpolation: ImageInterpolation = .smooth,
                        colorbarLabel: String? = nil, layer: Layer = .static) -> HeatmapMark {
        var scale = ColorScale.fitting(grid.values, colormap: colormap, normalization: normalization)
        if let range {
            scale.lower = range.lowerBound
            scale.upper = range.upperBound
        }
        let mark = HeatmapMark(grid: grid, colorScale: scale, interpolation: interpolation, layer: layer)
        add(mark)
        if let colorbarLabel { colorbar = Colorbar(scale: scale, label: colorbarLabel) }
        showGrid = false
        return mark
    }

    /// Adds contour lines at `levels`, labelled with the figure's number style. Labels keep clear
    /// of the panel's static lines, paths, markers and bars, and of the `avoiding` polylines
    /// (e.g. the whole trajectory of a path drawn step by step on the dynamic layer).
    @discardableResult
    public func contours(_ grid: ValueGrid, levels: [Double], color: Color? = nil, width: Double? = nil, labeled: Bool = true,
                         avoiding: [[DataPoint]] = [], layer: Layer = .static) -> ContourMark {
        let mark = ContourMark(grid: grid, levels: levels, color: color, width: width, labeled: labeled, avoiding: avoiding, layer: layer)
        add(mark)
        return mark
    }

    /// Adds filled contour bands between `levels`.
    @discardableResult
    public func filledContours(_ grid: ValueGrid, levels: [Double], colormap: Colormap = .viridis,
                               normalization: ColorScale.Normalization = .linear, colorbarLabel: String? = nil,
                               layer: Layer = .static) -> FilledContourMark {
        let finite = levels.filter(\.isFinite)
        let scale = ColorScale(colormap: colormap, normalization: normalization,
                               lower: finite.min() ?? 0, upper: finite.max() ?? 1)
        let mark = FilledContourMark(grid: grid, levels: levels, colorScale: scale, layer: layer)
        add(mark)
        if let colorbarLabel { colorbar = Colorbar(scale: scale, label: colorbarLabel) }
        showGrid = false
        return mark
    }

    /// The limits used for drawing: the fixed ones, or the marks' extent with `autoMargin`.
    ///
    /// Without usable marks: `[0, 1]` (linear) or `[1, 10]` (log). A zero-width extent is
    /// widened by ±0.5 (linear) or a factor 10 (log).
    public func resolvedLimits() -> (x: AxisLimits, y: AxisLimits) {
        let bounds = marks.compactMap { $0.bounds(xScale: xScale, yScale: yScale) }
        func resolve(_ fixed: AxisLimits?, scale: AxisScale, low: [Double], high: [Double], pad: Bool) -> AxisLimits {
            if let fixed, fixed.isUsable, scale == .linear || (fixed.lower > 0 && fixed.upper > 0) { return fixed }
            guard var lower = low.min(), var upper = high.max() else { return scale == .log ? AxisLimits(1, 10) : AxisLimits(0, 1) }
            var u0 = scale.forward(lower), u1 = scale.forward(upper)
            if u0 == u1 {
                u0 -= scale == .log ? 1 : max(0.5, abs(u0) * 0.1)
                u1 += scale == .log ? 1 : max(0.5, abs(u1) * 0.1)
            } else if pad {
                let margin = (u1 - u0) * max(0, autoMargin)
                u0 -= margin
                u1 += margin
            }
            lower = scale.inverse(u0)
            upper = scale.inverse(u1)
            return AxisLimits(lower, upper)
        }
        let x = resolve(xLimits, scale: xScale, low: bounds.map(\.minX), high: bounds.map(\.maxX), pad: bounds.allSatisfy { $0.padX })
        let y = resolve(yLimits, scale: yScale, low: bounds.map(\.minY), high: bounds.map(\.maxY), pad: bounds.allSatisfy { $0.padY })
        return (x, y)
    }

    /// Fixes the limits at their current resolved values (for frame sequences).
    public func freezeLimits() {
        let limits = resolvedLimits()
        xLimits = limits.x
        yLimits = limits.y
    }

    /// The legend rows of the labelled marks, in drawing order.
    public var legendEntries: [LegendEntry] {
        marks.compactMap(\.legendEntry)
    }

    /// Whether any mark is in the dynamic layer.
    var hasDynamicMarks: Bool { marks.contains { $0.layer == .dynamic } }
}
