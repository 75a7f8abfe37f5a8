import Foundation

/// Counts of device points per cell of a regular grid laid over a rectangle (the plot area):
/// the data behind a density scatter and the cheap stand-in for very many points when a legend
/// looks for an empty corner.
///
/// The rectangle is cut into `columns x rows` equal cells of about `cellSize` pixels
/// (`columns = max(1, round(width / cellSize))`, likewise rows), cell (0, 0) at the top left.
/// A point counts in the cell that contains it; points on the right or bottom edge count in
/// the last cell, points outside the rectangle or not finite are left out.
struct DensityGrid {
    /// The rectangle the grid covers.
    let rect: DeviceRect
    /// The number of cells across.
    let columns: Int
    /// The number of cells down.
    let rows: Int
    /// The counts, row-major from the top left.
    private(set) var counts: [Int]
    /// The largest count (0 when no point fell inside).
    private(set) var maximum = 0

    /// An empty grid over `rect` with cells of about `cellSize` pixels (at least 1 pixel);
    /// nil when `rect` has no area or is not finite.
    init?(rect: DeviceRect, cellSize: Double) {
        let width = rect.maxX - rect.minX, height = rect.maxY - rect.minY
        guard width > 0, height > 0, width.isFinite, height.isFinite else { return nil }
        let cell = cellSize.isFinite ? max(1, cellSize) : 1
        self.rect = rect
        let side = Double(FigureSize.maximumSide)
        columns = max(1, Int(min(side, (width / cell).rounded())))
        rows = max(1, Int(min(side, (height / cell).rounded())))
        counts = [Int](repeating: 0, count: columns * rows)
    }

    /// The grid of `points` mapped by `transform` over its plot area.
    init?(points: [DataPoint], transform: AxesTransform, cellSize: Double) {
        self.init(rect: transform.plotRect, cellSize: cellSize)
        let minX = rect.minX, minY = rect.minY, maxX = rect.maxX, maxY = rect.maxY
        let perColumn = Double(columns) / (maxX - minX), perRow = Double(rows) / (maxY - minY)
        let lastColumn = columns - 1, lastRow = rows - 1
        var largest = 0
        counts.withUnsafeMutableBufferPointer { cells in
            for point in points {
                let p = transform.device(point)
                // NaN fails every comparison, so non-finite points are skipped here too.
                guard p.x >= minX, p.x <= maxX, p.y >= minY, p.y <= maxY else { continue }
                let column = min(lastColumn, Int((p.x - minX) * perColumn))
                let row = min(lastRow, Int((p.y - minY) * perRow))
                let index = row * columns + column
                cells[index] += 1
                if cells[index] > largest { largest = cells[index] }
            }
        }
        maximum = largest
    }

    /// The count of the cell at `column`, `row`.
    subscript(column: Int, row: Int) -> Int { counts[row * columns + column] }

    /// The centres of the non-empty cells, row by row from the top left.
    func occupiedCellCenters() -> [DevicePoint] {
        let cellWidth = (rect.maxX - rect.minX) / Double(columns), cellHeight = (rect.maxY - rect.minY) / Double(rows)
        var centers: [DevicePoint] = []
        for row in 0..<rows {
            for column in 0..<columns where counts[row * columns + column] > 0 {
                centers.append(DevicePoint(x: rect.minX + (Double(column) + 0.5) * cellWidth, y: rect.minY + (Double(row) + 0.5) * cellHeight))
            }
        }
        return centers
    }

    /// The opacity of a cell holding `count` of at most `maximum` points:
    /// `0.25 + 0.75 · log(1 + count) / log(1 + maximum)`, 0 for an empty cell.
    ///
    /// A single point gets at least a quarter of full opacity (outliers stay visible), the
    /// fullest cell is opaque, and the logarithm keeps the shape of a dense core visible where
    /// a linear scale would leave everything but the peak faint.
    static func opacity(count: Int, maximum: Int) -> Double {
        guard count > 0, maximum > 0 else { return 0 }
        return 0.25 + 0.75 * log(1 + Double(count)) / log(1 + Double(maximum))
    }

    /// The grid as a `columns x rows` image: each non-empty cell is `color` with its alpha
    /// multiplied by `opacity(count:maximum:)`, empty cells are transparent.
    func image(color: Color) -> Raster {
        let raster = Raster(width: columns, height: rows)
        // One pixel value per distinct count (few distinct counts in practice).
        var values: [Int: UInt32] = [:]
        let pixels = UnsafeMutableRawPointer(raster.mutableBytes)
        for row in 0..<rows {
            for column in 0..<columns {
                let count = counts[row * columns + column]
                guard count > 0 else { continue }
                let value: UInt32
                if let known = values[count] {
                    value = known
                } else {
                    value = color.withAlpha(color.alpha * DensityGrid.opacity(count: count, maximum: maximum)).premultipliedARGB32
                    values[count] = value
                }
                pixels.storeBytes(of: value, toByteOffset: row * raster.stride + column * 4, as: UInt32.self)
            }
        }
        return raster
    }
}
