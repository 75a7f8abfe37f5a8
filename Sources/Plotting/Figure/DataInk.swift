import Foundation

/// Where a data mark puts ink on the page, as simple shapes in device space: marker discs,
/// stroked segments and filled rectangles.
///
/// Shared by the legend placer (which corner covers the least data), the contour-label placer
/// (labels keep off paths and lines) and `LayoutAudit` (which reports what a legend or a note
/// covers), so all three agree on what "covering data" means. Only marks that show data have
/// ink here: scatter markers (or the cells of a density image), lines, optimizer paths (their
/// halo and markers) and bars. Heatmaps and contours cover the whole panel by design; bands,
/// arrows and texts are not data points.
struct DataInk {
    /// What kind of data the ink shows, for messages ("points of scatter …").
    enum Kind: Equatable {
        case scatter, densityScatter, line, path, bars
    }

    /// A stroked segment: the points within `halfWidth` of the segment `a`–`b`.
    struct Segment {
        var a: DevicePoint
        var b: DevicePoint
        var halfWidth: Double
    }

    /// A filled disc.
    struct Disc {
        var center: DevicePoint
        var radius: Double
    }

    var kind: Kind
    var discs: [Disc] = []
    var segments: [Segment] = []
    var rects: [DeviceRect] = []

    /// How much of the ink a box covers.
    struct Coverage: Equatable {
        /// Discs (markers, points) that overlap the box.
        var discs = 0
        /// Length in pixels of strokes inside the box (grown by the stroke's half width).
        var length = 0.0
        /// Segments that touch the box.
        var touchedSegments = 0
        /// Rectangles (bars, density cells) that overlap the box.
        var rects = 0

        var isEmpty: Bool { discs == 0 && touchedSegments == 0 && rects == 0 }

        /// One number for ranking legend places: discs and rectangles count one each, strokes
        /// one per 6 pixels (like the 6-pixel samples of lines), at least one per touched segment.
        var weight: Double { Double(discs + rects) + max(length / 6, Double(touchedSegments > 0 ? 1 : 0)) }
    }

    /// Whether `mark` shows data points (has ink here).
    static func shows(_ mark: any Mark) -> Bool {
        mark is ScatterMark || mark is LineMark || mark is PathMark || mark is BarMark
    }

    /// The ink of `mark` drawn through `transform` with `metrics`, or nil for marks that do not
    /// show data points (heatmaps, contours, texts, bands, arrows, custom marks).
    static func of(_ mark: any Mark, transform: AxesTransform, metrics: FigureMetrics) -> DataInk? {
        switch mark {
        case let scatter as ScatterMark: return scatterInk(scatter, transform: transform, metrics: metrics)
        case let line as LineMark: return lineInk(line, transform: transform, metrics: metrics)
        case let path as PathMark: return pathInk(path, transform: transform, metrics: metrics)
        case let bars as BarMark: return barInk(bars, transform: transform)
        default: return nil
        }
    }

    static func scatterInk(_ mark: ScatterMark, transform: AxesTransform, metrics: FigureMetrics) -> DataInk {
        let diameter = mark.size ?? metrics.markerSize
        if mark.drawsDensity {
            var ink = DataInk(kind: .densityScatter)
            guard let grid = DensityGrid(points: mark.points, transform: transform, cellSize: diameter / 2) else { return ink }
            let width = (grid.rect.maxX - grid.rect.minX) / Double(grid.columns), height = (grid.rect.maxY - grid.rect.minY) / Double(grid.rows)
            ink.rects = grid.occupiedCellCenters().map { DeviceRect(center: $0, width: width, height: height) }
            return ink
        }
        var ink = DataInk(kind: .scatter)
        ink.discs = mark.points.compactMap { point in
            let p = transform.device(point)
            return p.x.isFinite && p.y.isFinite ? Disc(center: p, radius: diameter / 2) : nil
        }
        return ink
    }

    static func lineInk(_ mark: LineMark, transform: AxesTransform, metrics: FigureMetrics) -> DataInk {
        var ink = DataInk(kind: .line)
        ink.segments = segments(mark.points.map(transform.device), halfWidth: (mark.width ?? metrics.lineWidth) / 2)
        return ink
    }

