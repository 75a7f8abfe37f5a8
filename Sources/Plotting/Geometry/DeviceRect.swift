/// An axis-aligned rectangle in device space (pixels, y down).
///
/// `(x, y)` is the top-left corner when `width` and `height` are non-negative. The
/// `min`/`max` accessors are correct for negative sizes too (they order the edges).
public struct DeviceRect: Sendable, Hashable {
    /// The left edge for a non-negative width.
    public var x: Double
    /// The top edge for a non-negative height.
    public var y: Double
    /// The horizontal extent; may be negative, then the rectangle extends leftwards.
    public var width: Double
    /// The vertical extent; may be negative, then the rectangle extends upwards.
    public var height: Double

    /// Creates a rectangle from its origin corner and size.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Creates a rectangle of the given size centred on `center`.
    public init(center: DevicePoint, width: Double, height: Double) {
        self.init(x: center.x - width / 2, y: center.y - height / 2, width: width, height: height)
    }

    /// The smallest x of the rectangle, `min(x, x + width)`.
    public var minX: Double { Swift.min(x, x + width) }
    /// The largest x of the rectangle, `max(x, x + width)`.
    public var maxX: Double { Swift.max(x, x + width) }
    /// The smallest (topmost) y of the rectangle, `min(y, y + height)`.
    public var minY: Double { Swift.min(y, y + height) }
    /// The largest (bottommost) y of the rectangle, `max(y, y + height)`.
    public var maxY: Double { Swift.max(y, y + height) }
    /// The horizontal centre, `x + width / 2`.
    public var midX: Double { x + width / 2 }
    /// The vertical centre, `y + height / 2`.
    public var midY: Double { y + height / 2 }
    /// The centre point.
    public var center: DevicePoint { DevicePoint(x: midX, y: midY) }

    /// The rectangle shrunk by `dx` on the left and right and by `dy` on the top and bottom.
    ///
    /// Negative insets grow it. The result is standardised (non-negative size); when an inset
    /// exceeds half the size the result collapses to zero size at the centre instead of
    /// turning inside out.
    public func insetBy(dx: Double, dy: Double) -> DeviceRect {
        let newWidth = Swift.max(0, (maxX - minX) - 2 * dx)
        let newHeight = Swift.max(0, (maxY - minY) - 2 * dy)
        return DeviceRect(x: midX - newWidth / 2, y: midY - newHeight / 2, width: newWidth, height: newHeight)
    }

    /// The rectangle shrunk by separate insets per edge (negative values grow it).
    ///
    /// Sizes are clamped at zero; the result is standardised.
    public func insetBy(top: Double, left: Double, bottom: Double, right: Double) -> DeviceRect {
        let newWidth = Swift.max(0, (maxX - minX) - left - right)
        let newHeight = Swift.max(0, (maxY - minY) - top - bottom)
        return DeviceRect(x: minX + left, y: minY + top, width: newWidth, height: newHeight)
    }

    /// Whether `point` lies inside or on the boundary.
    public func contains(_ point: DevicePoint) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }

    /// Whether the two rectangles overlap with positive area (touching edges do not count).
    public func intersects(_ other: DeviceRect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }
}
