import Foundation

/// A `Renderer` that records every call instead of drawing, for exact and cheap mark tests.
///
/// Text is measured with the same Cairo font metrics as `CairoRenderer`, so recorded text
/// boxes are the boxes the real output covers.
public final class RecordingRenderer: Renderer {
    /// One recorded drawing call.
    public enum Operation: Sendable, Hashable {
        /// `save()`.
        case save
        /// `restore()`.
        case restore
        /// `clip(to:)` with the path.
        case clip(DevicePath)
        /// `stroke(_:style:)`.
        case stroke(DevicePath, StrokeStyle)
        /// `fill(_:color:rule:)`.
        case fill(DevicePath, Color, FillRule)
        /// `drawText(...)` with the measured box it covers.
        case text(String, at: DevicePoint, style: TextStyle, box: DeviceRect)
        /// `drawImage(...)` with the image's pixel size.
        case image(width: Int, height: Int, rect: DeviceRect, interpolation: ImageInterpolation)
    }

    /// One recorded text with where it went and what it belongs to.
    public struct RecordedText: Sendable, Hashable {
        /// The text.
        public var text: String
        /// The anchor point.
        public var point: DevicePoint
        /// The style it was drawn with.
        public var style: TextStyle
        /// Which point of the text box lies on `point`.
        public var anchor: TextAnchor
        /// The rotation in radians, counter-clockwise on screen.
        public var angle: Double
        /// The axis-aligned box the text covers.
        public var box: DeviceRect
        /// The corners of the rotated text box (top left, top right, bottom right, bottom left
        /// in the text's own frame); for unrotated text those of `box`.
        public var corners: [DevicePoint]
        /// The drawing role announced before the text was drawn (see `DrawingRole`).
        public var role: DrawingRole?
    }

    /// The recorded calls, in order.
    public private(set) var operations: [Operation] = []
    /// Every recorded text with its anchor, rotation, rotated corners and drawing role, in order
    /// (the same texts as the `.text` operations).
    public private(set) var recordedTexts: [RecordedText] = []
    /// The role announced last by `setDrawingRole(_:)`.
    public private(set) var drawingRole: DrawingRole?
    private let measurer: CairoRenderer?

    /// Creates an empty recording.
    public init() {
        measurer = try? CairoRenderer(raster: Raster(width: 1, height: 1))
    }

    /// Whether text is measured with Cairo's font metrics (false only when Cairo could not
    /// create its 1x1 measuring surface; then sizes are rough estimates).
    public var measuresWithCairo: Bool { measurer != nil }

    /// Remembers the role for the texts that follow.
    public func setDrawingRole(_ role: DrawingRole?) { drawingRole = role }

    /// Records `save()`.
    public func save() { operations.append(.save) }
    /// Records `restore()`.
    public func restore() { operations.append(.restore) }
    /// Records a clip.
    public func clip(to path: DevicePath) { operations.append(.clip(path)) }
    /// Records a stroke.
    public func stroke(_ path: DevicePath, style: StrokeStyle) { operations.append(.stroke(path, style)) }
    /// Records a fill.
    public func fill(_ path: DevicePath, color: Color, rule: FillRule) { operations.append(.fill(path, color, rule)) }

    /// Measures with Cairo's DejaVu Sans metrics (a rough estimate if Cairo is unavailable).
    public func measureText(_ text: String, style: TextStyle) -> TextMetrics {
        if let measurer { return measurer.measureText(text, style: style) }
        return TextMetrics(width: 0.6 * style.size * Double(text.count), ascent: 0.93 * style.size, descent: 0.24 * style.size)
    }

    /// Records a text with its box.
    public func drawText(_ text: String, at point: DevicePoint, style: TextStyle, anchor: TextAnchor, angle: Double) {
        guard !text.isEmpty else { return }
        let metrics = measureText(text, style: style)
        let box = TextGeometry.box(metrics: metrics, at: point, anchor: anchor, angle: angle)
        operations.append(.text(text, at: point, style: style, box: box))
        recordedTexts.append(RecordedText(text: text, point: point, style: style, anchor: anchor, angle: angle, box: box,
                                          corners: TextGeometry.corners(metrics: metrics, at: point, anchor: anchor, angle: angle),
                                          role: drawingRole))
    }

    /// Records an image.
    public func drawImage(_ image: Raster, in rect: DeviceRect, interpolation: ImageInterpolation) {
        operations.append(.image(width: image.width, height: image.height, rect: rect, interpolation: interpolation))
    }

    /// The recorded texts with their boxes.
    public var texts: [(text: String, box: DeviceRect)] {
        operations.compactMap { if case let .text(text, _, _, box) = $0 { return (text, box) } else { return nil } }
    }

    /// The recorded strokes.
    public var strokes: [(path: DevicePath, style: StrokeStyle)] {
        operations.compactMap { if case let .stroke(path, style) = $0 { return (path, style) } else { return nil } }
    }

    /// The recorded fills.
    public var fills: [(path: DevicePath, color: Color)] {
        operations.compactMap { if case let .fill(path, color, _) = $0 { return (path, color) } else { return nil } }
    }
}
