import Foundation
import Testing
@testable import Plotting

/// SplitMix64: a small seedable generator so that property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random non-degenerate range: centre and span over many magnitudes, either sign.
func randomRange(_ generator: inout SeededGenerator) -> (Double, Double) {
    let spanExponent = Double.random(in: -12...12, using: &generator)
    let span = pow(10, spanExponent) * Double.random(in: 1...10, using: &generator)
    let offset = span * Double.random(in: -20...20, using: &generator)
    return (offset, offset + span)
}

/// Whether `step` is `{1, 2, 2.5, 5} × 10^k` up to rounding.
func isNiceStep(_ step: Double) -> Bool {
    guard step > 0, step.isFinite else { return false }
    let exponent = floor(log10(step))
    let mantissa = step / pow(10, exponent)
    return [1, 2, 2.5, 5, 10].contains { abs(mantissa - $0) < 1e-6 }
}

struct TickLocatorTests {
    @Test func unitRangeGivesTenthsWithoutFloatingNoise() {
        let ticks = TickLocator.linearTicks(lower: 0, upper: 1, maxCount: 8)
        #expect(ticks.map { "\($0)" } == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let tenths = TickLocator.linearTicks(lower: 0, upper: 1, maxCount: 11)
        #expect(tenths.map { "\($0)" } == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
    }

    @Test func quarterStepsUseTwoAndAHalf() {
        let ticks = TickLocator.linearTicks(lower: 0, upper: 10, maxCount: 5)
        #expect(ticks.map { "\($0)" } == ["0.0", "2.5", "5.0", "7.5", "10.0"])
    }

