import Foundation

/// How data values map to positions along an axis.
public enum AxisScale: Sendable, Hashable {
    /// Positions proportional to the value.
    case linear
    /// Positions proportional to `log10(value)`; only positive values are shown.
    case log

    /// The value in the scale's linear space: `v` or `log10(v)` (NaN for `v ≤ 0` on log).
    public func forward(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : .nan
        }
    }

    /// The inverse of `forward`: `u` or `10^u`.
    public func inverse(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log: return pow(10, value)
        }
    }
}
