/// A polyline through data points; NaN or non-positive (on log axes) points break the line.
public final class LineMark: Mark {
    /// The points in drawing order; replace them between frames for animated lines.
    public var points: [DataPoint]
    /// The stroke colour.
    public var color: Color
    /// The line width in pixels; nil uses the figure's line width (4 px at 1080 p).
    public var width: Double?
    /// The dash pattern.
    public var dash: LineDash
    /// The legend label; nil keeps the line out of the legend.
    public var label: String?
    /// The drawing pass.
    public var layer: Layer

    /// Creates a line mark.
    public init(points: [DataPoint], color: Color, width: Double? = nil, dash: LineDash = .solid, label: String? = nil, layer: Layer = .static) {
        self.points = points
        self.color = color
        self.width = width
        self.dash = dash
        self.label = label
        self.layer = layer
    }

    /// The extent of the points.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        MarkBounds.of(points, xScale: xScale, yScale: yScale)
    }

    /// The line sampled every few pixels.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        densify(points.map(transform.device), spacing: 6)
    }

    /// A line swatch.
    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, swatch: .line(color: color, width: width, dash: dash)) }
    }

    /// Strokes the polyline.
    public func draw(in context: MarkContext) {
        let device = points.map(context.transform.device)
        context.renderer.stroke(.polyline(dash == .solid ? LineMark.columnExtremes(device) : device), style: style(context.metrics))
    }

    /// Lines with more points than this are reduced per pixel column when their x never decreases.
    static let reductionThreshold = 4096

    /// The points of a long line whose device x never decreases (a series over updates or
    /// epochs), reduced to at most four per device pixel column: the first, the lowest, the
    /// highest and the last point of each stretch inside a column, in their order. The reduced
    /// line passes through the same extremes, so its stroke covers the same pixels, while Cairo
    /// and the SVG and PDF writers handle four points a column instead of thousands. Breaks
    /// (non-finite points) are kept; shorter lines, and lines that turn back in x, are unchanged.
    static func columnExtremes(_ points: [DevicePoint]) -> [DevicePoint] {
        guard points.count > reductionThreshold else { return points }
        var previous = -Double.infinity
        for point in points where point.x.isFinite && point.y.isFinite {
            if point.x < previous { return points }
            previous = point.x
        }
        var reduced: [DevicePoint] = []
        reduced.reserveCapacity(min(points.count, 4096))
        var start = 0
        /// Appends the stretch `start..<end`, all finite and in one column.
        func flush(_ end: Int) {
            guard end > start else { return }
            var lowest = start, highest = start
            for index in start..<end {
                if points[index].y < points[lowest].y { lowest = index }
                if points[index].y > points[highest].y { highest = index }
            }
            for index in [start, min(lowest, highest), max(lowest, highest), end - 1] where reduced.last != points[index] {
                reduced.append(points[index])
            }
        }
        for index in points.indices {
            let point = points[index]
            if !(point.x.isFinite && point.y.isFinite) {
                flush(index)
                reduced.append(point)
                start = index + 1
            } else if index > start, point.x.rounded(.down) != points[start].x.rounded(.down) {
                flush(index)
                start = index
            }
        }
        flush(points.count)
        return reduced
    }

    /// The stroke style at the figure's metrics.
    func style(_ metrics: FigureMetrics) -> StrokeStyle {
        StrokeStyle(color: color, width: width ?? metrics.lineWidth, dash: dash.pattern(metrics))
    }
}
