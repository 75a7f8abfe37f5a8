/// A scalar field sampled on a rectilinear grid, row-major: `values[r * columns + c]` is the
/// value at `(xs[c], ys[r])` (the layout `ContourGenerator` uses).
public struct ValueGrid: Sendable, Hashable {
    /// The samples, row-major.
    public var values: [Double]
    /// The x coordinate of each column (evenly spaced for heatmaps).
    public var xs: [Double]
    /// The y coordinate of each row (evenly spaced for heatmaps).
    public var ys: [Double]

    /// Creates a grid; `values.count` should be `xs.count * ys.count`.
    public init(values: [Double], xs: [Double], ys: [Double]) {
        self.values = values
        self.xs = xs
        self.ys = ys
    }

    /// Samples `function` at every grid point.
    public init(xs: [Double], ys: [Double], function: (Double, Double) -> Double) {
        self.xs = xs
        self.ys = ys
        values = ys.flatMap { y in xs.map { x in function(x, y) } }
    }

    /// The number of columns (`xs.count`).
    public var columns: Int { xs.count }
    /// The number of rows (`ys.count`).
    public var rows: Int { ys.count }

    /// Whether the shape is consistent with at least 2 x 2 samples.
    public var isValid: Bool { columns >= 2 && rows >= 2 && values.count == columns * rows }

    /// The value at column `column`, row `row`.
    public subscript(column: Int, row: Int) -> Double { values[row * columns + column] }

    /// The contour generator over this grid.
    var contourGenerator: ContourGenerator {
        ContourGenerator(values: values, columns: columns, rows: rows, xs: xs, ys: ys)
    }

    /// The data rectangle covered by the cells centred on the samples:
    /// `[x₀ − Δx/2, xₙ + Δx/2] × [y₀ − Δy/2, yₘ + Δy/2]`.
    var cellExtent: (minX: Double, maxX: Double, minY: Double, maxY: Double)? {
        guard let x0 = xs.first, let x1 = xs.last, let y0 = ys.first, let y1 = ys.last, columns >= 2, rows >= 2 else { return nil }
        let dx = abs(x1 - x0) / Double(columns - 1) / 2, dy = abs(y1 - y0) / Double(rows - 1) / 2
        return (min(x0, x1) - dx, max(x0, x1) + dx, min(y0, y1) - dy, max(y0, y1) + dy)
    }
}
