import Foundation

/// Filled bands between successive contour levels, each in the colour of its mid value.
///
/// Bands below the first and above the last level are filled too. The mid value is the
/// arithmetic mean of the band's levels, or the geometric mean for a log colour scale.
public final class FilledContourMark: Mark {
    /// The values.
    public var grid: ValueGrid
    /// The band boundaries, ascending.
    public var levels: [Double]
    /// The colour scale.
    public var colorScale: ColorScale
    /// The drawing pass.
    public var layer: Layer

    /// Creates filled contours.
    public init(grid: ValueGrid, levels: [Double], colorScale: ColorScale, layer: Layer = .static) {
        self.grid = grid
        self.levels = levels.filter(\.isFinite).sorted()
        self.colorScale = colorScale
        self.layer = layer
    }

    /// The sample extent, unpadded.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        guard grid.isValid, let x0 = grid.xs.min(), let x1 = grid.xs.max(), let y0 = grid.ys.min(), let y1 = grid.ys.max() else { return nil }
        return MarkBounds(minX: x0, maxX: x1, minY: y0, maxY: y1, padX: false, padY: false)
    }

    /// Bands fill the panel; no sample points.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] { [] }

    /// Fills each band with the even-odd rule (holes stay open).
    public func draw(in context: MarkContext) {
        let generator = grid.contourGenerator
        let bounds = [-Double.infinity] + levels + [Double.infinity]
        for (lower, upper) in zip(bounds, bounds.dropFirst()) where lower < upper {
            let mid: Double
            switch (lower.isFinite, upper.isFinite) {
            case (true, true): mid = colorScale.normalization == .log && lower > 0 ? (lower * upper).squareRoot() : (lower + upper) / 2
            case (false, true): mid = upper - 1e-9 * max(1, abs(upper))
            case (true, false): mid = lower + 1e-9 * max(1, abs(lower))
            default: continue
            }
            var path = DevicePath()
            for ring in generator.filledBands(lower: lower, upper: upper) {
                path.append(.polygon(ring.map(context.transform.device)))
            }
            context.renderer.fill(path, color: colorScale.color(for: mid), rule: .evenOdd)
        }
    }
}
