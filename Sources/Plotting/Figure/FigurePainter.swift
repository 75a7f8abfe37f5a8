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
struct FigurePainter {
    let figure: Figure
    let layout: FigureLayout
    let renderer: any Renderer

    private var metrics: FigureMetrics { layout.metrics }
    private var theme: Theme { figure.theme }

    func draw(layers: LayerSelection) {
        if layers.includes(.static) { drawStatic() }
        if layers.includes(.dynamic) { drawDynamic() }
    }

    private func context(_ panel: FigureLayout.Panel) -> MarkContext {
        MarkContext(renderer: renderer, transform: panel.transform, theme: theme, metrics: metrics, formatter: figure.formatter,
                    reserved: panel.legendRect.map { [$0] } ?? [])
    }

    private func drawStatic() {
        let full = DeviceRect(x: 0, y: 0, width: layout.width, height: layout.height)
        if theme.background.alpha > 0 { renderer.fill(.rectangle(full), color: theme.background) }
        if figure.titleLayer == .static { drawTitle() }
        if let subtitle = figure.subtitle, !subtitle.isEmpty, let top = layout.subtitleTop {
            renderer.drawText(subtitle, at: DevicePoint(x: layout.width / 2, y: top),
                              style: fitted(subtitle, TextStyle(size: metrics.subtitleFontSize, color: theme.mutedInk), within: layout.width - 2 * metrics.outerPadding),
                              anchor: TextAnchor(.center, .top))
        }
        if let top = layout.captionTop {
            let style = TextStyle(size: metrics.subtitleFontSize, color: theme.ink)
            let lineHeight = renderer.measureText("Ag", style: style).height * 1.25
            for (index, line) in layout.captionLines.enumerated() {
                renderer.drawText(line, at: DevicePoint(x: metrics.outerPadding, y: top + Double(index) * lineHeight),
                                  style: style, anchor: TextAnchor(.left, .top))
            }
        }
        for (axes, panel) in zip(figure.panels, layout.panels) {
            drawPanelStatic(axes, panel)
        }
    }

    /// Draws the figure title, centred at the top and shrunk to fit the width.
    private func drawTitle() {
        guard let title = figure.title, !title.isEmpty, let top = layout.titleTop else { return }
        renderer.drawText(title, at: DevicePoint(x: layout.width / 2, y: top),
                          style: fitted(title, TextStyle(size: metrics.titleFontSize, color: theme.ink, weight: .bold), within: layout.width - 2 * metrics.outerPadding),
                          anchor: TextAnchor(.center, .top))
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
        if figure.titleLayer == .dynamic { drawTitle() }
        for (axes, panel) in zip(figure.panels, layout.panels) {
            let marks = axes.marks.filter { $0.layer == .dynamic }
            guard !marks.isEmpty else { continue }
            drawClipped(marks, panel)
            drawLegend(axes, panel)
        }
    }

    private func drawClipped(_ marks: [any Mark], _ panel: FigureLayout.Panel) {
        guard !marks.isEmpty else { return }
        renderer.save()
        renderer.clip(to: .rectangle(panel.transform.plotRect))
        let markContext = context(panel)
        for mark in marks { mark.draw(in: markContext) }
        renderer.restore()
    }

    private func drawLegend(_ axes: Axes, _ panel: FigureLayout.Panel) {
        guard let rect = panel.legendRect else { return }
        LegendBox.draw(entries: axes.legendEntries, in: rect, theme: theme, metrics: panel.legendMetrics ?? metrics, renderer: renderer)
    }

