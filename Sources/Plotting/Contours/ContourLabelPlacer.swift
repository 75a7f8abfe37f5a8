import Foundation

/// Places inline contour labels, like matplotlib's `clabel`, and cuts the gaps they sit in.
///
/// Works in device space on the polyline as it will be drawn. Candidate centres are
/// sampled along the line; each is scored by how far the line strays from the straight
/// chord spanning the label's width (the *deviation*, in pixels) plus a small preference for
/// the middle of the line, and the best candidates that fit are taken greedily.
public enum ContourLabelPlacer {
    /// Label positions along `polyline` (device space), best first, at most `maximumCount`.
    ///
    /// - A line shorter than `3 · labelWidth` (arc length) gets no label; the `k`-th label
    ///   (`k = 1, 2, …`) needs `3 · k · labelWidth` of line.
    /// - Centres stay at least `labelWidth` of arc from either end.
    /// - A label's rotated box (`labelWidth × labelHeight`, via its axis-aligned `bounds`)
    ///   never intersects a rectangle in `occupied` nor another label of this call; labels of
    ///   one call are at least `max(minimumSpacing, labelWidth)` apart (centre to centre,
    ///   straight-line) and `3 · labelWidth` apart along the line.
    /// - `angle` is the chord's direction folded into `(−π/2, π/2]`: text is never upside down.
    /// - The gap `[gapStart, gapEnd]` extends along the line until it is
    ///   `labelWidth / 2 + labelHeight / 4` from the centre in straight-line distance.
    ///
    /// Non-finite points and repeated points are dropped first (as `split` does). Invalid
    /// sizes (non-finite, `labelWidth ≤ 0`, `labelHeight < 0`) give `[]`.
    public static func place(
        along polyline: [DevicePoint],
        labelWidth: Double,
        labelHeight: Double,
        minimumSpacing: Double,
        avoiding occupied: [DeviceRect],
        maximumCount: Int = 2
    ) -> [ContourLabelPlacement] {
        place(along: polyline, labelWidth: labelWidth, labelHeight: labelHeight, minimumSpacing: minimumSpacing, avoiding: occupied,
              avoidingInk: [], maximumCount: maximumCount)
    }

    /// `place(along:…)` that also keeps each label's turned box clear of `ink` (paths, lines,
    /// markers and bars of the same panel).
    static func place(
        along polyline: [DevicePoint],
        labelWidth: Double,
        labelHeight: Double,
        minimumSpacing: Double,
        avoiding occupied: [DeviceRect],
        avoidingInk ink: [DataInk],
        maximumCount: Int
    ) -> [ContourLabelPlacement] {
        guard labelWidth.isFinite, labelHeight.isFinite, labelWidth > 0, labelHeight >= 0, maximumCount >= 1 else { return [] }
        let path = ArcLengthPath(cleaning: polyline)
        let length = path.length
        guard length.isFinite, length >= 3 * labelWidth else { return [] }

        let half = labelWidth / 2
        let first = labelWidth
        let last = length - labelWidth
        let step = Swift.max(labelWidth / 8, (last - first) / 400)
        let sampleCount = Int(((last - first) / step).rounded(.down)) + 1
        var candidates: [(score: Double, arc: Double)] = []
        candidates.reserveCapacity(sampleCount)
        for index in 0..<sampleCount {
            let arc = Swift.min(last, first + Double(index) * step)
            guard let deviation = path.deviation(from: arc - half, to: arc + half) else { continue }
            let centrePreference = 0.1 * Swift.max(1, labelHeight) * (arc - length / 2).magnitude / length
            candidates.append((deviation + centrePreference, arc))
        }
        candidates.sort { $0.score < $1.score || ($0.score == $1.score && $0.arc < $1.arc) }

        let allowed = Swift.min(maximumCount, Int((length / (3 * labelWidth)).rounded(.down)))
        let spacing = Swift.max(minimumSpacing.isFinite ? minimumSpacing : 0, labelWidth)
        var placements: [ContourLabelPlacement] = []
        for candidate in candidates {
            if placements.count >= allowed { break }
            let placement = makePlacement(on: path, at: candidate.arc, labelWidth: labelWidth, labelHeight: labelHeight)
            if occupied.contains(where: { $0.intersects(placement.bounds) }) { continue }
            if !ink.isEmpty {
                let box = OrientedRect(center: placement.position, width: labelWidth, height: labelHeight, deviceAngle: placement.angle)
                if ink.contains(where: { $0.touches(box) }) { continue }
            }
            let clashes = placements.contains { other in
                other.bounds.intersects(placement.bounds)
                    || other.position.distance(to: placement.position) < spacing
                    || (other.arcLength - placement.arcLength).magnitude < 3 * labelWidth
            }
            if clashes { continue }
            placements.append(placement)
        }
        return placements
    }

