import Foundation

/// Where everything of a figure goes, computed from the text that has to fit.
///
/// Margins come from measured tick labels, axis labels, panel titles and colorbars, so no
/// text leaves the figure; panels in one grid column share left and right margins and
/// panels in one row share top and bottom margins, so plot areas line up.
struct FigureLayout {
    /// The layout of one panel.
    struct Panel {
        /// The panel's cell in the grid.
        var cell: DeviceRect
        /// The data → device map (its `plotRect` is the plot area).
        var transform: AxesTransform
        /// The x ticks with their labels.
        var xTicks: [Tick]
        /// The y ticks with their labels.
        var yTicks: [Tick]
        /// The colorbar's bar, if any.
        var colorbarRect: DeviceRect?
        /// The colorbar's value → device map (values along y).
        var colorbarTransform: AxesTransform?
        /// The colorbar's ticks.
        var colorbarTicks: [Tick]
        /// The legend box and its corner, if a legend is drawn.
        var legendRect: DeviceRect?
        /// The metrics the legend is drawn with: the figure's, scaled down when the legend at
        /// full size would be wider than the plot area.
        var legendMetrics: FigureMetrics?
    }

    /// The figure's size in pixels.
    var width: Double
    /// The figure's height in pixels.
    var height: Double
    /// The text and line sizes.
    var metrics: FigureMetrics
    /// The top of the title block (nil without title).
    var titleTop: Double?
    /// The top of the subtitle (nil without subtitle).
    var subtitleTop: Double?
    /// The caption's lines, already wrapped to the figure's width.
    var captionLines: [String] = []
    /// The top of the caption block (nil without caption).
    var captionTop: Double?
    /// The panels in `Figure.panels` order.
    var panels: [Panel]

    /// Sizes of the parts of a panel's margins.
    private struct Margins {
        var left: Double, right: Double, top: Double, bottom: Double
    }

