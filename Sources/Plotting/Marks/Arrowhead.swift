import Foundation

/// The filled triangular head of an arrow, scaled with the line width.
enum Arrowhead {
    /// The head pointing at `tip`, coming from `from`: length `length`, half-width `0.45 · length`.
    static func path(tip: DevicePoint, from: DevicePoint, length: Double) -> DevicePath? {
        let dx = tip.x - from.x, dy = tip.y - from.y
        let distance = (dx * dx + dy * dy).squareRoot()
        guard distance > 0, distance.isFinite else { return nil }
        let ux = dx / distance, uy = dy / distance
        let baseX = tip.x - ux * length, baseY = tip.y - uy * length
        let halfWidth = 0.45 * length
        return .polygon([
            tip,
            DevicePoint(x: baseX - uy * halfWidth, y: baseY + ux * halfWidth),
            DevicePoint(x: tip.x - ux * length * 0.75, y: tip.y - uy * length * 0.75),
            DevicePoint(x: baseX + uy * halfWidth, y: baseY - ux * halfWidth),
        ])
    }

    /// Draws a shaft from `start` to `end` that stops inside the head, then the head.
    static func drawArrow(on renderer: any Renderer, from start: DevicePoint, to end: DevicePoint, color: Color, width: Double, headLength: Double, halo: Color? = nil) {
        let distance = start.distance(to: end)
        guard distance > 0, distance.isFinite else { return }
        let head = min(headLength, distance * 0.8)
        let shaftEnd = DevicePoint(x: end.x - (end.x - start.x) / distance * head * 0.7, y: end.y - (end.y - start.y) / distance * head * 0.7)
        var shaft = DevicePath()
        shaft.move(to: start)
        shaft.line(to: shaftEnd)
        let headPath = path(tip: end, from: start, length: head)
        if let halo {
            renderer.stroke(shaft, style: StrokeStyle(color: halo, width: width + 3, cap: .butt))
            if let headPath { renderer.stroke(headPath, style: StrokeStyle(color: halo, width: 3, join: .miter)) }
        }
        renderer.stroke(shaft, style: StrokeStyle(color: color, width: width, cap: .butt))
        if let headPath { renderer.fill(headPath, color: color) }
    }
}
