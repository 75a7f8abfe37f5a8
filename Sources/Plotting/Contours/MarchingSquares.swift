/// The marching-squares case table shared by contour lines and filled bands.
///
/// A cell's corners are numbered counter-clockwise in grid-index space,
/// `0 = (r, c)`, `1 = (r, c+1)`, `2 = (r+1, c+1)`, `3 = (r+1, c)`, and edge `k` runs from
/// corner `k` to corner `k + 1 (mod 4)`. A corner is *above* a level when `value ≥ level`.
enum MarchingSquares {
    /// The pairs of edges joined by contour segments in a cell whose corners are above the
    /// level where bit `k` of `mask` is set.
    ///
    /// An edge is crossed when its two corners are on different sides. Two crossed edges
    /// are joined directly. Four crossed edges (corners alternate: masks `0b0101`, `0b1010`)
    /// form a saddle, resolved by the cell-centre average: when the centre is above, the
    /// above corners are connected through the cell and each below corner is cut off by a
    /// segment joining its two edges; otherwise each above corner is cut off.
    static func segmentEdges(mask: Int, centreAbove: Bool) -> [(Int, Int)] {
        func above(_ corner: Int) -> Bool { mask & (1 << (corner & 3)) != 0 }
        let crossed = (0..<4).filter { above($0) != above($0 + 1) }
        if crossed.count == 2 { return [(crossed[0], crossed[1])] }
        guard crossed.count == 4 else { return [] }
        return (0..<4).compactMap { corner in
            // Cut off the corners on the other side from the centre.
            above(corner) == centreAbove ? nil : ((corner + 3) % 4, corner)
        }
    }
}