    /// Lays out `figure`, measuring text with `renderer`.
    init(figure: Figure, measuringWith renderer: any Renderer) {
        let metrics = figure.metrics
        self.metrics = metrics
        width = Double(figure.size.width)
        height = Double(figure.size.height)
        let formatter = figure.formatter
        let tickStyle = TextStyle(size: metrics.tickFontSize, color: .black)
        let labelHeight = renderer.measureText("Ag", style: TextStyle(size: metrics.axisLabelFontSize, color: .black)).height
        let tickHeight = renderer.measureText("0", style: tickStyle).height
        let panelTitleHeight = renderer.measureText("Ag", style: TextStyle(size: metrics.panelTitleFontSize, color: .black, weight: .bold)).height

        // Title block.
        var top = metrics.outerPadding
        if let title = figure.title, !title.isEmpty {
            titleTop = top
            top += renderer.measureText(title, style: TextStyle(size: metrics.titleFontSize, color: .black, weight: .bold)).height + metrics.gap / 2
        }
        if let subtitle = figure.subtitle, !subtitle.isEmpty {
            subtitleTop = top
            top += renderer.measureText(subtitle, style: TextStyle(size: metrics.subtitleFontSize, color: .black)).height
        }
        if titleTop != nil || subtitleTop != nil { top += metrics.gap * 2 }

        // Caption block at the bottom.
        var bottomReserve = metrics.outerPadding
        if let caption = figure.caption, !caption.isEmpty {
            let style = TextStyle(size: metrics.subtitleFontSize, color: .black)
            captionLines = FigureLayout.wrap(caption, width: width - 2 * metrics.outerPadding, style: style, renderer: renderer)
            let lineHeight = renderer.measureText("Ag", style: style).height * 1.25
            let blockHeight = Double(captionLines.count) * lineHeight
            captionTop = figure.panels.isEmpty ? top + metrics.gap * 2 : height - metrics.outerPadding - blockHeight
            bottomReserve += blockHeight + metrics.gap * 3
        }

        // Grid cells.
        let content = DeviceRect(x: metrics.outerPadding, y: top, width: width - 2 * metrics.outerPadding,
                                 height: height - bottomReserve - top)
        let cells = FigureLayout.cells(in: content, rows: figure.rows, columns: figure.columns,
                                       columnWidths: figure.columnWidths, rowHeights: figure.rowHeights, spacing: metrics.panelSpacing)
        let limits = figure.panels.map { $0.resolvedLimits() }

        func ticks(_ limits: AxisLimits, _ scale: AxisScale, custom: [Tick]?, length: Double, horizontal: Bool) -> [Tick] {
            FigureLayout.ticks(limits: limits, scale: scale, custom: custom, length: length, horizontal: horizontal,
                               formatter: formatter, renderer: renderer, style: tickStyle, gap: metrics.gap)
        }
        func widest(_ ticks: [Tick]) -> Double {
            ticks.map { renderer.measureText($0.label, style: tickStyle).width }.max() ?? 0
        }

        /// The margins one panel needs for ticks computed at the given plot size.
        func requiredMargins(_ index: Int, plotWidth: Double, plotHeight: Double) -> (Margins, [Tick], [Tick], [Tick]) {
            let axes = figure.panels[index]
            let (xl, yl) = limits[index]
            let xTicks = ticks(xl, axes.xScale, custom: axes.customXTicks, length: plotWidth, horizontal: true)
            let yTicks = ticks(yl, axes.yScale, custom: axes.customYTicks, length: plotHeight, horizontal: false)
            var m = Margins(left: 0, right: 0, top: 0, bottom: 0)
            m.left = widest(yTicks) + metrics.tickLength + metrics.gap + (axes.yLabel.map { $0.isEmpty ? 0 : labelHeight + metrics.gap } ?? 0)
            m.bottom = metrics.tickLength + metrics.gap + tickHeight + (axes.xLabel.map { $0.isEmpty ? 0 : labelHeight + metrics.gap } ?? 0)
            m.top = tickHeight / 2 + metrics.gap / 2
            if let title = axes.title, !title.isEmpty { m.top = max(m.top, panelTitleHeight + metrics.gap * 1.5) }
            var colorbarTicks: [Tick] = []
            if let colorbar = axes.colorbar {
                let scale = colorbar.scale
                colorbarTicks = ticks(AxisLimits(scale.lower, scale.upper), scale.axisScale, custom: nil, length: plotHeight, horizontal: false)
                m.right = metrics.colorbarGap + metrics.colorbarWidth + metrics.tickLength + metrics.gap + widest(colorbarTicks)
                    + (colorbar.label.map { $0.isEmpty ? 0 : metrics.gap + labelHeight } ?? 0)
            }
            // Outermost x tick labels overhang the plot area by up to half their width.
            if let first = xTicks.first, let last = xTicks.last {
                let t = AxesTransform(plotRect: DeviceRect(x: 0, y: 0, width: plotWidth, height: 1), xLimits: xl, yLimits: AxisLimits(0, 1), xScale: axes.xScale)
                let firstOverhang = renderer.measureText(first.label, style: tickStyle).width / 2 - t.deviceX(first.value)
                let lastOverhang = renderer.measureText(last.label, style: tickStyle).width / 2 - (plotWidth - t.deviceX(last.value))
                m.left = max(m.left, firstOverhang)
                m.right = max(m.right, lastOverhang + metrics.gap / 2)
            }
            m.bottom = max(m.bottom, tickHeight / 2)
            return (m, xTicks, yTicks, colorbarTicks)
        }

        // Two rounds: ticks depend on the plot size, which depends on the margins.
        var plotSizes = cells.map { (width: $0.width * 0.8, height: $0.height * 0.8) }
        var margins: [Margins] = []
        var tickSets: [([Tick], [Tick], [Tick])] = []
        for _ in 0..<2 {
            let required = figure.panels.indices.map { requiredMargins($0, plotWidth: max(1, plotSizes[$0].width), plotHeight: max(1, plotSizes[$0].height)) }
            tickSets = required.map { ($0.1, $0.2, $0.3) }
            margins = required.map(\.0)
            // Share margins along grid rows and columns.
            for index in figure.panels.indices {
                let row = index / figure.columns, column = index % figure.columns
                let sameColumn = figure.panels.indices.filter { $0 % figure.columns == column }
                let sameRow = figure.panels.indices.filter { $0 / figure.columns == row }
                margins[index].left = sameColumn.map { required[$0].0.left }.max() ?? 0
                margins[index].right = sameColumn.map { required[$0].0.right }.max() ?? 0
                margins[index].top = sameRow.map { required[$0].0.top }.max() ?? 0
                margins[index].bottom = sameRow.map { required[$0].0.bottom }.max() ?? 0
            }
            plotSizes = figure.panels.indices.map {
                (cells[$0].width - margins[$0].left - margins[$0].right, cells[$0].height - margins[$0].top - margins[$0].bottom)
            }
        }

        panels = figure.panels.indices.map { index in
            let axes = figure.panels[index]
            let cell = cells[index], m = margins[index]
            var plot = cell.insetBy(top: m.top, left: m.left, bottom: m.bottom, right: m.right)
            let (xl, yl) = limits[index]
            if axes.equalAspect, axes.xScale == .linear, axes.yScale == .linear {
                let px = plot.width / abs(xl.upper - xl.lower), py = plot.height / abs(yl.upper - yl.lower)
                if px > py {
                    let w = abs(xl.upper - xl.lower) * py
                    plot = DeviceRect(x: plot.minX, y: plot.minY, width: w, height: plot.height)
                } else if py > px {
                    let h = abs(yl.upper - yl.lower) * px
                    plot = DeviceRect(x: plot.minX, y: plot.maxY - h, width: plot.width, height: h)
                }
            }
            let transform = AxesTransform(plotRect: plot, xLimits: xl, yLimits: yl, xScale: axes.xScale, yScale: axes.yScale)
            var panel = Panel(cell: cell, transform: transform, xTicks: tickSets[index].0, yTicks: tickSets[index].1,
                              colorbarRect: nil, colorbarTransform: nil, colorbarTicks: tickSets[index].2, legendRect: nil)
            if let colorbar = axes.colorbar {
                let rect = DeviceRect(x: plot.maxX + metrics.colorbarGap, y: plot.minY, width: metrics.colorbarWidth, height: plot.height)
                panel.colorbarRect = rect
                panel.colorbarTransform = AxesTransform(plotRect: rect, xLimits: AxisLimits(0, 1),
                                                        yLimits: AxisLimits(colorbar.scale.lower, colorbar.scale.upper),
                                                        yScale: colorbar.scale.axisScale)
            }
            let legendMetrics = FigureLayout.legendMetrics(axes: axes, transform: transform, metrics: metrics, renderer: renderer)
            panel.legendMetrics = legendMetrics
            panel.legendRect = FigureLayout.legendRect(axes: axes, transform: transform, metrics: legendMetrics, renderer: renderer)
            return panel
        }
    }

