/// The visible data range of one axis, `lower` at the left or bottom.
public struct AxisLimits: Sendable, Hashable {
    /// The value at the left (x) or bottom (y) edge.
    public var lower: Double
    /// The value at the right (x) or top (y) edge.
    public var upper: Double

    /// Creates limits; `lower > upper` flips the axis.
    public init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether both ends are finite and different.
    public var isUsable: Bool { lower.isFinite && upper.isFinite && lower != upper }
}
