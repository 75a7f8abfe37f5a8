/// A device-space polyline parameterised by arc length, for label placement.
struct ArcLengthPath {
    /// The cleaned points: finite, no consecutive repeats.
    let points: [DevicePoint]
    /// `cumulative[i]` is the arc length from `points[0]` to `points[i]`.
    let cumulative: [Double]

    /// Drops non-finite points and consecutive repeats, then measures the arc lengths.
    init(cleaning polyline: [DevicePoint]) {
        var cleaned: [DevicePoint] = []
        for point in polyline where point.x.isFinite && point.y.isFinite && cleaned.last != point {
            cleaned.append(point)
        }
        var lengths: [Double] = []
        lengths.reserveCapacity(cleaned.count)
        var total = 0.0
        for index in cleaned.indices {
            if index > 0 { total += cleaned[index - 1].distance(to: cleaned[index]) }
            lengths.append(total)
        }
        points = cleaned
        cumulative = lengths
    }

    /// The total arc length (0 for fewer than two points).
    var length: Double { cumulative.last ?? 0 }

    /// The index `i` of the segment `points[i]…points[i+1]` containing arc length `arc`
    /// (clamped to the path).
    func segmentIndex(at arc: Double) -> Int {
        guard points.count >= 2 else { return 0 }
        var low = 0
        var high = cumulative.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if cumulative[middle] <= arc { low = middle } else { high = middle }
        }
        return low
    }

    /// The point at arc length `arc`, clamped to the ends.
    func point(at arc: Double) -> DevicePoint {
        guard let first = points.first else { return .zero }
        guard points.count >= 2 else { return first }
        if arc <= 0 { return first }
        if arc >= length { return points[points.count - 1] }
        let index = segmentIndex(at: arc)
        let segmentLength = cumulative[index + 1] - cumulative[index]
        let t = segmentLength > 0 ? (arc - cumulative[index]) / segmentLength : 0
        let a = points[index]
        let b = points[index + 1]
        return DevicePoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
    }

    /// The largest distance from the chord `point(start)…point(end)` to the path vertices
    /// strictly between, or nil when the chord is too short to define a direction.
    func deviation(from start: Double, to end: Double) -> Double? {
        let a = point(at: start)
        let b = point(at: end)
        let dx = b.x - a.x
        let dy = b.y - a.y
        let chord = (dx * dx + dy * dy).squareRoot()
        guard chord > 1e-9 else { return nil }
        var largest = 0.0
        var index = segmentIndex(at: start) + 1
        while index < points.count && cumulative[index] < end {
            let p = points[index]
            let distance = ((p.x - a.x) * dy - (p.y - a.y) * dx).magnitude / chord
            largest = Swift.max(largest, distance)
            index += 1
        }
        // A path that doubles back has a chord much shorter than its arc: count that too.
        return largest + Swift.max(0, (end - start) - chord)
    }

    /// The arc length, moving from `arc` forwards or backwards, where the straight-line
    /// distance from `centre` first reaches `radius`; the path's end if it never does.
    func arcWhereDistance(from centre: DevicePoint, reaches radius: Double, startingAt arc: Double, forward: Bool) -> Double {
        guard points.count >= 2 else { return arc }
        let index = segmentIndex(at: arc)
        var previousArc = arc
        var vertex = forward ? index + 1 : index
        while vertex >= 0 && vertex < points.count {
            let vertexArc = cumulative[vertex]
            if (forward && vertexArc > previousArc) || (!forward && vertexArc < previousArc) {
                if points[vertex].distance(to: centre) >= radius {
                    // Bisect on this segment: distance grows from < radius to ≥ radius.
                    var inside = previousArc
                    var outside = vertexArc
                    for _ in 0..<48 {
                        let middle = (inside + outside) / 2
                        if point(at: middle).distance(to: centre) >= radius { outside = middle } else { inside = middle }
                    }
                    return outside
                }
                previousArc = vertexArc
            }
            vertex += forward ? 1 : -1
        }
        return forward ? length : 0
    }

    /// The part of the path between arc lengths `start` and `end` (clamped), with
    /// interpolated end points.
    func subpath(from start: Double, to end: Double) -> [DevicePoint] {
        let low = Swift.max(0, start)
        let high = Swift.min(length, end)
        guard high > low else { return [] }
        var result = [point(at: low)]
        var index = segmentIndex(at: low) + 1
        while index < points.count && cumulative[index] < high {
            if cumulative[index] > low { result.append(points[index]) }
            index += 1
        }
        let last = point(at: high)
        if result.last != last { result.append(last) }
        return result
    }
}
