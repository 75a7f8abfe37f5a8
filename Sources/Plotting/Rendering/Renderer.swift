import Foundation

/// The small drawing contract every mark and axis draws through, in device coordinates
/// (pixels, origin top-left, y down).
///
/// Cairo implements it for raster and vector output (`CairoRenderer`); `RecordingRenderer`
/// records the calls so tests can check marks exactly without reading pixels.
public protocol Renderer: AnyObject {
    /// Pushes the graphics state (clip) on a stack.
    func save()
    /// Pops the graphics state pushed by the matching `save()`.
    func restore()
    /// Intersects the clip region with the inside of `path` (non-zero rule).
    func clip(to path: DevicePath)
    /// Strokes `path` with `style`.
    func stroke(_ path: DevicePath, style: StrokeStyle)
    /// Fills the inside of `path` with `color` using `rule`.
    func fill(_ path: DevicePath, color: Color, rule: FillRule)
    /// The metrics of one line of `text` in `style`.
    func measureText(_ text: String, style: TextStyle) -> TextMetrics
    /// Draws one line of UTF-8 `text` so that `anchor` lies on `point`, rotated by `angle`
    /// radians counter-clockwise on screen (π/2 reads bottom to top) around `point`.
    func drawText(_ text: String, at point: DevicePoint, style: TextStyle, anchor: TextAnchor, angle: Double)
    /// Draws a premultiplied ARGB32 image scaled to fill `rect`.
    func drawImage(_ image: Raster, in rect: DeviceRect, interpolation: ImageInterpolation)
}

extension Renderer {
    /// Fills with the non-zero rule.
    public func fill(_ path: DevicePath, color: Color) {
        fill(path, color: color, rule: .nonZero)
    }

    /// Draws unrotated text.
    public func drawText(_ text: String, at point: DevicePoint, style: TextStyle, anchor: TextAnchor) {
        drawText(text, at: point, style: style, anchor: anchor, angle: 0)
    }

    /// The axis-aligned bounding box that `drawText` covers for these arguments.
    public func textBox(_ text: String, at point: DevicePoint, style: TextStyle, anchor: TextAnchor, angle: Double = 0) -> DeviceRect {
        TextGeometry.box(metrics: measureText(text, style: style), at: point, anchor: anchor, angle: angle)
    }
}

/// Geometry shared by the renderers for anchored, rotated text.
enum TextGeometry {
    /// The axis-aligned box of a text box with `metrics` anchored at `point`, rotated by `angle`.
    static func box(metrics: TextMetrics, at point: DevicePoint, anchor: TextAnchor, angle: Double) -> DeviceRect {
        let offset = anchor.topLeftOffset(for: metrics)
        let corners = [(offset.dx, offset.dy), (offset.dx + metrics.width, offset.dy),
                       (offset.dx, offset.dy + metrics.height), (offset.dx + metrics.width, offset.dy + metrics.height)]
        // Counter-clockwise on screen with y down: x' = x cos + y sin, y' = −x sin + y cos.
        let c = cos(angle), s = sin(angle)
        let xs = corners.map { point.x + $0.0 * c + $0.1 * s }
        let ys = corners.map { point.y - $0.0 * s + $0.1 * c }
        let minX = xs.min() ?? point.x, maxX = xs.max() ?? point.x
        let minY = ys.min() ?? point.y, maxY = ys.max() ?? point.y
        return DeviceRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }
}
