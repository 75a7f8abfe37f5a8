/// Contour lines and filled contour bands of a scalar field sampled on a rectilinear grid.
///
/// The grid is row-major: `values[r * columns + c]` is the field at `(xs[c], ys[r])`.
/// Between samples the field is taken as linear along each cell edge; the contour at a
/// level crosses an edge at
///
///     t = (level − v₀) / (v₁ − v₀),   p = p₀ + t · (p₁ − p₀)
///
/// so every vertex lies exactly on the level by edge interpolation. Inside a cell the
/// contour is a straight segment between its edge crossings (marching squares); a saddle
/// cell (corners alternately above and below) is resolved by the average of its four
/// corners, the value at the cell centre. Cells with a NaN corner are skipped, so contours
/// end at their border. A corner equal to the level counts as above it.
///
/// A grid whose shape does not match (`values.count != rows · columns`, `xs.count != columns`,
/// `ys.count != rows`, or fewer than 2 rows or columns) has no contours: every query
/// returns `[]`; check `isValid` to tell this apart from a field that misses the level.
public struct ContourGenerator: Sendable {
    /// The samples, row-major: `values[r * columns + c]`.
    public let values: [Double]
    /// The number of samples per row (the length of `xs`).
    public let columns: Int
    /// The number of rows (the length of `ys`).
    public let rows: Int
    /// The x coordinate of each column, preferably monotone.
    public let xs: [Double]
    /// The y coordinate of each row, preferably monotone.
    public let ys: [Double]

    /// Creates a generator over a row-major grid; see the type's notes for the layout.
    public init(values: [Double], columns: Int, rows: Int, xs: [Double], ys: [Double]) {
        self.values = values
        self.columns = columns
        self.rows = rows
        self.xs = xs
        self.ys = ys
    }

    /// Whether the shape is consistent and has at least one cell (2 × 2 samples).
    public var isValid: Bool {
        columns >= 2 && rows >= 2 && values.count == rows * columns && xs.count == columns && ys.count == rows
    }

    /// The contour polylines of `level`, segments joined into maximal chains.
    ///
    /// Open chains end at the grid border or at NaN cells; closed rings repeat their first
    /// point at the end. Consecutive duplicate points (a corner exactly on the level) are
    /// merged. A non-finite level or an invalid grid gives `[]`.
    public func lines(at level: Double) -> [[DataPoint]] {
        lines(at: [level])[0]
    }

    /// The contour polylines of each of `levels` (in their order), as `lines(at:)` gives them
    /// one at a time, from one pass over the cells.
    ///
    /// A cell's segments at a level exist exactly when the level lies in (lowest corner,
    /// highest corner], so each cell looks up the levels in that interval (a binary search in
    /// the sorted levels) instead of every level visiting every cell: the kit draws about a
    /// hundred levels on 400 × 400 grids, where nearly every cell crosses none or one.
    /// Segments are collected per level in row-major cell order, as a pass per level would.
    public func lines(at levels: [Double]) -> [[[DataPoint]]] {
        guard isValid else { return levels.map { _ in [] } }
        let order = levels.indices.filter { levels[$0].isFinite }.sorted { levels[$0] < levels[$1] }
        let sorted = order.map { levels[$0] }
        var segments = [[(Int, Int)]](repeating: [], count: levels.count)
        values.withUnsafeBufferPointer { v in
            for row in 0..<(rows - 1) {
                for column in 0..<(columns - 1) {
                    let base = row * columns + column
                    let c0 = v[base], c1 = v[base + 1], c2 = v[base + columns + 1], c3 = v[base + columns]
                    if c0.isNaN || c1.isNaN || c2.isNaN || c3.isNaN { continue }
                    let lowest = min(min(c0, c1), min(c2, c3)), highest = max(max(c0, c1), max(c2, c3))
                    // The first level above the lowest corner (all corners >= a lower level).
                    var low = 0, high = sorted.count
                    while low < high {
                        let middle = (low + high) / 2
                        if sorted[middle] > lowest { high = middle } else { low = middle + 1 }
                    }
                    var index = low
                    while index < sorted.count && sorted[index] <= highest {
                        let level = sorted[index]
                        let mask = (c0 >= level ? 1 : 0) | (c1 >= level ? 2 : 0) | (c2 >= level ? 4 : 0) | (c3 >= level ? 8 : 0)
                        let centreAbove = (c0 + c1 + c2 + c3) / 4 >= level
                        for (a, b) in MarchingSquares.segmentEdges(mask: mask, centreAbove: centreAbove) {
                            segments[order[index]].append((crossingKey(row: row, column: column, edge: a, levelIndex: 0),
                                                           crossingKey(row: row, column: column, edge: b, levelIndex: 0)))
                        }
                        index += 1
                    }
                }
            }
        }
        return levels.indices.map { index in
            let pair = [levels[index], levels[index]]
            return PolylineChainer.chains(of: segments[index]).compactMap { chain in
                let points = Self.removingRepeats(chain.map { point(forKey: $0, levels: pair) })
                let closed = chain.count > 2 && chain.first == chain.last
                return points.count >= (closed ? 4 : 2) ? points : nil
            }
        }
    }

