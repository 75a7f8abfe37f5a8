import Foundation

/// Where everything of a figure goes, computed from the text that has to fit.
///
/// Margins come from measured tick labels, axis labels, panel titles and colorbars, so no
/// text leaves the figure; panels in one grid column share left and right margins and
/// panels in one row share top and bottom margins, so plot areas line up. Titles, axis and
/// colorbar labels that are too long for their space are scaled down or wrapped onto two lines
/// (`TextBlock`); tick labels never overlap (`AxisTickLayout`); the legend shrinks to fit and
/// goes where it covers no data (`LegendPlacer`).
struct FigureLayout {
    /// The layout of one panel.
    struct Panel {
        /// The panel's cell in the grid; with equal aspect, the part of it around the shrunken,
        /// centred plot area (axis labels and the panel title follow it).
        var cell: DeviceRect
        /// The data → device map (its `plotRect` is the plot area).
        var transform: AxesTransform
        /// The x ticks with their labels.
        var xTicks: [Tick]
        /// The y ticks with their labels.
        var yTicks: [Tick]
        /// Unlabelled minor x ticks (log axes).
        var xMinorTicks: [Double] = []
        /// Unlabelled minor y ticks (log axes).
        var yMinorTicks: [Double] = []
        /// Whether the x ticks were located (false for custom ticks).
        var xTicksLocated = true
        /// Whether the y ticks were located (false for custom ticks).
        var yTicksLocated = true
        /// The x tick labels' size relative to the tick font (long custom labels shrink).
        var xTickScale = 1.0
        /// Whether every second x tick label sits one line lower (long custom labels).
        var xTicksStaggered = false
        /// Whether the x tick labels are turned to read upwards (custom labels that do not fit
        /// side by side).
        var xTicksRotated = false
        /// The colorbar's bar, if any.
        var colorbarRect: DeviceRect?
        /// The colorbar's value → device map (values along y).
        var colorbarTransform: AxesTransform?
        /// The colorbar's ticks.
        var colorbarTicks: [Tick]
        /// Unlabelled minor colorbar ticks (log colour scales).
        var colorbarMinorTicks: [Double] = []
        /// The legend box, if a legend is drawn.
        var legendRect: DeviceRect?
        /// The metrics the legend is drawn with: the figure's, scaled down when the legend at
        /// full size would not fit the plot area (or covers data in every corner).
        var legendMetrics: FigureMetrics?
        /// The legend's columns and label wrapping (for legends that would not fit otherwise).
        var legendArrangement = LegendBox.Arrangement()
        /// Whether the legend sits beside the plot area (right of it and of a colorbar).
        var legendOutside = false
        /// The width kept free for an outside legend at the right edge of the cell.
        var legendReserve = 0.0
        /// The panel title, fitted to the cell's width.
        var title: TextBlock?
        /// The x-axis label, fitted to the cell's width.
        var xLabel: TextBlock?
        /// The y-axis label, fitted to the plot area's height (plus the tick label bands above
        /// and below it).
        var yLabel: TextBlock?
        /// The colorbar label, fitted like the y-axis label.
        var colorbarLabel: TextBlock?
    }

    /// The figure's size in pixels.
    var width: Double
    /// The figure's height in pixels.
    var height: Double
    /// The text and line sizes.
    var metrics: FigureMetrics
    /// The top of the title block (nil without title).
    var titleTop: Double?
    /// The title's lines and size (a dynamic title: one line at full size, fitted when drawn).
    var title: TextBlock?
    /// The first pixel row below the title block (0 without a title): the figure from this row
    /// down is its picture without the title band. The subtitle starts half a gap lower.
    var titleBandRow: Int {
        guard let titleTop, let title else { return 0 }
        return min(Int(height) - 1, max(0, Int((titleTop + title.height).rounded(.up))))
    }
    /// The top of the subtitle (nil without subtitle).
    var subtitleTop: Double?
    /// The subtitle's lines and size.
    var subtitle: TextBlock?
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

