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
        context.renderer.stroke(.polyline(points.map(context.transform.device)), style: style(context.metrics))
    }

    /// The stroke style at the figure's metrics.
    func style(_ metrics: FigureMetrics) -> StrokeStyle {
        StrokeStyle(color: color, width: width ?? metrics.lineWidth, dash: dash.pattern(metrics))
    }
}
