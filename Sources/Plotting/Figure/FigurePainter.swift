import Foundation

/// Draws a laid-out figure: background, titles, and per panel grid, marks, axes, ticks,
/// labels, colorbar and legend, split into the static and the dynamic pass.
///
/// Order of the static pass: figure background and titles (the title only when its layer is
/// static); per panel: grid, static marks
/// (clipped to the plot area), spines, ticks and labels, colorbar, and the legend when the
/// panel has no dynamic marks. The dynamic pass draws a dynamic title, then per panel the dynamic marks (clipped),
/// then the legend of panels that have dynamic marks, so it stays on top. Drawing both
/// passes on one surface equals drawing the static pass, copying it and drawing the dynamic
/// pass on the copy.
///
/// Every part is announced to the renderer with `setDrawingRole(_:)` before it is drawn.
struct FigurePainter {
    let figure: Figure
    let layout: FigureLayout
    let renderer: any Renderer
    /// Without the title band: the title is not drawn and the background starts at
    /// ``FigureLayout/titleBandRow`` (a slide's picture under the slide's own title).
    var untitled = false

    private var metrics: FigureMetrics { layout.metrics }
    private var theme: Theme { figure.theme }

    func draw(layers: LayerSelection) {
        if layers.includes(.static) { drawStatic() }
        if layers.includes(.dynamic) { drawDynamic() }
        renderer.setDrawingRole(nil)
    }

    /// The context for drawing `layer`'s marks; the static data ink is gathered only when that
    /// layer has labelled contours (so frames do not pay for it).
    private func context(_ axes: Axes, _ panel: FigureLayout.Panel, layer: Layer) -> MarkContext {
        var context = MarkContext(renderer: renderer, transform: panel.transform, theme: theme, metrics: metrics, formatter: figure.formatter,
                                  reserved: panel.legendRect.map { [$0] } ?? [])
        if axes.marks.contains(where: { $0.layer == layer && ($0 as? ContourMark)?.labeled == true }) {
            context.dataInk = axes.marks.filter { $0.layer == .static }
                .compactMap { DataInk.of($0, transform: panel.transform, metrics: metrics) }
            // Contour labels also keep clear of the panel's texts (boxed notes drawn after them).
            let base = context
            context.reserved += axes.marks.compactMap { ($0 as? TextMark).map { $0.coveredBox(in: base) } }
        }
        return context
    }

    private func drawStatic() {
        let top = untitled ? Double(layout.titleBandRow) : 0
        let full = DeviceRect(x: 0, y: top, width: layout.width, height: layout.height - top)
        renderer.setDrawingRole(nil)
        if theme.background.alpha > 0 { renderer.fill(.rectangle(full), color: theme.background) }
        if figure.titleLayer == .static && !untitled { drawTitle() }
        if let block = layout.subtitle, let top = layout.subtitleTop {
            renderer.setDrawingRole(DrawingRole(.subtitle))
            drawLines(block, centeredAt: layout.width / 2, top: top, color: theme.mutedInk)
        }
        if let top = layout.captionTop {
            renderer.setDrawingRole(DrawingRole(.caption))
            let style = TextStyle(size: metrics.subtitleFontSize, color: theme.ink)
            let lineHeight = renderer.measureText("Ag", style: style).height * 1.25
            for (index, line) in layout.captionLines.enumerated() {
                renderer.drawText(line, at: DevicePoint(x: metrics.outerPadding, y: top + Double(index) * lineHeight),
                                  style: style, anchor: TextAnchor(.left, .top))
            }
        }
        for (index, (axes, panel)) in zip(figure.panels, layout.panels).enumerated() {
            drawPanelStatic(axes, panel, index: index)
        }
    }

    /// Draws the figure title, centred at the top: the laid-out lines, or a dynamic title's
    /// current text on one line, shrunk to fit the width.
    private func drawTitle() {
        guard let title = figure.title, !title.isEmpty, let top = layout.titleTop, let block = layout.title else { return }
        renderer.setDrawingRole(DrawingRole(.title))
        if figure.titleLayer == .dynamic {
            renderer.drawText(title, at: DevicePoint(x: layout.width / 2, y: top),
                              style: fitted(title, TextStyle(size: metrics.titleFontSize, color: theme.ink, weight: .bold), within: layout.width - 2 * metrics.outerPadding),
                              anchor: TextAnchor(.center, .top))
        } else {
            drawLines(block, centeredAt: layout.width / 2, top: top, color: theme.ink, weight: .bold)
        }
    }