    /// What one panel needs at a given plot size.
    private struct Requirement {
        var margins: Margins
        var limits: (x: AxisLimits, y: AxisLimits)
        var xTicks: AxisTicks
        var yTicks: AxisTicks
        var colorbarTicks: AxisTicks
        var yLabel: TextBlock?
        var colorbarLabel: TextBlock?
        /// The legend beside the plot area (size and drawing), when it goes outside.
        var outsideLegend: LegendPlacer.Placement?
    }

    /// The smallest share of its grid cell (width or height) that a panel's plot area gets
    /// before equal aspect shrinks it.
    private(set) var smallestPlotShare = 1.0

    /// Whether a legend sticks out of its plot area (it fitted nowhere, not even beside it).
    private(set) var legendSpills = false

    /// The share of a cell below which a crowded figure is laid out at a smaller text scale.
    static let minimumPlotShare = 0.4

    /// Lays out `figure`, measuring text with `renderer`.
    ///
    /// A figure so crowded for its size that a plot area would get less than
    /// `minimumPlotShare` of its cell's width or height (many panels, long labels, colorbars), or
    /// that a legend fits nowhere, is laid out as at a smaller size: with its metrics scaled by
    /// 0.85, 0.7 or at least 0.6, whichever first leaves every plot area that share and every
    /// legend a place.
    init(figure: Figure, measuringWith renderer: any Renderer) {
        var layout = FigureLayout(figure: figure, renderer: renderer, metrics: figure.metrics)
        for factor in [0.85, 0.7, 0.6] where layout.smallestPlotShare < FigureLayout.minimumPlotShare || layout.legendSpills {
            layout = FigureLayout(figure: figure, renderer: renderer, metrics: FigureMetrics(scale: figure.metrics.scale * factor))
        }
        self = layout
    }

