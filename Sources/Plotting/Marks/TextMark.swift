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
    /// Whether the text may lie over data marks on purpose (e.g. a label beside the point it
    /// names): `LayoutAudit` then does not report it covering data. Default false.
    public var mayCoverData = false

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

    /// Draws the (boxed) text; when its position lies in the plot area but the box would stick
    /// out of it, the box is moved inside (a text whose position is outside stays where it is).
    public func draw(in context: MarkContext) {
        let style = TextStyle(size: fontSize ?? context.metrics.annotationFontSize, color: color ?? context.theme.ink)
        let point = placedPoint(transform: context.transform, metrics: context.metrics, renderer: context.renderer)
        TextMark.drawLabel(text, at: point, anchor: anchor, boxed: boxed, style: style, context: context)
    }

    /// The box the text covers (with its background box when `boxed`), for labels to keep clear of.
    func coveredBox(in context: MarkContext) -> DeviceRect {
        let style = TextStyle(size: fontSize ?? context.metrics.annotationFontSize, color: color ?? context.theme.ink)
        let point = placedPoint(transform: context.transform, metrics: context.metrics, renderer: context.renderer)
        let box = context.renderer.textBox(text, at: point, style: style, anchor: anchor)
        let pad = boxed ? 0.35 * style.size : 0
        return box.insetBy(dx: -pad, dy: -pad * 0.6)
    }

    /// The anchor point the text is drawn at: its position plus `offset`, moved so the covered
    /// box lies inside the plot area when the position does.
    func placedPoint(transform: AxesTransform, metrics: FigureMetrics, renderer: any Renderer) -> DevicePoint {
        let anchorPoint = transform.device(position)
        let point = DevicePoint(x: anchorPoint.x + offset.x, y: anchorPoint.y + offset.y)
        guard transform.plotRect.contains(anchorPoint) else { return point }
        let size = fontSize ?? metrics.annotationFontSize
        let box = renderer.textBox(text, at: point, style: TextStyle(size: size, color: .black), anchor: anchor)
        return TextMark.movedInside(point, covering: boxed ? TextMark.backgroundRect(around: box, fontSize: size) : box, plot: transform.plotRect)
    }

    /// `point` shifted by what `box` sticks out of `plot` (left and top win when it is larger).
    static func movedInside(_ point: DevicePoint, covering box: DeviceRect, plot: DeviceRect) -> DevicePoint {
        func shift(_ low: Double, _ high: Double, _ areaLow: Double, _ areaHigh: Double) -> Double {
            if low < areaLow { return areaLow - low }
            if high > areaHigh { return max(areaLow - low, areaHigh - high) }
            return 0
        }
        return DevicePoint(x: point.x + shift(box.minX, box.maxX, plot.minX, plot.maxX), y: point.y + shift(box.minY, box.maxY, plot.minY, plot.maxY))
    }

    /// The area the mark covers: its text box, or the background box when boxed.
    func coveredRect(transform: AxesTransform, metrics: FigureMetrics, renderer: any Renderer) -> DeviceRect {
        let point = placedPoint(transform: transform, metrics: metrics, renderer: renderer)
        let size = fontSize ?? metrics.annotationFontSize
        let box = renderer.textBox(text, at: point, style: TextStyle(size: size, color: .black), anchor: anchor)
        return boxed ? TextMark.backgroundRect(around: box, fontSize: size) : box
    }

    /// The rounded background box of a boxed label whose text box is `box`: padded by 0.35 em
    /// left and right and 0.21 em above and below.
    static func backgroundRect(around box: DeviceRect, fontSize: Double) -> DeviceRect {
        let pad = 0.35 * fontSize
        return box.insetBy(dx: -pad, dy: -pad * 0.6)
    }

    /// Draws a label with an optional rounded box (padding 0.35 em, radius 0.3 em).
    static func drawLabel(_ text: String, at point: DevicePoint, anchor: TextAnchor, boxed: Bool, style: TextStyle, context: MarkContext) {
        if boxed {
            let box = context.renderer.textBox(text, at: point, style: style, anchor: anchor)
            let rect = backgroundRect(around: box, fontSize: style.size)
            let path = DevicePath.roundedRectangle(rect, radius: 0.3 * style.size)
            context.renderer.fill(path, color: context.theme.boxBackground)
            context.renderer.stroke(path, style: StrokeStyle(color: context.theme.mutedInk.withAlpha(0.6), width: max(1, context.metrics.gridLineWidth)))
        }
        context.renderer.drawText(text, at: point, style: style, anchor: anchor)
    }
}
