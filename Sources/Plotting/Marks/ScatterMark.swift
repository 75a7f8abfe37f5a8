/// Markers at data points.
public final class ScatterMark: Mark {
    /// The marker positions.
    public var points: [DataPoint]
    /// The marker shape.
    public var marker: MarkerShape
    /// The fill colour.
    public var color: Color
    /// The marker diameter in pixels; nil uses the figure's marker size (14 px at 1080 p).
    public var size: Double?
    /// The outline colour; nil for no outline.
    public var edgeColor: Color?
    /// The legend label; nil keeps the markers out of the legend.
    public var label: String?
    /// The drawing pass.
    public var layer: Layer

    /// Creates a scatter mark.
    public init(points: [DataPoint], marker: MarkerShape = .circle, color: Color, size: Double? = nil,
                edgeColor: Color? = nil, label: String? = nil, layer: Layer = .static) {
        self.points = points
        self.marker = marker
        self.color = color
        self.size = size
        self.edgeColor = edgeColor
        self.label = label
        self.layer = layer
    }

    /// The extent of the points.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        MarkBounds.of(points, xScale: xScale, yScale: yScale)
    }

    /// The marker centres.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        points.map(transform.device)
    }

    /// A marker swatch.
    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, swatch: .marker(marker, fill: color, edge: edgeColor, size: size)) }
    }

    /// Draws every marker.
    public func draw(in context: MarkContext) {
        let diameter = size ?? context.metrics.markerSize
        for point in points {
            marker.draw(on: context.renderer, center: context.transform.device(point), size: diameter,
                        fill: color, edge: edgeColor, edgeWidth: max(1, diameter * 0.14))
        }
    }
}
