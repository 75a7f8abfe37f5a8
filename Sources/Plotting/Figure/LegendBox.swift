/// Measures and draws a legend: a rounded box with one row (swatch + label) per entry, in one
/// or more columns (filled top to bottom, then left to right); labels longer than a given
/// number of ems may be wrapped onto two lines.
enum LegendBox {
    /// How a legend is arranged.
    struct Arrangement: Equatable {
        /// The number of columns.
        var columns = 1
        /// Labels wider than this many ems (legend font sizes) are split onto two lines at the
        /// space that balances them; nil keeps every label on one line.
        var wrapEms: Double?
    }

    /// The legend's text style.
    static func textStyle(_ metrics: FigureMetrics, ink: Color) -> TextStyle {
        TextStyle(size: metrics.legendFontSize, color: ink)
    }

    /// The indices of the entries of each column.
    static func columns(count: Int, columns: Int) -> [Range<Int>] {
        let columns = max(1, min(columns, count))
        let perColumn = max(1, (count + columns - 1) / columns)
        return stride(from: 0, to: count, by: perColumn).map { $0..<min(count, $0 + perColumn) }
    }

    /// The lines of a label: one, or two when it is wider than the wrap width and has a space.
    static func lines(of label: String, style: TextStyle, wrapEms: Double?, renderer: any Renderer) -> [String] {
        guard let wrapEms, renderer.measureText(label, style: style).width > wrapEms * style.size else { return [label] }
        let block = TextBlock.fit(label, style: style, width: wrapEms * style.size, minimumScale: 1, renderer: renderer)
        return block.lines.count == 2 ? block.lines : [label]
    }

    /// Every entry's lines, its label width and the column widths.
    private static func measure(_ entries: [LegendEntry], arrangement: Arrangement, metrics: FigureMetrics, renderer: any Renderer)
        -> (lines: [[String]], columnWidths: [Double], row: Double) {
        let style = textStyle(metrics, ink: .black)
        let lines = entries.map { LegendBox.lines(of: $0.label, style: style, wrapEms: arrangement.wrapEms, renderer: renderer) }
        let widths = lines.map { $0.map { renderer.measureText($0, style: style).width }.max() ?? 0 }
        let columnWidths = columns(count: entries.count, columns: arrangement.columns).map { range in
            swatchWidth(metrics) + metrics.gap * 1.5 + (range.map { widths[$0] }.max() ?? 0)
        }
        return (lines, columnWidths, renderer.measureText("Ag", style: style).height * 1.15)
    }

    /// The space between two columns.
    static func columnGap(_ metrics: FigureMetrics) -> Double { metrics.gap * 3 }

    /// The box size for `entries`.
    static func size(entries: [LegendEntry], metrics: FigureMetrics, renderer: any Renderer,
                     arrangement: Arrangement = Arrangement()) -> (width: Double, height: Double) {
        let (lines, widths, row) = measure(entries, arrangement: arrangement, metrics: metrics, renderer: renderer)
        let pad = metrics.gap * 1.5
        let rows = columns(count: entries.count, columns: arrangement.columns).map { range in range.reduce(0) { $0 + lines[$1].count } }.max() ?? 0
        return (2 * pad + widths.reduce(0, +) + Double(max(0, widths.count - 1)) * columnGap(metrics), 2 * pad + row * Double(rows))
    }

    static func swatchWidth(_ metrics: FigureMetrics) -> Double { 2.2 * metrics.legendFontSize }

    /// Below this contrast ratio with the box a line swatch is outlined.
    static let minimumSwatchContrast = 1.5

    /// Draws the legend in `rect`.
    static func draw(entries: [LegendEntry], in rect: DeviceRect, theme: Theme, metrics: FigureMetrics, renderer: any Renderer,
                     arrangement: Arrangement = Arrangement()) {
        let style = textStyle(metrics, ink: theme.ink)
        let box = DevicePath.roundedRectangle(rect, radius: metrics.gap)
        renderer.fill(box, color: theme.boxBackground)
        renderer.stroke(box, style: StrokeStyle(color: theme.mutedInk.withAlpha(0.5), width: metrics.gridLineWidth))
        let pad = metrics.gap * 1.5
        let (lines, widths, row) = measure(entries, arrangement: arrangement, metrics: metrics, renderer: renderer)
        let swatch = swatchWidth(metrics)
        var left = rect.minX + pad
        for (column, range) in columns(count: entries.count, columns: arrangement.columns).enumerated() {
            var top = rect.minY + pad
            for index in range {
                let entry = entries[index]
                let height = row * Double(lines[index].count)
                let midY = top + height / 2
                let center = DevicePoint(x: left + swatch / 2, y: midY)
                switch entry.swatch {
                case let .line(color, width, dash):
                    let segment = DevicePath.polyline([DevicePoint(x: left, y: midY), DevicePoint(x: left + swatch, y: midY)])
                    let lineWidth = width ?? metrics.lineWidth
                    // Butt caps keep the swatch's length exact; a dotted line's dots are round
                    // caps on dashes of no length, as on the plot (butt caps would erase them).
                    let cap: LineCap = dash == .dotted ? .round : .butt
                    // A line that would vanish on the box (a white path on a light box) gets the
                    // outline in the ink colour, as such paths have a halo on the plot.
                    if color.contrastRatio(with: theme.boxBackground) < minimumSwatchContrast {
                        renderer.stroke(segment, style: StrokeStyle(color: theme.ink, width: lineWidth + 2 * Swift.max(1, 0.35 * lineWidth),
                                                                    dash: dash.pattern(metrics), cap: cap))
                    }
                    renderer.stroke(segment, style: StrokeStyle(color: color, width: lineWidth, dash: dash.pattern(metrics), cap: cap))
                case let .marker(shape, fill, edge, size):
                    renderer.drawMarkers(shape, at: [center], size: size ?? metrics.markerSize, fill: fill, edge: edge,
                                         edgeWidth: max(1, (size ?? metrics.markerSize) * 0.14))
                case let .patch(color):
                    renderer.fill(.rectangle(DeviceRect(center: center, width: swatch * 0.8, height: row * 0.6)), color: color)
                case .none:
                    break
                }
                for (line, text) in lines[index].enumerated() {
                    renderer.drawText(text, at: DevicePoint(x: left + swatch + metrics.gap * 1.5, y: top + row * (Double(line) + 0.5)), style: style,
                                      anchor: TextAnchor(.left, .middle))
                }
                top += height
            }
            left += (column < widths.count ? widths[column] : 0) + columnGap(metrics)
        }
    }
}
