import Foundation
import Testing
@testable import Plotting

/// Colour-scale fractions: the formula of each normalisation written out, bit for bit, at the
/// bounds, outside them, at zero, negative values, NaN and infinities.
@Suite struct ColorScaleTests {
    static func written(_ value: Double, _ scale: ColorScale) -> Double {
        if value.isNaN { return .nan }
        let t: Double
        switch scale.normalization {
        case .linear: t = (value - scale.lower) / (scale.upper - scale.lower)
        case .log:
            guard value > 0 else { return 0 }
            t = (log10(value) - log10(scale.lower)) / (log10(scale.upper) - log10(scale.lower))
        }
        return t.isNaN ? 0 : min(1, max(0, t))
    }

    @Test(arguments: [ColorScale.Normalization.linear, .log])
    func fractionsAreTheFormula(normalization: ColorScale.Normalization) {
        var state: UInt64 = 4
        func unit() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let scales = [(0.013, 7.9), (0.1528, 0.1529), (1e-9, 1e9), (-2.0, 3.0), (5.0, 5.0)].map {
            ColorScale(colormap: .viridis, normalization: normalization, lower: $0.0, upper: $0.1)
        }
        for scale in scales {
            var values = [scale.lower, scale.upper, 0, -0.0, -1, .nan, .infinity, -.infinity, 1e-300, 1e300]
            values += (0..<500).map { _ in scale.lower + (scale.upper - scale.lower) * (1.4 * unit() - 0.2) }
            let fractions = ColorScale.Fractions(scale)
            for value in values {
                let expected = Self.written(value, scale), batch = fractions.fraction(of: value), single = scale.fraction(of: value)
                #expect(batch.bitPattern == expected.bitPattern || (batch.isNaN && expected.isNaN), "\(value) in \(scale.lower)...\(scale.upper)")
                #expect(single.bitPattern == batch.bitPattern || (single.isNaN && batch.isNaN))
            }
        }
        let unitScale = ColorScale(colormap: .viridis, normalization: normalization, lower: 1, upper: 100)
        #expect(unitScale.fraction(of: 10) == (normalization == .log ? 0.5 : 9.0 / 99.0))
        #expect(unitScale.fraction(of: 1000) == 1 && unitScale.fraction(of: -5) == 0 && unitScale.fraction(of: .nan).isNaN)
    }
}
