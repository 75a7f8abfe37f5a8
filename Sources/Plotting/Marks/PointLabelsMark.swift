/// Many text labels at data points, drawn only where they can be read: in priority order,
/// each label is drawn unless its box would overlap a label already drawn, leave the plot area,
/// cover the legend or (optionally) cover markers.
///
/// A label's box is the text box (`Renderer.textBox`) of its text at the device point of its
/// position plus `offset`, with `anchor` on that point — exactly where an unboxed `TextMark`
/// with the same text, position, anchor, offset, colour and size draws. A label is skipped when
/// its box, grown by `padding` on every side, overlaps (with positive area) the box of a label
/// drawn before it, a reserved area of the panel (the legend), or an avoided marker; or when
/// the box does not lie entirely inside the plot area; or when its text is empty or its
/// position cannot be shown. So when every label fits and none collides, the mark draws
/// exactly the calls of the equivalent `TextMark`s, in the same order.
///
/// **Cost.** Only the first `candidateLimit` labels (5,000 by default) are considered, which
/// is more than fit legibly on a slide; placed boxes and obstacles sit in a uniform grid, so
/// each candidate is checked against its neighbours only.
public final class PointLabelsMark: Mark {
    /// One label: a text at a data point.
    public struct Label: Sendable, Hashable {
        /// The text (one line).
        public var text: String
        /// The data point the label belongs to (before `offset`).
        public var position: DataPoint

        /// Creates a label.
        public init(_ text: String, at position: DataPoint) {
            self.text = text
            self.position = position
        }
    }

    /// The labels, highest priority first.
    public var labels: [Label]
    /// Which point of each text box lies on the label's (offset) device point.
    public var anchor: TextAnchor
    /// A device offset in pixels (x right, y down) from each label's position.
    public var offset: DevicePoint
    /// The text colour; nil uses the theme's ink.
    public var color: Color?
    /// The font size in pixels; nil uses the figure's annotation size (26 px at 1080 p).
    public var fontSize: Double?
    /// The least gap in pixels between a label and another label or an obstacle.
    public var padding: Double
    /// Scatter marks whose markers labels must not cover (for density scatters: the cells
    /// drawn). A label's own point counts too, so keep `offset` or the position clear of it.
    public var avoidedMarks: [ScatterMark]
    /// Lines (curves, residual segments) labels must not cross.
    public var avoidedLines: [LineMark] = []
    /// Whether a label that does not fit at `anchor` and `offset` may try the other three
    /// sides of its point (below instead of above, left instead of right), in that order.
    public var triesOtherSides = false
    /// Per label, the (anchor, offset) places to try in order, instead of `anchor` and `offset`
    /// (and the other sides); a label without an entry uses those.
    public var places: [[(anchor: TextAnchor, offset: DevicePoint)]] = []
    /// Whether each label is drawn on a rounded background box (as a boxed `TextMark`).
    public var boxed = false
    /// The most labels considered, in order; later ones are never drawn.
    public var candidateLimit: Int
    /// The drawing pass.
    public var layer: Layer
    /// Whether labels may lie over data marks on purpose (labels beside the points they name):
    /// `LayoutAudit` then does not report them covering data. Default false.
    public var mayCoverData = false

    /// Creates a point-label mark.
    public init(labels: [Label], anchor: TextAnchor = TextAnchor(.left, .bottom), offset: DevicePoint = .zero, color: Color? = nil,
                fontSize: Double? = nil, padding: Double = 2, avoidedMarks: [ScatterMark] = [], candidateLimit: Int = 5_000,
                layer: Layer = .static) {
        self.labels = labels
        self.anchor = anchor
        self.offset = offset
        self.color = color
        self.fontSize = fontSize
        self.padding = padding
        self.avoidedMarks = avoidedMarks
        self.candidateLimit = candidateLimit
        self.layer = layer
    }

    /// Labels do not change the limits.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? { nil }

