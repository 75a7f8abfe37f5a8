import Foundation
import Plotting

/// The MSE axis of a loss plot: its scale and fixed limits, chosen once from whole histories so
/// that a sequence of frames does not jump and a diverging run does not squash the others.
///
/// Let `v` be every finite MSE of every curve plus the reference levels (closed-form minima).
/// The *top of interest* `t` is the largest value of the curves that did not diverge together
/// with the starting MSE (epoch 0) of those that did. Then:
/// - log scale (`log` asked for, any run diverged, or `automaticLog` and `max v / min v > 100`):
///   limits `[min v / 1.6, min(max v, h·t) · 1.6]` with the headroom `h` (default `10³`), widened
///   to at least one decade; a diverged run therefore leaves the panel at the top, `log10 h`
///   decades above its start, instead of stretching the axis to `10¹²`;
/// - linear scale: `[0, min(max v, t) · 1.08]` (MSE is never negative; zero is shown so that
///   the distance to the minimum reads honestly).
struct LossAxisRange: Sendable, Hashable {
    /// Linear or log.
    var scale: AxisScale
    /// The fixed y limits.
    var limits: AxisLimits
    /// Whether some curve value lies above `limits.upper` (drawn leaving the panel at the top).
    var clipsCurves: Bool

    /// Creates a range directly.
    init(scale: AxisScale, limits: AxisLimits, clipsCurves: Bool = false) {
        self.scale = scale
        self.limits = limits
        self.clipsCurves = clipsCurves
    }

    /// The range that shows `curves` (MSE per epoch, one array per run) and `references`.
    ///
    /// - Parameters:
    ///   - diverged: per curve, whether that run diverged (missing entries count as false).
    ///   - log: force the log scale.
    ///   - automaticLog: switch to log when the values span more than two decades.
    ///   - headroom: how far above the top of interest a log axis reaches (a factor, ≥ 1).
    static func fitting(curves: [[Double]], diverged: [Bool] = [], references: [Double] = [],
                               log: Bool = false, automaticLog: Bool = false, headroom: Double = 1e3) -> LossAxisRange {
        let values = (curves.flatMap { $0 } + references).filter { $0.isFinite && $0 >= 0 }
        let anyDiverged = diverged.contains(true)
        var top = 0.0
        for (index, curve) in curves.enumerated() {
            let finite = curve.filter(\.isFinite)
            let didDiverge = index < diverged.count && diverged[index]
            if didDiverge {
                top = max(top, finite.first ?? 0)
            } else {
                top = max(top, finite.max() ?? 0)
            }
        }
        top = max(top, references.filter(\.isFinite).max() ?? 0)
        let positive = values.filter { $0 > 0 }
        let smallest = positive.min() ?? 1e-3, largest = values.max() ?? 1
        let useLog = log || anyDiverged || (automaticLog && smallest > 0 && largest / smallest > 100)
        if useLog {
            let upperValue = min(largest, top > 0 ? top * max(1, headroom) : largest)
            var lower = smallest / 1.6, upper = max(upperValue, smallest) * 1.6
            if upper / lower < 10 {
                let middle = (lower * upper).squareRoot()
                lower = middle / 10.0.squareRoot()
                upper = middle * 10.0.squareRoot()
            }
            return LossAxisRange(scale: .log, limits: AxisLimits(lower, upper), clipsCurves: largest > upper)
        }
        let upperValue = top > 0 ? min(largest, top) : largest
        let upper = upperValue > 0 ? upperValue * 1.08 : 1
        return LossAxisRange(scale: .linear, limits: AxisLimits(0, upper), clipsCurves: largest > upper)
    }

    /// Applies the scale and limits to `axes`.
    func apply(to axes: Axes) {
        axes.yScale = scale
        axes.yLimits = limits
    }

    /// The range with an empty band on top: the upper limit raised (in scale units) so the old
    /// span is `1 − fraction` of the new one, e.g. room for a legend above curves cut by `clip`.
    func withBand(fraction: Double) -> LossAxisRange {
        let lowU = scale.forward(limits.lower), highU = scale.forward(limits.upper)
        let share = min(max(fraction, 0), 0.9)
        let newHigh = lowU + (highU - lowU) / (1 - share)
        return LossAxisRange(scale: scale, limits: AxisLimits(limits.lower, scale.inverse(newHigh)), clipsCurves: clipsCurves)
    }

    /// `points` up to where they first rise above `level` (default: the upper limit), ending with
    /// the crossing point, interpolated linearly in x and in scale units of y; later points are
    /// dropped. Non-finite values count as above.
    func clip(_ points: [DataPoint], at level: Double? = nil) -> [DataPoint] {
        let cap = level ?? limits.upper
        var kept: [DataPoint] = []
        for point in points {
            guard point.y.isFinite, point.y <= cap else {
                if let previous = kept.last, point.y.isFinite {
                    let a = scale.forward(previous.y), b = scale.forward(point.y), c = scale.forward(cap)
                    let t = b > a ? (c - a) / (b - a) : 1
                    kept.append(DataPoint(x: previous.x + (point.x - previous.x) * t, y: cap))
                }
                return kept
            }
            kept.append(point)
        }
        return kept
    }

    /// `value` moved to the top edge when above it (for marking where a curve leaves the panel).
    func clamped(_ value: Double) -> Double {
        value.isFinite ? min(value, limits.upper) : limits.upper
    }
}
