/// A tick: its data value and its label.
public struct Tick: Sendable, Hashable {
    /// The data value where the tick sits.
    public var value: Double
    /// The label drawn next to it (may be empty).
    public var label: String

    /// Creates a tick.
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}