    /// The grid cells, row-major, sized by the relative `columnWidths` and `rowHeights`.
    static func cells(in content: DeviceRect, rows: Int, columns: Int, columnWidths: [Double], rowHeights: [Double], spacing: Double) -> [DeviceRect] {
        func sizes(total: Double, weights: [Double], count: Int) -> [Double] {
            let usable = max(0, total - spacing * Double(count - 1))
            let w = (0..<count).map { $0 < weights.count && weights[$0] > 0 && weights[$0].isFinite ? weights[$0] : 1 }
            let sum = w.reduce(0, +)
            return w.map { usable * $0 / sum }
        }
        let widths = sizes(total: content.width, weights: columnWidths, count: columns)
        let heights = sizes(total: content.height, weights: rowHeights, count: rows)
        var result: [DeviceRect] = []
        var y = content.minY
        for row in 0..<rows {
            var x = content.minX
            for column in 0..<columns {
                result.append(DeviceRect(x: x, y: y, width: widths[column], height: heights[row]))
                x += widths[column] + spacing
            }
            y += heights[row] + spacing
        }
        return result
    }

    /// Ticks for an axis of `length` pixels: custom ones inside the limits, or located ticks
    /// whose count is reduced until horizontal labels do not overlap.
    static func ticks(limits: AxisLimits, scale: AxisScale, custom: [Tick]?, length: Double, horizontal: Bool,
                      formatter: TickFormatter, renderer: any Renderer, style: TextStyle, gap: Double) -> [Tick] {
        let low = min(limits.lower, limits.upper), high = max(limits.lower, limits.upper)
        let tolerance = (high - low) * 1e-9
        if let custom {
            return custom.filter { $0.value >= low - tolerance && $0.value <= high + tolerance && (scale == .linear || $0.value > 0) }
        }
        let spacing = horizontal ? style.size * 4.5 : style.size * 2.6
        var maxCount = max(2, min(10, Int(length / spacing)))
        while true {
            let values = scale == .log
                ? TickLocator.logTicks(lower: low, upper: high, maxCount: maxCount)
                : TickLocator.linearTicks(lower: low, upper: high, maxCount: maxCount)
            let inside = values.filter { $0 >= low - tolerance && $0 <= high + tolerance }
            let labels = scale == .log ? formatter.logLabels(for: inside) : formatter.labels(for: inside)
            let ticks = zip(inside, labels).map { Tick(value: $0, label: $1) }
            if !horizontal || maxCount <= 2 { return ticks }
            let widths = labels.map { renderer.measureText($0, style: style).width }
            let needed = widths.reduce(0, +) + Double(widths.count) * 2 * gap
            if needed <= length { return ticks }
            maxCount -= 1
        }
    }