    /// Draws the lines of `block` centred on `x`, the first line's top at `top`.
    private func drawLines(_ block: TextBlock, centeredAt x: Double, top: Double, color: Color, weight: FontWeight = .regular) {
        let style = TextStyle(size: block.size, color: color, weight: weight)
        for (index, line) in block.lines.enumerated() {
            renderer.drawText(line, at: DevicePoint(x: x, y: top + Double(index) * block.lineHeight), style: style, anchor: TextAnchor(.center, .top))
        }
    }

    /// The width of the widest line of `block`.
    private func width(of block: TextBlock, weight: FontWeight = .regular) -> Double {
        block.lines.map { renderer.measureText($0, style: TextStyle(size: block.size, color: .black, weight: weight)).width }.max() ?? 0
    }

    /// `style` with its size reduced so `text` is at most `width` wide.
    private func fitted(_ text: String, _ style: TextStyle, within width: Double) -> TextStyle {
        let measured = renderer.measureText(text, style: style).width
        guard measured > width, measured > 0 else { return style }
        var smaller = style
        smaller.size = style.size * width / measured * 0.98
        return smaller
    }

    private func drawDynamic() {
        if figure.titleLayer == .dynamic && !untitled { drawTitle() }
        for (index, (axes, panel)) in zip(figure.panels, layout.panels).enumerated() {
            guard axes.marks.contains(where: { $0.layer == .dynamic }) else { continue }
            drawClipped(axes, panel, index: index, layer: .dynamic)
            drawLegend(axes, panel, index: index)
        }
    }

    private func drawClipped(_ axes: Axes, _ panel: FigureLayout.Panel, index: Int, layer: Layer) {
        let marks = axes.marks.enumerated().filter { $0.element.layer == layer }
        guard !marks.isEmpty else { return }
        renderer.setDrawingRole(nil)
        renderer.save()
        renderer.clip(to: .rectangle(panel.transform.plotRect))
        let markContext = context(axes, panel, layer: layer)
        for (markIndex, mark) in marks {
            renderer.setDrawingRole(DrawingRole(.mark, panel: index, mark: markIndex))
            mark.draw(in: markContext)
        }
        renderer.setDrawingRole(nil)
        renderer.restore()
    }

    private func drawLegend(_ axes: Axes, _ panel: FigureLayout.Panel, index: Int) {
        guard let rect = panel.legendRect else { return }
        renderer.setDrawingRole(DrawingRole(.legend, panel: index))
        LegendBox.draw(entries: axes.legendEntries, in: rect, theme: theme, metrics: panel.legendMetrics ?? metrics, renderer: renderer,
                       arrangement: panel.legendArrangement)
        renderer.setDrawingRole(nil)
    }

    private func drawPanelStatic(_ axes: Axes, _ panel: FigureLayout.Panel, index: Int) {
        let t = panel.transform
        let plot = t.plotRect
        renderer.setDrawingRole(nil)
        if theme.panelBackground.alpha > 0 && theme.panelBackground != theme.background {
            renderer.fill(.rectangle(plot), color: theme.panelBackground)
        }
        if axes.showGrid && axes.showsFrame {
            let style = StrokeStyle(color: theme.grid, width: metrics.gridLineWidth, cap: .butt)
            var path = DevicePath()
            for tick in panel.xTicks where axes.showVerticalGrid {
                let x = t.deviceX(tick.value)
                path.move(to: DevicePoint(x: x, y: plot.minY)); path.line(to: DevicePoint(x: x, y: plot.maxY))
            }
            for tick in panel.yTicks {
                let y = t.deviceY(tick.value)
                path.move(to: DevicePoint(x: plot.minX, y: y)); path.line(to: DevicePoint(x: plot.maxX, y: y))
            }
            renderer.stroke(path, style: style)
        }
        drawClipped(axes, panel, index: index, layer: .static)
        if axes.showsFrame { drawFrame(axes, panel, index: index) }
        drawAxisLabels(axes, panel, index: index)
    }

