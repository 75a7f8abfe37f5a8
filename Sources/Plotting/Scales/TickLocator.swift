import Foundation

/// Pure tick-position algorithms for linear and logarithmic axes.
///
/// Every function is total: NaN or infinite bounds give `[]` (or the input back for
/// `niceLimits`), reversed bounds are treated as their sorted pair, and every search loop has
/// a fixed iteration guard, so no input can make a locator spin forever.
public enum TickLocator {
    /// The mantissas of the nice steps, in tenths: steps are `{1, 2, 2.5, 5} × 10^k`.
    static let stepMantissasInTenths = [10, 20, 25, 50]

    /// How far (as a fraction of a step) a tick may lie outside `[lower, upper]` and still
    /// count as inside; absorbs rounding in `value / step`.
    static let indexTolerance = 1e-9

    /// Above this ratio of magnitude to span the values differ only in their last few bits
    /// (a double carries about 15.9 significant digits); the locator then stops looking for
    /// nice steps.
    static let maximumMagnitudeToSpan = 1e13

    /// A nice step `mantissaInTenths × 10^(exponent − 1)`, kept in integer parts so that
    /// ticks can be written exactly as decimals.
    struct Step: Equatable {
        /// 10, 20, 25 or 50.
        var mantissaInTenths: Int
        /// The decade of the step: the step is `mantissaInTenths / 10 × 10^exponent`.
        var exponent: Int

        /// The step as a Double.
        var value: Double { Step.decimal(mantissaInTenths, exponent - 1) }

        /// The tick `index × step`, parsed from its decimal form so that it is the double
        /// nearest the exact decimal (`0.3`, not `0.30000000000000004`).
        func tick(_ index: Int) -> Double {
            let (product, overflow) = index.multipliedReportingOverflow(by: mantissaInTenths)
            if overflow { return Double(index) * value }
            return Step.decimal(product, exponent - 1)
        }

        /// The double nearest `integer × 10^exponent`, correctly rounded.
        static func decimal(_ integer: Int, _ exponent: Int) -> Double {
            if integer == 0 { return 0 }
            return Double("\(integer)e\(exponent)") ?? Double(integer) * pow10(exponent)
        }

        /// The next larger nice step.
        func next() -> Step {
            let mantissas = TickLocator.stepMantissasInTenths
            guard let index = mantissas.firstIndex(of: mantissaInTenths), index + 1 < mantissas.count else {
                return Step(mantissaInTenths: mantissas[0], exponent: exponent + 1)
            }
            return Step(mantissaInTenths: mantissas[index + 1], exponent: exponent)
        }
    }

    /// `10^exponent` as a Double (exact for `0...22`, correctly rounded otherwise).
    static func pow10(_ exponent: Int) -> Double {
        Double("1e\(exponent)") ?? .nan
    }

    /// `⌊log10(value)⌋` for a positive finite value, corrected for rounding in `log10`; a value
    /// that `log10` cannot take (zero, after a subnormal span divided to nothing, infinity, NaN)
    /// gives the decade just past the Double range on its side (−324 or 308), never a trap.
    static func decade(of value: Double) -> Int {
        let logarithm = Foundation.log10(value)
        guard logarithm.isFinite else { return value > 1 ? 308 : -324 }
        var exponent = Int(logarithm.rounded(.down))
        // log10 may be off by one ulp near exact powers of ten: fix with exact comparisons.
        if pow10(exponent) > value { exponent -= 1 }
        if pow10(exponent + 1) <= value { exponent += 1 }
        return exponent
    }

    /// Lower bound on a step's index range: `⌈value / step − tolerance⌉`, or nil if out of Int range.
    private static func firstIndex(_ value: Double, _ step: Double) -> Int? {
        let index = (value / step - indexTolerance).rounded(.up)
        return index.magnitude < 9e15 ? Int(index) : nil
    }

    /// Upper bound on a step's index range: `⌊value / step + tolerance⌋`, or nil if out of Int range.
    private static func lastIndex(_ value: Double, _ step: Double) -> Int? {
        let index = (value / step + indexTolerance).rounded(.down)
        return index.magnitude < 9e15 ? Int(index) : nil
    }

    /// The smallest nice step whose multiples inside `[lower, upper]` number at most `maxCount`,
    /// with its index range; nil when the span is degenerate.
    static func chooseStep(lower: Double, upper: Double, maxCount: Int) -> (step: Step, first: Int, last: Int)? {
        let span = upper - lower
        guard span > 0, span.isFinite, maxCount >= 1 else { return nil }
        let magnitude = Swift.max(lower.magnitude, upper.magnitude)
        guard magnitude / span < maximumMagnitudeToSpan else { return nil }
        // Start one decade below the step that would give maxCount ticks and walk upwards.
        let rough = span / Double(Swift.max(1, maxCount))
        var step = Step(mantissaInTenths: 10, exponent: decade(of: rough) - 1)
        var best: (step: Step, first: Int, last: Int)?
        for _ in 0..<64 {
            let value = step.value
            if let first = firstIndex(lower, value), let last = lastIndex(upper, value) {
                let count = last - first + 1
                if count <= maxCount {
                    best = (step, first, last)
                    break
                }
            }
            step = step.next()
        }
        return best
    }

