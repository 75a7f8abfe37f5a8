/// A sequence of points joined by arrows, e.g. an optimizer's path over a loss landscape.
///
/// Drawn over a halo for contrast on any colormap; each step long enough gets an arrowhead,
/// each point a small marker and the last point a larger one.
public final class PathMark: Mark {
    /// The visited points, in order; replace between frames to animate.
    public var points: [DataPoint]
    /// The colour; nil uses the theme's path colour.
    public var color: Color?
    /// The line width in pixels; nil uses 0.75 of the figure's line width.
    public var width: Double?
    /// Whether steps end in arrowheads.
    public var arrows: Bool
    /// Whether every point gets a marker.
    public var markers: Bool
    /// The legend label; nil keeps the path out of the legend.
    public var label: String?
    /// The drawing pass.
    public var layer: Layer
    /// For long, dense paths: the least distance in pixels between two point markers; a point
    /// closer than this to the last marker drawn gets none (the first point always gets one).
    /// nil (the default) puts a marker on every point.
    public var minimumMarkerSpacing: Double?
    /// For long, dense paths: arrowheads go along the path every `arrowSpacing` pixels of arc
    /// length (at the end of the step that completes the distance, pointing along the path's last
    /// head length of pixels; heads 1.5× the usual size, as they have no shaft), so even tiny
    /// steps show the direction. nil (the default) gives
    /// every step longer than 1.6 head lengths its own arrow.
    public var arrowSpacing: Double?

    /// Creates a path mark.
    public init(points: [DataPoint], color: Color? = nil, width: Double? = nil, arrows: Bool = true, markers: Bool = true,
                label: String? = nil, layer: Layer = .static) {
        self.points = points
        self.color = color
        self.width = width
        self.arrows = arrows
        self.markers = markers
        self.label = label
        self.layer = layer
    }

    /// The extent of the points.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        MarkBounds.of(points, xScale: xScale, yScale: yScale)
    }

    /// The path sampled every few pixels.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        densify(points.map(transform.device), spacing: 6)
    }

    /// A marker swatch in the path colour with a dark edge like the path's halo, so light paths
    /// (e.g. white on a heatmap) stay visible in a light legend box.
    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, swatch: .marker(.circle, fill: color ?? Theme.light.pathColor, edge: Color(white: 0, alpha: 0.75), size: nil)) }
    }

    /// Draws halo, steps with heads, and markers.
    public func draw(in context: MarkContext) {
        let ink = color ?? context.theme.pathColor
        let halo = context.theme.haloColor.withAlpha(0.75)
        let w = width ?? 0.75 * context.metrics.lineWidth
        let device = points.map(context.transform.device).filter { $0.x.isFinite && $0.y.isFinite }
        guard !device.isEmpty else { return }
        let markerSize = 0.75 * context.metrics.markerSize
        let head = max(10 * context.metrics.scale, 4.5 * w)
        context.renderer.stroke(.polyline(device), style: StrokeStyle(color: halo, width: w + 3 * context.metrics.scale))
        if let spacing = arrowSpacing, spacing > 0 {
            context.renderer.stroke(.polyline(device), style: StrokeStyle(color: ink, width: w))
            if arrows {
                let spacedHead = 1.5 * head
                for (tip, tail) in Self.arrowPositions(device, spacing: spacing, headLength: spacedHead) {
                    guard let headPath = Arrowhead.path(tip: tip, from: tail, length: spacedHead) else { continue }
                    context.renderer.stroke(headPath, style: StrokeStyle(color: halo, width: 3, join: .miter))
                    context.renderer.fill(headPath, color: ink)
                }
            }
        } else {
            for (a, b) in zip(device, device.dropFirst()) {
                if arrows && a.distance(to: b) > head * 1.6 {
                    Arrowhead.drawArrow(on: context.renderer, from: a, to: b, color: ink, width: w, headLength: head, halo: halo)
                } else {
                    context.renderer.stroke(.polyline([a, b]), style: StrokeStyle(color: ink, width: w))
                }
            }
        }
        if markers {
            var lastMarker: DevicePoint?
            var centers: [DevicePoint] = []
            for point in device.dropLast() {
                if let spacing = minimumMarkerSpacing, let previous = lastMarker, previous.distance(to: point) < spacing { continue }
                lastMarker = point
                centers.append(point)
            }
            context.renderer.drawMarkers(.circle, at: centers, size: markerSize, fill: ink, edge: halo, edgeWidth: 1.5 * context.metrics.scale)
        }
        if let last = device.last {
            context.renderer.drawMarkers(.circle, at: [last], size: context.metrics.markerSize * 1.3, fill: ink,
                                         edge: context.theme.haloColor, edgeWidth: 2.5 * context.metrics.scale)
        }
    }

    /// Where arrowheads go on `points` with one head per `spacing` pixels of arc length: each
    /// `(tip, tail)` is the end of the step that completes the distance and the point `headLength`
    /// pixels back along the path (or the path's start), so the head follows the path's direction.
    static func arrowPositions(_ points: [DevicePoint], spacing: Double, headLength: Double) -> [(tip: DevicePoint, tail: DevicePoint)] {
        var result: [(tip: DevicePoint, tail: DevicePoint)] = []
        var travelled = 0.0
        var total = 0.0
        for index in points.indices.dropFirst() {
            let step = points[index - 1].distance(to: points[index])
            guard step > 0 else { continue }
            travelled += step
            total += step
            guard travelled >= spacing, total >= headLength else { continue }
            // Walk back headLength pixels along the path for the head's direction.
            var remaining = headLength
            var tail = points[index]
            var back = index
            while back > 0 && remaining > 0 {
                let segment = points[back - 1].distance(to: points[back])
                if segment >= remaining {
                    let t = remaining / segment
                    tail = DevicePoint(x: points[back].x + (points[back - 1].x - points[back].x) * t,
                                       y: points[back].y + (points[back - 1].y - points[back].y) * t)
                    remaining = 0
                } else {
                    remaining -= segment
                    tail = points[back - 1]
                    back -= 1
                }
            }
            result.append((points[index], tail))
            travelled = 0
        }
        return result
    }
}
