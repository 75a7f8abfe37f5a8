/// Vertical bars from zero to signed values at x = 0, 1, 2, … (one per category).
///
/// Positive and negative values get different colours (e.g. over- and under-prediction per
/// person). Adding bars through `Axes.bars` also labels the x ticks with the categories.
/// Grouped bars (several series per category) are several marks with a narrower
/// `widthFraction` and different `offset`s: bar `i` spans `i + offset ± widthFraction / 2`.
public final class BarMark: Mark {
    /// The bar heights (signed).
    public var values: [Double]
    /// The colour of bars with value ≥ 0.
    public var positiveColor: Color
    /// The colour of bars with value < 0.
    public var negativeColor: Color
    /// The bar width as a fraction of the category spacing, `0...1`.
    public var widthFraction: Double
    /// The shift of every bar's centre from its category's x, in category spacings (0 = centred).
    public var offset: Double
    /// Whether each bar is labelled with its value (formatted with the figure's number style):
    /// all bars are, when every label fits inside the plot area without overlapping another;
    /// otherwise none (the layout makes room above and below the bars when it can).
    public var showValues: Bool
    /// Decimals of the value labels.
    public var valueDecimals: Int
    /// The legend label; nil keeps the bars out of the legend.
    public var label: String?
    /// The drawing pass.
    public var layer: Layer

    /// Creates bars.
    public init(values: [Double], positiveColor: Color, negativeColor: Color, widthFraction: Double = 0.7, showValues: Bool = false,
                valueDecimals: Int = 1, label: String? = nil, layer: Layer = .static, offset: Double = 0) {
        self.values = values
        self.offset = offset
        self.positiveColor = positiveColor
        self.negativeColor = negativeColor
        self.widthFraction = widthFraction
        self.showValues = showValues
        self.valueDecimals = valueDecimals
        self.label = label
        self.layer = layer
    }

    /// x from −0.5 to n − 0.5 (unpadded); y covers zero and every value.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        return MarkBounds(minX: -0.5, maxX: Double(values.count) - 0.5, minY: min(0, finite.min() ?? 0),
                          maxY: max(0, finite.max() ?? 0), padX: false, padY: true)
    }

    /// Points filling each bar.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        values.enumerated().flatMap { index, value -> [DevicePoint] in
            guard value.isFinite else { return [] }
            let x = Double(index) + offset
            return densify([transform.device(DataPoint(x: x, y: 0)), transform.device(DataPoint(x: x, y: value))], spacing: 8)
        }
    }

    /// A patch swatch in the positive colour.
    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, swatch: .patch(positiveColor)) }
    }

    /// Fills each bar, then draws the zero line and the value labels.
    public func draw(in context: MarkContext) {
        let t = context.transform
        for bar in barRects(transform: t) {
            context.renderer.fill(.rectangle(bar.rect), color: values[bar.index] >= 0 ? positiveColor : negativeColor)
        }
        let left = t.device(DataPoint(x: -0.5, y: 0)), right = t.device(DataPoint(x: Double(values.count) - 0.5, y: 0))
        context.renderer.stroke(.polyline([left, right]), style: StrokeStyle(color: context.theme.ink, width: context.metrics.axisLineWidth, cap: .butt))
        for label in drawnValueLabels(transform: t, metrics: context.metrics, formatter: context.formatter, renderer: context.renderer) {
            context.renderer.drawText(label.text, at: label.point, style: TextStyle(size: label.style.size, color: context.theme.ink), anchor: label.anchor)
        }
    }

    /// The device rectangle of every bar with a finite value, with its index in `values`.
    func barRects(transform t: AxesTransform) -> [(index: Int, rect: DeviceRect)] {
        let half = min(1, max(0.05, widthFraction)) / 2
        return values.enumerated().compactMap { index, value in
            guard value.isFinite else { return nil }
            let x = Double(index) + offset
            let a = t.device(DataPoint(x: x - half, y: 0)), b = t.device(DataPoint(x: x + half, y: value))
            return (index, DeviceRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y)))
        }
    }

    /// The value labels that are drawn: all of them when every one lies inside the plot area
    /// (a label at the left or right edge is moved sideways into it) and none overlaps another,
    /// else none (a clipped "−2.5" would read "2.5"; some labels missing would look like zeros).
    func drawnValueLabels(transform t: AxesTransform, metrics: FigureMetrics, formatter: TickFormatter, renderer: any Renderer)
        -> [(text: String, point: DevicePoint, anchor: TextAnchor, style: TextStyle)] {
        var labels = valueLabels(transform: t, metrics: metrics, formatter: formatter)
        let area = t.plotRect, plot = area.insetBy(dx: -0.5, dy: -0.5)
        var boxes: [DeviceRect] = []
        for index in labels.indices {
            var box = renderer.textBox(labels[index].text, at: labels[index].point, style: labels[index].style, anchor: labels[index].anchor)
            let shift = box.minX < area.minX ? area.minX - box.minX : box.maxX > area.maxX ? area.maxX - box.maxX : 0
            if shift != 0, abs(shift) <= box.width / 2 {
                labels[index].point.x += shift
                box.x += shift
            }
            guard box.minX >= plot.minX, box.maxX <= plot.maxX, box.minY >= plot.minY, box.maxY <= plot.maxY,
                  !boxes.contains(where: { $0.intersects(box) }) else { return [] }
            boxes.append(box)
        }
        return labels
    }

    /// The value labels (empty unless `showValues`): text, anchor point, anchor and style (in
    /// black; drawn in the theme's ink), above positive and below negative bars.
    func valueLabels(transform t: AxesTransform, metrics: FigureMetrics, formatter: TickFormatter)
        -> [(text: String, point: DevicePoint, anchor: TextAnchor, style: TextStyle)] {
        guard showValues else { return [] }
        let style = TextStyle(size: metrics.tickFontSize * 0.9, color: .black)
        return values.enumerated().compactMap { index, value in
            guard value.isFinite else { return nil }
            let top = t.device(DataPoint(x: Double(index) + offset, y: value))
            let anchor = TextAnchor(.center, value >= 0 ? .bottom : .top)
            let y = value >= 0 ? top.y - metrics.gap / 2 : top.y + metrics.gap / 2
            return (formatter.format(value, decimals: valueDecimals), DevicePoint(x: top.x, y: y), anchor, style)
        }
    }
}
