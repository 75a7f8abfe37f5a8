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

    /// The recorded calls, in order.
    public private(set) var operations: [Operation] = []
    private let measurer: CairoRenderer?

    /// Creates an empty recording.
    public init() {
        measurer = try? CairoRenderer(raster: Raster(width: 1, height: 1))
    }

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
        operations.append(.text(text, at: point, style: style, box: textBox(text, at: point, style: style, anchor: anchor, angle: angle)))
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
