import Foundation

/// The shape of scatter markers.
public enum MarkerShape: String, Sendable, Hashable, CaseIterable {
    /// A disc.
    case circle
    /// An axis-aligned square.
    case square
    /// An upward triangle.
    case triangle
    /// A square rotated by 45°.
    case diamond
    /// An x-shaped cross (stroked, not filled).
    case cross

    /// The outline of a marker of diameter `size` centred on `center` (for a cross: its two strokes).
    func path(center: DevicePoint, size: Double) -> DevicePath {
        let r = size / 2
        let (x, y) = (center.x, center.y)
        switch self {
        case .circle:
            return .circle(center: center, radius: r)
        case .square:
            let s = r * 0.886 * 2  // same area as the circle
            return .rectangle(DeviceRect(center: center, width: s, height: s))
        case .triangle:
            let t = r * 1.3
            return .polygon([DevicePoint(x: x, y: y - t), DevicePoint(x: x + t * 0.866, y: y + t * 0.5), DevicePoint(x: x - t * 0.866, y: y + t * 0.5)])
        case .diamond:
            let d = r * 1.25
            return .polygon([DevicePoint(x: x, y: y - d), DevicePoint(x: x + d, y: y), DevicePoint(x: x, y: y + d), DevicePoint(x: x - d, y: y)])
        case .cross:
            let c = r * 0.9
            var path = DevicePath()
            path.move(to: DevicePoint(x: x - c, y: y - c)); path.line(to: DevicePoint(x: x + c, y: y + c))
            path.move(to: DevicePoint(x: x - c, y: y + c)); path.line(to: DevicePoint(x: x + c, y: y - c))
            return path
        }
    }

    /// Draws one marker: filled with `fill` and outlined with `edge` (crosses are stroked in `fill`).
    func draw(on renderer: any Renderer, center: DevicePoint, size: Double, fill: Color, edge: Color?, edgeWidth: Double) {
        guard center.x.isFinite, center.y.isFinite else { return }
        let path = self.path(center: center, size: size)
        if self == .cross {
            if let edge { renderer.stroke(path, style: StrokeStyle(color: edge, width: size * 0.3 + 2 * edgeWidth, cap: .round)) }
            renderer.stroke(path, style: StrokeStyle(color: fill, width: size * 0.3, cap: .round))
            return
        }
        renderer.fill(path, color: fill)
        if let edge, edgeWidth > 0 {
            renderer.stroke(path, style: StrokeStyle(color: edge, width: edgeWidth, join: .miter))
        }
    }
}
