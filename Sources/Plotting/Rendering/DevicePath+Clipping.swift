import Foundation

extension DevicePath {
    /// How far from the origin a coordinate may lie before it is clipped: far beyond any canvas
    /// (16384 px), well inside Cairo's 24.8 fixed-point range (±8 388 607), where coordinates
    /// wrap around and a line leaving the axes at 10²⁰ px comes back as stripes across the figure.
    static let renderingBound = 1e5

    /// The path as Cairo can draw it: unchanged when every coordinate lies within
    /// ``renderingBound``; otherwise cut to the square `±renderingBound`, which contains every
    /// canvas, so what is visible stays exactly the same. Open subpaths (strokes) are clipped
    /// segment by segment (Liang–Barsky), areas (`filled`) polygon by polygon
    /// (Sutherland–Hodgman). Curves with a point outside become their chord.
    func clippedForRendering(filled: Bool) -> DevicePath {
        let bound = Self.renderingBound
        func inside(_ p: DevicePoint) -> Bool { abs(p.x) <= bound && abs(p.y) <= bound }
        let fits = elements.allSatisfy { element in
            switch element {
            case let .move(p), let .line(p): return inside(p)
            case let .curve(a, b, end): return inside(a) && inside(b) && inside(end)
            case .close: return true
            }
        }
        if fits { return self }
        var result = DevicePath()
        for (points, closed) in subpaths() {
            if filled {
                let polygon = Self.clipPolygon(points, bound: bound)
                guard polygon.count >= 3 else { continue }
                result.append(.polygon(polygon))
            } else {
                let chain = closed && points.count > 2 ? points + [points[0]] : points
                for piece in Self.clipPolyline(chain, bound: bound) { result.append(.polyline(piece)) }
            }
        }
        return result
    }

    /// The subpaths as point lists (curves as their end points) with whether each is closed.
    private func subpaths() -> [(points: [DevicePoint], closed: Bool)] {
        var result: [(points: [DevicePoint], closed: Bool)] = []
        var current: [DevicePoint] = []
        func finish(closed: Bool) {
            if !current.isEmpty { result.append((current, closed)) }
            current = []
        }
        for element in elements {
            switch element {
            case let .move(p):
                finish(closed: false)
                current = [p]
            case let .line(p):
                current.append(p)
            case let .curve(_, _, end):
                current.append(end)
            case .close:
                let start = current.first
                finish(closed: true)
                if let start { current = [start] }
            }
        }
        finish(closed: false)
        return result.filter { $0.points.count > 1 || $0.closed }
    }

    /// The parts of the polyline inside `±bound` (Liang–Barsky per segment).
    static func clipPolyline(_ points: [DevicePoint], bound: Double) -> [[DevicePoint]] {
        var pieces: [[DevicePoint]] = []
        var current: [DevicePoint] = []
        for (a, b) in zip(points, points.dropFirst()) {
            guard let (start, end) = clipSegment(a, b, bound: bound) else {
                if current.count > 1 { pieces.append(current) }
                current = []
                continue
            }
            if let last = current.last, last == start {
                current.append(end)
            } else {
                if current.count > 1 { pieces.append(current) }
                current = [start, end]
            }
            if end != b {
                pieces.append(current)
                current = []
            }
        }
        if current.count > 1 { pieces.append(current) }
        return pieces
    }

    /// The part of the segment `a`–`b` inside `±bound`, or nil.
    static func clipSegment(_ a: DevicePoint, _ b: DevicePoint, bound: Double) -> (DevicePoint, DevicePoint)? {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x + bound), (dx, bound - a.x), (-dy, a.y + bound), (dy, bound - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return nil }
            }
        }
        let start = t0 == 0 ? a : DevicePoint(x: a.x + t0 * dx, y: a.y + t0 * dy)
        let end = t1 == 1 ? b : DevicePoint(x: a.x + t1 * dx, y: a.y + t1 * dy)
        return (start, end)
    }

    /// The polygon clipped to `±bound` (Sutherland–Hodgman, one edge of the square at a time).
    static func clipPolygon(_ points: [DevicePoint], bound: Double) -> [DevicePoint] {
        var polygon = points.filter { $0.x.isFinite && $0.y.isFinite }
        let edges: [(inside: (DevicePoint) -> Bool, cross: (DevicePoint, DevicePoint) -> DevicePoint)] = [
            ({ $0.x >= -bound }, { a, b in DevicePoint(x: -bound, y: a.y + (b.y - a.y) * (-bound - a.x) / (b.x - a.x)) }),
            ({ $0.x <= bound }, { a, b in DevicePoint(x: bound, y: a.y + (b.y - a.y) * (bound - a.x) / (b.x - a.x)) }),
            ({ $0.y >= -bound }, { a, b in DevicePoint(x: a.x + (b.x - a.x) * (-bound - a.y) / (b.y - a.y), y: -bound) }),
            ({ $0.y <= bound }, { a, b in DevicePoint(x: a.x + (b.x - a.x) * (bound - a.y) / (b.y - a.y), y: bound) }),
        ]
        for edge in edges {
            guard let last = polygon.last else { return [] }
            var output: [DevicePoint] = []
            var previous = last
            for point in polygon {
                switch (edge.inside(previous), edge.inside(point)) {
                case (true, true): output.append(point)
                case (true, false): output.append(edge.cross(previous, point))
                case (false, true): output += [edge.cross(previous, point), point]
                case (false, false): break
                }
                previous = point
            }
            polygon = output
        }
        return polygon
    }
}
