/// A point in data space: the units of the plotted quantities, y pointing up.
///
/// Data points become device points only through an axes' transform, which is where the
/// y-flip happens; the two spaces are deliberately different types.
public struct DataPoint: Sendable, Hashable {
    /// The horizontal data coordinate.
    public var x: Double
    /// The vertical data coordinate (up is larger).
    public var y: Double

    /// Creates a data point from its two coordinates.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Whether both coordinates are finite (neither NaN nor infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}