    /// The figure's metrics, scaled by `(plot width − 2·inset) / legend width` (at least 0.6) when
    /// the legend at full size would be wider than the plot area, so it never spills over the
    /// axis, the tick labels or a colorbar.
    static func legendMetrics(axes: Axes, transform: AxesTransform, metrics: FigureMetrics, renderer: any Renderer) -> FigureMetrics {
        let entries = axes.legendEntries
        guard !entries.isEmpty else { return metrics }
        let width = LegendBox.size(entries: entries, metrics: metrics, renderer: renderer).width
        let available = transform.plotRect.width - 2 * metrics.gap * 1.5
        guard width > available, width > 0, available > 0 else { return metrics }
        return FigureMetrics(scale: metrics.scale * max(0.6, available / width))
    }

    /// The legend box (nil without labelled marks or with a hidden legend).
    static func legendRect(axes: Axes, transform: AxesTransform, metrics: FigureMetrics, renderer: any Renderer) -> DeviceRect? {
        let entries = axes.legendEntries
        guard !entries.isEmpty else { return nil }
        let size = LegendBox.size(entries: entries, metrics: metrics, renderer: renderer)
        let inset = metrics.gap * 1.5
        let plot = transform.plotRect
        let corner: LegendCorner
        switch axes.legendPlacement {
        case .hidden: return nil
        case let .corner(fixed): corner = fixed
        case .automatic:
            let points = axes.marks.flatMap { $0.samplePoints(in: transform) }
            corner = LegendCorner.leastCovered(width: size.width, height: size.height, in: plot, inset: inset,
                                               margin: metrics.gap, points: points)
        }
        return corner.rect(width: size.width, height: size.height, in: plot, inset: inset)
    }

    /// Splits `text` into lines no wider than `width` at spaces (explicit newlines kept); a word
    /// wider than the line stands on its own line.
    static func wrap(_ text: String, width: Double, style: TextStyle, renderer: any Renderer) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if line.isEmpty || renderer.measureText(candidate, style: style).width <= width {
                    line = candidate
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
        }
        return lines
    }
}
