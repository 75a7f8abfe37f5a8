/// A vertical colour scale drawn to the right of a panel, with its own ticks and label.
public struct Colorbar: Sendable {
    /// The colour scale shown (log normalisation gives log ticks).
    public var scale: ColorScale
    /// The label, drawn rotated along the bar's right side.
    public var label: String?

    /// Creates a colorbar.
    public init(scale: ColorScale, label: String? = nil) {
        self.scale = scale
        self.label = label
    }
}
