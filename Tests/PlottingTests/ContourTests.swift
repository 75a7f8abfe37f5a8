import Foundation
import Testing
@testable import Plotting

/// A sampled field `f(x, y)` on a rectilinear grid, with the generator over it.
private struct SampledField {
    let xs: [Double]
    let ys: [Double]
    let values: [Double]
    var generator: ContourGenerator {
        ContourGenerator(values: values, columns: xs.count, rows: ys.count, xs: xs, ys: ys)
    }

    init(xs: [Double], ys: [Double], _ f: (Double, Double) -> Double) {
        self.xs = xs
        self.ys = ys
        values = ys.flatMap { y in xs.map { x in f(x, y) } }
    }

    init(xs: [Double], ys: [Double], values: [Double]) {
        self.xs = xs
        self.ys = ys
        self.values = values
    }

    /// The field at a contour vertex, interpolated along the grid edge the vertex lies on;
    /// nil if the vertex is on no edge.
    func edgeValue(at point: DataPoint) -> Double? {
        let columns = xs.count
        if let column = xs.firstIndex(of: point.x) {
            for row in 0..<(ys.count - 1) where min(ys[row], ys[row + 1]) <= point.y && point.y <= max(ys[row], ys[row + 1]) {
                let t = (point.y - ys[row]) / (ys[row + 1] - ys[row])
                return values[row * columns + column] + t * (values[(row + 1) * columns + column] - values[row * columns + column])
            }
        }
        if let row = ys.firstIndex(of: point.y) {
            for column in 0..<(columns - 1) where min(xs[column], xs[column + 1]) <= point.x && point.x <= max(xs[column], xs[column + 1]) {
                let t = (point.x - xs[column]) / (xs[column + 1] - xs[column])
                return values[row * columns + column] + t * (values[row * columns + column + 1] - values[row * columns + column])
            }
        }
        return nil
    }
}

/// `count` evenly spaced values from `a` to `b`.
private func grid(_ a: Double, _ b: Double, _ count: Int) -> [Double] {
    (0..<count).map { a + (b - a) * Double($0) / Double(count - 1) }
}

/// The signed area of a closed ring (shoelace formula), positive counter-clockwise.
private func signedArea(_ ring: [DataPoint]) -> Double {
    var sum = 0.0
    for (a, b) in zip(ring, ring.dropFirst()) { sum += a.x * b.y - b.x * a.y }
    return sum / 2
}

/// The area a set of rings covers under the even-odd rule, sampled on a fine lattice.
private func evenOddArea(_ rings: [[DataPoint]], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, samples: Int) -> Double {
    var inside = 0
    for i in 0..<samples {
        for j in 0..<samples {
            let x = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * (Double(i) + 0.5) / Double(samples)
            let y = yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * (Double(j) + 0.5) / Double(samples)
            var crossings = 0
            for ring in rings {
                for (a, b) in zip(ring, ring.dropFirst()) where (a.y > y) != (b.y > y) {
                    let xCross = a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x)
                    if xCross > x { crossings += 1 }
                }
            }
            if crossings % 2 == 1 { inside += 1 }
        }
    }
    let cell = (xRange.upperBound - xRange.lowerBound) * (yRange.upperBound - yRange.lowerBound) / Double(samples * samples)
    return Double(inside) * cell
}

struct ContourTests {
    // Uneven spacing makes sure coordinates, not indices, are interpolated.
    private let circle = SampledField(xs: grid(-2, 2, 41).map { $0 + 0.01 * sin(7 * $0) }, ys: grid(-2, 2, 37)) { x, y in x * x + y * y }

    /// Many levels at once trace what each level alone traces, in the levels' order, with
    /// duplicates, non-finite levels, levels on grid values, NaN cells and plateaus.
    @Test func manyLevelsAtOnceAreEachLevelAlone() {
        var generator = SplitMix(seed: 21)
        for trial in 0..<6 {
            let (columns, rows) = (9 + 7 * trial, 6 + 5 * trial)
            var values = (0..<(columns * rows)).map { index -> Double in
                let (x, y) = (Double(index % columns) / Double(columns), Double(index / columns) / Double(rows))
                return sin(6 * x + Double(trial)) * cos(5 * y) + 0.3 * generator.nextUnit()
            }
            // Values that repeat (a plateau, corners exactly on a level) and a few NaN cells.
            for index in stride(from: 0, to: values.count, by: 11) { values[index] = 0.25 }
            if trial % 2 == 1 { for index in stride(from: 5, to: values.count, by: 37) { values[index] = .nan } }
            let grid = ContourGenerator(values: values, columns: columns, rows: rows,
                                        xs: (0..<columns).map(Double.init), ys: (0..<rows).map { 0.5 * Double($0) })
            var levels = (0..<40).map { _ in 2.6 * generator.nextUnit() - 1.3 }
            levels += [0.25, 0.25, .nan, .infinity, -2, 2, values[3], values[columns + 4]]
            levels.shuffle(using: &generator)
            let together = grid.lines(at: levels)
            #expect(together.count == levels.count)
            var crossing = 0
            for (index, level) in levels.enumerated() {
                let alone = grid.lines(at: level)
                #expect(together[index] == alone, "trial \(trial), level \(level)")
                if !alone.isEmpty { crossing += 1 }
            }
            #expect(crossing > 30, "trial \(trial)")
        }
        let invalid = ContourGenerator(values: [1, 2, 3], columns: 2, rows: 2, xs: [0, 1], ys: [0, 1]).lines(at: [1.5, 2])
        #expect(invalid.count == 2 && invalid.allSatisfy { $0.isEmpty })
    }

