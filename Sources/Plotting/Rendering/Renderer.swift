import Foundation

/// The small drawing contract every mark and axis draws through, in device coordinates
/// (pixels, origin top-left, y down).
///
/// Cairo implements it for raster and vector output (`CairoRenderer`); `SVGRenderer` writes SVG
/// with text kept as text; `RecordingRenderer` records the calls so tests can check marks
/// exactly without reading pixels.
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
    /// Draws one marker of `shape` and diameter `size` at each finite centre, in order: filled
    /// with `fill` and outlined with `edge` at `edgeWidth` (a cross is stroked in `fill`). The
    /// default draws each marker's fill and stroke through this renderer; `SVGRenderer` writes
    /// one symbol and a `<use>` per centre.
    func drawMarkers(_ shape: MarkerShape, at centers: [DevicePoint], size: Double, fill: Color, edge: Color?, edgeWidth: Double)
    /// Says what the calls that follow draw (nil: nothing in particular). Renderers that draw
    /// ignore it (the default); `RecordingRenderer` files it with every recorded text.
    func setDrawingRole(_ role: DrawingRole?)
}

extension Renderer {
    /// Ignores the role: drawing does not depend on it.
    public func setDrawingRole(_ role: DrawingRole?) {}

    /// Draws every marker as its own fill and stroke (see `MarkerShape`).
    public func drawMarkers(_ shape: MarkerShape, at centers: [DevicePoint], size: Double, fill: Color, edge: Color?, edgeWidth: Double) {
        for center in centers {
            shape.draw(on: self, center: center, size: size, fill: fill, edge: edge, edgeWidth: edgeWidth)
        }
    }

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
        let points = corners(metrics: metrics, at: point, anchor: anchor, angle: angle)
        let xs = points.map(\.x), ys = points.map(\.y)
        let minX = xs.min() ?? point.x, maxX = xs.max() ?? point.x
        let minY = ys.min() ?? point.y, maxY = ys.max() ?? point.y
        return DeviceRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    /// The corners of the rotated text box: the text's top left, top right, bottom right and
    /// bottom left.
    static func corners(metrics: TextMetrics, at point: DevicePoint, anchor: TextAnchor, angle: Double) -> [DevicePoint] {
        let offset = anchor.topLeftOffset(for: metrics)
        let local = [(offset.dx, offset.dy), (offset.dx + metrics.width, offset.dy),
                     (offset.dx + metrics.width, offset.dy + metrics.height), (offset.dx, offset.dy + metrics.height)]
        // Counter-clockwise on screen with y down: x' = x cos + y sin, y' = −x sin + y cos.
        let c = cos(angle), s = sin(angle)
        return local.map { DevicePoint(x: point.x + $0.0 * c + $0.1 * s, y: point.y - $0.0 * s + $0.1 * c) }
    }
}
