import Foundation

/// The ticks of one axis as laid out: labelled major ticks and unlabelled minor ticks.
struct AxisTicks: Equatable {
    /// The labelled ticks.
    var major: [Tick]
    /// Values of unlabelled minor ticks (log axes: 2…9 × 10^k between labelled decades).
    var minor: [Double] = []
    /// Whether the major ticks were located (false for custom ticks, which are kept as given).
    var located = true
    /// The size of the labels relative to the tick font (custom horizontal labels shrink to fit).
    var labelScale = 1.0
    /// Whether every second label (in order along the axis) sits one line lower, so long
    /// custom labels (category names) do not run into each other.
    var staggered = false
    /// Whether the labels are turned to read upwards (custom labels too long even staggered).
    var rotated = false
}

/// Chooses the ticks of an axis of a given pixel length so their labels never overlap.
///
/// Linear axes: the nice ticks of `TickLocator.linearTicks`, with fewer and fewer ticks until
/// neighbouring labels keep a gap (horizontal: also the old total-width rule); at least two
/// labelled ticks whenever two fit (else the first and last of a denser set). Log axes: below
/// two decades the 1-2-5 ticks if they fit (minor ticks at the other 2…9 × 10^k); otherwise the
/// decades, every one or every n-th, with unlabelled minor ticks at 2…9 × 10^k (or at the
/// skipped decades) when the axis spans at most six decades and they are not crowded; a range
/// holding fewer than two decades falls back to 1-2-5 or linear ticks. Colorbars prefer 1-2-5
/// ticks below four decades, so they get at least four labels when the range allows.
struct AxisTickLayout {
    var formatter: TickFormatter
    var renderer: any Renderer
    var style: TextStyle
    var gap: Double
    /// The tick length of the figure, which sets how crowded minor ticks may be.
    var tickLength: Double

    /// The ticks for `limits` on an axis `length` pixels long.
    func ticks(limits: AxisLimits, scale: AxisScale, custom: [Tick]?, length: Double, horizontal: Bool, colorbar: Bool = false) -> AxisTicks {
        let low = min(limits.lower, limits.upper), high = max(limits.lower, limits.upper)
        let tolerance = (high - low) * 1e-9
        if let custom {
            var ticks = AxisTicks(major: custom.filter { $0.value >= low - tolerance && $0.value <= high + tolerance && (scale == .linear || $0.value > 0) },
                                  located: false)
            if horizontal { (ticks.labelScale, ticks.staggered, ticks.rotated) = arrangeCustom(ticks.major, limits: limits, scale: scale, length: length) }
            return ticks
        }
        guard low.isFinite, high.isFinite, high > low, length > 0 else { return AxisTicks(major: []) }
        let spacing = horizontal ? style.size * 4.5 : style.size * 2.6
        let fitting = length / spacing
        let maxCount = fitting.isFinite ? max(2, Int(min(10, fitting))) : 2
        if scale == .log, low > 0 {
            return logTicks(low: low, high: high, length: length, maxCount: maxCount, horizontal: horizontal, colorbar: colorbar, limits: limits)
        }
        return linearTicks(low: low, high: high, length: length, maxCount: maxCount, horizontal: horizontal, limits: limits, scale: scale)
    }

    // MARK: Linear

    private func linearTicks(low: Double, high: Double, length: Double, maxCount: Int, horizontal: Bool, limits: AxisLimits,
                             scale: AxisScale) -> AxisTicks {
        let tolerance = (high - low) * 1e-9
        func located(_ count: Int) -> [Double] {
            TickLocator.linearTicks(lower: low, upper: high, maxCount: count).filter { $0 >= low - tolerance && $0 <= high + tolerance }
        }
        var oneTick: [Tick]?
        for count in stride(from: maxCount, through: 1, by: -1) {
            let values = located(count)
            let ticks = labelled(values, log: false)
            if values.count >= 2, fits(ticks, limits: limits, scale: scale, length: length, horizontal: horizontal, totalWidthRule: true) {
                return AxisTicks(major: ticks)
            }
            if values.count == 1, oneTick == nil { oneTick = ticks }
        }
        // No set of two or more fits: the two outermost ticks of the sparsest set that has them.
        for count in 2...12 {
            let values = located(count)
            guard values.count >= 2, let first = values.first, let last = values.last else { continue }
            let ticks = labelled([first, last], log: false)
            if fits(ticks, limits: limits, scale: scale, length: length, horizontal: horizontal, totalWidthRule: false) {
                return AxisTicks(major: ticks)
            }
            break
        }
        return AxisTicks(major: oneTick ?? labelled(Array(located(1).prefix(1)), log: false))
    }

    // MARK: Log

