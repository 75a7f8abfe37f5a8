import Foundation

/// How many decimals the per-row tables print (the report's and `descent train`'s).
enum TableDecimals {
    /// The fewest decimals (at most 6) that print every one of `values` as it is, to 10⁻⁹ of its
    /// size: 0 for 58 and 150, 1 for 12.5.
    static func data(_ values: [Double]) -> Int {
        (0...6).first { decimals in
            let scale = pow(10, Double(decimals))
            return values.allSatisfy { value in abs((value * scale).rounded() / scale - value) <= 1e-9 * max(1, abs(value)) }
        } ?? 6
    }

    /// Predictions and errors to about a thousandth of y's spread `spread`, at least one decimal:
    /// 1 for the notebook's heights (12 cm), 5 for a spread of 0.005.
    static func prediction(spread: Double) -> Int {
        guard spread > 0, spread.isFinite else { return 1 }
        return min(8, max(1, 2 - Int(log10(spread).rounded(.down))))
    }
}