    @Test func randomRangesSatisfyTheLocatorContract() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<3000 {
            let (lower, upper) = randomRange(&generator)
            let maxCount = Int.random(in: 4...12, using: &generator)
            let ticks = TickLocator.linearTicks(lower: lower, upper: upper, maxCount: maxCount)
            #expect(ticks.count <= maxCount, "\(lower)…\(upper) max \(maxCount): \(ticks)")
            #expect(ticks.count >= 2, "\(lower)…\(upper) max \(maxCount): \(ticks)")
            guard ticks.count >= 2 else { continue }
            let span = upper - lower
            #expect(ticks.allSatisfy { $0 >= lower - 1e-9 * span && $0 <= upper + 1e-9 * span }, "\(lower)…\(upper): \(ticks)")
            let step = ticks[1] - ticks[0]
            #expect(isNiceStep(step), "step \(step) for \(lower)…\(upper)")
            for (a, b) in zip(ticks, ticks.dropFirst()) {
                #expect(abs((b - a) - step) <= 1e-6 * step)
            }
            for tick in ticks {
                let multiple = tick / step
                #expect(abs(multiple - multiple.rounded()) < 1e-6, "\(tick) is not a multiple of \(step)")
            }
        }
    }

    @Test func degenerateAndReversedRanges() {
        #expect(TickLocator.linearTicks(lower: 3, upper: 3) == [3])
        #expect(TickLocator.linearTicks(lower: 10, upper: 0) == TickLocator.linearTicks(lower: 0, upper: 10))
        #expect(TickLocator.linearTicks(lower: .nan, upper: 1).isEmpty)
        #expect(TickLocator.linearTicks(lower: 0, upper: .infinity).isEmpty)
        #expect(TickLocator.linearTicks(lower: -Double.greatestFiniteMagnitude, upper: .greatestFiniteMagnitude).isEmpty)
        #expect(TickLocator.linearTicks(lower: 0, upper: 1, maxCount: 0).isEmpty)
    }

    @Test func negativeTinyAndHugeSpans() {
        let negative = TickLocator.linearTicks(lower: -5, upper: -1, maxCount: 5)
        #expect(negative.map { "\($0)" } == ["-5.0", "-4.0", "-3.0", "-2.0", "-1.0"])

        let tiny = TickLocator.linearTicks(lower: 1, upper: 1 + 1e-12, maxCount: 6)
        #expect(tiny.count >= 2 && tiny.count <= 6)
        #expect(tiny.allSatisfy { $0 >= 1 - 1e-15 && $0 <= 1 + 1.001e-12 })

        let huge = TickLocator.linearTicks(lower: -3e12, upper: 7e12, maxCount: 6)
        #expect(huge == [-2e12, 0, 2e12, 4e12, 6e12])

        // Bounds that differ only in their last bits fall back to the bounds themselves.
        let ulps = TickLocator.linearTicks(lower: 1, upper: 1.0.nextUp)
        #expect(ulps == [1, 1.0.nextUp])
    }

    @Test func niceLimitsContainTheDataAndAreTicks() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<1000 {
            let (lower, upper) = randomRange(&generator)
            let maxCount = Int.random(in: 4...10, using: &generator)
            let (low, high) = TickLocator.niceLimits(lower: lower, upper: upper, maxCount: maxCount)
            let span = upper - lower
            #expect(low <= lower + 1e-9 * span && high >= upper - 1e-9 * span)
            let ticks = TickLocator.linearTicks(lower: low, upper: high, maxCount: maxCount)
            #expect(ticks.count >= 2 && ticks.count <= maxCount)
            #expect(abs(ticks.first.map { $0 - low } ?? 1) <= 1e-9 * (high - low))
            #expect(abs(ticks.last.map { $0 - high } ?? 1) <= 1e-9 * (high - low))
        }
        let (a, b) = TickLocator.niceLimits(lower: 0.13, upper: 0.87, maxCount: 6)
        #expect(abs(a - 0) < 1e-12 && abs(b - 1) < 1e-12)
        let reversed = TickLocator.niceLimits(lower: 0.87, upper: 0.13, maxCount: 6)
        #expect(abs(reversed.0 - 1) < 1e-12 && abs(reversed.1) < 1e-12)
        let flat = TickLocator.niceLimits(lower: 5, upper: 5)
        #expect(flat.0 < 5 && flat.1 > 5)
        let zero = TickLocator.niceLimits(lower: 0, upper: 0)
        #expect(zero.0 <= -1 && zero.1 >= 1)
        let bad = TickLocator.niceLimits(lower: .nan, upper: 1)
        #expect(bad.0.isNaN && bad.1 == 1)
    }

    @Test func logTicksAtDecadesAndSubdivisions() {
        #expect(TickLocator.logTicks(lower: 1, upper: 1000) == [1, 10, 100, 1000])
        #expect(TickLocator.logTicks(lower: 1, upper: 50) == [1, 2, 5, 10, 20, 50])
        #expect(TickLocator.logTicks(lower: 0.01, upper: 0.5).map { "\($0)" } == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5"])
        #expect(TickLocator.logTicks(lower: 0, upper: 10).isEmpty)
        #expect(TickLocator.logTicks(lower: -1, upper: 10).isEmpty)
        #expect(TickLocator.logTicks(lower: .nan, upper: 10).isEmpty)
    }

    @Test func manyDecadesAreThinnedToMaxCount() {
        let ticks = TickLocator.logTicks(lower: 1e-10, upper: 1e10, maxCount: 8)
        #expect(ticks.count >= 2 && ticks.count <= 8)
        for tick in ticks {
            let exponent = log10(tick)
            #expect(abs(exponent - exponent.rounded()) < 1e-12, "\(tick) is not a decade")
        }
        let exponents = ticks.map { Int(log10($0).rounded()) }
        let strides = Set(zip(exponents, exponents.dropFirst()).map { $1 - $0 })
        #expect(strides.count == 1, "decades evenly thinned: \(exponents)")
    }

    @Test func narrowLogRangeFallsBackToLinearTicks() {
        let ticks = TickLocator.logTicks(lower: 2, upper: 3, maxCount: 6)
        #expect(ticks.count >= 2 && ticks.count <= 6)
        #expect(ticks.allSatisfy { $0 >= 2 && $0 <= 3 })
    }

    @Test func randomLogRangesStayInsideAndBounded() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<1000 {
            let low = pow(10, Double.random(in: -30...30, using: &generator))
            let high = low * pow(10, Double.random(in: 0.05...40, using: &generator))
            let maxCount = Int.random(in: 3...10, using: &generator)
            let ticks = TickLocator.logTicks(lower: low, upper: high, maxCount: maxCount)
            #expect(ticks.count >= 1 && ticks.count <= maxCount, "\(low)…\(high): \(ticks)")
            #expect(ticks.allSatisfy { $0 >= low * (1 - 1e-9) && $0 <= high * (1 + 1e-9) })
            #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 })
        }
    }
}