    @Test func circleContourIsOneClosedRingOnTheLevel() {
        for radius in [0.5, 1.0, 1.7] {
            let lines = circle.generator.lines(at: radius * radius)
            #expect(lines.count == 1)
            guard let ring = lines.first else { continue }
            #expect(ring.first == ring.last, "ring closed")
            #expect(ring.count > 20)
            for point in ring {
                #expect(abs(hypot(point.x, point.y) - radius) < 0.01, "grid error only")
                guard let value = circle.edgeValue(at: point) else {
                    Issue.record("vertex \(point) is on no grid edge")
                    continue
                }
                #expect(abs(value - radius * radius) < 1e-9, "edge interpolation is exact")
            }
            // The polygon's area approximates the disc's.
            #expect(abs(abs(signedArea(ring)) - Double.pi * radius * radius) < 0.02 * Double.pi * radius * radius)
        }
    }

    @Test func straightContourIsOneMaximalChain() {
        let field = SampledField(xs: grid(0, 1, 11), ys: grid(0, 1, 9)) { x, y in x + 0.3 * y }
        let lines = field.generator.lines(at: 0.55)
        #expect(lines.count == 1)
        if let line = lines.first {
            #expect(line.first != line.last)
            for point in line {
                #expect(abs(point.x + 0.3 * point.y - 0.55) < 1e-12)
            }
            let ys = line.map(\.y)
            #expect(Set(ys).isSuperset(of: [0.0, 1.0]), "the chain runs border to border")
        }
    }

    @Test func levelsOutsideTheRangeAndInvalidInput() {
        #expect(circle.generator.lines(at: 100).isEmpty)
        #expect(circle.generator.lines(at: -1).isEmpty)
        #expect(circle.generator.lines(at: .nan).isEmpty)
        let wrong = ContourGenerator(values: [1, 2, 3], columns: 2, rows: 2, xs: [0, 1], ys: [0, 1])
        #expect(!wrong.isValid)
        #expect(wrong.lines(at: 1.5).isEmpty)
        #expect(wrong.filledBands(lower: 0, upper: 2).isEmpty)
        let single = ContourGenerator(values: [1, 2], columns: 2, rows: 1, xs: [0, 1], ys: [0])
        #expect(single.lines(at: 1.5).isEmpty)
    }

    @Test func saddleIsResolvedByTheCentreAverage() {
        // Corners (0,0)=1, (1,0)=-1, (1,1)=1, (0,1)=-1: centre average 0.
        let field = SampledField(xs: [0, 1], ys: [0, 1], values: [1, -1, -1, 1])
        // Level 0.5 is above the centre: the high corners (0,0) and (1,1) are cut off alone.
        let high = field.generator.lines(at: 0.5)
        #expect(high.count == 2)
        let highCorners = high.compactMap { line -> DataPoint? in
            let mid = DataPoint(x: (line[0].x + line[1].x) / 2, y: (line[0].y + line[1].y) / 2)
            return [DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)].first { hypot($0.x - mid.x, $0.y - mid.y) < 0.5 }
        }
        #expect(Set(highCorners) == [DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)])
        // Level −0.5 is below the centre: the low corners (1,0) and (0,1) are cut off alone.
        let low = field.generator.lines(at: -0.5)
        #expect(low.count == 2)
        let lowCorners = low.compactMap { line -> DataPoint? in
            let mid = DataPoint(x: (line[0].x + line[1].x) / 2, y: (line[0].y + line[1].y) / 2)
            return [DataPoint(x: 1, y: 0), DataPoint(x: 0, y: 1)].first { hypot($0.x - mid.x, $0.y - mid.y) < 0.5 }
        }
        #expect(Set(lowCorners) == [DataPoint(x: 1, y: 0), DataPoint(x: 0, y: 1)])

