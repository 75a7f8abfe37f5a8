/// A point in device space: pixels (or points for vector output), origin top-left, y down.
public struct DevicePoint: Sendable, Hashable {
    /// The horizontal device coordinate, increasing to the right.
    public var x: Double
    /// The vertical device coordinate, increasing downwards.
    public var y: Double

    /// Creates a device point from its two coordinates.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The origin, top-left corner of the device.
    public static let zero = DevicePoint(x: 0, y: 0)

    /// The Euclidean distance to `other`, `hypot(Δx, Δy)`.
    public func distance(to other: DevicePoint) -> Double {
        let dx = other.x - x
        let dy = other.y - y
        return (dx * dx + dy * dy).squareRoot()
    }
}