    /// The label positions (of the labels considered), like the anchors of `TextMark`s.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        candidates.map { transform.device($0.position) }
    }

    /// The labels that are considered: the first `candidateLimit`.
    private var candidates: ArraySlice<Label> { labels.prefix(max(0, candidateLimit)) }

    /// The text style at the figure's metrics.
    func style(_ context: MarkContext) -> TextStyle {
        TextStyle(size: fontSize ?? context.metrics.annotationFontSize, color: color ?? context.theme.ink)
    }

    /// One label that will be drawn: its index in `labels`, the device point of its anchor, the anchor and its box.
    struct Placement: Equatable {
        var index: Int
        var point: DevicePoint
        var anchor: TextAnchor
        var box: DeviceRect
    }

    /// The (anchor, offset) pairs a label tries: the given one, then, with `triesOtherSides`,
    /// the same offset mirrored below, then to the left above, then to the left below.
    private var positions: [(anchor: TextAnchor, offset: DevicePoint)] {
        guard triesOtherSides else { return [(anchor, offset)] }
        func flippedVertically(_ anchor: TextAnchor) -> TextAnchor {
            TextAnchor(anchor.horizontal, anchor.vertical == .bottom ? .top : anchor.vertical == .top ? .bottom : anchor.vertical)
        }
        func flippedHorizontally(_ anchor: TextAnchor) -> TextAnchor {
            TextAnchor(anchor.horizontal == .left ? .right : anchor.horizontal == .right ? .left : anchor.horizontal, anchor.vertical)
        }
        let mirrored = DevicePoint(x: -offset.x, y: offset.y)
        return [(anchor, offset), (flippedVertically(anchor), offset),
                (flippedHorizontally(anchor), mirrored), (flippedHorizontally(flippedVertically(anchor)), mirrored)]
    }

    /// The labels to draw, in order, measured with `context.renderer`.
    func placements(in context: MarkContext) -> [Placement] {
        let plot = context.transform.plotRect
        let style = style(context)
        let pad = max(0, padding.isFinite ? padding : 0)
        var placed = RectIndex(area: plot, cellSize: max(16, 3 * style.size))
        var obstacles = RectIndex(area: plot, cellSize: max(16, 3 * style.size))
        for mark in avoidedMarks {
            for rect in Self.inkRects(of: mark, context: context) { obstacles.insert(rect) }
        }
        for line in avoidedLines {
            for rect in Self.inkRects(of: line, context: context) { obstacles.insert(rect) }
        }
        let positions = self.positions
        let reserved = context.reserved
        var result: [Placement] = []
        for (index, label) in candidates.enumerated() where !label.text.isEmpty {
            let anchorPoint = context.transform.device(label.position)
            for (anchor, offset) in index < places.count && !places[index].isEmpty ? places[index] : positions {
                let point = DevicePoint(x: anchorPoint.x + offset.x, y: anchorPoint.y + offset.y)
                guard point.x.isFinite, point.y.isFinite else { break }
                var box = context.renderer.textBox(label.text, at: point, style: style, anchor: anchor)
                if boxed { box = box.insetBy(dx: -0.35 * style.size, dy: -0.21 * style.size) }
                guard box.minX >= plot.minX, box.maxX <= plot.maxX, box.minY >= plot.minY, box.maxY <= plot.maxY else { continue }
                let grown = box.insetBy(dx: -pad, dy: -pad)
                if placed.intersectsAny(grown) || obstacles.intersectsAny(grown) || reserved.contains(where: { $0.intersects(grown) }) { continue }
                placed.insert(box)
                result.append(Placement(index: index, point: point, anchor: anchor, box: box))
                break
            }
        }
        return result
    }

    /// Draws the labels that fit, in order.
    public func draw(in context: MarkContext) {
        let style = style(context)
        for placement in placements(in: context) {
            if boxed {
                TextMark.drawLabel(labels[placement.index].text, at: placement.point, anchor: placement.anchor, boxed: true,
                                   style: style, context: context)
            } else {
                context.renderer.drawText(labels[placement.index].text, at: placement.point, style: style, anchor: placement.anchor)
            }
        }
    }

    /// Where `line` puts ink: small squares as wide as its stroke every few pixels along it,
    /// inside the plot area.
    static func inkRects(of line: LineMark, context: MarkContext) -> [DeviceRect] {
        let width = max(2, line.width ?? context.metrics.lineWidth)
        let plot = context.transform.plotRect.insetBy(dx: -width, dy: -width)
        return densify(line.points.map(context.transform.device), spacing: max(2, width / 2))
            .filter { plot.contains($0) }
            .map { DeviceRect(center: $0, width: width, height: width) }
    }

    /// Where `mark` puts ink: the bounding square of each marker, or the occupied cells of a
    /// density image.
    static func inkRects(of mark: ScatterMark, context: MarkContext) -> [DeviceRect] {
        let diameter = mark.size ?? context.metrics.markerSize
        if mark.drawsDensity {
            guard let grid = DensityGrid(points: mark.points, transform: context.transform, cellSize: diameter / 2) else { return [] }
            let width = (grid.rect.maxX - grid.rect.minX) / Double(grid.columns), height = (grid.rect.maxY - grid.rect.minY) / Double(grid.rows)
            return grid.occupiedCellCenters().map { DeviceRect(center: $0, width: width, height: height) }
        }
        let plot = context.transform.plotRect.insetBy(dx: -diameter, dy: -diameter)
        return mark.points.lazy.map(context.transform.device).filter { plot.contains($0) }
            .map { DeviceRect(center: $0, width: diameter, height: diameter) }
    }
}

