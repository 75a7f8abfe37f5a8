/// A text at one data point with a leader line (ending in an arrowhead) to another point.
public final class AnnotationMark: Mark {
    /// The annotation text.
    public var text: String
    /// The point the leader line points at.
    public var target: DataPoint
    /// Where the text's centre is.
    public var textPosition: DataPoint
    /// The text and leader colour; nil uses the theme's ink.
    public var color: Color?
    /// Whether the text sits on a rounded background box.
    public var boxed: Bool
    /// Whether the leader line ends in an arrowhead.
    public var arrow: Bool
    /// The drawing pass.
    public var layer: Layer

    /// Creates an annotation.
    public init(_ text: String, pointingAt target: DataPoint, textAt textPosition: DataPoint, color: Color? = nil,
                boxed: Bool = true, arrow: Bool = true, layer: Layer = .static) {
        self.text = text
        self.target = target
        self.textPosition = textPosition
        self.color = color
        self.boxed = boxed
        self.arrow = arrow
        self.layer = layer
    }

    /// Annotations do not change the limits.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? { nil }

    /// The text position and the leader line.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        densify([transform.device(textPosition), transform.device(target)], spacing: 10)
    }

    /// Draws the leader from the edge of the text box to a small gap before the target.
    public func draw(in context: MarkContext) {
        let ink = color ?? context.theme.ink
        let style = TextStyle(size: context.metrics.annotationFontSize, color: ink)
        let center = context.transform.device(textPosition)
        let tip = context.transform.device(target)
        let box = context.renderer.textBox(text, at: center, style: style, anchor: .center).insetBy(dx: -0.35 * style.size, dy: -0.21 * style.size)
        // Leave the box where the segment centre → tip crosses its border.
        let dx = tip.x - center.x, dy = tip.y - center.y
        let tx = dx == 0 ? Double.infinity : (box.maxX - box.minX) / 2 / abs(dx)
        let ty = dy == 0 ? Double.infinity : (box.maxY - box.minY) / 2 / abs(dy)
        let t = min(tx, ty)
        if t < 1 {
            let start = DevicePoint(x: center.x + dx * t, y: center.y + dy * t)
            let gap = 0.6 * context.metrics.markerSize
            let length = start.distance(to: tip)
            if length > gap * 2 {
                let end = DevicePoint(x: tip.x - (tip.x - start.x) / length * gap, y: tip.y - (tip.y - start.y) / length * gap)
                let width = 0.6 * context.metrics.lineWidth
                if arrow {
                    Arrowhead.drawArrow(on: context.renderer, from: start, to: end, color: ink, width: width, headLength: 5 * width)
                } else {
                    var path = DevicePath()
                    path.move(to: start)
                    path.line(to: end)
                    context.renderer.stroke(path, style: StrokeStyle(color: ink, width: width))
                }
            }
        }
        TextMark.drawLabel(text, at: center, anchor: .center, boxed: boxed, style: style, context: context)
    }
}
