/// A filled band between a lower and an upper curve over the same x values.
public final class BandMark: Mark {
    /// The x values.
    public var xs: [Double]
    /// The lower curve, one value per x.
    public var lower: [Double]
    /// The upper curve, one value per x.
    public var upper: [Double]
    /// The fill colour (drawn with `opacity`).
    public var color: Color
    /// The fill opacity, `0...1`.
    public var opacity: Double
    /// The legend label; nil keeps the band out of the legend.
    public var label: String?
    /// The drawing pass.
    public var layer: Layer

    /// Creates a band; extra values of the longer arrays are ignored.
    public init(xs: [Double], lower: [Double], upper: [Double], color: Color, opacity: Double = 0.25, label: String? = nil, layer: Layer = .static) {
        self.xs = xs
        self.lower = lower
        self.upper = upper
        self.color = color
        self.opacity = opacity
        self.label = label
        self.layer = layer
    }

    private var count: Int { min(xs.count, lower.count, upper.count) }

    /// The extent of both curves.
    public func bounds(xScale: AxisScale, yScale: AxisScale) -> MarkBounds? {
        let n = count
        let points = (0..<n).map { DataPoint(x: xs[$0], y: lower[$0]) } + (0..<n).map { DataPoint(x: xs[$0], y: upper[$0]) }
        return MarkBounds.of(points, xScale: xScale, yScale: yScale)
    }

    /// Points on both curves and between them: every 12 pixels up each x's span. When that
    /// would be more than `densifySampleBudget` samples (hundreds of thousands of x values),
    /// only every k-th x is sampled, k chosen to stay within the budget.
    public func samplePoints(in transform: AxesTransform) -> [DevicePoint] {
        func span(_ i: Int) -> [DevicePoint] {
            let a = transform.device(DataPoint(x: xs[i], y: lower[i])), b = transform.device(DataPoint(x: xs[i], y: upper[i]))
            return densify([a, b], spacing: 12)
        }
        let n = count
        guard n > densifySampleBudget / 502 else { return (0..<n).flatMap(span) }
        var total = 0
        for i in 0..<n {
            let a = transform.device(DataPoint(x: xs[i], y: lower[i])), b = transform.device(DataPoint(x: xs[i], y: upper[i]))
            if a.x.isFinite && a.y.isFinite && b.x.isFinite && b.y.isFinite {
                // In Double until clamped: two finite points can be more than Double.greatestFiniteMagnitude apart.
                let steps = a.distance(to: b) / 12
                total += (steps.isFinite ? max(1, Int(min(500, steps))) : 500) + 1
            }
        }
        let step = max(1, (total + densifySampleBudget - 1) / densifySampleBudget)
        return Swift.stride(from: 0, to: n, by: step).flatMap(span)
    }

    /// A patch swatch.
    public var legendEntry: LegendEntry? {
        label.map { LegendEntry(label: $0, swatch: .patch(color.withAlpha(opacity))) }
    }

    /// Fills the polygon lower → upper reversed.
    public func draw(in context: MarkContext) {
        let n = count
        guard n > 1 else { return }
        let points = (0..<n).map { context.transform.device(DataPoint(x: xs[$0], y: lower[$0])) }
            + (0..<n).reversed().map { context.transform.device(DataPoint(x: xs[$0], y: upper[$0])) }
        context.renderer.fill(.polygon(points), color: color.withAlpha(opacity * color.alpha))
    }
}
