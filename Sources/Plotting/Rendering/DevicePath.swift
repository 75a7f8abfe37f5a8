import Foundation

/// A path in device space built from straight segments and cubic Bézier curves.
public struct DevicePath: Sendable, Hashable {
    /// One instruction of a path.
    public enum Element: Sendable, Hashable {
        /// Starts a new subpath at the point.
        case move(DevicePoint)
        /// A straight segment to the point.
        case line(DevicePoint)
        /// A cubic Bézier curve with two control points to `end`.
        case curve(DevicePoint, DevicePoint, end: DevicePoint)
        /// Closes the current subpath with a straight segment to its start.
        case close
    }

    /// The instructions in drawing order.
    public private(set) var elements: [Element] = []

    /// Creates an empty path.
    public init() {}

    /// Whether the path has no elements.
    public var isEmpty: Bool { elements.isEmpty }

    /// Starts a new subpath at `point`.
    public mutating func move(to point: DevicePoint) { elements.append(.move(point)) }
    /// Adds a straight segment to `point`.
    public mutating func line(to point: DevicePoint) { elements.append(.line(point)) }
    /// Adds a cubic Bézier curve.
    public mutating func curve(to end: DevicePoint, control1: DevicePoint, control2: DevicePoint) {
        elements.append(.curve(control1, control2, end: end))
    }
    /// Closes the current subpath.
    public mutating func close() { elements.append(.close) }

    /// Appends all elements of `other`.
    public mutating func append(_ other: DevicePath) { elements.append(contentsOf: other.elements) }

    /// An open polyline through `points`; non-finite points break it into separate pieces.
    public static func polyline(_ points: [DevicePoint]) -> DevicePath {
        var path = DevicePath()
        var penDown = false
        for point in points {
            guard point.x.isFinite && point.y.isFinite else { penDown = false; continue }
            if penDown { path.line(to: point) } else { path.move(to: point); penDown = true }
        }
        return path
    }

    /// A closed polygon through `points`.
    public static func polygon(_ points: [DevicePoint]) -> DevicePath {
        var path = polyline(points)
        if !path.isEmpty { path.close() }
        return path
    }

    /// A closed axis-aligned rectangle.
    public static func rectangle(_ rect: DeviceRect) -> DevicePath {
        polygon([
            DevicePoint(x: rect.minX, y: rect.minY), DevicePoint(x: rect.maxX, y: rect.minY),
            DevicePoint(x: rect.maxX, y: rect.maxY), DevicePoint(x: rect.minX, y: rect.maxY),
        ])
    }

    /// A rectangle with corners rounded by `radius` (clamped to half the shorter side).
    public static func roundedRectangle(_ rect: DeviceRect, radius: Double) -> DevicePath {
        let r = max(0, min(radius, min(rect.maxX - rect.minX, rect.maxY - rect.minY) / 2))
        if r == 0 { return rectangle(rect) }
        let k = 0.5523 * r
        var path = DevicePath()
        let (x0, y0, x1, y1) = (rect.minX, rect.minY, rect.maxX, rect.maxY)
        path.move(to: DevicePoint(x: x0 + r, y: y0))
        path.line(to: DevicePoint(x: x1 - r, y: y0))
        path.curve(to: DevicePoint(x: x1, y: y0 + r), control1: DevicePoint(x: x1 - r + k, y: y0), control2: DevicePoint(x: x1, y: y0 + r - k))
        path.line(to: DevicePoint(x: x1, y: y1 - r))
        path.curve(to: DevicePoint(x: x1 - r, y: y1), control1: DevicePoint(x: x1, y: y1 - r + k), control2: DevicePoint(x: x1 - r + k, y: y1))
        path.line(to: DevicePoint(x: x0 + r, y: y1))
        path.curve(to: DevicePoint(x: x0, y: y1 - r), control1: DevicePoint(x: x0 + r - k, y: y1), control2: DevicePoint(x: x0, y: y1 - r + k))
        path.line(to: DevicePoint(x: x0, y: y0 + r))
        path.curve(to: DevicePoint(x: x0 + r, y: y0), control1: DevicePoint(x: x0, y: y0 + r - k), control2: DevicePoint(x: x0 + r - k, y: y0))
        path.close()
        return path
    }

    /// A circle of `radius` around `center`, four Bézier arcs (error below 0.03 %).
    public static func circle(center: DevicePoint, radius: Double) -> DevicePath {
        let k = 0.5523 * radius
        let (cx, cy, r) = (center.x, center.y, radius)
        var path = DevicePath()
        path.move(to: DevicePoint(x: cx + r, y: cy))
        path.curve(to: DevicePoint(x: cx, y: cy + r), control1: DevicePoint(x: cx + r, y: cy + k), control2: DevicePoint(x: cx + k, y: cy + r))
        path.curve(to: DevicePoint(x: cx - r, y: cy), control1: DevicePoint(x: cx - k, y: cy + r), control2: DevicePoint(x: cx - r, y: cy + k))
        path.curve(to: DevicePoint(x: cx, y: cy - r), control1: DevicePoint(x: cx - r, y: cy - k), control2: DevicePoint(x: cx - k, y: cy - r))
        path.curve(to: DevicePoint(x: cx + r, y: cy), control1: DevicePoint(x: cx + k, y: cy - r), control2: DevicePoint(x: cx + r, y: cy - k))
        path.close()
        return path
    }

    /// The bounding box of all points and control points (nil when empty).
    public var bounds: DeviceRect? {
        var xs: [Double] = []
        var ys: [Double] = []
        for element in elements {
            switch element {
            case let .move(p), let .line(p): xs.append(p.x); ys.append(p.y)
            case let .curve(a, b, end): xs += [a.x, b.x, end.x]; ys += [a.y, b.y, end.y]
            case .close: break
            }
        }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return nil }
        return DeviceRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }
}
