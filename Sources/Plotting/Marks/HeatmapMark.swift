/// A value grid drawn as one image through a colour scale (one embedded image in SVG/PDF).
///
/// Each sample is the centre of a cell, so the image covers `ValueGrid.cellExtent` and
/// contours of the same grid line up with it. Only meaningful on linear axes.
public final class HeatmapMark: Mark {
    /// The values.
    public var grid: ValueGrid { didSet { cached = nil } }
    /// The colour scale.
    public var colorScale: ColorScale { didSet { cached = nil } }
    /// The image made so far (a figure drawn as PNG, SVG and PDF colours its cells once).
    private var cached: Raster?
    /// Smooth (bilinear) or nearest-neighbour cells.
    public var interpolation: ImageInterpolation
    /// The drawing pass.
    public var layer: Layer

    /// Creates a heatmap.
    public init(grid: ValueGrid, colorScale: ColorScale, interpolation: ImageInterpolation = .smooth, layer: Layer = .static) {
        self.grid = grid
        self.colorScale = colorScale
        self.interpolation = interpolation
        self.layer = layer
    }

    /// The cell extent, unpadded so the image fills the axes.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        guard grid.isValid, let e = grid.cellExtent else { return nil }
        return MarkBounds(minX: e.minX, maxX: e.maxX, minY: e.minY, maxY: e.maxY, padX: false, padY: false)
    }

    /// A heatmap fills the panel; legends should rather avoid other marks.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] { [] }

    /// The grid as a `columns x rows` premultiplied image, top row = largest y.
    public func image() -> Raster? {
        if let cached { return cached }
        guard grid.isValid else { return nil }
        let grid = self.grid, scale = colorScale, fractions = ColorScale.Fractions(colorScale)
        let raster = Raster(width: grid.columns, height: grid.rows)
        let table = scale.colormap.lookupTable(count: 1024)
        let bad = scale.colormap.badColor.premultipliedARGB32
        let flipX = (grid.xs.last ?? 0) < (grid.xs.first ?? 0)
        let flipY = (grid.ys.last ?? 0) > (grid.ys.first ?? 0)
        let pixels = UnsafeMutableRawPointer(raster.mutableBytes)
        let columns = grid.columns
        grid.values.withUnsafeBufferPointer { values in
            table.withUnsafeBufferPointer { table in
                for row in 0..<grid.rows {
                    let imageRow = flipY ? grid.rows - 1 - row : row
                    for column in 0..<columns {
                        let imageColumn = flipX ? columns - 1 - column : column
                        let t = fractions.fraction(of: values[row * columns + column])
                        let value = t.isNaN ? bad : table[Int((t * 1023).rounded())]
                        pixels.storeBytes(of: value, toByteOffset: imageRow * raster.stride + imageColumn * 4, as: UInt32.self)
                    }
                }
            }
        }
        cached = raster
        return raster
    }

    /// Draws the image over the cell extent.
    public func draw(in context: MarkContext) {
        guard let image = image(), let e = grid.cellExtent else { return }
        let a = context.transform.device(DataPoint(x: e.minX, y: e.maxY))
        let b = context.transform.device(DataPoint(x: e.maxX, y: e.minY))
        let rect = DeviceRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
        context.renderer.drawImage(image, in: rect, interpolation: interpolation)
    }
}