    static func pathInk(_ mark: PathMark, transform: AxesTransform, metrics: FigureMetrics) -> DataInk {
        var ink = DataInk(kind: .path)
        let device = mark.points.map(transform.device).filter { $0.x.isFinite && $0.y.isFinite }
        let width = mark.width ?? 0.75 * metrics.lineWidth
        // The halo is 3 px (at scale 1) wider than the line.
        ink.segments = segments(device, halfWidth: (width + 3 * metrics.scale) / 2)
        if mark.markers {
            var lastMarker: DevicePoint?
            for point in device.dropLast() {
                if let spacing = mark.minimumMarkerSpacing, let previous = lastMarker, previous.distance(to: point) < spacing { continue }
                lastMarker = point
                ink.discs.append(Disc(center: point, radius: 0.75 * metrics.markerSize / 2))
            }
        }
        if let last = device.last { ink.discs.append(Disc(center: last, radius: 1.3 * metrics.markerSize / 2)) }
        return ink
    }

    static func barInk(_ mark: BarMark, transform: AxesTransform) -> DataInk {
        var ink = DataInk(kind: .bars)
        ink.rects = mark.barRects(transform: transform).map(\.rect)
        return ink
    }

    /// The segments between successive finite points (a non-finite point breaks the line).
    static func segments(_ points: [DevicePoint], halfWidth: Double) -> [Segment] {
        var result: [Segment] = []
        result.reserveCapacity(points.count)
        for (a, b) in zip(points, points.dropFirst()) where a.x.isFinite && a.y.isFinite && b.x.isFinite && b.y.isFinite {
            result.append(Segment(a: a, b: b, halfWidth: halfWidth))
        }
        return result
    }

    /// Whether `box` covers any of this ink (stops at the first hit).
    func touches(_ box: OrientedRect) -> Bool {
        guard box.halfWidth > 0, box.halfHeight > 0 else { return false }
        let bounds = box.bounds
        for disc in discs {
            let c = disc.center, r = disc.radius
            if c.x + r <= bounds.minX || c.x - r >= bounds.maxX || c.y + r <= bounds.minY || c.y - r >= bounds.maxY { continue }
            if box.overlapsDisc(center: c, radius: r) { return true }
        }
        for segment in segments {
            let w = segment.halfWidth
            if max(segment.a.x, segment.b.x) + w <= bounds.minX || min(segment.a.x, segment.b.x) - w >= bounds.maxX
                || max(segment.a.y, segment.b.y) + w <= bounds.minY || min(segment.a.y, segment.b.y) - w >= bounds.maxY { continue }
            if box.coveredLength(from: segment.a, to: segment.b, halfWidth: w).touches { return true }
        }
        return rects.contains { $0.intersects(bounds) && box.overlaps($0) }
    }

    /// How much of this ink `box` covers.
    func coverage(of box: OrientedRect) -> Coverage {
        var result = Coverage()
        guard box.halfWidth > 0, box.halfHeight > 0 else { return result }
        let bounds = box.bounds
        for disc in discs {
            let c = disc.center, r = disc.radius
            if c.x + r <= bounds.minX || c.x - r >= bounds.maxX || c.y + r <= bounds.minY || c.y - r >= bounds.maxY { continue }
            if box.overlapsDisc(center: c, radius: r) { result.discs += 1 }
        }
        for segment in segments {
            let w = segment.halfWidth
            if max(segment.a.x, segment.b.x) + w <= bounds.minX || min(segment.a.x, segment.b.x) - w >= bounds.maxX
                || max(segment.a.y, segment.b.y) + w <= bounds.minY || min(segment.a.y, segment.b.y) - w >= bounds.maxY { continue }
            let covered = box.coveredLength(from: segment.a, to: segment.b, halfWidth: w)
            if covered.touches {
                result.touchedSegments += 1
                result.length += covered.length
            }
        }
        for rect in rects where rect.intersects(bounds) && box.overlaps(rect) {
            result.rects += 1
        }
        return result
    }
}
