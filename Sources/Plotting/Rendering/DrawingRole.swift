/// What the drawing calls that follow belong to: the figure title, a tick label of panel 2,
/// mark 3 of panel 1, …
///
/// `FigurePainter` announces roles through `Renderer.setDrawingRole(_:)`. Renderers that draw
/// ignore them (Cairo output does not change); `RecordingRenderer` files the current role with
/// every text it records, so tests and `LayoutAudit` can tell a tick label from a legend entry.
public struct DrawingRole: Sendable, Hashable {
    /// The kinds of figure parts.
    public enum Kind: Sendable, Hashable {
        /// The figure title.
        case title
        /// The figure subtitle.
        case subtitle
        /// The caption under the panels.
        case caption
        /// A panel's title.
        case panelTitle
        /// A panel's x-axis label.
        case xAxisLabel
        /// A panel's y-axis label.
        case yAxisLabel
        /// A label of a panel's x ticks.
        case xTickLabel
        /// A label of a panel's y ticks.
        case yTickLabel
        /// A label of a colorbar's ticks.
        case colorbarTickLabel
        /// A colorbar's label.
        case colorbarLabel
        /// A panel's legend (box, swatches and entries).
        case legend
        /// A mark of a panel (`mark` is its index in `Axes.marks`).
        case mark
    }

    /// The part.
    public var kind: Kind
    /// The panel's index in `Figure.panels` (nil for figure-wide parts).
    public var panel: Int?
    /// The mark's index in its panel's `Axes.marks` (only for `.mark`).
    public var mark: Int?

    /// Creates a role.
    public init(_ kind: Kind, panel: Int? = nil, mark: Int? = nil) {
        self.kind = kind
        self.panel = panel
        self.mark = mark
    }
}
