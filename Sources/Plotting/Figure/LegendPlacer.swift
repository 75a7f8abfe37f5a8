/// Chooses where a panel's legend goes and how large it is drawn.
///
/// The legend first shrinks (down to 0.6 of the figure's text size) until it fits inside the
/// plot area. With `.automatic` placement every candidate corner (`LegendCorner.allCases`, in
/// order) is scored by what its box, grown by half a gap, would cover: the data ink of scatter
/// markers, density cells, lines, paths and bars (`DataInk`) and the boxes of texts, notes,
/// annotations and bar value labels (hard), and the sample points of other marks such as bands
/// and arrows (soft). The first corner that covers nothing hard wins (fewest soft samples
/// first); if every corner covers data at full size the legend is tried at 0.85 and 0.7 of
/// that size; if it still covers data everywhere it goes beside the plot area (see
/// `FigureLayout`), or where it covers least when that would leave the plot too narrow.
enum LegendPlacer {
    /// Where a legend goes and how it is drawn.
    struct Placement {
        var rect: DeviceRect
        var metrics: FigureMetrics
        var arrangement: LegendBox.Arrangement
        /// Whether the box covers data or texts, or does not fit inside the plot area even shrunk
        /// (no good place inside the plot area was found).
        var fitsBadly = false
        /// Whether the box sticks out of the plot area (over the axes) even shrunk to 0.6.
        var spills = false
    }

    /// A legend beside the plot area (`.outside`, or an automatic legend that would cover data
    /// in every corner): its size (the rect's origin is meaningless), shrunk (at least 0.6) and
    /// in columns if needed to fit `height`.
    static func outside(axes: Axes, height: Double, metrics: FigureMetrics, renderer: any Renderer) -> Placement? {
        let entries = axes.legendEntries
        guard !entries.isEmpty, axes.legendPlacement != .hidden else { return nil }
        // Only the height constrains it: fit it into a box as wide as it wants.
        let plot = DeviceRect(x: 0, y: 0, width: 1e9, height: height)
        let (m, arrangement) = fitting(entries: entries, plot: plot, metrics: metrics, renderer: renderer)
        let size = LegendBox.size(entries: entries, metrics: m, renderer: renderer, arrangement: arrangement)
        return Placement(rect: DeviceRect(x: 0, y: 0, width: size.width, height: size.height), metrics: m, arrangement: arrangement)
    }

    /// The legend's box, the metrics to draw it with and its columns, or nil without a legend.
    static func place(axes: Axes, transform: AxesTransform, metrics: FigureMetrics, formatter: TickFormatter,
                      renderer: any Renderer) -> Placement? {
        let entries = axes.legendEntries
        guard !entries.isEmpty else { return nil }
        let plot = transform.plotRect
        let (base, arrangement) = fitting(entries: entries, plot: plot, metrics: metrics, renderer: renderer)
        func rect(_ corner: LegendCorner, _ m: FigureMetrics) -> DeviceRect {
            let size = LegendBox.size(entries: entries, metrics: m, renderer: renderer, arrangement: arrangement)
            return corner.rect(width: size.width, height: size.height, in: plot, inset: m.gap * 1.5)
        }
        switch axes.legendPlacement {
        case .hidden, .outside: return nil
        case let .corner(corner): return Placement(rect: rect(corner, base), metrics: base, arrangement: arrangement)
        case .automatic: break
        }
        let inks = axes.marks.compactMap { DataInk.of($0, transform: transform, metrics: metrics) }
        let obstacles = textObstacles(of: axes, transform: transform, metrics: metrics, formatter: formatter, renderer: renderer)
        let softPoints = axes.marks.filter { !DataInk.shows($0) && !($0 is TextMark) }
            .flatMap { $0.samplePoints(in: transform) }
        func cost(_ box: DeviceRect) -> (hard: Double, soft: Int) {
            let grown = OrientedRect(box.insetBy(dx: -metrics.gap / 2, dy: -metrics.gap / 2))
            var hard = inks.reduce(0) { $0 + $1.coverage(of: grown).weight }
            hard += Double(obstacles.filter { $0.intersects(grown.bounds) }.count) * 10
            let sampleBox = box.insetBy(dx: -metrics.gap, dy: -metrics.gap)
            let soft = softPoints.reduce(0) { $0 + (sampleBox.contains($1) ? 1 : 0) }
            return (hard, soft)
        }
        var fallback: (rect: DeviceRect, metrics: FigureMetrics, hard: Double, soft: Int)?
        for factor in [1, 0.85, 0.7] {
            let m = FigureMetrics(scale: max(base.scale * factor, min(base.scale, metrics.scale * 0.6)))
            if factor < 1 && m.scale >= base.scale { break }
            var best: (rect: DeviceRect, soft: Int)?
            for corner in LegendCorner.allCases {
                let box = rect(corner, m)
                let (hard, soft) = cost(box)
                if hard == 0, best == nil || soft < best!.soft { best = (box, soft) }
                if factor == 1, fallback == nil || hard < fallback!.hard || (hard == fallback!.hard && soft < fallback!.soft) {
                    fallback = (box, m, hard, soft)
                }
            }
            if let best {
                let inside = best.rect.minX >= plot.minX - 0.5 && best.rect.maxX <= plot.maxX + 0.5
                    && best.rect.minY >= plot.minY - 0.5 && best.rect.maxY <= plot.maxY + 0.5
                return Placement(rect: best.rect, metrics: m, arrangement: arrangement, fitsBadly: !inside, spills: !inside)
            }
        }
        guard let fallback else { return nil }
        let inside = fallback.rect.minX >= plot.minX - 0.5 && fallback.rect.maxX <= plot.maxX + 0.5
            && fallback.rect.minY >= plot.minY - 0.5 && fallback.rect.maxY <= plot.maxY + 0.5
        return Placement(rect: fallback.rect, metrics: fallback.metrics, arrangement: arrangement, fitsBadly: true, spills: !inside)
    }

