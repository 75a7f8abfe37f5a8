import Foundation
import Plotting

/// What a surface figure or frame shares whatever the camera: the mesh's heights and lit colours,
/// the floor's contour lines and the value span the box is scaled by.
///
/// The window's ranges map to `X, Y ∈ [−1, 1]` and the value `f` (a model's MSE, or a test
/// surface's `f(x, y)`) to `Z = ``SurfaceFigure/height``·(t(f) − t(low))/(t(high) − t(low))` over
/// the mesh, with `t(f) = f` on a linear scale and `t(f) = log₁₀ max(f, low)` on a log scale (the
/// surfaces whose landscape uses a log colour scale, such as Rosenbrock: a linear height would
/// show one flat floor and two walls). Each quad is coloured by viridis at its mean value on the
/// same scale and lit by a light fixed in the world (above, from the front left), so the shading
/// turns with the surface when the camera orbits: the colour is scaled by
/// `0.55 + 0.45·max(0, n·l)` for the quad's unit normal `n`. Quads with a corner where `f` is not
/// finite are left out (a formula outside its domain).
struct SurfaceGeometry: Sendable {
    /// The window's horizontal range (plane coordinate `a`, or `x`).
    let aRange: ClosedRange<Double>
    /// The window's vertical range (plane coordinate `b`, or `y`).
    let bRange: ClosedRange<Double>
    /// The value at a window point.
    let value: @Sendable (Double, Double) -> Double
    /// Whether heights and colours are on a log scale.
    let logScale: Bool
    /// `(n + 1) × (n + 1)` heights `Z`, rows over `Y`.
    let heights: [[Double]]
    /// `n × n` lit quad colours.
    let colors: [[Color]]
    /// The floor's outline and contour lines in `(X, Y)`.
    let floor: [([(Double, Double)], Color)]
    /// The bottom and top of the scale (on a log scale the bottom is the floor value, > 0).
    let low: Double, high: Double

    /// The light's direction (unit vector toward the light).
    static let light: (Double, Double, Double) = {
        let raw = (-0.35, -0.6, 1.0)
        let length = (raw.0 * raw.0 + raw.1 * raw.1 + raw.2 * raw.2).squareRoot()
        return (raw.0 / length, raw.1 / length, raw.2 / length)
    }()

    /// A model's MSE over `plane` on a linear scale, its floor contours at
    /// ``LandscapePlane/contourLevels(minimum:maximum:)``.
    init(plane: LandscapePlane, theme: Theme, quads n: Int = SurfaceFigure.quads) {
        let grid = plane.evaluateGrid()
        let gridFinite = grid.values.filter { $0.isFinite && $0 > 0 }
        self.init(aRange: plane.aRange, bRange: plane.bRange, value: { plane.meanSquaredError(a: $0, b: $1) },
                  contours: grid, levels: LandscapePlane.contourLevels(minimum: gridFinite.min() ?? 1e-3, maximum: gridFinite.max() ?? 1),
                  logFloor: nil, theme: theme, quads: n)
    }

    /// `value` over `aRange × bRange`; the floor shows `contours` at `levels`. With `logFloor`
    /// the scale is logarithmic from `logFloor` (> 0) to the mesh's largest value.
    init(aRange: ClosedRange<Double>, bRange: ClosedRange<Double>, value: @escaping @Sendable (Double, Double) -> Double,
         contours grid: ValueGrid, levels: [Double], logFloor: Double?, theme: Theme, quads n: Int = SurfaceFigure.quads) {
        self.aRange = aRange
        self.bRange = bRange
        self.value = value
        let (a0, a1, b0, b1) = (aRange.lowerBound, aRange.upperBound, bRange.lowerBound, bRange.upperBound)
        let values = (0...n).map { j in
            (0...n).map { i in value(a0 + (a1 - a0) * Double(i) / Double(n), b0 + (b1 - b0) * Double(j) / Double(n)) }
        }
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let logScale = logFloor != nil && (finite.max() ?? 0) > (logFloor ?? 0)
        self.logScale = logScale
        let low = logScale ? (logFloor ?? 1) : (finite.min() ?? 0)
        let high = max(finite.max() ?? 1, low + 1e-300)
        self.low = low
        self.high = high
        let transform: (Double) -> Double = logScale ? { log10(max($0, low)) } : { $0 }
        let (tLow, tHigh) = (transform(low), transform(high))
        let heights = values.map { $0.map { SurfaceFigure.height * (transform($0) - tLow) / (tHigh - tLow) } }
        self.heights = heights
        let scale = ColorScale(colormap: .viridis, normalization: logScale ? .log : .linear, lower: low, upper: high)
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
        let generator = ContourGenerator(values: grid.values, columns: grid.columns, rows: grid.ys.count, xs: grid.xs, ys: grid.ys)
        for lines in generator.lines(at: levels) {
            for line in lines {
                floor.append((line.map { (2 * ($0.x - a0) / (a1 - a0) - 1, 2 * ($0.y - b0) / (b1 - b0) - 1) }, theme.mutedInk))
            }
        }
        self.floor = floor
    }

    /// `Z` of a value on the box's scale.
    func height(of f: Double) -> Double {
        logScale ? SurfaceFigure.height * (log10(max(f, low)) - log10(low)) / (log10(high) - log10(low))
            : SurfaceFigure.height * (f - low) / (high - low)
    }

    /// `(X, Y, Z)` of window point `p` lifted onto the surface, or nil outside the box (or where
    /// the value is not finite).
    func box(_ p: DataPoint) -> (Double, Double, Double)? {
        let (a0, a1, b0, b1) = (aRange.lowerBound, aRange.upperBound, bRange.lowerBound, bRange.upperBound)
        let x = 2 * (p.x - a0) / (a1 - a0) - 1, y = 2 * (p.y - b0) / (b1 - b0) - 1
        guard x.isFinite, y.isFinite, abs(x) <= 1, abs(y) <= 1 else { return nil }
        let z = height(of: value(p.x, p.y))
        return z.isFinite ? (x, y, z) : nil
    }
}
