import Foundation
import Testing
@testable import Plotting

/// The number of digits after the decimal separator in a fixed-point label (0 if none).
private func decimalCount(_ label: String, separator: Character) -> Int {
    guard let index = label.firstIndex(of: separator) else { return 0 }
    return label.distance(from: label.index(after: index), to: label.endIndex)
}

struct TickFormatterTests {
    let english = TickFormatter()
    let finnish = TickFormatter(style: .finnish)

    @Test func labelsShareTheFewestExactDecimals() {
        #expect(english.labels(for: [0, 0.25, 0.5, 0.75, 1]) == ["0.00", "0.25", "0.50", "0.75", "1.00"])
        #expect(english.labels(for: [0.1, 0.2, 0.30000000000000004]) == ["0.1", "0.2", "0.3"])
        #expect(english.labels(for: [0, 20, 40]) == ["0", "20", "40"])
        #expect(english.labels(for: []).isEmpty)
    }

    @Test func negativesUseUnicodeMinusAndZeroHasNoSign() {
        #expect(english.labels(for: [-1, 0, 1]) == ["\u{2212}1", "0", "1"])
        #expect(english.labels(for: [-0.5, -0.0, 0.5]) == ["\u{2212}0.5", "0.0", "0.5"])
        // Floating noise around zero must not print as a signed zero.
        #expect(english.labels(for: [-0.2, -1e-17, 0.2]) == ["\u{2212}0.2", "0.0", "0.2"])
        #expect(english.format(-0.004, decimals: 2) == "0.00")
        #expect(english.format(-0.0, decimals: 0) == "0")
        #expect(english.format(-2.5, decimals: 1) == "\u{2212}2.5")
    }

    @Test func finnishUsesDecimalComma() {
        #expect(finnish.labels(for: [0.5, 1.0, 1.5]) == ["0,5", "1,0", "1,5"])
        #expect(finnish.format(-3.14159, decimals: 2) == "\u{2212}3,14")
        #expect(finnish.format(0.000012, significantDigits: 2) == "1,2×10⁻⁵")
    }

    @Test func scientificOnlyForExtremeMagnitudes() {
        #expect(english.labels(for: [0, 1e-5, 2e-5]) == ["0", "1×10⁻⁵", "2×10⁻⁵"])
        #expect(english.labels(for: [1e6, 1.5e6, 2e6]) == ["1.0×10⁶", "1.5×10⁶", "2.0×10⁶"])
        #expect(english.labels(for: [-2e-5, 0, 2e-5]) == ["\u{2212}2×10⁻⁵", "0", "2×10⁻⁵"])
        #expect(english.labels(for: [0, 250_000, 500_000]) == ["0", "250000", "500000"])
        #expect(english.labels(for: [0.001, 0.002]) == ["0.001", "0.002"])
    }

    @Test func nonFiniteTicksHaveSymbols() {
        #expect(english.labels(for: [.nan, .infinity, -.infinity]) == ["NaN", "∞", "\u{2212}∞"])
        #expect(english.labels(for: [1, .nan, 2]) == ["1", "NaN", "2"])
    }

    @Test func randomTickSetsGetConsistentDistinctLabels() {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<1500 {
            let (lower, upper) = randomRange(&generator)
            let ticks = TickLocator.linearTicks(lower: lower, upper: upper, maxCount: Int.random(in: 4...10, using: &generator))
            for formatter in [english, finnish] {
                let labels = formatter.labels(for: ticks)
                let separator = formatter.style.decimalSeparator
                #expect(labels.count == ticks.count)
                #expect(Set(labels).count == Set(ticks).count, "\(ticks) → \(labels)")
                #expect(!labels.contains { $0.contains("-") }, "ASCII hyphen in \(labels)")
                #expect(!labels.contains { $0.hasPrefix("\u{2212}") && $0.dropFirst().allSatisfy { $0 == "0" || $0 == separator } })
                let scientific = labels.contains { $0.contains("×10") }
                if !scientific {
                    let counts = Set(labels.map { decimalCount($0, separator: separator) })
                    #expect(counts.count == 1, "\(ticks) → \(labels)")
                    // Fixed labels read back as their ticks.
                    for (tick, label) in zip(ticks, labels) {
                        let plain = label.replacingOccurrences(of: "\u{2212}", with: "-").replacingOccurrences(of: String(separator), with: ".")
                        let gap = ticks.count > 1 ? ticks[1] - ticks[0] : 1
                        #expect(abs((Double(plain) ?? .nan) - tick) <= gap * 1e-3, "\(tick) → \(label)")
                    }
                } else {
                    #expect(labels.allSatisfy { $0 == "0" || $0.contains("×10") })
                }
                if formatter.style == .english { #expect(!labels.contains { $0.contains(",") }) }
            }
        }
    }

    @Test func logLabelsChooseReadableForms() {
        #expect(english.logLabels(for: [0.01, 0.1, 1, 10]) == ["0.01", "0.1", "1", "10"])
        #expect(english.logLabels(for: [1, 2, 5, 10, 20, 50]) == ["1", "2", "5", "10", "20", "50"])
        #expect(english.logLabels(for: [1e-3, 1e-2, 1e-1, 1]) == ["10⁻³", "10⁻²", "10⁻¹", "10⁰"])
        #expect(english.logLabels(for: [1e2, 1e4, 1e6]) == ["10²", "10⁴", "10⁶"])
        #expect(english.logLabels(for: [1e-4, 2e-4, 5e-4]) == ["10⁻⁴", "2×10⁻⁴", "5×10⁻⁴"])
        #expect(finnish.logLabels(for: [0.05, 0.1, 0.2]) == ["0,05", "0,1", "0,2"])
    }

    @Test func significantDigits() {
        #expect(english.format(0.012345, significantDigits: 3) == "0.0123")
        #expect(english.format(1234.5, significantDigits: 2) == "1200")
        #expect(english.format(0.00001234, significantDigits: 2) == "1.2×10⁻⁵")
        #expect(english.format(-2, significantDigits: 3) == "\u{2212}2")
        #expect(english.format(0, significantDigits: 3) == "0")
        #expect(english.format(9.996, significantDigits: 3) == "10")
        #expect(english.format(2.5e7, significantDigits: 3) == "2.5×10⁷")
        #expect(english.format(.nan, significantDigits: 3) == "NaN")
    }

    @Test func decimalsAreClampedAndRounded() {
        #expect(english.format(3.14159, decimals: 3) == "3.142")
        #expect(english.format(2, decimals: -4) == "2")
        #expect(english.format(1.0 / 3.0, decimals: 40).count == 19)
        #expect(english.format(-.infinity, decimals: 2) == "\u{2212}∞")
    }
}
