import Foundation

/// Contour lines of a value grid at given levels, optionally labelled inline.
///
/// Labels are placed along the lines by `ContourLabelPlacer` (straight stretches, away from
/// the plot edges and from each other), the lines get gaps where the labels sit, and the
/// values are formatted with the figure's number style: plain shared-precision labels, or
/// `TickFormatter.logLabels` when the levels span more than a factor of 50.
public final class ContourMark: Mark {
    /// The values.
    public var grid: ValueGrid { didSet { traced = [:] } }
    /// The levels to draw.
    public var levels: [Double]
    /// The lines of each level traced so far (data coordinates do not depend on the device,
    /// so a figure drawn as PNG, SVG and PDF traces each level once).
    private var traced: [Double: [[DataPoint]]] = [:]
    /// The line colour; nil uses the theme's contour colour (light lines over heatmaps).
    public var color: Color?
    /// The line width in pixels; nil uses 0.5 of the figure's line width.
    public var width: Double?
    /// Whether the lines are labelled with their level.
    public var labeled: Bool
    /// The most labels per connected line.
    public var labelsPerLine: Int
    /// The drawing pass.
    public var layer: Layer
    /// Polylines in data coordinates that labels keep clear of, as if they were optimizer paths
    /// (their markers included), e.g. the whole trajectory of a path that is drawn on the
    /// dynamic layer one step at a time. Static lines, paths, scatter markers and bars of the
    /// same panel are avoided without being listed; dynamic marks are not (the static
    /// background must be the same for every frame), so list their full extent here.
    public var avoiding: [[DataPoint]]

    /// Creates contour lines.
    public init(grid: ValueGrid, levels: [Double], color: Color? = nil, width: Double? = nil, labeled: Bool = true,
                labelsPerLine: Int = 1, avoiding: [[DataPoint]] = [], layer: Layer = .static) {
        self.avoiding = avoiding
        self.grid = grid
        self.levels = levels.filter(\.isFinite).sorted()
        self.color = color
        self.width = width
        self.labeled = labeled
        self.labelsPerLine = labelsPerLine
        self.layer = layer
    }

    /// The sample extent, unpadded.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        guard grid.isValid, let x0 = grid.xs.min(), let x1 = grid.xs.max(), let y0 = grid.ys.min(), let y1 = grid.ys.max() else { return nil }
        return MarkBounds(minX: x0, maxX: x1, minY: y0, maxY: y1, padX: false, padY: false)
    }

    /// Contours cover the panel; legends avoid other marks.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] { [] }

    /// The label strings of `levels`, formatted with `formatter`.
    public func labels(using formatter: TickFormatter) -> [String] {
        guard let first = levels.first, let last = levels.last else { return [] }
        if first > 0 && last / first > 50 { return formatter.logLabels(for: levels) }
        return formatter.labels(for: levels)
    }

    /// A rotated dark translucent box behind a label so light text reads on light colours.
    private func drawBackdrop(at center: DevicePoint, angle: Double, width: Double, height: Double, context: MarkContext) {
        let c = cos(angle), s = sin(angle)
        let corners = [(-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)]
        let points = corners.map { DevicePoint(x: center.x + $0.0 * c - $0.1 * s, y: center.y + $0.0 * s + $0.1 * c) }
        context.renderer.fill(.polygon(points), color: context.theme.haloColor.withAlpha(0.4))
    }

    /// Strokes every level, leaving gaps for the labels, then draws the labels.
    public func draw(in context: MarkContext) {
        let ink = color ?? context.theme.contourColor
        let style = StrokeStyle(color: ink, width: width ?? 0.5 * context.metrics.lineWidth)
        // Every level not traced yet, in one pass over the grid.
        var missing: [Double] = []
        for level in levels where traced[level] == nil && !missing.contains(level) { missing.append(level) }
        if !missing.isEmpty {
            for (level, lines) in zip(missing, grid.contourGenerator.lines(at: missing)) { traced[level] = lines }
        }
        func lines(at level: Double) -> [[DataPoint]] { traced[level] ?? [] }
        let texts = labels(using: context.formatter)
        let textStyle = TextStyle(size: context.metrics.contourLabelFontSize, color: ink)
        let plot = context.transform.plotRect
        let far = 1e6
        var occupied = [
            DeviceRect(x: -far, y: -far, width: 3 * far, height: far + plot.minY),
            DeviceRect(x: -far, y: plot.maxY, width: 3 * far, height: far),
            DeviceRect(x: -far, y: -far, width: far + plot.minX, height: 3 * far),
            DeviceRect(x: plot.maxX, y: -far, width: far, height: 3 * far),
        ] + context.reserved
        var avoidedInk = context.dataInk
        if labeled, !avoiding.isEmpty {
            // Like a path: the stroke and markers up to the size of its last (largest) marker.
            let radius = 1.3 * context.metrics.markerSize / 2
            var listed = DataInk(kind: .path)
            for polyline in avoiding {
                let device = polyline.map(context.transform.device)
                listed.segments += DataInk.segments(device, halfWidth: radius)
                listed.discs += device.filter { $0.x.isFinite && $0.y.isFinite }.map { DataInk.Disc(center: $0, radius: radius) }
            }
            avoidedInk.append(listed)
        }
        for (index, level) in levels.enumerated() {
            let text = index < texts.count ? texts[index] : ""
            let metrics = context.renderer.measureText(text, style: textStyle)
            let labelWidth = metrics.width + 0.5 * textStyle.size
            for line in lines(at: level) {
                let device = line.map(context.transform.device)
                guard labeled, !text.isEmpty else {
                    context.renderer.stroke(.polyline(device), style: style)
                    continue
                }
                let placements = ContourLabelPlacer.place(along: device, labelWidth: labelWidth, labelHeight: metrics.height,
                                                          minimumSpacing: 4 * labelWidth, avoiding: occupied, avoidingInk: avoidedInk,
                                                          maximumCount: max(1, labelsPerLine))
                for piece in ContourLabelPlacer.split(device, removing: placements, labelWidth: labelWidth) {
                    context.renderer.stroke(.polyline(piece), style: style)
                }
                for placement in placements {
                    occupied.append(placement.bounds)
                    drawBackdrop(at: placement.position, angle: placement.angle, width: labelWidth, height: metrics.height, context: context)
                    context.renderer.drawText(text, at: placement.position, style: textStyle, anchor: .center, angle: -placement.angle)
                }
            }
        }
    }
}
