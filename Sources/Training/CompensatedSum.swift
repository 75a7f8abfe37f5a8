/// A running sum with Neumaier's compensation (improved Kahan–Babuška summation).
///
/// The rounding error of each addition `s + v` is recovered exactly as
/// `(s - t) + v` when `|s| >= |v|`, else `(v - t) + s`, where `t = fl(s + v)`, and accumulated in
/// `compensation`. The result `sum + compensation` has an error bound of about `2ε·Σ|v|` independent
/// of the number of terms, instead of `n·ε·Σ|v|` for naive left-to-right summation.
struct CompensatedSum {
    /// The leading part of the sum.
    private(set) var sum: Double = 0
    /// The accumulated rounding errors.
    private(set) var compensation: Double = 0

    /// Adds `value` to the sum.
    @inline(__always)
    mutating func add(_ value: Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    /// Adds another compensated sum: its leading part, then its accumulated errors.
    mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        add(other.compensation)
    }

    /// The compensated total.
    var value: Double { sum + compensation }
}
