/// A text placed at a data point, optionally on a rounded background box.
public final class TextMark: Mark {
    /// The text (UTF-8, any Unicode DejaVu Sans covers).
    public var text: String
    /// The anchor position in data space.
    public var position: DataPoint
    /// Which point of the text box lies on `position`.
    public var anchor: TextAnchor
    /// The text colour; nil uses the theme's ink.
    public var color: Color?
    /// The font size in pixels; nil uses the figure's annotation size (26 px at 1080 p).
    public var fontSize: Double?
    /// Whether to draw a rounded box in the theme's box colour behind the text.
    public var boxed: Bool
    /// A device-space offset from the anchor in pixels (x right, y down).
    public var offset: DevicePoint
    /// The drawing pass.
    public var layer: Layer

    /// Creates a text mark.
    public init(_ text: String, at position: DataPoint, anchor: TextAnchor = .center, color: Color? = nil, fontSize: Double? = nil,
                boxed: Bool = false, offset: DevicePoint = .zero, layer: Layer = .static) {
        self.text = text
        self.position = position
        self.anchor = anchor
        self.color = color
        self.fontSize = fontSize
        self.boxed = boxed
        self.offset = offset
        self.layer = layer
    }

    /// Texts do not change the limits.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? { nil }

    /// The anchor point.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] { [transform.device(position)] }

    /// Draws the (boxed) text.
    public func draw(in context: MarkContext) {
        let anchorPoint = context.transform.device(position)
        let point = DevicePoint(x: anchorPoint.x + offset.x, y: anchorPoint.y + offset.y)
        TextMark.drawLabel(text, at: point, anchor: anchor, boxed: boxed,
                           style: TextStyle(size: fontSize ?? context.metrics.annotationFontSize, color: color ?? context.theme.ink),
                           context: context)
    }

    /// Draws a label with an optional rounded box (padding 0.35 em, radius 0.3 em).
    static func drawLabel(_ text: String, at point: DevicePoint, anchor: TextAnchor, boxed: Bool, style: TextStyle, context: MarkContext) {
        if boxed {
            let box = context.renderer.textBox(text, at: point, style: style, anchor: anchor)
            let pad = 0.35 * style.size
            let rect = box.insetBy(dx: -pad, dy: -pad * 0.6)
            let path = DevicePath.roundedRectangle(rect, radius: 0.3 * style.size)
            context.renderer.fill(path, color: context.theme.boxBackground)
            context.renderer.stroke(path, style: StrokeStyle(color: context.theme.mutedInk.withAlpha(0.6), width: max(1, context.metrics.gridLineWidth)))
        }
        context.renderer.drawText(text, at: point, style: style, anchor: anchor)
    }
}