    /// Nicely rounded tick values covering `[lower, upper]`: multiples of a step from
    /// `{1, 2, 2.5, 5} × 10^k`, ascending.
    ///
    /// The step is the smallest nice step that gives at most `maxCount` ticks; for
    /// `maxCount ≥ 4` a non-degenerate range always gets at least two (with 2 or 3, a range
    /// that straddles a step boundary may get one). Ticks lie in `[lower, upper]` up to
    /// `1e-9` of a step and are the doubles nearest the exact decimals (`0.3`, never
    /// `0.30000000000000004`).
    ///
    /// Edge cases: reversed bounds are sorted; `lower == upper` gives `[lower]`; a span so
    /// small that the bounds differ only in their last ~13 digits gives `[lower, upper]`;
    /// NaN or infinite bounds, an overflowing span or `maxCount < 1` give `[]`.
    public static func linearTicks(lower: Double, upper: Double, maxCount: Int = 8) -> [Double] {
        guard lower.isFinite, upper.isFinite, maxCount >= 1 else { return [] }
        let low = Swift.min(lower, upper)
        let high = Swift.max(lower, upper)
        if low == high { return [low] }
        guard (high - low).isFinite else { return [] }
        guard let choice = chooseStep(lower: low, upper: high, maxCount: maxCount) else {
            return maxCount >= 2 ? [low, high] : [low]
        }
        guard choice.first <= choice.last else { return [] }
        return (choice.first...choice.last).map { choice.step.tick($0) }
    }

    /// The step that `linearTicks(lower:upper:maxCount:)` would use, or nil when it falls back.
    ///
    /// Useful to label ticks with a matching precision.
    public static func linearStep(lower: Double, upper: Double, maxCount: Int = 8) -> Double? {
        guard lower.isFinite, upper.isFinite else { return nil }
        return chooseStep(lower: Swift.min(lower, upper), upper: Swift.max(lower, upper), maxCount: maxCount)?.step.value
    }

    /// Axis limits widened outwards to multiples of a nice step, with at most `maxCount`
    /// ticks between them (both limits are ticks).
    ///
    /// The step is the smallest from `{1, 2, 2.5, 5} × 10^k` such that
    /// `⌈upper/step⌉ − ⌊lower/step⌋ + 1 ≤ maxCount` and `linearTicks` over the widened limits
    /// (same `maxCount`) starts and ends exactly on them. Orientation is kept: reversed input gives
    /// reversed output. `lower == upper` is first widened by 10 % of its magnitude (±1 around
    /// zero). NaN or infinite input, or `maxCount < 2`, is returned unchanged.
    public static func niceLimits(lower: Double, upper: Double, maxCount: Int = 8) -> (Double, Double) {
        guard lower.isFinite, upper.isFinite, maxCount >= 2 else { return (lower, upper) }
        var low = Swift.min(lower, upper)
        var high = Swift.max(lower, upper)
        if low == high {
            let delta = low == 0 ? 1 : low.magnitude * 0.1
            low -= delta
            high += delta
        }
        let span = high - low
        guard span.isFinite, Swift.max(low.magnitude, high.magnitude) / span < maximumMagnitudeToSpan else {
            return (lower, upper)
        }
        var step = Step(mantissaInTenths: 10, exponent: decade(of: span / Double(maxCount)) - 1)
        for _ in 0..<64 {
            let value = step.value
            let first = (low / value + indexTolerance).rounded(.down)
            let last = (high / value - indexTolerance).rounded(.up)
            if last - first + 1 <= Double(maxCount), first.magnitude < 9e15, last.magnitude < 9e15 {
                let niceLow = step.tick(Int(first))
                let niceHigh = step.tick(Int(last))
                // Only accept limits that linearTicks would start and end on.
                let ticks = linearTicks(lower: niceLow, upper: niceHigh, maxCount: maxCount)
                if ticks.first == niceLow && ticks.last == niceHigh {
                    return lower <= upper ? (niceLow, niceHigh) : (niceHigh, niceLow)
                }
            }
            step = step.next()
        }
        return (lower, upper)
    }

    /// Tick values for a logarithmic axis over `[lower, upper]`, ascending.
    ///
    /// - Under about two decades (`upper / lower < 100`): the values `{1, 2, 5} × 10^k`
    ///   inside the range, if they are at most `maxCount`; otherwise the decades alone.
    /// - Over more decades: the decades `10^k` inside the range; when there are more than
    ///   `maxCount`, only every `n`-th decade (`k` a multiple of `n`, the smallest such `n`).
    /// - A range too narrow to hold two of these (e.g. `[2, 3]`) falls back to
    ///   `linearTicks(lower:upper:maxCount:)`.
    ///
    /// Reversed bounds are sorted. Non-positive, NaN or infinite bounds, or `maxCount < 1`,
    /// give `[]` (a log axis cannot show zero).
    public static func logTicks(lower: Double, upper: Double, maxCount: Int = 8) -> [Double] {
        guard lower.isFinite, upper.isFinite, lower > 0, upper > 0, maxCount >= 1 else { return [] }
        let low = Swift.min(lower, upper)
        let high = Swift.max(lower, upper)
        if low == high { return [low] }
        let tolerance = 1e-12
        func inside(_ value: Double) -> Bool {
            value >= low * (1 - tolerance) && value <= high * (1 + tolerance)
        }
        let firstDecade = decade(of: low)
        let lastDecade = decade(of: high)
        if high / low < 100 {
            var ticks: [Double] = []
            for exponent in firstDecade...lastDecade {
                for mantissa in [1, 2, 5] {
                    let value = Step.decimal(mantissa, exponent)
                    if inside(value) { ticks.append(value) }
                }
            }
            if ticks.count <= maxCount, ticks.count >= 2 { return ticks }
        }
        let decades = ((firstDecade)...(lastDecade)).filter { inside(pow10($0)) }
        if decades.count < 2 {
            let linear = linearTicks(lower: low, upper: high, maxCount: maxCount)
            return linear.filter { $0 > 0 }
        }
        var stride = 1
        for _ in 0..<700 {
            let kept = decades.filter { $0 % stride == 0 }
            if kept.count <= maxCount, !kept.isEmpty {
                return kept.map(pow10)
            }
            stride += 1
        }
        return []
    }
}
