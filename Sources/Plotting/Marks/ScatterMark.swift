/// Markers at data points; very many points are drawn as a density image instead.
///
/// **Density.** With more than `densityThreshold` points (or `rendering = .density`) the points
/// are binned into cells of half a marker diameter over the plot area (`DensityGrid`) and drawn
/// as one image (one embedded image in SVG and PDF, like a heatmap): every non-empty cell in
/// the mark's colour with an opacity that grows with the logarithm of its count, from 0.25 for
/// one point to 1 for the fullest cell. Points outside the plot area are left out; the
/// marker shape and edge colour do not apply; the legend keeps the marker swatch.
public final class ScatterMark: Mark {
    /// How the points are drawn.
    public enum Rendering: Sendable, Hashable {
        /// Markers up to `ScatterMark.densityThreshold` points, a density image above.
        case automatic
        /// Always one marker per point.
        case markers
        /// Always a density image.
        case density
    }

    /// The largest number of points `.automatic` still draws as markers: 2,000.
    ///
    /// The lecture's figures have at most a few hundred points and keep their markers (and
    /// bytes). Above a few thousand 20-pixel markers on a slide overlap into a solid blob,
    /// and every marker costs a path in SVG and PDF (about 580 bytes in SVG).
    public static let densityThreshold = 2_000

    /// The marker positions.
    public var points: [DataPoint]
    /// The marker shape.
    public var marker: MarkerShape
    /// The fill colour.
    public var color: Color
    /// The marker diameter in pixels; nil uses the figure's marker size (20 px at 1080 p).
    public var size: Double?
    /// The outline colour; nil for no outline.
    public var edgeColor: Color?
    /// The legend label; nil keeps the markers out of the legend.
    public var label: String?
    /// The drawing pass.
    public var layer: Layer
    /// Markers, density, or automatic by the number of points.
    public var rendering: Rendering

    /// Creates a scatter mark.
    public init(points: [DataPoint], marker: MarkerShape = .circle, color: Color, size: Double? = nil,
                edgeColor: Color? = nil, label: String? = nil, layer: Layer = .static, rendering: Rendering = .automatic) {
        self.points = points
        self.marker = marker
        self.color = color
        self.size = size
        self.edgeColor = edgeColor
        self.label = label
        self.layer = layer
        self.rendering = rendering
    }

    /// Whether `draw` makes a density image (else markers).
    public var drawsDensity: Bool {
        switch rendering {
        case .automatic: return points.count > ScatterMark.densityThreshold
        case .markers: return false
        case .density: return true
        }
    }

    /// The extent of the points.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        MarkBounds.of(points, xScale: xScale, yScale: yScale)
    }

    /// The pixel size of the cells that stand in for the points of large marks in
    /// `samplePoints`, like the 6-pixel sampling of lines.
    static let sampleCellSize = 6.0

    /// The marker centres; above `densityThreshold` points the centres of the 6-pixel cells of
    /// the plot area that hold at least one point (bounded by the plot area, not the data).
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        guard points.count > ScatterMark.densityThreshold else { return points.map(transform.device) }
        return DensityGrid(points: points, transform: transform, cellSize: ScatterMark.sampleCellSize)?.occupiedCellCenters() ?? []
    }

    /// A marker swatch.
    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, swatch: .marker(marker, fill: color, edge: edgeColor, size: size)) }
    }

    /// Draws every marker, or the density image.
    public func draw(in context: MarkContext) {
        let diameter = size ?? context.metrics.markerSize
        if drawsDensity {
            drawDensity(in: context, cellSize: diameter / 2)
            return
        }
        context.renderer.drawMarkers(marker, at: points.map(context.transform.device), size: diameter,
                                     fill: color, edge: edgeColor, edgeWidth: max(1, diameter * 0.14))
    }

    /// The binned points as one nearest-neighbour image over the plot area.
    private func drawDensity(in context: MarkContext, cellSize: Double) {
        guard let grid = DensityGrid(points: points, transform: context.transform, cellSize: cellSize), grid.maximum > 0 else { return }
        context.renderer.drawImage(grid.image(color: color), in: grid.rect, interpolation: .nearest)
    }
}
