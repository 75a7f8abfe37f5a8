import Foundation

/// Number formatting for the benchmark table: costs with a fitting unit, ratios, row counts.
enum BenchFormat {
    /// `value` in `unit` ("s", "ns", "MiB") written with 3 significant digits and, for seconds,
    /// the fitting unit: `0.000412 s` → `412 µs`, `0.0123 s` → `12.3 ms`, `3.2 s` → `3.20 s`.
    static func value(_ value: Double, unit: String) -> String {
        guard value.isFinite else { return "–" }
        if unit == "s" {
            if value >= 1 { return significant(value) + " s" }
            if value >= 1e-3 { return significant(value * 1e3) + " ms" }
            if value >= 1e-6 { return significant(value * 1e6) + " µs" }
            return significant(value * 1e9) + " ns"
        }
        return significant(value) + " " + unit
    }

    /// Three significant digits (no exponent below 10⁷).
    static func significant(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 100 { return String(format: "%.0f", value) }
        if magnitude >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    /// A ratio such as `23.4x` or `0.81x`.
    static func ratio(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "–" }
        if ratio >= 1000 { return String(format: "%.3gx", ratio).replacingOccurrences(of: "e+0", with: "e") }
        return significant(ratio) + "x"
    }

    /// Row counts as powers of ten where exact (`10^6`), else with separators.
    static func count(_ count: Int) -> String {
        var value = count, exponent = 0
        while value >= 10 && value % 10 == 0 {
            value /= 10
            exponent += 1
        }
        if value == 1 && exponent >= 3 { return "10^\(exponent)" }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        return formatter.string(from: NSNumber(value: count)) ?? String(count)
    }
}
