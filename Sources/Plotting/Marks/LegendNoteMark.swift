/// A line of text in the panel's legend, without a swatch: numbers a panel states (eigenvalues,
/// a learning rate) that should sit where the legend goes, clear of the data, rather than in a
/// fixed corner of a small plot.
public final class LegendNoteMark: Mark {
    /// The text.
    public var text: String
    /// The drawing pass (the legend row follows the legend's layer).
    public var layer: Layer

    /// Creates a note.
    public init(_ text: String, layer: Layer = .static) {
        self.text = text
        self.layer = layer
    }

    /// Notes do not change the limits.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? { nil }

    /// Notes occupy no part of the plot.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] { [] }

    /// A text-only legend row.
    public var legendEntry: LegendEntry? { LegendEntry(label: text, swatch: .none) }

    /// Nothing to draw in the plot.
    public func draw(in context: MarkContext) {}
}

extension Axes {
    /// Adds a line of text to the panel's legend (no swatch).
    @discardableResult
    public func legendNote(_ text: String, layer: Layer = .static) -> LegendNoteMark {
        let mark = LegendNoteMark(text, layer: layer)
        add(mark)
        return mark
    }
}
