import Testing
@testable import Plotting

/// Long lines over updates are reduced to each pixel column's first, lowest, highest and last
/// points before Cairo strokes them; the stroke must reach the same extremes in every column.
@Suite struct LineReductionTests {
    static func noisySeries(_ count: Int, width: Double, seed: UInt64) -> [DevicePoint] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { DevicePoint(x: 100 + width * Double($0) / Double(count), y: 500 + 300 * (generator.nextUnit() - 0.5)) }
    }

    @Test func aLongSeriesKeepsEveryColumnsExtremesInOrder() {
        let points = Self.noisySeries(200_000, width: 1_500, seed: 4)
        let reduced = LineMark.columnExtremes(points)
        #expect(reduced.count <= 4 * 1_501 && reduced.count >= 3 * 1_400)
        // Per column: the same first, last, lowest and highest y as the full line.
        func columns(_ line: [DevicePoint]) -> [Int: (first: Double, last: Double, low: Double, high: Double)] {
            var result: [Int: (first: Double, last: Double, low: Double, high: Double)] = [:]
            for point in line {
                let column = Int(point.x.rounded(.down))
                if let old = result[column] {
                    result[column] = (old.first, point.y, min(old.low, point.y), max(old.high, point.y))
                } else {
                    result[column] = (point.y, point.y, point.y, point.y)
                }
            }
            return result
        }
        let full = columns(points), kept = columns(reduced)
        #expect(full.count == kept.count)
        for (column, value) in full {
            let reducedValue = kept[column]
            #expect(reducedValue?.first == value.first && reducedValue?.last == value.last, "column \(column)")
            #expect(reducedValue?.low == value.low && reducedValue?.high == value.high, "column \(column)")
        }
        // Every kept point is one of the line's, in the line's order.
        var cursor = 0
        for point in reduced {
            while cursor < points.count, points[cursor] != point { cursor += 1 }
            #expect(cursor < points.count)
        }
    }

    @Test func breaksShortLinesAndLinesThatTurnBackAreKept() {
        var points = Self.noisySeries(10_000, width: 500, seed: 5)
        points[5_000] = DevicePoint(x: .nan, y: .nan)
        let reduced = LineMark.columnExtremes(points)
        #expect(reduced.count < 2_100)
        #expect(reduced.filter { $0.x.isNaN }.count == 1, "the break stays")
        let short = Array(points.prefix(LineMark.reductionThreshold))
        #expect(LineMark.columnExtremes(short) == short)
        var backwards = Self.noisySeries(10_000, width: 500, seed: 6)
        backwards[9_000].x = 10
        #expect(LineMark.columnExtremes(backwards) == backwards)
    }
}
