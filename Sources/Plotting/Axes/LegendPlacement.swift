/// Where a panel's legend goes.
public enum LegendPlacement: Sendable, Hashable {
    /// A corner of the plot area where the legend covers no data (shrinking it if that helps);
    /// beside the plot area when every corner would cover data or it does not fit the plot area
    /// (and the plot keeps at least half its cell's width), else the corner that covers least.
    case automatic
    /// A fixed corner.
    case corner(LegendCorner)
    /// Beside the plot area, right of it (and of a colorbar), level with its top; the layout
    /// makes room for it.
    case outside
    /// No legend.
    case hidden
}

/// The corners (and edge centres) a legend can occupy inside the plot area.
public enum LegendCorner: Sendable, Hashable, CaseIterable {
    /// Top right.
    case upperRight
    /// Top left.
    case upperLeft
    /// Bottom left.
    case lowerLeft
    /// Bottom right.
    case lowerRight
    /// Top, centred.
    case upperCenter
    /// Bottom, centred.
    case lowerCenter

    /// The box of `width` x `height` in this corner of `plot`, `inset` from its edges.
    func rect(width: Double, height: Double, in plot: DeviceRect, inset: Double) -> DeviceRect {
        let left = plot.minX + inset, right = plot.maxX - inset - width, center = plot.midX - width / 2
        let top = plot.minY + inset, bottom = plot.maxY - inset - height
        switch self {
        case .upperRight: return DeviceRect(x: right, y: top, width: width, height: height)
        case .upperLeft: return DeviceRect(x: left, y: top, width: width, height: height)
        case .lowerLeft: return DeviceRect(x: left, y: bottom, width: width, height: height)
        case .lowerRight: return DeviceRect(x: right, y: bottom, width: width, height: height)
        case .upperCenter: return DeviceRect(x: center, y: top, width: width, height: height)
        case .lowerCenter: return DeviceRect(x: center, y: bottom, width: width, height: height)
        }
    }

    /// The corner among `candidates` whose box (grown by `margin`) contains the fewest
    /// `points`; ties go to the earlier candidate.
    static func leastCovered(width: Double, height: Double, in plot: DeviceRect, inset: Double, margin: Double,
                             points: [DevicePoint], candidates: [LegendCorner] = LegendCorner.allCases) -> LegendCorner {
        var best = candidates.first ?? .upperRight
        var bestCount = Int.max
        for corner in candidates {
            let box = corner.rect(width: width, height: height, in: plot, inset: inset).insetBy(dx: -margin, dy: -margin)
            let count = points.reduce(0) { $0 + (box.contains($1) ? 1 : 0) }
            if count < bestCount {
                best = corner
                bestCount = count
            }
        }
        return best
    }
}