    private func drawPanelStatic(_ axes: Axes, _ panel: FigureLayout.Panel) {
        let t = panel.transform
        let plot = t.plotRect
        if theme.panelBackground.alpha > 0 && theme.panelBackground != theme.background {
            renderer.fill(.rectangle(plot), color: theme.panelBackground)
        }
        if axes.showGrid {
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
        drawClipped(axes.marks.filter { $0.layer == .static }, panel)

        // Spines: left and bottom; a closed frame around images.
        let ink = theme.ink
        let spine = StrokeStyle(color: ink, width: metrics.axisLineWidth, cap: .square, join: .miter)
        let framed = axes.marks.contains { $0 is HeatmapMark || $0 is FilledContourMark }
        if framed {
            renderer.stroke(.rectangle(plot), style: spine)
        } else {
            renderer.stroke(.polyline([DevicePoint(x: plot.minX, y: plot.minY), DevicePoint(x: plot.minX, y: plot.maxY),
                                       DevicePoint(x: plot.maxX, y: plot.maxY)]), style: spine)
        }

        // Ticks and tick labels.
        let tickStyle = TextStyle(size: metrics.tickFontSize, color: ink)
        let tickStroke = StrokeStyle(color: ink, width: metrics.axisLineWidth * 0.8, cap: .butt)
        var tickPath = DevicePath()
        for tick in panel.xTicks {
            let x = t.deviceX(tick.value)
            tickPath.move(to: DevicePoint(x: x, y: plot.maxY)); tickPath.line(to: DevicePoint(x: x, y: plot.maxY + metrics.tickLength))
            renderer.drawText(tick.label, at: DevicePoint(x: x, y: plot.maxY + metrics.tickLength + metrics.gap), style: tickStyle,
                              anchor: TextAnchor(.center, .top))
        }
        for tick in panel.yTicks {
            let y = t.deviceY(tick.value)
            tickPath.move(to: DevicePoint(x: plot.minX, y: y)); tickPath.line(to: DevicePoint(x: plot.minX - metrics.tickLength, y: y))
            renderer.drawText(tick.label, at: DevicePoint(x: plot.minX - metrics.tickLength - metrics.gap, y: y), style: tickStyle,
                              anchor: TextAnchor(.right, .middle))
        }
        renderer.stroke(tickPath, style: tickStroke)

        // Axis labels at the outer edges of the cell (aligned along a grid row or column).
        let labelStyle = TextStyle(size: metrics.axisLabelFontSize, color: ink)
        if let xLabel = axes.xLabel, !xLabel.isEmpty {
            renderer.drawText(xLabel, at: DevicePoint(x: plot.midX, y: panel.cell.maxY), style: labelStyle, anchor: TextAnchor(.center, .bottom))
        }
        if let yLabel = axes.yLabel, !yLabel.isEmpty {
            renderer.drawText(yLabel, at: DevicePoint(x: panel.cell.minX, y: plot.midY), style: labelStyle,
                              anchor: TextAnchor(.center, .top), angle: .pi / 2)
        }
        if let title = axes.title, !title.isEmpty {
            let style = fitted(title, TextStyle(size: metrics.panelTitleFontSize, color: ink, weight: .bold), within: panel.cell.width)
            let half = renderer.measureText(title, style: style).width / 2
            let x = min(max(plot.midX, panel.cell.minX + half), panel.cell.maxX - half)
            renderer.drawText(title, at: DevicePoint(x: x, y: panel.cell.minY), style: style, anchor: TextAnchor(.center, .top))
        }
        if let colorbar = axes.colorbar, let rect = panel.colorbarRect, let ct = panel.colorbarTransform {
            drawColorbar(colorbar, rect: rect, transform: ct, ticks: panel.colorbarTicks, cell: panel.cell)
        }
        if !axes.hasDynamicMarks { drawLegend(axes, panel) }
    }

    private func drawColorbar(_ colorbar: Colorbar, rect: DeviceRect, transform: AxesTransform, ticks: [Tick], cell: DeviceRect) {
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
        var widest = 0.0
        for tick in ticks {
            let y = transform.deviceY(tick.value)
            path.move(to: DevicePoint(x: rect.maxX, y: y)); path.line(to: DevicePoint(x: rect.maxX + metrics.tickLength, y: y))
            renderer.drawText(tick.label, at: DevicePoint(x: rect.maxX + metrics.tickLength + metrics.gap, y: y), style: tickStyle,
                              anchor: TextAnchor(.left, .middle))
            widest = max(widest, renderer.measureText(tick.label, style: tickStyle).width)
        }
        renderer.stroke(path, style: StrokeStyle(color: theme.ink, width: metrics.axisLineWidth * 0.8, cap: .butt))
        if let label = colorbar.label, !label.isEmpty {
            renderer.drawText(label, at: DevicePoint(x: cell.maxX, y: rect.midY),
                              style: TextStyle(size: metrics.axisLabelFontSize, color: theme.ink), anchor: TextAnchor(.center, .bottom), angle: .pi / 2)
        }
    }
}
