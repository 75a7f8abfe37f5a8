/// The dash pattern of a line mark, scaled with the figure.
public enum LineDash: Sendable, Hashable {
    /// A continuous line.
    case solid
    /// Long dashes.
    case dashed
    /// Round dots (with round caps).
    case dotted

    /// The device dash array for `metrics`.
    func pattern(_ metrics: FigureMetrics) -> [Double] {
        switch self {
        case .solid: return []
        case .dashed: return metrics.dash
        case .dotted: return metrics.dot
        }
    }
}
