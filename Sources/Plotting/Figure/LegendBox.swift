/// Measures and draws a legend: a rounded box with one row (swatch + label) per entry.
enum LegendBox {
    /// The legend's text style.
    static func textStyle(_ metrics: FigureMetrics, ink: Color) -> TextStyle {
        TextStyle(size: metrics.legendFontSize, color: ink)
    }

    /// The box size for `entries`.
    static func size(entries: [LegendEntry], metrics: FigureMetrics, renderer: any Renderer) -> (width: Double, height: Double) {
        let style = textStyle(metrics, ink: .black)
        let widest = entries.map { renderer.measureText($0.label, style: style).width }.max() ?? 0
        let row = renderer.measureText("Ag", style: style).height * 1.15
        let pad = metrics.gap * 1.5
        return (2 * pad + swatchWidth(metrics) + metrics.gap * 1.5 + widest, 2 * pad + row * Double(entries.count))
    }

    static func swatchWidth(_ metrics: FigureMetrics) -> Double { 2.2 * metrics.legendFontSize }

    /// Draws the legend in `rect`.
    static func draw(entries: [LegendEntry], in rect: DeviceRect, theme: Theme, metrics: FigureMetrics, renderer: any Renderer) {
        let style = textStyle(metrics, ink: theme.ink)
        let box = DevicePath.roundedRectangle(rect, radius: metrics.gap)
        renderer.fill(box, color: theme.boxBackground)
        renderer.stroke(box, style: StrokeStyle(color: theme.mutedInk.withAlpha(0.5), width: metrics.gridLineWidth))
        let pad = metrics.gap * 1.5
        let row = renderer.measureText("Ag", style: style).height * 1.15
        let swatch = swatchWidth(metrics)
        for (index, entry) in entries.enumerated() {
            let midY = rect.minY + pad + row * (Double(index) + 0.5)
            let left = rect.minX + pad
            let center = DevicePoint(x: left + swatch / 2, y: midY)
            switch entry.swatch {
            case let .line(color, width, dash):
                renderer.stroke(.polyline([DevicePoint(x: left, y: midY), DevicePoint(x: left + swatch, y: midY)]),
                                style: StrokeStyle(color: color, width: width ?? metrics.lineWidth, dash: dash.pattern(metrics), cap: .butt))
            case let .marker(shape, fill, edge, size):
                shape.draw(on: renderer, center: center, size: size ?? metrics.markerSize, fill: fill, edge: edge,
                           edgeWidth: max(1, (size ?? metrics.markerSize) * 0.14))
            case let .patch(color):
                renderer.fill(.rectangle(DeviceRect(center: center, width: swatch * 0.8, height: row * 0.6)), color: color)
            }
            renderer.drawText(entry.label, at: DevicePoint(x: left + swatch + metrics.gap * 1.5, y: midY), style: style,
                              anchor: TextAnchor(.left, .middle))
        }
    }
}
