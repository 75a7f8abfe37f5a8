import CKernels
import Foundation
import Testing
@testable import Training

/// CKernels' network kernels (`descent_tanh_lanes`, `descent_network_forward`,
/// `descent_network_mse`, behind ``NetworkModel``): the activation against `tanh` in 80-bit
/// precision and the C library's, its special values and symmetry; the AVX2 path against the
/// baseline path bit for bit; the forward pass and the MSE against the network written out here.
@Suite("Network kernels") struct NetworkKernelTests {
    /// Arguments in the ranges that take each of fdlibm's cases: tiny (returned as is), below 1
    /// (expm1 of −2|x| with k = 0, −1, −2, −3), from 1 to 22 (expm1 of 2|x| with k from 3 to 63:
    /// 1 − 2⁻ᵏ below k = 20, 2⁻ᵏ from 20 to 56, the far formula above), beyond 22 (±1).
    static func arguments(count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        let scales: [Double] = [0x1p-60, 1e-9, 0.17, 0.35, 0.52, 1, 2.5, 10, 19.6, 21.9, 30]
        return (0..<count).map { index in
            let u = Double(generator.next() >> 11) * 0x1p-53
            return (2 * u - 1) * scales[index % scales.count]
        }
    }

    /// `|a − b|` in units in the last place of `b`'s binade (the gap between doubles at `b`).
    static func ulps(_ value: Double, from reference: Float80) -> Float80 {
        let rounded = Double(reference)
        guard rounded != 0 else { return value == 0 ? 0 : .infinity }
        return abs(Float80(value) - reference) / Float80(rounded.ulp)
    }

    @Test("tanh: within 2.2 units in the last place of tanh in 80-bit precision in every case's range (fdlibm's error, the C library's too), the correctly rounded value as often as the C library's")
    func accuracy() {
        let x = Self.arguments(count: 200_003, seed: 7)
        var values = [Double](repeating: .nan, count: x.count)
        descent_tanh_lanes(x, &values, x.count)
        var worst: Float80 = 0, rounded = 0, libraryRounded = 0, libraryWorst: Float80 = 0
        for (argument, value) in zip(x, values) {
            let reference = Foundation.tanh(Float80(argument))
            worst = max(worst, Self.ulps(value, from: reference))
            libraryWorst = max(libraryWorst, Self.ulps(Foundation.tanh(argument), from: reference))
            if value == Double(reference) { rounded += 1 }
            if Foundation.tanh(argument) == Double(reference) { libraryRounded += 1 }
        }
        #expect(worst <= 2.2, "worst error \(worst) ulps (the C library's: \(libraryWorst))")
        // About four in five (the library's rate, to a tenth of a percent).
        #expect(Double(rounded) / Double(x.count) > 0.75, "\(rounded) of \(x.count) correctly rounded")
        #expect(abs(rounded - libraryRounded) < x.count / 1000, "\(rounded) correctly rounded, the library \(libraryRounded)")
    }

    @Test("tanh: the C library's value for all but a few arguments and never more than 3 ulps from it; odd, monotone, ±1 from 22, x itself below 2⁻⁵⁵")
    func shape() {
        let x = Self.arguments(count: 100_000, seed: 11)
        let values = x.map(NetworkModel.activation)
        var differing = 0
        for (argument, value) in zip(x, values) {
            let library = Foundation.tanh(argument)
            if value != library { differing += 1 }
            #expect(abs(value - library) <= 3 * library.ulp, "tanh(\(argument)) = \(value), the library's \(library)")
            #expect(NetworkModel.activation(-argument).bitPattern == (-value).bitPattern, "odd at \(argument)")
        }
        #expect(differing < x.count / 1000, "\(differing) of \(x.count) differ from the C library")
        // Monotone on a fine sweep across the case boundaries.
        var previous = -1.0
        for step in 0...200_000 {
            let argument = -25 + Double(step) * 0.00025
            let value = NetworkModel.activation(argument)
            #expect(value >= previous, "not monotone at \(argument)")
            previous = value
        }
        for argument in [22.0, 22.5, 700, 1e300, .infinity] {
            #expect(NetworkModel.activation(argument) == 1 && NetworkModel.activation(-argument) == -1)
        }
        #expect(NetworkModel.activation(21.9) == 1 - 0x1p-53 || NetworkModel.activation(21.9) == 1)
        for argument in [0x1p-56, 0x1p-60, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude] {
            #expect(NetworkModel.activation(argument) == argument && NetworkModel.activation(-argument) == -argument)
        }
        #expect(NetworkModel.activation(0).bitPattern == 0.0.bitPattern && NetworkModel.activation(-0.0).bitPattern == (-0.0).bitPattern)
        #expect(NetworkModel.activation(.nan).isNaN)
        // Values worked by hand from tanh x = (e²ˣ − 1)/(e²ˣ + 1) in 80-bit precision.
        for argument in [0.25, -0.5, 0.75, 1.0, -2.0, 5.0] {
            let e = Foundation.exp(2 * Float80(argument))
            #expect(abs(NetworkModel.activation(argument) - Double((e - 1) / (e + 1))) <= 2 * abs(Double((e - 1) / (e + 1))).ulp)
        }
    }