    private func logTicks(low: Double, high: Double, length: Double, maxCount: Int, horizontal: Bool, colorbar: Bool,
                          limits: AxisLimits) -> AxisTicks {
        let firstDecade = TickLocator.decade(of: low), lastDecade = TickLocator.decade(of: high)
        func inside(_ value: Double) -> Bool { value >= low * (1 - 1e-12) && value <= high * (1 + 1e-12) }
        let decades = (firstDecade...lastDecade).filter { inside(TickLocator.pow10($0)) }
        let span = log10(high) - log10(low)
        let pixelsPerDecade = length / span
        func ok(_ ticks: [Tick], minimum: Int = 2) -> Bool {
            ticks.count >= minimum && ticks.count <= max(maxCount, minimum)
                && fits(ticks, limits: limits, scale: .log, length: length, horizontal: horizontal, totalWidthRule: false)
        }
        /// 2…9 × 10^k inside the range, without `excluded` values, when not crowded.
        func minors(excluding excluded: [Double]) -> [Double] {
            guard span <= 6, pixelsPerDecade >= 8 * tickLength else { return [] }
            var result: [Double] = []
            for exponent in (firstDecade - 1)...(lastDecade + 1) {
                for mantissa in 2...9 {
                    let value = TickLocator.Step.decimal(mantissa, exponent)
                    if inside(value), !excluded.contains(where: { abs($0 - value) <= value * 1e-9 }) { result.append(value) }
                }
            }
            return result
        }
        let oneTwoFive: [Double] = (firstDecade...lastDecade).flatMap { exponent in
            [1, 2, 5].map { TickLocator.Step.decimal($0, exponent) } }.filter(inside)
        // Colorbars below four decades, other axes below two: 1-2-5 if it fits.
        if high / low < (colorbar ? 1000 : 100) || decades.count < 2 {
            let ticks = labelled(oneTwoFive, log: true)
            if ok(ticks) {
                return AxisTicks(major: ticks, minor: minors(excluding: oneTwoFive))
            }
        }
        if decades.count >= 2 {
            for stride in 1...max(1, decades.count) {
                let kept = decades.filter { $0 % stride == 0 }.map(TickLocator.pow10)
                let ticks = labelled(kept, log: true)
                if ok(ticks) {
                    let minor = stride == 1 ? minors(excluding: kept)
                        : decades.map(TickLocator.pow10).filter { value in !kept.contains(value) }
                    return AxisTicks(major: ticks, minor: minor)
                }
            }
        }
        // Fewer than two decades inside, or none of the sets fits: a 1-2-5 subset or linear ticks.
        if decades.count < 2 {
            let linear = linearTicks(low: low, high: high, length: length, maxCount: maxCount, horizontal: horizontal, limits: limits, scale: .log)
            if linear.major.count >= 2 { return AxisTicks(major: linear.major.map { Tick(value: $0.value, label: $0.label) }) }
        }
        let fallback = decades.isEmpty ? oneTwoFive : decades.map(TickLocator.pow10)
        if let first = fallback.first, let last = fallback.last, first != last {
            let ticks = labelled([first, last], log: true)
            if fits(ticks, limits: limits, scale: .log, length: length, horizontal: horizontal, totalWidthRule: false) {
                return AxisTicks(major: ticks, minor: minors(excluding: [first, last]))
            }
        }
        let single = fallback.isEmpty ? [] : [fallback[fallback.count / 2]]
        return AxisTicks(major: labelled(single, log: true), minor: minors(excluding: single))
    }

    // MARK: Custom labels

    /// The largest label size (1, 0.9 or 0.8 of the tick font) at which custom horizontal
    /// labels keep their gaps: in one row, else staggered in two rows, else turned to read
    /// upwards (one line height apart); turned at 0.8 when nothing fits.
    private func arrangeCustom(_ ticks: [Tick], limits: AxisLimits, scale: AxisScale, length: Double) -> (scale: Double, staggered: Bool, rotated: Bool) {
        let sorted = ticks.sorted { $0.value < $1.value }
        let alternate = [sorted.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), sorted.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)]
        for staggered in [false, true] {
            for factor in [1.0, 0.9, 0.8] {
                var smaller = style
                smaller.size = style.size * factor
                let rows = staggered ? alternate : [ticks]
                if rows.allSatisfy({ fits($0, limits: limits, scale: scale, length: length, horizontal: true, totalWidthRule: false, style: smaller) }) {
                    return (factor, staggered, false)
                }
            }
        }
        for factor in [1.0, 0.9, 0.8] {
            var smaller = style
            smaller.size = style.size * factor
            if fits(ticks, limits: limits, scale: scale, length: length, horizontal: false, totalWidthRule: false, style: smaller,
                    minimumGap: 0.35 * smaller.size) {
                return (factor, false, true)
            }
        }
        return (0.8, false, true)
    }

    // MARK: Labels and fit

    private func labelled(_ values: [Double], log: Bool) -> [Tick] {
        let labels = log ? formatter.logLabels(for: values) : formatter.labels(for: values)
        return zip(values, labels).map { Tick(value: $0, label: $1) }
    }

    /// Whether neighbouring labels keep a gap along the axis (`2·gap` horizontally, half a gap
    /// vertically) and, with `totalWidthRule`, horizontal labels plus `2·gap` each fit the length.
    func fits(_ ticks: [Tick], limits: AxisLimits, scale: AxisScale, length: Double, horizontal: Bool, totalWidthRule: Bool,
              style: TextStyle? = nil, minimumGap: Double? = nil) -> Bool {
        guard ticks.count >= 2 else { return true }
        let style = style ?? self.style
        let gap = self.gap * style.size / self.style.size
        let u0 = scale.forward(limits.lower), u1 = scale.forward(limits.upper)
        let extents = ticks.map { tick -> Double in
            let metrics = renderer.measureText(tick.label, style: style)
            return horizontal ? metrics.width : metrics.height
        }
        if horizontal && totalWidthRule {
            let needed = extents.reduce(0, +) + Double(extents.count) * 2 * gap
            if needed > length { return false }
        }
        let positions = ticks.map { (scale.forward($0.value) - u0) / (u1 - u0) * length }
        let order = positions.indices.sorted { positions[$0] < positions[$1] }
        let minimumGap = minimumGap ?? (horizontal ? 2 * gap : gap / 2)
        for (i, j) in zip(order, order.dropFirst()) where positions[j] - positions[i] < (extents[i] + extents[j]) / 2 + minimumGap {
            return false
        }
        return true
    }
}