    /// Polygons covering the region `lower ≤ v < upper`, for a filled contour band.
    ///
    /// Method: in each cell the band's level lines are the marching-squares segments of
    /// `lower` and of `upper` (the same segments `lines(at:)` draws, saddles resolved the same
    /// way). Together with the cell border these chords cut the cell into faces, found by
    /// walking the border counter-clockwise and turning onto a chord at each crossing. A
    /// face is in the band when the field at the midpoint of one of its border pieces is.
    /// The in-band faces of all cells are merged: an edge shared by two in-band faces
    /// appears once in each direction and cancels, and the remaining edges are chained into
    /// closed rings (last point repeats the first). Outer rings run counter-clockwise in
    /// grid-index order and holes clockwise, so both the even-odd and the non-zero fill
    /// rules fill exactly the band; its boundary coincides with `lines(at: lower)` and
    /// `lines(at: upper)`.
    ///
    /// NaN cells are left out. `lower ≥ upper`, non-finite bounds other than `−∞`/`+∞`
    /// (NaN) or an invalid grid give `[]`; `−∞`/`+∞` bounds give the open-ended bands.
    public func filledBands(lower: Double, upper: Double) -> [[DataPoint]] {
        guard isValid, !lower.isNaN, !upper.isNaN, lower < upper else { return [] }
        var edges: [(Int, Int)] = []
        for row in 0..<(rows - 1) {
            for column in 0..<(columns - 1) {
                // A cell wholly below `lower` or wholly at or above `upper` has no face in the
                // band (as `bandFaces` decides); skip it without building its corners.
                let base = row * columns + column
                let c0 = values[base], c1 = values[base + 1], c2 = values[base + columns + 1], c3 = values[base + columns]
                if (c0 < lower && c1 < lower && c2 < lower && c3 < lower) || (c0 >= upper && c1 >= upper && c2 >= upper && c3 >= upper) {
                    continue
                }
                if c0.isNaN || c1.isNaN || c2.isNaN || c3.isNaN { continue }
                for face in bandFaces(row: row, column: column, corners: [c0, c1, c2, c3], lower: lower, upper: upper) {
                    for index in face.indices {
                        edges.append((face[index], face[(index + 1) % face.count]))
                    }
                }
            }
        }
        let levels = [lower, upper]
        return PolylineChainer.rings(ofDirectedEdges: edges).compactMap { ring in
            let points = Self.removingRepeats(ring.map { point(forKey: $0, levels: levels) })
            return points.count >= 4 ? points : nil
        }
    }

    // MARK: Cells

    /// The bit mask of corners at or above `level`.
    static func mask(_ corners: [Double], _ level: Double) -> Int {
        var mask = 0
        for (index, value) in corners.enumerated() where value >= level { mask |= 1 << index }
        return mask
    }