/// Rectangles filed in a uniform grid of cells over an area, for fast overlap queries.
///
/// A rectangle is filed in every cell it touches (clamped to the grid, so rectangles beyond
/// the area go to the border cells); a query checks the rectangles of the cells its own
/// rectangle touches.
struct RectIndex {
    private let originX: Double, originY: Double, cellSize: Double
    private let columns: Int, rows: Int
    private var cells: [[Int32]]
    private var rects: [DeviceRect] = []

    /// An empty index over `area` with square cells of `cellSize` pixels.
    init(area: DeviceRect, cellSize: Double) {
        let size = cellSize.isFinite && cellSize > 0 ? cellSize : 16
        originX = area.minX.isFinite ? area.minX : 0
        originY = area.minY.isFinite ? area.minY : 0
        self.cellSize = size
        let width = area.maxX - area.minX, height = area.maxY - area.minY
        columns = max(1, min(4096, width.isFinite ? Int((width / size).rounded(.up)) : 1))
        rows = max(1, min(4096, height.isFinite ? Int((height / size).rounded(.up)) : 1))
        cells = Array(repeating: [], count: columns * rows)
    }

    /// The cell ranges `rect` touches.
    private func span(_ rect: DeviceRect) -> (columns: ClosedRange<Int>, rows: ClosedRange<Int>) {
        func clamp(_ value: Double, _ count: Int) -> Int {
            guard value.isFinite else { return value > 0 ? count - 1 : 0 }
            return min(count - 1, max(0, Int((value).rounded(.down))))
        }
        let c0 = clamp((rect.minX - originX) / cellSize, columns), c1 = clamp((rect.maxX - originX) / cellSize, columns)
        let r0 = clamp((rect.minY - originY) / cellSize, rows), r1 = clamp((rect.maxY - originY) / cellSize, rows)
        return (c0...max(c0, c1), r0...max(r0, r1))
    }

    /// Files `rect`.
    mutating func insert(_ rect: DeviceRect) {
        let index = Int32(truncatingIfNeeded: rects.count)
        rects.append(rect)
        let (columnRange, rowRange) = span(rect)
        for row in rowRange {
            for column in columnRange { cells[row * columns + column].append(index) }
        }
    }

    /// Whether a filed rectangle overlaps `rect` with positive area.
    func intersectsAny(_ rect: DeviceRect) -> Bool {
        guard !rects.isEmpty else { return false }
        let (columnRange, rowRange) = span(rect)
        for row in rowRange {
            for column in columnRange {
                for index in cells[row * columns + column] where rects[Int(index)].intersects(rect) { return true }
            }
        }
        return false
    }
}