    /// Spines, ticks and tick labels.
    private func drawFrame(_ axes: Axes, _ panel: FigureLayout.Panel, index: Int) {
        let t = panel.transform
        let plot = t.plotRect
        // Spines: left and bottom; a closed frame around images.
        let ink = theme.ink
        let spine = StrokeStyle(color: ink, width: metrics.axisLineWidth, cap: .square, join: .miter)
        let framed = axes.marks.contains { $0 is HeatmapMark || $0 is FilledContourMark }
        if framed {
            renderer.stroke(.rectangle(plot), style: spine)
        } else if axes.showSpines {
            renderer.stroke(.polyline([DevicePoint(x: plot.minX, y: plot.minY), DevicePoint(x: plot.minX, y: plot.maxY),
                                       DevicePoint(x: plot.maxX, y: plot.maxY)]), style: spine)
        }

        // Ticks and tick labels; minor ticks are shorter and unlabelled.
        let tickStyle = TextStyle(size: metrics.tickFontSize, color: ink)
        let tickStroke = StrokeStyle(color: ink, width: metrics.axisLineWidth * 0.8, cap: .butt)
        var tickPath = DevicePath()
        renderer.setDrawingRole(DrawingRole(.xTickLabel, panel: index))
        var xTickStyle = tickStyle
        xTickStyle.size *= panel.xTickScale
        // Staggered labels: every second one along the axis a line lower.
        let lowered = panel.xTicksStaggered
            ? Set(panel.xTicks.indices.sorted { panel.xTicks[$0].value < panel.xTicks[$1].value }.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
            : []
        let rowHeight = renderer.measureText("0", style: xTickStyle).height * TextBlock.lineSpacing
        for (tickIndex, tick) in panel.xTicks.enumerated() {
            let x = t.deviceX(tick.value)
            tickPath.move(to: DevicePoint(x: x, y: plot.maxY)); tickPath.line(to: DevicePoint(x: x, y: plot.maxY + metrics.tickLength))
            let y = plot.maxY + metrics.tickLength + metrics.gap + (lowered.contains(tickIndex) ? rowHeight : 0)
            if panel.xTicksRotated {
                renderer.drawText(tick.label, at: DevicePoint(x: x, y: y), style: xTickStyle, anchor: TextAnchor(.right, .middle), angle: .pi / 2)
            } else {
                renderer.drawText(tick.label, at: DevicePoint(x: x, y: y), style: xTickStyle, anchor: TextAnchor(.center, .top))
            }
        }
        renderer.setDrawingRole(DrawingRole(.yTickLabel, panel: index))
        for tick in panel.yTicks {
            let y = t.deviceY(tick.value)
            tickPath.move(to: DevicePoint(x: plot.minX, y: y)); tickPath.line(to: DevicePoint(x: plot.minX - metrics.tickLength, y: y))
            renderer.drawText(tick.label, at: DevicePoint(x: plot.minX - metrics.tickLength - metrics.gap, y: y), style: tickStyle,
                              anchor: TextAnchor(.right, .middle))
        }
        renderer.setDrawingRole(nil)
        renderer.stroke(tickPath, style: tickStroke)
        var minorPath = DevicePath()
        let minorLength = metrics.tickLength * 0.55
        for value in panel.xMinorTicks {
            let x = t.deviceX(value)
            minorPath.move(to: DevicePoint(x: x, y: plot.maxY)); minorPath.line(to: DevicePoint(x: x, y: plot.maxY + minorLength))
        }
        for value in panel.yMinorTicks {
            let y = t.deviceY(value)
            minorPath.move(to: DevicePoint(x: plot.minX, y: y)); minorPath.line(to: DevicePoint(x: plot.minX - minorLength, y: y))
        }
        if !minorPath.isEmpty { renderer.stroke(minorPath, style: StrokeStyle(color: ink, width: metrics.axisLineWidth * 0.6, cap: .butt)) }
    }

    /// The axis labels.
    private func drawAxisLabels(_ axes: Axes, _ panel: FigureLayout.Panel, index: Int) {
        let plot = panel.transform.plotRect
        let ink = theme.ink
        let tickStyle = TextStyle(size: metrics.tickFontSize, color: ink)
        // Axis labels at the outer edges of the cell (aligned along a grid row or column).
        let cell = panel.cell
        if let block = panel.xLabel {
            renderer.setDrawingRole(DrawingRole(.xAxisLabel, panel: index))
            let half = width(of: block) / 2
            let x = min(max(plot.midX, cell.minX + half), cell.maxX - half)
            drawLines(block, centeredAt: x, top: cell.maxY - block.height, color: ink)
        }
        if let block = panel.yLabel {
            renderer.setDrawingRole(DrawingRole(.yAxisLabel, panel: index))
            let style = TextStyle(size: block.size, color: ink)
            for (line, text) in block.lines.enumerated() {
                renderer.drawText(text, at: DevicePoint(x: cell.minX + Double(line) * block.lineHeight, y: plot.midY), style: style,
                                  anchor: TextAnchor(.center, .top), angle: .pi / 2)
            }
        }
        if let block = panel.title {
            // Just above the plot area (a one-line title next to a two-line one sits low).
            renderer.setDrawingRole(DrawingRole(.panelTitle, panel: index))
            let half = width(of: block, weight: .bold) / 2
            let x = min(max(plot.midX, cell.minX + half), cell.maxX - half)
            let tickHeight = renderer.measureText("0", style: tickStyle).height
            let top = max(cell.minY, plot.minY - max(metrics.gap * 1.5, tickHeight / 2 + metrics.gap / 2) - block.height)
            drawLines(block, centeredAt: x, top: top, color: ink, weight: .bold)
        }
        renderer.setDrawingRole(nil)
        if axes.colorbar != nil, let rect = panel.colorbarRect, let ct = panel.colorbarTransform, let colorbar = axes.colorbar {
            drawColorbar(colorbar, rect: rect, transform: ct, panel: panel, index: index)
        }
        if !axes.hasDynamicMarks { drawLegend(axes, panel, index: index) }
    }

    private func drawColorbar(_ colorbar: Colorbar, rect: DeviceRect, transform: AxesTransform, panel: FigureLayout.Panel, index: Int) {
        let steps = 256
        let image = Raster(width: 1, height: steps)
        let pixels = UnsafeMutableRawPointer(image.mutableBytes)
        for row in 0..<steps {
            let t = 1 - Double(row) / Double(steps - 1)
            pixels.storeBytes(of: colorbar.scale.colormap.color(at: t).premultipliedARGB32, toByteOffset: row * image.stride, as: UInt32.self)
        }
        renderer.drawImage(image, in: rect, interpolation: .smooth)
        renderer.stroke(.rectangle(rect), style: StrokeStyle(color: theme.ink, width: metrics.axisLineWidth * 0.8, join: .miter))
        let tickStyle = TextStyle(size: metrics.tickFontSize, color: theme.ink)
        var path = DevicePath()
        renderer.setDrawingRole(DrawingRole(.colorbarTickLabel, panel: index))
        var widest = 0.0
        for tick in panel.colorbarTicks {
            widest = max(widest, renderer.measureText(tick.label, style: tickStyle).width)
            let y = transform.deviceY(tick.value)
            path.move(to: DevicePoint(x: rect.maxX, y: y)); path.line(to: DevicePoint(x: rect.maxX + metrics.tickLength, y: y))
            renderer.drawText(tick.label, at: DevicePoint(x: rect.maxX + metrics.tickLength + metrics.gap, y: y), style: tickStyle,
                              anchor: TextAnchor(.left, .middle))
        }
        renderer.setDrawingRole(nil)
        renderer.stroke(path, style: StrokeStyle(color: theme.ink, width: metrics.axisLineWidth * 0.8, cap: .butt))
        var minorPath = DevicePath()
        for value in panel.colorbarMinorTicks {
            let y = transform.deviceY(value)
            minorPath.move(to: DevicePoint(x: rect.maxX, y: y)); minorPath.line(to: DevicePoint(x: rect.maxX + metrics.tickLength * 0.55, y: y))
        }
        if !minorPath.isEmpty { renderer.stroke(minorPath, style: StrokeStyle(color: theme.ink, width: metrics.axisLineWidth * 0.6, cap: .butt)) }
        if let block = panel.colorbarLabel {
            renderer.setDrawingRole(DrawingRole(.colorbarLabel, panel: index))
            let style = TextStyle(size: block.size, color: theme.ink)
            let count = block.lines.count
            // Beside the tick labels: the space reserved at the cell's right edge can lie far
            // from the bar when an equal-aspect plot leaves its cell narrower than the cell.
            let beside = rect.maxX + metrics.tickLength + metrics.gap + widest + metrics.gap + Double(count) * block.lineHeight
            let right = min(panel.cell.maxX - panel.legendReserve, beside)
            for (line, text) in block.lines.enumerated() {
                renderer.drawText(text, at: DevicePoint(x: right - Double(count - 1 - line) * block.lineHeight, y: rect.midY),
                                  style: style, anchor: TextAnchor(.center, .bottom), angle: .pi / 2)
            }
            renderer.setDrawingRole(nil)
        }
    }
}
