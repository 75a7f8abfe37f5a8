import Foundation
import Plotting

/// A 3-D surface with a path on it, projected by a ``SurfaceProjection`` and put in painter's order.
///
/// The surface is a height field over the square `X, Y ∈ [−1, 1]`: `heights[j][i]` is `Z` at
/// `X = −1 + 2i/n`, `Y = −1 + 2j/n` (`n` quads per side). Occlusion is the painter's algorithm:
/// every quad, and every piece of the path (each segment cut into pieces no longer than a quad's
/// side), is an item with the depth of its centre (``SurfaceProjection``: larger is nearer), and
/// items are drawn from the farthest to the nearest, so a nearer quad paints over the path behind
/// it. A path piece lies on the surface, so its depth gets a bias of ``pathDepthBias`` quad sides
/// toward the camera: it is drawn after the quads it lies on and still hidden by quads nearer than
/// that. The floor (at `floorZ`, below the surface, with its contours) is drawn first: with the
/// camera above the floor, nothing on the floor can be in front of the surface.
struct SurfaceScene {
    /// One thing to draw, in screen coordinates `(u, v)`.
    enum Item {
        /// A filled quadrilateral.
        case quad([DataPoint], Color)
        /// A stroked segment of the path.
        case segment(DataPoint, DataPoint, Color)
        /// A marker (start, end, optimum) lifted onto the surface.
        case marker(DataPoint, MarkerShape, Color)
        /// A line on the floor (contours, outline).
        case floorLine([DataPoint], Color)
    }

    /// An item with its depth and, for path pieces, which path point it starts after.
    struct Placed {
        let depth: Double
        let item: Item
    }

    /// The depth bias of path pieces and markers, in quad sides.
    static let pathDepthBias = 1.5

    /// The items in drawing order (far to near; floor first).
    let items: [Placed]

    /// Builds the scene.
    ///
    /// - Parameters:
    ///   - projection: The camera.
    ///   - heights: `(n + 1) × (n + 1)` heights, rows over `Y`, columns over `X`.
    ///   - colors: `n × n` quad colours, rows over `Y`.
    ///   - path: Path points `(X, Y, Z)`, on the surface.
    ///   - markers: Points `(X, Y, Z)` with their marker and colour.
    ///   - floor: Polylines `(X, Y)` on the floor with their colours.
    ///   - floorZ: The floor's height.
    init(projection: SurfaceProjection, heights: [[Double]], colors: [[Color]], path: [(Double, Double, Double)], pathColor: Color,
         markers: [((Double, Double, Double), MarkerShape, Color)], floor: [([(Double, Double)], Color)], floorZ: Double) {
        let n = heights.count - 1
        func coordinate(_ index: Int) -> Double { -1 + 2 * Double(index) / Double(max(1, n)) }
        func screen(_ x: Double, _ y: Double, _ z: Double) -> (DataPoint, Double) {
            let p = projection.project(x: x, y: y, z: z)
            return (DataPoint(x: p.u, y: p.v), p.depth)
        }
        var floorItems: [Placed] = []
        for (line, color) in floor {
            floorItems.append(Placed(depth: -.infinity, item: .floorLine(line.map { screen($0.0, $0.1, floorZ).0 }, color)))
        }
        var placed: [Placed] = []
        placed.reserveCapacity(n * n + 4 * path.count)
        if n > 0 {
            for j in 0..<n {
                for i in 0..<n where heights[j][i].isFinite && heights[j][i + 1].isFinite && heights[j + 1][i].isFinite
                    && heights[j + 1][i + 1].isFinite {
                    let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)].map { screen(coordinate($0.0), coordinate($0.1), heights[$0.1][$0.0]) }
                    let depth = corners.reduce(0) { $0 + $1.1 } / 4
                    placed.append(Placed(depth: depth, item: .quad(corners.map(\.0), colors[j][i])))
                }
            }
        }
        let side = 2 / Double(max(1, n))
        let bias = Self.pathDepthBias * side
        for (start, end) in zip(path, path.dropFirst()) {
            let length = ((end.0 - start.0) * (end.0 - start.0) + (end.1 - start.1) * (end.1 - start.1)).squareRoot()
            let pieces = length.isFinite ? max(1, min(10_000, Int((length / side).rounded(.up)))) : 1
            for piece in 0..<pieces {
                let t0 = Double(piece) / Double(pieces), t1 = Double(piece + 1) / Double(pieces)
                func at(_ t: Double) -> (DataPoint, Double) {
                    screen(start.0 + (end.0 - start.0) * t, start.1 + (end.1 - start.1) * t, start.2 + (end.2 - start.2) * t)
                }
                let (a, da) = at(t0), (b, db) = at(t1)
                placed.append(Placed(depth: (da + db) / 2 + bias, item: .segment(a, b, pathColor)))
            }
        }
        for (point, shape, color) in markers {
            let (p, depth) = screen(point.0, point.1, point.2)
            placed.append(Placed(depth: depth + bias, item: .marker(p, shape, color)))
        }
        // Stable: equal depths keep their order (quads before path pieces).
        let ordered = placed.enumerated().sorted { $0.element.depth < $1.element.depth || ($0.element.depth == $1.element.depth && $0.offset < $1.offset) }
        items = floorItems + ordered.map(\.element)
    }
}

/// Draws a ``SurfaceScene`` in its order; the panel's data coordinates are the screen's `(u, v)`.
final class SurfaceMark: Mark {
    var layer: Layer
    /// The scene drawn (replaced per frame by an animation).
    var scene: SurfaceScene
    /// The path's legend row.
    let pathLegend: LegendEntry?

    init(scene: SurfaceScene, pathLegend: LegendEntry?, layer: Layer = .static) {
        self.scene = scene
        self.pathLegend = pathLegend
        self.layer = layer
    }

    var legendEntry: LegendEntry? { pathLegend }

    private var allPoints: [DataPoint] {
        scene.items.flatMap { placed -> [DataPoint] in
            switch placed.item {
            case .quad(let corners, _): return corners
            case .segment(let a, let b, _): return [a, b]
            case .marker(let p, _, _): return [p]
            case .floorLine(let line, _): return line
            }
        }
    }

    func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        let points = allPoints.filter(\.isFinite)
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
              let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { return nil }
        return MarkBounds(minX: minX, maxX: maxX, minY: minY, maxY: maxY)
    }

    func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        allPoints.filter(\.isFinite).map { transform.device($0) }
    }

    func draw(in context: MarkContext) {
        let renderer = context.renderer
        let t = context.transform
        let pathWidth = 2.6 * context.metrics.scale
        for placed in scene.items {
            switch placed.item {
            case .quad(let corners, let color):
                let polygon = DevicePath.polygon(corners.map { t.device($0) })
                renderer.fill(polygon, color: color, rule: .nonZero)
                // The same colour around the edge hides the anti-aliasing seams between quads.
                renderer.stroke(polygon, style: StrokeStyle(color: color, width: 0.6 * context.metrics.scale))
            case .segment(let a, let b, let color):
                renderer.stroke(.polyline([t.device(a), t.device(b)]), style: StrokeStyle(color: color, width: pathWidth))
            case .marker(let p, let shape, let color):
                renderer.drawMarkers(shape, at: [t.device(p)], size: context.metrics.markerSize, fill: color, edge: .black,
                                     edgeWidth: context.metrics.scale)
            case .floorLine(let line, let color):
                renderer.stroke(.polyline(line.map { t.device($0) }), style: StrokeStyle(color: color, width: 1.2 * context.metrics.scale))
            }
        }
    }
}