        // Bands in the saddle cell tile it: areas add up to the cell.
        let levels = [-Double.infinity, -0.5, 0.5, .infinity]
        var total = 0.0
        for (lower, upper) in zip(levels, levels.dropFirst()) {
            total += field.generator.filledBands(lower: lower, upper: upper).map(signedArea).reduce(0, +)
        }
        #expect(abs(total - 1) < 1e-12)
        let middle = field.generator.filledBands(lower: -0.5, upper: 0.5)
        #expect(middle.count == 1, "the centre is in the band, so the band is connected")
        // Each corner is cut off by a right triangle with legs 0.25 (crossings at t = 0.25).
        let middleArea: Double = middle.map(signedArea).reduce(0, +)
        let cutCorners: Double = 4 * 0.25 * 0.25 / 2
        #expect(abs(middleArea - (1 - cutCorners)) < 1e-12)
    }

    @Test func nanCellsAreSkipped() {
        let columns = circle.xs.count
        var values = circle.values
        let nanRow = 18
        let nanColumn = circle.xs.firstIndex { $0 > 0.95 } ?? 30
        values[nanRow * columns + nanColumn] = .nan
        let field = SampledField(xs: circle.xs, ys: circle.ys, values: values)
        let lines = field.generator.lines(at: 1)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.first != $0.last }, "the ring is broken at the NaN")
        let xLow = circle.xs[nanColumn - 1], xHigh = circle.xs[nanColumn + 1]
        let yLow = circle.ys[nanRow - 1], yHigh = circle.ys[nanRow + 1]
        for line in lines {
            for point in line {
                #expect(!(point.x > xLow && point.x < xHigh && point.y > yLow && point.y < yHigh), "vertex \(point) inside a NaN cell")
            }
        }
        let band = field.generator.filledBands(lower: 0.5, upper: 2)
        #expect(band.allSatisfy { $0.allSatisfy { !$0.x.isNaN && !$0.y.isNaN } })
    }

    @Test func annulusBandHasTheAnalyticArea() {
        let field = SampledField(xs: grid(-3, 3, 81), ys: grid(-3, 3, 73)) { x, y in x * x + y * y }
        let band = field.generator.filledBands(lower: 1, upper: 4)
        #expect(band.count == 2, "outer ring and hole")
        #expect(band.allSatisfy { $0.first == $0.last })
        let expected = Double.pi * (4 - 1)
        let signed = band.map(signedArea).reduce(0, +)
        #expect(abs(signed - expected) < 0.005 * expected)
        let evenOdd = evenOddArea(band, xRange: -3...3, yRange: -3...3, samples: 150)
        #expect(abs(evenOdd - expected) < 0.015 * expected)
        // Every band vertex lies on the lower or upper level by edge interpolation.
        for ring in band {
            for point in ring {
                let value = field.edgeValue(at: point)
                #expect(value.map { abs($0 - 1) < 1e-9 || abs($0 - 4) < 1e-9 } == true)
            }
        }
    }

    @Test func bandsTileTheDomainAndShareTheirBoundaries() {
        let field = SampledField(xs: grid(-2, 2, 30), ys: grid(-1.5, 2.5, 25)) { x, y in
            sin(2 * x) * cos(1.5 * y) + 0.3 * x * y
        }
        let levels = [-Double.infinity, -1, -0.5, 0, 0.25, 0.5, 1, .infinity]
        var total = 0.0
        for (lower, upper) in zip(levels, levels.dropFirst()) {
            let band = field.generator.filledBands(lower: lower, upper: upper)
            total += band.map(signedArea).reduce(0, +)
            let bandPoints = Set(band.flatMap { $0 })
            for level in [lower, upper] where level.isFinite {
                let linePoints = Set(field.generator.lines(at: level).flatMap { $0 })
                #expect(linePoints.isSubset(of: bandPoints), "band boundary follows the contour lines at \(level)")
            }
        }
        #expect(abs(total - 4 * 4) < 1e-9, "the bands cover the domain exactly once")
    }

    @Test func levelChoices() {
        let logarithmic = ContourLevels.logarithmic(min: 0.01, max: 100, count: 5)
        #expect(logarithmic.count == 5)
        for (level, expected) in zip(logarithmic, [0.01, 0.1, 1, 10, 100]) {
            #expect(abs(level - expected) <= 1e-12 * expected)
        }
        #expect(ContourLevels.logarithmic(min: 0, max: 1, count: 5).isEmpty)
        #expect(ContourLevels.logarithmic(min: 5, max: 5, count: 3) == [5])
        #expect(ContourLevels.linear(min: 0, max: 1, count: 6).map { "\($0)" } == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(ContourLevels.linear(min: .nan, max: 1, count: 6).isEmpty)
        let few = ContourLevels.linear(min: 0.5, max: 0.9, count: 2)
        #expect(few.count >= 1 && few.allSatisfy { $0 > 0.5 - 1e-12 && $0 < 0.9 + 1e-12 })
    }
}
