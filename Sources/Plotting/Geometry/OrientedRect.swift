import Foundation

/// A rectangle turned about its centre (the box of a rotated label), with the coverage tests
/// the layout audit and the legend and contour-label placers share.
///
/// `u` is the direction of the box's own x axis in device space (a unit vector), `v` its own
/// y axis (`u` turned by +90° on screen); the box is `[−halfWidth, halfWidth] × [−halfHeight,
/// halfHeight]` in those coordinates around `center`.
struct OrientedRect: Hashable {
    var center: DevicePoint
    var halfWidth: Double
    var halfHeight: Double
    var u: DevicePoint
    var v: DevicePoint

    /// An axis-aligned box.
    init(_ rect: DeviceRect) {
        center = rect.center
        halfWidth = (rect.maxX - rect.minX) / 2
        halfHeight = (rect.maxY - rect.minY) / 2
        u = DevicePoint(x: 1, y: 0)
        v = DevicePoint(x: 0, y: 1)
    }

    /// The box through four corners in order (top left, top right, bottom right, bottom left of
    /// the box's own frame), as `RecordingRenderer.RecordedText.corners` gives them.
    init(corners: [DevicePoint]) {
        guard corners.count == 4 else {
            self.init(DeviceRect(x: 0, y: 0, width: 0, height: 0))
            return
        }
        let tl = corners[0], tr = corners[1], bl = corners[3]
        let width = tl.distance(to: tr), height = tl.distance(to: bl)
        let u = width > 0 ? DevicePoint(x: (tr.x - tl.x) / width, y: (tr.y - tl.y) / width) : DevicePoint(x: 1, y: 0)
        self.init(center: DevicePoint(x: (corners[0].x + corners[2].x) / 2, y: (corners[0].y + corners[2].y) / 2),
                  halfWidth: width / 2, halfHeight: height / 2, u: u,
                  v: height > 0 ? DevicePoint(x: (bl.x - tl.x) / height, y: (bl.y - tl.y) / height) : DevicePoint(x: -u.y, y: u.x))
    }

    /// A box from its centre, half sizes and unit axes.
    init(center: DevicePoint, halfWidth: Double, halfHeight: Double, u: DevicePoint, v: DevicePoint) {
        self.center = center
        self.halfWidth = halfWidth
        self.halfHeight = halfHeight
        self.u = u
        self.v = v
    }

    /// A box of `width` x `height` centred on `center`, its x axis turned by `angle` radians
    /// clockwise on screen (the device convention of `ContourLabelPlacement.angle`).
    init(center: DevicePoint, width: Double, height: Double, deviceAngle angle: Double) {
        self.center = center
        halfWidth = width / 2
        halfHeight = height / 2
        u = DevicePoint(x: cos(angle), y: sin(angle))
        v = DevicePoint(x: -sin(angle), y: cos(angle))
    }

    /// The four corners.
    var corners: [DevicePoint] {
        [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)].map { sx, sy in
            DevicePoint(x: center.x + sx * halfWidth * u.x + sy * halfHeight * v.x,
                        y: center.y + sx * halfWidth * u.y + sy * halfHeight * v.y)
        }
    }

    /// The axis-aligned bounding box.
    var bounds: DeviceRect {
        let points = corners
        let xs = points.map(\.x), ys = points.map(\.y)
        let minX = xs.min() ?? center.x, minY = ys.min() ?? center.y
        return DeviceRect(x: minX, y: minY, width: (xs.max() ?? center.x) - minX, height: (ys.max() ?? center.y) - minY)
    }

    /// Whether the box is axis-aligned.
    var isAxisAligned: Bool { abs(u.y) < 1e-12 && abs(v.x) < 1e-12 }

    /// The box grown by `amount` on every side (shrunk when negative, never below zero size).
    func grown(by amount: Double) -> OrientedRect {
        var result = self
        result.halfWidth = max(0, halfWidth + amount)
        result.halfHeight = max(0, halfHeight + amount)
        return result
    }

    /// `point` in the box's own coordinates (origin at the centre).
    func local(_ point: DevicePoint) -> (x: Double, y: Double) {
        let dx = point.x - center.x, dy = point.y - center.y
        return (dx * u.x + dy * u.y, dx * v.x + dy * v.y)
    }

    /// The distance from `point` to the box (0 inside).
    func distance(to point: DevicePoint) -> Double {
        let p = local(point)
        let dx = max(0, abs(p.x) - halfWidth), dy = max(0, abs(p.y) - halfHeight)
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Whether a disc overlaps the inside of the box.
    func overlapsDisc(center point: DevicePoint, radius: Double) -> Bool {
        distance(to: point) < radius
    }

    /// The length of the segment `a`–`b` inside the box grown by `halfWidth` (the part of a
    /// stroke of that half width that touches the box); a single point counts as 0 length but
    /// `touches` says whether it is inside.
    func coveredLength(from a: DevicePoint, to b: DevicePoint, halfWidth w: Double) -> (length: Double, touches: Bool) {
        let p = local(a), q = local(b)
        let hx = halfWidth + w, hy = halfHeight + w
        guard hx > 0, hy > 0 else { return (0, false) }
        // Quick rejection.
        if max(p.x, q.x) <= -hx || min(p.x, q.x) >= hx || max(p.y, q.y) <= -hy || min(p.y, q.y) >= hy { return (0, false) }
        // Liang–Barsky clipping of p + t (q − p), t in [0, 1].
        let dx = q.x - p.x, dy = q.y - p.y
        var t0 = 0.0, t1 = 1.0
        for (pi, qi) in [(-dx, p.x + hx), (dx, hx - p.x), (-dy, p.y + hy), (dy, hy - p.y)] {
            if pi == 0 {
                if qi <= 0 { return (0, false) }
            } else {
                let r = qi / pi
                if pi < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return (0, false) }
            }
        }
        let length = (t1 - t0) * (dx * dx + dy * dy).squareRoot()
        return (length, true)
    }

    /// Whether the axis-aligned `rect` overlaps the box with positive area (for a turned box
    /// the rectangle's bounding box in the box's frame is used: conservative).
    func overlaps(_ rect: DeviceRect) -> Bool {
        if isAxisAligned { return bounds.intersects(rect) }
        let points = [DevicePoint(x: rect.minX, y: rect.minY), DevicePoint(x: rect.maxX, y: rect.minY),
                      DevicePoint(x: rect.maxX, y: rect.maxY), DevicePoint(x: rect.minX, y: rect.maxY)].map(local)
        let minX = points.map(\.x).min() ?? 0, maxX = points.map(\.x).max() ?? 0
        let minY = points.map(\.y).min() ?? 0, maxY = points.map(\.y).max() ?? 0
        return minX < halfWidth && maxX > -halfWidth && minY < halfHeight && maxY > -halfHeight
            && rect.maxX > rect.minX && rect.maxY > rect.minY
    }

    /// Whether two boxes overlap with positive area (separating axis test).
    func overlaps(_ other: OrientedRect) -> Bool {
        guard halfWidth > 0, halfHeight > 0, other.halfWidth > 0, other.halfHeight > 0 else { return false }
        let axes = [u, v, other.u, other.v]
        let mine = corners, theirs = other.corners
        for axis in axes {
            let a = mine.map { $0.x * axis.x + $0.y * axis.y }, b = theirs.map { $0.x * axis.x + $0.y * axis.y }
            guard let aMin = a.min(), let aMax = a.max(), let bMin = b.min(), let bMax = b.max() else { return false }
            if aMax <= bMin || bMax <= aMin { return false }
        }
        return true
    }
}