    /// The arrangement and metrics of a legend that fits the plot area less the insets: one
    /// column at full size when it fits; else the arrangement (up to 4 columns, labels on one
    /// line, or wrapped onto two when one line would need shrinking below 0.8) that needs the
    /// least shrinking, with the figure's metrics scaled by that factor (at least 0.6). So a legend of many entries in a short, wide plot
    /// gets columns, and a long label in a narrow plot two lines, instead of tiny text or
    /// spilling over the axes.
    static func fitting(entries: [LegendEntry], plot: DeviceRect, metrics: FigureMetrics, renderer: any Renderer)
        -> (metrics: FigureMetrics, arrangement: LegendBox.Arrangement) {
        let inset = 2 * metrics.gap * 1.5
        let availableWidth = plot.width - inset, availableHeight = plot.height - inset
        guard availableWidth > 0, availableHeight > 0 else { return (metrics, LegendBox.Arrangement()) }
        let style = LegendBox.textStyle(metrics, ink: .black)
        let widestEms = (entries.map { renderer.measureText($0.label, style: style).width }.max() ?? 0) / style.size
        let canWrap = entries.contains { $0.label.contains(" ") }
        var best: (factor: Double, arrangement: LegendBox.Arrangement)?
        // Labels on one line first; wrapped only when one line would shrink below 0.8.
        for wrapEms in [nil] + (canWrap ? [widestEms * 0.6] : []) {
            if wrapEms != nil, let best, best.factor >= 0.8 { break }
            for columns in 1...max(1, min(4, entries.count)) {
                let arrangement = LegendBox.Arrangement(columns: columns, wrapEms: wrapEms)
                let size = LegendBox.size(entries: entries, metrics: metrics, renderer: renderer, arrangement: arrangement)
                guard size.width > 0, size.height > 0 else { continue }
                let factor = min(1, availableWidth / size.width, availableHeight / size.height)
                if best == nil || factor > best!.factor + 1e-9 { best = (factor, arrangement) }
                if factor >= 1 { break }
            }
        }
        guard let best else { return (metrics, LegendBox.Arrangement()) }
        guard best.factor < 1 else { return (metrics, best.arrangement) }
        return (FigureMetrics(scale: metrics.scale * max(0.6, best.factor)), best.arrangement)
    }

    /// The boxes of the panel's texts the legend must not hide: text marks and notes,
    /// annotations and bar value labels.
    static func textObstacles(of axes: Axes, transform: AxesTransform, metrics: FigureMetrics, formatter: TickFormatter,
                              renderer: any Renderer) -> [DeviceRect] {
        var result: [DeviceRect] = []
        for mark in axes.marks {
            switch mark {
            case let text as TextMark:
                result.append(text.coveredRect(transform: transform, metrics: metrics, renderer: renderer))
            case let annotation as AnnotationMark:
                result.append(annotation.coveredRect(transform: transform, metrics: metrics, renderer: renderer))
            case let bars as BarMark:
                for label in bars.drawnValueLabels(transform: transform, metrics: metrics, formatter: formatter, renderer: renderer) {
                    result.append(renderer.textBox(label.text, at: label.point, style: label.style, anchor: label.anchor))
                }
            default: break
            }
        }
        return result
    }
}