    /// The pieces of `polyline` to stroke so that each placed label sits in a gap.
    ///
    /// Removes, for each placement, the arc-length interval
    /// `[min(gapStart, arcLength − labelWidth/2), max(gapEnd, arcLength + labelWidth/2)]`
    /// (overlapping gaps merge). On a closed ring (first point equals last) the piece that
    /// runs through the ring's start is returned joined into one. Without placements the
    /// cleaned polyline comes back whole. Non-finite and repeated points are dropped first,
    /// exactly as in `place`, so arc lengths agree.
    public static func split(_ polyline: [DevicePoint], removing placements: [ContourLabelPlacement], labelWidth: Double) -> [[DevicePoint]] {
        let path = ArcLengthPath(cleaning: polyline)
        guard path.points.count >= 2 else { return path.points.isEmpty ? [] : [path.points] }
        let half = labelWidth.isFinite ? Swift.max(0, labelWidth / 2) : 0
        let gaps = placements
            .map { (Swift.min($0.gapStart, $0.arcLength - half), Swift.max($0.gapEnd, $0.arcLength + half)) }
            .filter { $0.0.isFinite && $0.1.isFinite && $0.1 > 0 && $0.0 < path.length }
            .sorted { $0.0 < $1.0 }
        guard !gaps.isEmpty else { return [path.points] }

        var merged: [(Double, Double)] = []
        for gap in gaps {
            if let lastGap = merged.last, gap.0 <= lastGap.1 {
                merged[merged.count - 1].1 = Swift.max(lastGap.1, gap.1)
            } else {
                merged.append(gap)
            }
        }
        var intervals: [(Double, Double)] = []
        var cursor = 0.0
        for gap in merged {
            if gap.0 > cursor { intervals.append((cursor, gap.0)) }
            cursor = Swift.max(cursor, gap.1)
        }
        if cursor < path.length { intervals.append((cursor, path.length)) }

        var pieces = intervals.map { path.subpath(from: $0.0, to: $0.1) }.filter { $0.count >= 2 }
        let closed = path.points.first == path.points.last
        if closed, pieces.count >= 2, let firstInterval = intervals.first, let lastInterval = intervals.last,
           firstInterval.0 == 0, lastInterval.1 == path.length {
            let head = pieces.removeFirst()
            let tail = pieces.removeLast()
            pieces.append(tail + head.dropFirst())
        }
        return pieces
    }

    /// The placement centred at arc length `arc` on `path`.
    static func makePlacement(on path: ArcLengthPath, at arc: Double, labelWidth: Double, labelHeight: Double) -> ContourLabelPlacement {
        let half = labelWidth / 2
        let start = path.point(at: arc - half)
        let end = path.point(at: arc + half)
        var angle = atan2(end.y - start.y, end.x - start.x)
        if angle > Double.pi / 2 { angle -= Double.pi }
        if angle <= -Double.pi / 2 { angle += Double.pi }
        let centre = path.point(at: arc)
        let cosine = cos(angle).magnitude
        let sine = sin(angle).magnitude
        let boundsWidth = labelWidth * cosine + labelHeight * sine
        let boundsHeight = labelWidth * sine + labelHeight * cosine
        let radius = half + labelHeight / 4
        return ContourLabelPlacement(
            position: centre,
            angle: angle,
            arcLength: arc,
            gapStart: path.arcWhereDistance(from: centre, reaches: radius, startingAt: arc, forward: false),
            gapEnd: path.arcWhereDistance(from: centre, reaches: radius, startingAt: arc, forward: true),
            bounds: DeviceRect(center: centre, width: boundsWidth, height: boundsHeight)
        )
    }
}
