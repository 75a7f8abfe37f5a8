import Foundation
import Plotting

/// What a surface figure or frame shares whatever the camera: the mesh's heights and lit colours,
/// the floor's contour lines and the MSE span the box is scaled by.
///
/// The plane's ranges map to `X, Y ∈ [−1, 1]` and the MSE to
/// `Z = ``SurfaceFigure/height``·(MSE − low)/(high − low)` over the mesh; each quad is coloured by
/// viridis at its mean MSE on the linear scale `low…high` and lit by a light fixed in the world
/// (above, from the front left), so the shading turns with the surface when the camera orbits:
/// the colour is scaled by `0.55 + 0.45·max(0, n·l)` for the quad's unit normal `n`.
struct SurfaceGeometry: Sendable {
    /// The plane drawn.
    let plane: LandscapePlane
    /// `(n + 1) × (n + 1)` heights `Z`, rows over `Y`.
    let heights: [[Double]]
    /// `n × n` lit quad colours.
    let colors: [[Color]]
    /// The floor's outline and contour lines in `(X, Y)`.
    let floor: [([(Double, Double)], Color)]
    /// The smallest and largest MSE of the mesh.
    let low: Double, high: Double

    /// The light's direction (unit vector toward the light).
    static let light: (Double, Double, Double) = {
        let raw = (-0.35, -0.6, 1.0)
        let length = (raw.0 * raw.0 + raw.1 * raw.1 + raw.2 * raw.2).squareRoot()
        return (raw.0 / length, raw.1 / length, raw.2 / length)
    }()

    init(plane: LandscapePlane, theme: Theme, quads n: Int = SurfaceFigure.quads) {
        self.plane = plane
        let (a0, a1, b0, b1) = (plane.aRange.lowerBound, plane.aRange.upperBound, plane.bRange.lowerBound, plane.bRange.upperBound)
        let values = (0...n).map { j in
            (0...n).map { i in plane.meanSquaredError(a: a0 + (a1 - a0) * Double(i) / Double(n), b: b0 + (b1 - b0) * Double(j) / Double(n)) }
        }
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let low = finite.min() ?? 0, high = max(finite.max() ?? 1, low + 1e-300)
        self.low = low
        self.high = high
        let heights = values.map { $0.map { SurfaceFigure.height * ($0 - low) / (high - low) } }
        self.heights = heights
        let scale = ColorScale(colormap: .viridis, lower: low, upper: high)
        let side = 2 / Double(n)
        let light = Self.light
        colors = (0..<n).map { j in
            (0..<n).map { i -> Color in
                let mean = (values[j][i] + values[j][i + 1] + values[j + 1][i] + values[j + 1][i + 1]) / 4
                // The normal from the two diagonals: (side, side, dz1) × (−side, side, dz2).
                let dz1 = heights[j + 1][i + 1] - heights[j][i], dz2 = heights[j + 1][i] - heights[j][i + 1]
                var normal = (side * dz2 - dz1 * side, -(side * dz2 + dz1 * side), 2 * side * side)
                let length = (normal.0 * normal.0 + normal.1 * normal.1 + normal.2 * normal.2).squareRoot()
                normal = (normal.0 / length, normal.1 / length, normal.2 / length)
                return SurfaceFigure.shaded(scale.color(for: mean), normal: normal, light: light)
            }
        }
        var floor: [([(Double, Double)], Color)] = [([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)], theme.mutedInk)]
        let grid = plane.evaluateGrid()
        let generator = ContourGenerator(values: grid.values, columns: grid.columns, rows: grid.ys.count, xs: grid.xs, ys: grid.ys)
        let gridFinite = grid.values.filter { $0.isFinite && $0 > 0 }
        for level in LandscapePlane.contourLevels(minimum: gridFinite.min() ?? 1e-3, maximum: gridFinite.max() ?? 1) {
            for line in generator.lines(at: level) {
                floor.append((line.map { (2 * ($0.x - a0) / (a1 - a0) - 1, 2 * ($0.y - b0) / (b1 - b0) - 1) }, theme.mutedInk))
            }
        }
        self.floor = floor
    }

    /// `(X, Y, Z)` of plane point `p` lifted onto the surface, or nil outside the box.
    func box(_ p: DataPoint) -> (Double, Double, Double)? {
        let (a0, a1, b0, b1) = (plane.aRange.lowerBound, plane.aRange.upperBound, plane.bRange.lowerBound, plane.bRange.upperBound)
        let x = 2 * (p.x - a0) / (a1 - a0) - 1, y = 2 * (p.y - b0) / (b1 - b0) - 1
        guard x.isFinite, y.isFinite, abs(x) <= 1, abs(y) <= 1 else { return nil }
        return (x, y, SurfaceFigure.height * (plane.meanSquaredError(a: p.x, b: p.y) - low) / (high - low))
    }
}
