/// A straight arrow between two data points with a filled head at `end`.
public final class ArrowMark: Mark {
    /// Where the arrow starts.
    public var start: DataPoint
    /// Where the head's tip is.
    public var end: DataPoint
    /// The colour.
    public var color: Color
    /// The shaft width in pixels; nil uses the figure's line width.
    public var width: Double?
    /// The drawing pass.
    public var layer: Layer

    /// Creates an arrow.
    public init(from start: DataPoint, to end: DataPoint, color: Color, width: Double? = nil, layer: Layer = .static) {
        self.start = start
        self.end = end
        self.color = color
        self.width = width
        self.layer = layer
    }

    /// The extent of both ends.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        MarkBounds.of([start, end], xScale: xScale, yScale: yScale)
    }

    /// Points along the shaft.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        densify([transform.device(start), transform.device(end)], spacing: 6)
    }

    /// Draws shaft and head (head length 4.5 line widths).
    public func draw(in context: MarkContext) {
        let w = width ?? context.metrics.lineWidth
        Arrowhead.drawArrow(on: context.renderer, from: context.transform.device(start), to: context.transform.device(end),
                            color: color, width: w, headLength: max(12 * context.metrics.scale, 4.5 * w))
    }
}