    @Test("tanh: the AVX2 and the baseline path give the same bits for every length 0…13 (tails) and 10⁵ arguments with NaN, infinities, −0 and subnormals")
    func pathsAgree() {
        var x = Self.arguments(count: 100_000, seed: 3)
        for (index, special) in [Double.nan, .infinity, -.infinity, -0.0, 0, .leastNonzeroMagnitude, -.leastNormalMagnitude, 22, -22, 1, -1].enumerated() {
            x[index * 7] = special
        }
        for count in Array(0...13) + [x.count] {
            var fast = [Double](repeating: 7, count: count + 3), plain = fast
            descent_tanh_lanes(x, &fast, count)
            descent_tanh_lanes_baseline(x, &plain, count)
            #expect(fast.map(\.bitPattern) == plain.map(\.bitPattern), "length \(count)")
            // Nothing written past the end.
            #expect(fast.suffix(3) == [7, 7, 7] && plain.suffix(3) == [7, 7, 7])
        }
    }

    /// The network's MSE written out here: per row, each unit's `tanh(w·x + c)` by the activation,
    /// `((0 + v₁h₁) + v₂h₂ …) + b`, then the squared errors added in row order.
    static func referenceMSE(units h: Int, theta: [Double], x: [Double], y: [Double]) -> Double {
        var total = 0.0
        for row in x.indices {
            var sum = 0.0
            for j in 0..<h { sum += theta[2 * h + j] * NetworkModel.activation(theta[j] * x[row] + theta[h + j]) }
            let error = (sum + theta[3 * h]) - y[row]
            total += error * error
        }
        return total / Double(x.count)
    }

    @Test("forward pass and MSE: the network written out here, bit for bit, for H = 1, 3, 8, 13 and every row count 1…9 (four rows a vector, a tail), on both paths")
    func forwardAndMSE() throws {
        var generator = SeededGenerator(seed: 5)
        func draw(_ scale: Double) -> Double { (2 * (Double(generator.next() >> 11) * 0x1p-53) - 1) * scale }
        for units in [1, 3, 8, 13] {
            let network = try NetworkModel(hiddenUnits: units)
            let theta = (0..<network.parameterCount).map { _ in draw(2) }
            for rows in 1...9 {
                let x = (0..<rows).map { _ in draw(3) }, y = (0..<rows).map { _ in draw(1) }
                let expected = Self.referenceMSE(units: units, theta: theta, x: x, y: y)
                #expect(descent_network_mse(units, theta, x, y, rows).bitPattern == expected.bitPattern, "H = \(units), \(rows) rows")
                #expect(descent_network_mse_baseline(units, theta, x, y, rows).bitPattern == expected.bitPattern, "H = \(units), \(rows) rows")
                #expect(network.meanSquaredError(theta, x: x, y: y).bitPattern == expected.bitPattern)
            }
            let input = draw(3)
            var hidden = [Double](repeating: 0, count: units)
            let prediction = descent_network_forward(units, theta, input, &hidden)
            var sum = 0.0
            for j in 0..<units {
                let activation = NetworkModel.activation(theta[j] * input + theta[units + j])
                #expect(hidden[j].bitPattern == activation.bitPattern)
                sum += theta[2 * units + j] * activation
            }
            #expect(prediction.bitPattern == (sum + theta[3 * units]).bitPattern)
            #expect(network.predict(theta, at: input).bitPattern == prediction.bitPattern)
        }
    }
}
