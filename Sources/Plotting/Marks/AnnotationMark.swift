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
    /// Whether the text may lie over data marks on purpose: `LayoutAudit` then does not report
    /// it covering data. Default false (the text should sit in an empty spot; the leader line
    /// points at the data).
    public var mayCoverData = false

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

    /// The area the text covers: its background box (also when unboxed, the box the leader
    /// starts from).
    func coveredRect(transform: AxesTransform, metrics: FigureMetrics, renderer: any Renderer) -> DeviceRect {
        let size = metrics.annotationFontSize
        let box = renderer.textBox(text, at: textCenter(transform: transform, metrics: metrics, renderer: renderer),
                                   style: TextStyle(size: size, color: .black), anchor: .center)
        return TextMark.backgroundRect(around: box, fontSize: size)
    }

    /// The text's centre: `textPosition`, moved so the box lies inside the plot area when the
    /// position does.
    func textCenter(transform: AxesTransform, metrics: FigureMetrics, renderer: any Renderer) -> DevicePoint {
        let center = transform.device(textPosition)
        guard transform.plotRect.contains(center) else { return center }
        let size = metrics.annotationFontSize
        let box = renderer.textBox(text, at: center, style: TextStyle(size: size, color: .black), anchor: .center)
        return TextMark.movedInside(center, covering: TextMark.backgroundRect(around: box, fontSize: size), plot: transform.plotRect)
    }

    /// Draws the leader from the edge of the text box to a small gap before the target.
    public func draw(in context: MarkContext) {
        let ink = color ?? context.theme.ink
        let style = TextStyle(size: context.metrics.annotationFontSize, color: ink)
        let center = textCenter(transform: context.transform, metrics: context.metrics, renderer: context.renderer)
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
