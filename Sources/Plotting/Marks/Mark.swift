/// Which drawing pass a mark belongs to.
///
/// Static marks are drawn once into the background of a frame sequence; dynamic marks are
/// drawn on top of a copy of that background for every frame.
public enum Layer: Sendable, Hashable {
    /// Drawn once: axes, heatmaps, contours, data points.
    case `static`
    /// Drawn per frame on top of the static raster.
    case dynamic
}

/// Which layers a rendering includes.
public enum LayerSelection: Sendable, Hashable {
    /// Static and dynamic marks: the complete figure.
    case all
    /// Only the background and static marks (the frame background).
    case staticOnly
    /// Only the dynamic marks (drawn over a static background).
    case dynamicOnly

    /// Whether marks of `layer` are drawn.
    func includes(_ layer: Layer) -> Bool {
        switch self {
        case .all: return true
        case .staticOnly: return layer == .static
        case .dynamicOnly: return layer == .dynamic
        }
    }
}

/// The data extent a mark covers, and whether autoscaling should pad it.
public struct MarkBounds: Sendable, Hashable {
    /// The smallest x.
    public var minX: Double
    /// The largest x.
    public var maxX: Double
    /// The smallest y.
    public var minY: Double
    /// The largest y.
    public var maxY: Double
    /// Whether auto limits add a margin in x (false for images that should fill the axes).
    public var padX: Bool = true
    /// Whether auto limits add a margin in y.
    public var padY: Bool = true

    /// Creates bounds.
    public init(minX: Double, maxX: Double, minY: Double, maxY: Double, padX: Bool = true, padY: Bool = true) {
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
        self.padX = padX
        self.padY = padY
    }

    /// The bounds of the points a scale can show (positive values on log axes), or nil.
    static func of(_ points: [DataPoint], xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for p in points where p.isFinite && (xScale == .linear || p.x > 0) && (yScale == .linear || p.y > 0) {
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        guard minX <= maxX, minY <= maxY else { return nil }
        return MarkBounds(minX: minX, maxX: maxX, minY: minY, maxY: maxY)
    }
}

/// Everything a mark needs to draw itself.
public struct MarkContext {
    /// Where to draw.
    public var renderer: any Renderer
    /// The panel's data → device map.
    public var transform: AxesTransform
    /// The figure's colours.
    public var theme: Theme
    /// The figure's text and line sizes.
    public var metrics: FigureMetrics
    /// The figure's number formatter (decimal separator, Unicode minus).
    public var formatter: TickFormatter
    /// Areas of the plot that labels should keep clear of (the legend box).
    public var reserved: [DeviceRect] = []
    /// The data ink of the panel's static data marks (scatter, lines, paths, bars), which
    /// contour labels keep clear of; filled by the painter only for panels with contours.
    var dataInk: [DataInk] = []
}

/// Something drawn inside a panel's plot area, in data coordinates.
///
/// Marks are classes so a frame sequence can change a dynamic mark's data between frames
/// (e.g. `line.points = …`) without rebuilding the figure.
public protocol Mark: AnyObject {
    /// The drawing pass of this mark.
    var layer: Layer { get set }
    /// The data extent for auto limits, or nil when the mark should not influence them.
    func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds?
    /// Device points where the mark has ink, for choosing an empty legend corner.
    func samplePoints(in transform: AxesTransform) -> [DevicePoint]
    /// The legend row of this mark, or nil.
    var legendEntry: LegendEntry? { get }
    /// Draws the mark (the plot area is already clipped).
    func draw(in context: MarkContext)
}

extension Mark {
    /// No legend row by default.
    public var legendEntry: LegendEntry? { nil }
}

/// One row of a legend: a label and how its swatch looks.
public struct LegendEntry: Sendable, Hashable {
    /// The swatch kinds.
    public enum Swatch: Sendable, Hashable {
        /// A short line segment; nil width uses the figure's line width.
        case line(color: Color, width: Double?, dash: LineDash)
        /// A marker.
        case marker(MarkerShape, fill: Color, edge: Color?, size: Double?)
        /// A filled square.
        case patch(Color)
        /// No swatch: a line of text in the legend (the numbers a panel states).
        case none
    }

    /// The label text.
    public var label: String
    /// The swatch.
    public var swatch: Swatch

    /// Creates a legend entry.
    public init(label: String, swatch: Swatch) {
        self.label = label
        self.swatch = swatch
    }
}

/// The most samples `densify` returns for one polyline before it spreads them more thinly.
let densifySampleBudget = 250_000

/// Samples a device polyline every `spacing` pixels, for legend avoidance.
///
/// Each finite segment contributes its start and points every `spacing` pixels (at most 500),
/// and the last point closes the list. When that would be more than `densifySampleBudget`
/// samples (hundreds of thousands of points, or long jagged lines), the samples are instead
/// spread evenly along the line's arc length, `densifySampleBudget` of them (plus the last
/// point), so legend placement stays linear in the number of points and bounded in memory.
/// Lines below the budget (every figure of the lecture) get exactly the per-segment samples.
func densify(_ points: [DevicePoint], spacing: Double) -> [DevicePoint] {
    guard points.count > 1 else { return points.filter { $0.x.isFinite && $0.y.isFinite } }
    func isFinite(_ p: DevicePoint) -> Bool { p.x.isFinite && p.y.isFinite }
    func steps(_ a: DevicePoint, _ b: DevicePoint) -> Int {
        // In Double until clamped: a segment far off the page (a diverged curve) can be longer than Int.max pixels.
        let count = a.distance(to: b) / spacing
        return count.isFinite ? max(1, Int(min(500, count))) : 500
    }
    var total = 1
    for (a, b) in zip(points, points.dropFirst()) where isFinite(a) && isFinite(b) { total += steps(a, b) }
    if total > densifySampleBudget { return densifyByArcLength(points, samples: densifySampleBudget) }
    var result: [DevicePoint] = []
    result.reserveCapacity(total)
    for (a, b) in zip(points, points.dropFirst()) where isFinite(a) && isFinite(b) {
        let steps = steps(a, b)
        for i in 0..<steps {
            let t = Double(i) / Double(steps)
            result.append(DevicePoint(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
        }
    }
    if let last = points.last, isFinite(last) { result.append(last) }
    return result
}

/// `samples` points evenly spaced along the arc length of the finite segments of `points`
/// (the first at the line's start), plus the last point when it is finite.
func densifyByArcLength(_ points: [DevicePoint], samples: Int) -> [DevicePoint] {
    func isFinite(_ p: DevicePoint) -> Bool { p.x.isFinite && p.y.isFinite }
    var length = 0.0
    for (a, b) in zip(points, points.dropFirst()) where isFinite(a) && isFinite(b) { length += a.distance(to: b) }
    var result: [DevicePoint] = []
    result.reserveCapacity(samples + 1)
    let step = length / Double(max(1, samples))
    if length > 0 && length.isFinite {
        var travelled = 0.0, next = 0.0
        for (a, b) in zip(points, points.dropFirst()) where isFinite(a) && isFinite(b) {
            let d = a.distance(to: b)
            while next < travelled + d && result.count < samples {
                let t = (next - travelled) / d
                result.append(DevicePoint(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
                next += step
            }
            travelled += d
        }
    }
    if let last = points.last, isFinite(last) { result.append(last) }
    return result
}
