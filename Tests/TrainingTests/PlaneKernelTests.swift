import CKernels
import Foundation
import Testing
@testable import Training

/// CKernels' grid row (`descent_plane_row`, behind `PlaneQuadratic.evaluate`) against its
/// specification written here, and its AVX2 path against its baseline path, bit for bit, on
/// values that reach every branch: NaN and infinite bounds, negative values (clamped to 0),
/// −0, subnormal and huge terms, widths that leave a tail after the vector lanes.
@Suite("Plane grid kernel") struct PlaneKernelTests {
    /// The row as `value(a:b:)` defines it, one column at a time in Swift.
    static func reference(columns: [Double], width: Int, expansions: Int, rows: [descent_plane_row_terms]) -> [Double] {
        (0..<width).map { column in
            var best = 0.0, bestBound = Double.infinity
            for e in 0..<expansions {
                let mixed = columns[(e * 3 + 2) * width + column] * rows[e].db
                let value = (columns[(e * 3) * width + column] + rows[e].value) + mixed
                let bound = (columns[(e * 3 + 1) * width + column] + rows[e].bound) + abs(mixed)
                if bound < bestBound {
                    best = value
                    bestBound = bound
                }
            }
            return max(0, best)
        }
    }

    /// A value that is often ordinary and sometimes one of the special cases.
    static func draw(_ generator: inout SeededGenerator, bound: Bool) -> Double {
        let specials: [Double] = [.nan, .infinity, -.infinity, -0.0, 0, .leastNonzeroMagnitude, .leastNormalMagnitude / 64, 1e300, -1e300]
        let pick = uniformRandomIndex(below: 40, using: &generator)
        if pick < UInt64(specials.count) { return specials[Int(pick)] }
        let magnitude = Double(generator.next() >> 11) * 0x1p-53 * 4
        // Bounds are sums of magnitudes: mostly non-negative.
        return bound || pick % 3 != 0 ? magnitude : -magnitude
    }

    @Test("Every width from 0 to 41, one and two expansions: the kernel is the specification, bit for bit, on both paths",
          arguments: [1, 2])
    func kernelMatchesSpecification(expansions: Int) {
        var generator = SeededGenerator(seed: UInt64(40 + expansions))
        var checked = 0
        for width in 0...41 {
            for _ in 0..<20 {
                let columns = (0..<(2 * 3 * width)).map { index in
                    PlaneKernelTests.draw(&generator, bound: (index / max(1, width)) % 3 == 1)
                }
                let rows = (0..<2).map { _ in
                    descent_plane_row_terms(db: PlaneKernelTests.draw(&generator, bound: false),
                                            value: PlaneKernelTests.draw(&generator, bound: false),
                                            bound: PlaneKernelTests.draw(&generator, bound: true))
                }
                let expected = PlaneKernelTests.reference(columns: columns, width: width, expansions: expansions, rows: rows)
                var fast = [Double](repeating: 7, count: width + 1)
                var baseline = [Double](repeating: 7, count: width + 1)
                columns.withUnsafeBufferPointer { columns in
                    rows.withUnsafeBufferPointer { rows in
                        fast.withUnsafeMutableBufferPointer { output in
                            descent_plane_row(columns.baseAddress, width, Int32(expansions), rows.baseAddress, output.baseAddress)
                        }
                        baseline.withUnsafeMutableBufferPointer { output in
                            descent_plane_row_baseline(columns.baseAddress, width, Int32(expansions), rows.baseAddress, output.baseAddress)
                        }
                    }
                }
                #expect(fast.prefix(width).map(\.bitPattern) == expected.map(\.bitPattern), "width \(width)")
                #expect(baseline.prefix(width).map(\.bitPattern) == expected.map(\.bitPattern), "width \(width)")
                // Nothing written past the row.
                #expect(fast[width] == 7 && baseline[width] == 7)
                checked += width
            }
        }
        #expect(checked > 10_000)
    }

    @Test("The special values reach every branch: clamped negatives, NaN values, NaN and infinite bounds")
    func specialValuesReachEveryBranch() {
        // Column terms for four columns of two expansions (value, bound, mixed per expansion).
        let width = 4
        let columns: [Double] = [
            -5, .nan, 1, 2, /* bounds */ 1, 1, .nan, .infinity, /* mixed */ 0, 0, 0, 0,
            3, 3, 3, -0.0, /* bounds */ 2, 0.5, 2, 2, /* mixed */ 0, 0, 0, -0.0,
        ]
        // The second expansion's row value is −0, so column 3's value is (−0 + −0) + −0 = −0.
        let rows = [descent_plane_row_terms(db: 1, value: 0, bound: 0), descent_plane_row_terms(db: 1, value: -0.0, bound: 0)]
        var output = [Double](repeating: 9, count: width)
        columns.withUnsafeBufferPointer { columns in
            rows.withUnsafeBufferPointer { rows in
                output.withUnsafeMutableBufferPointer { descent_plane_row(columns.baseAddress, width, 2, rows.baseAddress, $0.baseAddress) }
            }
        }
        // Column 0: the first wins (bound 1 < 2) with −5, clamped to 0. Column 1: the second's
        // bound 0.5 is smaller, 3. Column 2: the first's bound is NaN, so the second wins, 3.
        // Column 3: the first's bound is infinite, so the second wins with −0 (kept: −0 ≥ 0).
        #expect(output[0].bitPattern == 0.0.bitPattern)
        #expect(output[1] == 3 && output[2] == 3)
        #expect(output[3].bitPattern == (-0.0).bitPattern)
    }
}
