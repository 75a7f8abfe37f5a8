import Foundation

/// Maps data values to colours: a colormap with linear or logarithmic normalisation over
/// `lower...upper`. Shared by heatmaps, filled contours and their colorbar.
public struct ColorScale: Sendable {
    /// How values become colormap fractions.
    public enum Normalization: Sendable, Hashable {
        /// `t = (v − lower) / (upper − lower)`.
        case linear
        /// `t = (log v − log lower) / (log upper − log lower)`; values ≤ 0 map to 0.
        case log
    }

    /// The colormap.
    public var colormap: Colormap
    /// The normalisation.
    public var normalization: Normalization
    /// The value at the bottom of the colormap.
    public var lower: Double
    /// The value at the top of the colormap.
    public var upper: Double

    /// Creates a colour scale.
    public init(colormap: Colormap, normalization: Normalization = .linear, lower: Double, upper: Double) {
        self.colormap = colormap
        self.normalization = normalization
        self.lower = lower
        self.upper = upper
    }

    /// A scale spanning the finite values (positive ones for `.log`); `[0, 1]` or `[1, 10]`
    /// when there are none, widened when all values are equal.
    public static func fitting(_ values: [Double], colormap: Colormap = .viridis, normalization: Normalization = .linear) -> ColorScale {
        let usable = values.filter { $0.isFinite && (normalization == .linear || $0 > 0) }
        var lower = usable.min() ?? (normalization == .log ? 1 : 0)
        var upper = usable.max() ?? (normalization == .log ? 10 : 1)
        if lower == upper {
            if normalization == .log { lower /= 10; upper *= 10 } else { lower -= 0.5; upper += 0.5 }
        }
        return ColorScale(colormap: colormap, normalization: normalization, lower: lower, upper: upper)
    }

    /// The colormap fraction of `value`, clamped to `0...1`; NaN stays NaN.
    public func fraction(of value: Double) -> Double { Fractions(self).fraction(of: value) }

    /// The normalisation's constants computed once, for the fractions of many values (a
    /// heatmap's cells: two of its three logarithms a cell were of the bounds). The same
    /// operations in the same order as computing them per value, so the same bits.
    struct Fractions {
        private let logarithmic: Bool
        /// `lower`, or `log10(lower)`.
        private let origin: Double
        /// `upper − lower`, or `log10(upper) − log10(lower)`.
        private let span: Double

        init(_ scale: ColorScale) {
            logarithmic = scale.normalization == .log
            origin = logarithmic ? log10(scale.lower) : scale.lower
            span = logarithmic ? log10(scale.upper) - origin : scale.upper - scale.lower
        }

        /// `t = (v − lower) / (upper − lower)` or `(log v − log lower) / (log upper − log lower)`
        /// (0 for v ≤ 0), clamped to `0...1`, NaN for NaN.
        func fraction(of value: Double) -> Double {
            if value.isNaN { return .nan }
            let t: Double
            if logarithmic {
                guard value > 0 else { return 0 }
                t = (log10(value) - origin) / span
            } else {
                t = (value - origin) / span
            }
            return t.isNaN ? 0 : min(1, max(0, t))
        }
    }

    /// The colour of `value` (the colormap's bad colour for NaN).
    public func color(for value: Double) -> Color {
        colormap.color(at: fraction(of: value))
    }

    /// The axis scale matching the normalisation (for colorbar ticks).
    var axisScale: AxisScale { normalization == .log ? .log : .linear }
}
