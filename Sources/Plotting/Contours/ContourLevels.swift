import Foundation

/// Choices of contour levels for a field's value range.
public enum ContourLevels {
    /// `count` levels spaced evenly in log space from `min` to `max` inclusive:
    /// `levelᵢ = min · (max / min)^(i / (count − 1))`.
    ///
    /// Suits loss landscapes, whose values span decades. The ends are exactly `min` and
    /// `max`; reversed bounds are sorted; `count == 1` gives `[min]` and `min == max` gives
    /// `[min]`. Non-positive or non-finite bounds, or `count < 1`, give `[]`.
    public static func logarithmic(min: Double, max: Double, count: Int) -> [Double] {
        guard min.isFinite, max.isFinite, min > 0, max > 0, count >= 1 else { return [] }
        let low = Swift.min(min, max)
        let high = Swift.max(min, max)
        if count == 1 || low == high { return [low] }
        let ratio = log(high / low)
        return (0..<count).map { index in
            if index == 0 { return low }
            if index == count - 1 { return high }
            return low * exp(ratio * Double(index) / Double(count - 1))
        }
    }

    /// About `count` nicely rounded levels inside `[min, max]`: the linear ticks of
    /// `TickLocator.linearTicks(lower:upper:maxCount:)`, at most `count` of them.
    ///
    /// Levels equal to `min` or `max` are kept (they give degenerate contours only when the
    /// extreme is attained on a whole region). If the nice levels number fewer than two for
    /// a non-degenerate range, `count` evenly spaced interior levels
    /// `min + (max − min) · i / (count + 1)` are returned instead. Reversed bounds are
    /// sorted; non-finite bounds or `count < 1` give `[]`; `min == max` gives `[min]`.
    public static func linear(min: Double, max: Double, count: Int) -> [Double] {
        guard min.isFinite, max.isFinite, count >= 1 else { return [] }
        let low = Swift.min(min, max)
        let high = Swift.max(min, max)
        if low == high { return [low] }
        let nice = TickLocator.linearTicks(lower: low, upper: high, maxCount: count)
        if nice.count >= 2 || count == 1 { return nice }
        return (1...count).map { low + (high - low) * Double($0) / Double(count + 1) }
    }
}