    /// Lays out `figure` with `metrics`.
    private init(figure: Figure, renderer: any Renderer, metrics: FigureMetrics) {
        self.metrics = metrics
        width = Double(figure.size.width)
        height = Double(figure.size.height)
        let formatter = figure.formatter
        let tickStyle = TextStyle(size: metrics.tickFontSize, color: .black)
        let labelStyle = TextStyle(size: metrics.axisLabelFontSize, color: .black)
        let tickHeight = renderer.measureText("0", style: tickStyle).height
        let contentWidth = width - 2 * metrics.outerPadding

        // Title block.
        var top = metrics.outerPadding
        if let text = figure.title, !text.isEmpty {
            titleTop = top
            let style = TextStyle(size: metrics.titleFontSize, color: .black, weight: .bold)
            // A dynamic title changes per frame: one line is reserved, fitted when drawn.
            let block = TextBlock.fit(text, style: style, width: figure.titleLayer == .dynamic ? .infinity : contentWidth, renderer: renderer)
            title = block
            top += block.height + metrics.gap / 2
        }
        if let text = figure.subtitle, !text.isEmpty {
            subtitleTop = top
            let block = TextBlock.fit(text, style: TextStyle(size: metrics.subtitleFontSize, color: .black), width: contentWidth, renderer: renderer)
            subtitle = block
            top += block.height
        }
        if titleTop != nil || subtitleTop != nil { top += metrics.gap * 2 }

        // Caption block at the bottom.
        var bottomReserve = metrics.outerPadding
        if let caption = figure.caption, !caption.isEmpty {
            let style = TextStyle(size: metrics.subtitleFontSize, color: .black)
            captionLines = FigureLayout.wrap(caption, width: contentWidth, style: style, renderer: renderer)
            let lineHeight = renderer.measureText("Ag", style: style).height * 1.25
            let blockHeight = Double(captionLines.count) * lineHeight
            captionTop = figure.panels.isEmpty ? top + metrics.gap * 2 : height - metrics.outerPadding - blockHeight
            bottomReserve += blockHeight + metrics.gap * 3
        }

        // Grid cells.
        let content = DeviceRect(x: metrics.outerPadding, y: top, width: contentWidth, height: height - bottomReserve - top)
        let cells = FigureLayout.cells(in: content, rows: figure.rows, columns: figure.columns,
                                       columnWidths: figure.columnWidths, rowHeights: figure.rowHeights, spacing: metrics.panelSpacing)
        let baseLimits = figure.panels.map { $0.resolvedLimits() }
        let tickLayout = AxisTickLayout(formatter: formatter, renderer: renderer, style: tickStyle, gap: metrics.gap, tickLength: metrics.tickLength)

        // Texts whose space does not depend on the plot size.
        let panelTitles: [TextBlock?] = figure.panels.indices.map { index in
            guard let text = figure.panels[index].title, !text.isEmpty else { return nil }
            return TextBlock.fit(text, style: TextStyle(size: metrics.panelTitleFontSize, color: .black, weight: .bold),
                                 width: cells[index].width, renderer: renderer)
        }
        let xLabels: [TextBlock?] = figure.panels.indices.map { index in
            guard let text = figure.panels[index].xLabel, !text.isEmpty else { return nil }
            return TextBlock.fit(text, style: labelStyle, width: cells[index].width, minimumScale: 0.75, renderer: renderer)
        }

        func widest(_ ticks: [Tick], style: TextStyle? = nil) -> Double {
            ticks.map { renderer.measureText($0.label, style: style ?? tickStyle).width }.max() ?? 0
        }

        /// The limits of a panel, with room above (below) bars for their value labels.
        func panelLimits(_ index: Int, plotHeight: Double) -> (x: AxisLimits, y: AxisLimits) {
            let axes = figure.panels[index]
            var (x, y) = baseLimits[index]
            guard axes.yLimits == nil, axes.yScale == .linear, plotHeight > 0 else { return (x, y) }
            let bars = axes.marks.compactMap { $0 as? BarMark }.filter(\.showValues)
            let values = bars.flatMap { $0.values.filter(\.isFinite) }
            guard !values.isEmpty else { return (x, y) }
            let labelHeight = renderer.measureText("0", style: TextStyle(size: metrics.tickFontSize * 0.9, color: .black)).height
            let needed = (labelHeight + metrics.gap / 2 + metrics.gap / 4) / plotHeight
            guard needed < 0.4 else { return (x, y) }
            var low = min(y.lower, y.upper), high = max(y.lower, y.upper)
            let top = values.filter { $0 >= 0 }.max(), bottom = values.filter { $0 < 0 }.min()
            for _ in 0..<40 {
                let room = (high - low) * needed
                if let top { high = max(high, top + room) }
                if let bottom { low = min(low, bottom - room) }
            }
            y = AxisLimits(low, high)
            return (x, y)
        }

        /// The margins one panel needs for ticks computed at the given plot size.
        func requirement(_ index: Int, plotWidth: Double, plotHeight: Double, innerHeight: Double, legendOutside: Bool) -> Requirement {
            let axes = figure.panels[index]
            let limits = panelLimits(index, plotHeight: plotHeight)
            let (xl, yl) = limits
            let xTicks = tickLayout.ticks(limits: xl, scale: axes.xScale, custom: axes.customXTicks, length: plotWidth, horizontal: true)
            let yTicks = tickLayout.ticks(limits: yl, scale: axes.yScale, custom: axes.customYTicks, length: plotHeight, horizontal: false)
            var m = Margins(left: 0, right: 0, top: 0, bottom: 0)
            let xTickRows = xTicks.staggered ? 1 + TextBlock.lineSpacing : 1
            var xTickStyle = tickStyle
            xTickStyle.size *= xTicks.labelScale
            let xTickBand = xTicks.rotated ? widest(xTicks.major, style: xTickStyle) : tickHeight * xTicks.labelScale * xTickRows
            m.bottom = metrics.tickLength + metrics.gap + xTickBand + (xLabels[index].map { $0.height + metrics.gap } ?? 0)
            m.top = tickHeight / 2 + metrics.gap / 2
            if let title = panelTitles[index] {
                m.top = max(m.top, title.height + max(metrics.gap * 1.5, tickHeight / 2 + metrics.gap / 2))
            }
            // Rotated labels beside the plot may reach past its ends into the tick label bands
            // and, with equal aspect, into the space left above and below the plot; not past a
            // panel title that reaches over them.
            let titleGap = max(metrics.gap * 1.5, tickHeight / 2 + metrics.gap / 2)
            let slack = max(0, innerHeight - plotHeight) / 2
            func narrower(_ block: TextBlock?, weight: FontWeight) -> Bool {
                guard let block else { return true }
                let widest = block.lines.map { renderer.measureText($0, style: TextStyle(size: block.size, color: .black, weight: weight)).width }.max() ?? 0
                return widest <= plotWidth
            }
            let above = narrower(panelTitles[index], weight: .bold) ? m.top + slack : min(m.top, titleGap)
            let tickBand = metrics.tickLength + metrics.gap + tickHeight
            let below = narrower(xLabels[index], weight: .regular) ? tickBand + slack : tickBand
            let sideLabelLength = min(cells[index].height, plotHeight + 2 * min(above, below))
            let yLabel = axes.yLabel.flatMap { $0.isEmpty ? nil : TextBlock.fit($0, style: labelStyle, width: sideLabelLength, minimumScale: 0.75, renderer: renderer) }
            m.left = widest(yTicks.major) + metrics.tickLength + metrics.gap + (yLabel.map { $0.height + metrics.gap } ?? 0)
            var colorbarTicks = AxisTicks(major: [])
            var colorbarLabel: TextBlock?
            if let colorbar = axes.colorbar {
                let scale = colorbar.scale
                colorbarTicks = tickLayout.ticks(limits: AxisLimits(scale.lower, scale.upper), scale: scale.axisScale, custom: nil,
                                                 length: plotHeight, horizontal: false, colorbar: true)
                colorbarLabel = colorbar.label.flatMap { $0.isEmpty ? nil : TextBlock.fit($0, style: labelStyle, width: sideLabelLength, minimumScale: 0.75, renderer: renderer) }
                m.right = metrics.colorbarGap + metrics.colorbarWidth + metrics.tickLength + metrics.gap + widest(colorbarTicks.major)
                    + (colorbarLabel.map { metrics.gap + $0.height } ?? 0)
            }
            // Outermost x tick labels overhang the plot area by up to half their width.
            if !xTicks.major.isEmpty {
                let t = AxesTransform(plotRect: DeviceRect(x: 0, y: 0, width: plotWidth, height: 1), xLimits: xl, yLimits: AxisLimits(0, 1), xScale: axes.xScale)
                var style = tickStyle
                style.size *= xTicks.labelScale
                for tick in xTicks.major {
                    let size = renderer.measureText(tick.label, style: style)
                    let half = xTicks.rotated ? size.height / 2 : size.width / 2
                    m.left = max(m.left, half - t.deviceX(tick.value))
                    m.right = max(m.right, half - (plotWidth - t.deviceX(tick.value)) + metrics.gap / 2)
                }
            }
            m.bottom = max(m.bottom, tickHeight / 2)
            var outside: LegendPlacer.Placement?
            if legendOutside, let legend = LegendPlacer.outside(axes: axes, height: plotHeight, metrics: metrics, renderer: renderer) {
                outside = legend
                m.right += metrics.gap * 2 + legend.rect.width
            }
            return Requirement(margins: m, limits: limits, xTicks: xTicks, yTicks: yTicks, colorbarTicks: colorbarTicks,
                               yLabel: yLabel, colorbarLabel: colorbarLabel, outsideLegend: outside)
        }

        /// The plot size inside `width` x `height` for a panel: all of it, or with equal aspect
        /// the largest rectangle in which one data unit is as long in x as in y.
        func fitted(_ index: Int, width: Double, height: Double, limits: (x: AxisLimits, y: AxisLimits)) -> (width: Double, height: Double) {
            let axes = figure.panels[index]
            let w = max(1, width), h = max(1, height)
            guard axes.aspect == .equal, axes.xScale == .linear, axes.yScale == .linear else { return (w, h) }
            let spanX = abs(limits.x.upper - limits.x.lower), spanY = abs(limits.y.upper - limits.y.lower)
            guard spanX > 0, spanY > 0, spanX.isFinite, spanY.isFinite else { return (w, h) }
            let unit = min(w / spanX, h / spanY)
            return (min(w, spanX * unit), min(h, spanY * unit))
        }

        /// The panels laid out with the legends of the panels in `outside` beside their plots;
        /// the smallest plot share; the panels whose automatic legend covers data in every corner
        /// or does not fit the plot area.
        func build(outside: Set<Int>) -> (panels: [Panel], smallest: Double, covering: [(index: Int, spills: Bool)]) {
            // Rounds until the plot sizes settle: ticks depend on the plot size, which depends on
            // the margins, which depend on the ticks.
            var plotSizes = cells.map { (width: $0.width * 0.8, height: $0.height * 0.8) }
            var innerHeights = plotSizes.map(\.height)
            var margins: [Margins] = []
            var required: [Requirement] = []
            for _ in 0..<4 {
                required = figure.panels.indices.map {
                    requirement($0, plotWidth: max(1, plotSizes[$0].width), plotHeight: max(1, plotSizes[$0].height), innerHeight: innerHeights[$0],
                                legendOutside: outside.contains($0))
                }
                margins = required.map(\.margins)
                // Share margins along grid rows and columns.
                for index in figure.panels.indices {
                    let row = index / figure.columns, column = index % figure.columns
                    let sameColumn = figure.panels.indices.filter { $0 % figure.columns == column }
                    let sameRow = figure.panels.indices.filter { $0 / figure.columns == row }
                    margins[index].left = sameColumn.map { required[$0].margins.left }.max() ?? 0
                    margins[index].right = sameColumn.map { required[$0].margins.right }.max() ?? 0
                    margins[index].top = sameRow.map { required[$0].margins.top }.max() ?? 0
                    margins[index].bottom = sameRow.map { required[$0].margins.bottom }.max() ?? 0
                }
                innerHeights = figure.panels.indices.map { cells[$0].height - margins[$0].top - margins[$0].bottom }
                let sizes = figure.panels.indices.map {
                    fitted($0, width: cells[$0].width - margins[$0].left - margins[$0].right, height: innerHeights[$0], limits: required[$0].limits)
                }
                let settled = zip(sizes, plotSizes).allSatisfy { abs($0.width - $1.width) < 0.5 && abs($0.height - $1.height) < 0.5 }
                plotSizes = sizes
                if settled { break }
            }

            var smallest = 1.0
            var covering: [(index: Int, spills: Bool)] = []
            let panels = figure.panels.indices.map { index in
                let axes = figure.panels[index]
                let requirement = required[index]
                var cell = cells[index]
                let m = margins[index]
                let inner = cell.insetBy(top: m.top, left: m.left, bottom: m.bottom, right: m.right)
                smallest = min(smallest, cell.width > 0 ? inner.width / cell.width : 1, cell.height > 0 ? inner.height / cell.height : 1)
                let (xl, yl) = requirement.limits
                let size = fitted(index, width: inner.width, height: inner.height, limits: requirement.limits)
                var plot = inner
                let fullCell = cell
                if size.width < inner.width || size.height < inner.height {
                    // Equal aspect: the plot area shrinks in one direction and is centred; the cell
                    // shrinks with it so ticks, labels and the colorbar stay around the plot.
                    let dx = inner.width - size.width, dy = inner.height - size.height
                    plot = DeviceRect(x: inner.minX + dx / 2, y: inner.minY + dy / 2, width: size.width, height: size.height)
                    cell = DeviceRect(x: cell.minX + dx / 2, y: cell.minY + dy / 2, width: cell.width - dx, height: cell.height - dy)
                }
                let transform = AxesTransform(plotRect: plot, xLimits: xl, yLimits: yl, xScale: axes.xScale, yScale: axes.yScale)
                var panel = Panel(cell: cell, transform: transform, xTicks: requirement.xTicks.major, yTicks: requirement.yTicks.major,
                                  xMinorTicks: requirement.xTicks.minor, yMinorTicks: requirement.yTicks.minor,
                                  xTicksLocated: requirement.xTicks.located, yTicksLocated: requirement.yTicks.located,
                                  xTickScale: requirement.xTicks.labelScale, xTicksStaggered: requirement.xTicks.staggered,
                                  xTicksRotated: requirement.xTicks.rotated,
                                  colorbarRect: nil, colorbarTransform: nil, colorbarTicks: requirement.colorbarTicks.major,
                                  colorbarMinorTicks: requirement.colorbarTicks.minor, legendRect: nil,
                                  title: panelTitles[index], xLabel: xLabels[index], yLabel: requirement.yLabel,
                                  colorbarLabel: requirement.colorbarLabel)
                if let colorbar = axes.colorbar {
                    let rect = DeviceRect(x: plot.maxX + metrics.colorbarGap, y: plot.minY, width: metrics.colorbarWidth, height: plot.height)
                    panel.colorbarRect = rect
                    panel.colorbarTransform = AxesTransform(plotRect: rect, xLimits: AxisLimits(0, 1),
                                                            yLimits: AxisLimits(colorbar.scale.lower, colorbar.scale.upper),
                                                            yScale: colorbar.scale.axisScale)
                }
                if let legend = requirement.outsideLegend {
                    // At the right edge of the cell, level with the plot's top.
                    panel.legendRect = DeviceRect(x: cell.maxX - legend.rect.width, y: plot.minY, width: legend.rect.width, height: legend.rect.height)
                    panel.legendMetrics = legend.metrics
                    panel.legendArrangement = legend.arrangement
                    panel.legendOutside = true
                    panel.legendReserve = legend.rect.width + metrics.gap * 2
                } else if let legend = LegendPlacer.place(axes: axes, transform: transform, metrics: metrics, formatter: formatter, renderer: renderer) {
                    panel.legendRect = legend.rect
                    panel.legendMetrics = legend.metrics
                    panel.legendArrangement = legend.arrangement
                    if legend.fitsBadly {
                        // With equal aspect the space the plot left free may hold it: right of
                        // the panel, or below it.
                        if let beside = LegendPlacer.outside(axes: axes, height: plot.height, metrics: metrics, renderer: renderer) {
                            let size = beside.rect
                            if fullCell.maxX - cell.maxX >= size.width + metrics.gap {
                                panel.legendRect = DeviceRect(x: cell.maxX + metrics.gap, y: plot.minY, width: size.width, height: size.height)
                            } else if fullCell.maxY - cell.maxY >= size.height + metrics.gap, size.width <= fullCell.width {
                                let x = min(max(plot.midX - size.width / 2, fullCell.minX), fullCell.maxX - size.width)
                                panel.legendRect = DeviceRect(x: x, y: cell.maxY + metrics.gap, width: size.width, height: size.height)
                            }
                            if panel.legendRect != legend.rect {
                                panel.legendMetrics = beside.metrics
                                panel.legendArrangement = beside.arrangement
                                panel.legendOutside = true
                            }
                        }
                        if !panel.legendOutside { covering.append((index, legend.spills)) }
                    }
                }
                return panel
            }
            return (panels, smallest, covering)
        }

        // A legend that covers data wherever it goes inside the plot area moves beside it when
        // every plot area (margins are shared along rows and columns) keeps at least half its
        // cell's width (or its width); one that does not even fit inside the plot area (and
        // would spill over the axes) moves when the plot areas keep 60 % of their width.
        // Panels are tried one at a time, in order.
        let explicit = Set(figure.panels.indices.filter { figure.panels[$0].legendPlacement == .outside })
        var outside = explicit
        var result = build(outside: outside)
        for (index, spills) in result.covering {
            let moved = build(outside: outside.union([index]))
            let acceptable = figure.panels.indices.allSatisfy { panel in
                let before = result.panels[panel].transform.plotRect.width, after = moved.panels[panel].transform.plotRect.width
                return cells[panel].width <= 0 || after >= before - 0.5 || (spills ? after >= 0.6 * before : after >= 0.5 * cells[panel].width)
            }
            if acceptable {
                outside.insert(index)
                result = moved
            }
        }
        legendSpills = result.covering.contains { covering in covering.spills && !outside.contains(covering.index) }
        panels = result.panels
        let smallest = result.smallest
        smallestPlotShare = smallest
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