    /// The in-band faces of one cell as counter-clockwise lists of vertex keys.
    private func bandFaces(row: Int, column: Int, corners: [Double], lower: Double, upper: Double) -> [[Int]] {
        let lowerMask = Self.mask(corners, lower)
        let upperMask = Self.mask(corners, upper)
        if lowerMask == 0 || upperMask == 0b1111 { return [] }
        let cornerKeys = (0..<4).map { cornerKey(row: row, column: column, corner: $0) }
        if lowerMask == 0b1111 && upperMask == 0 { return [cornerKeys] }

        // Border points in counter-clockwise order, with their field values.
        var keys: [Int] = []
        var pointValues: [Double] = []
        var crossingIndex: [Int: Int] = [:]  // (edge * 2 + levelIndex) → border index
        for edge in 0..<4 {
            keys.append(cornerKeys[edge])
            pointValues.append(corners[edge])
            let start = corners[edge]
            let end = corners[(edge + 1) % 4]
            var crossings: [(levelIndex: Int, level: Double)] = []
            if (lowerMask >> edge) & 1 != (lowerMask >> ((edge + 1) % 4)) & 1 { crossings.append((0, lower)) }
            if (upperMask >> edge) & 1 != (upperMask >> ((edge + 1) % 4)) & 1 { crossings.append((1, upper)) }
            if end < start { crossings.reverse() }
            for crossing in crossings {
                crossingIndex[edge * 2 + crossing.levelIndex] = keys.count
                keys.append(crossingKey(row: row, column: column, edge: edge, levelIndex: crossing.levelIndex))
                pointValues.append(crossing.level)
            }
        }

        // Chords: the marching-squares segments of each level, between border indices.
        var partner = [Int?](repeating: nil, count: keys.count)
        let centre = (corners[0] + corners[1] + corners[2] + corners[3]) / 4
        for (levelIndex, level, mask) in [(0, lower, lowerMask), (1, upper, upperMask)] {
            for (a, b) in MarchingSquares.segmentEdges(mask: mask, centreAbove: centre >= level) {
                guard let from = crossingIndex[a * 2 + levelIndex], let to = crossingIndex[b * 2 + levelIndex] else { continue }
                partner[from] = to
                partner[to] = from
            }
        }

        // Faces: walk each border piece, turning onto the chord at each chord end.
        let count = keys.count
        var visited = [Bool](repeating: false, count: count)
        var faces: [[Int]] = []
        for startPiece in 0..<count where !visited[startPiece] {
            var face: [Int] = []
            var piece = startPiece
            for _ in 0..<(2 * count + 2) {
                visited[piece] = true
                face.append(keys[piece])
                let next = (piece + 1) % count
                if let other = partner[next] {
                    face.append(keys[next])
                    piece = other
                } else {
                    piece = next
                }
                if piece == startPiece { break }
            }
            let middle = (pointValues[startPiece] + pointValues[(startPiece + 1) % count]) / 2
            if middle >= lower && middle < upper && face.count >= 3 { faces.append(face) }
        }
        return faces
    }

    // MARK: Vertex keys

    /// The key of a grid corner of cell `(row, column)`, corner numbered as in `MarchingSquares`.
    private func cornerKey(row: Int, column: Int, corner: Int) -> Int {
        let (r, c) = [(row, column), (row, column + 1), (row + 1, column + 1), (row + 1, column)][corner]
        return (r * columns + c) << 3
    }

    /// The key of the crossing of level `levelIndex` (0 or 1) on edge `edge` of a cell.
    ///
    /// Edges are named by the grid edge they lie on, so neighbouring cells agree:
    /// horizontal edge from `(r, c)` to `(r, c+1)` is kind 1, vertical edge from `(r, c)` to
    /// `(r+1, c)` is kind 2. Key = `(r · columns + c) << 3 | kind << 1 | levelIndex`.
    private func crossingKey(row: Int, column: Int, edge: Int, levelIndex: Int) -> Int {
        let r: Int, c: Int, kind: Int
        switch edge {
        case 0: (r, c, kind) = (row, column, 1)
        case 1: (r, c, kind) = (row, column + 1, 2)
        case 2: (r, c, kind) = (row + 1, column, 1)
        default: (r, c, kind) = (row, column, 2)
        }
        return (r * columns + c) << 3 | kind << 1 | levelIndex
    }

    /// The data point of a vertex key; crossings are interpolated from the edge's lower
    /// corner to its upper corner, so both cells sharing the edge get the same bits.
    private func point(forKey key: Int, levels: [Double]) -> DataPoint {
        let index = key >> 3
        let kind = (key >> 1) & 3
        let row = index / columns
        let column = index % columns
        let start = DataPoint(x: xs[column], y: ys[row])
        guard kind != 0 else { return start }
        let level = levels[key & 1]
        let endRow = kind == 2 ? row + 1 : row
        let endColumn = kind == 1 ? column + 1 : column
        let startValue = values[index]
        let endValue = values[endRow * columns + endColumn]
        let denominator = endValue - startValue
        let t = denominator == 0 ? 0 : Swift.min(1, Swift.max(0, (level - startValue) / denominator))
        if kind == 1 {
            return DataPoint(x: start.x + t * (xs[endColumn] - start.x), y: start.y)
        }
        return DataPoint(x: start.x, y: start.y + t * (ys[endRow] - start.y))
    }

    /// The points with consecutive duplicates removed.
    private static func removingRepeats(_ points: [DataPoint]) -> [DataPoint] {
        var result: [DataPoint] = []
        result.reserveCapacity(points.count)
        for point in points where result.last != point { result.append(point) }
        return result
    }
}
