/// The map from data space to device space for one panel; the y-flip happens here, once.
///
/// With `u = scale.forward(value)`:
///
///     device.x = plot.minX + (u(x) − u(xLower)) / (u(xUpper) − u(xLower)) · plot.width
///     device.y = plot.maxY − (u(y) − u(yLower)) / (u(yUpper) − u(yLower)) · plot.height
///
/// so larger y is higher on screen. Values a log axis cannot show (`≤ 0`) map to NaN.
public struct AxesTransform: Sendable, Hashable {
    /// The plot area in device space.
    public var plotRect: DeviceRect
    /// The horizontal data limits.
    public var xLimits: AxisLimits
    /// The vertical data limits.
    public var yLimits: AxisLimits
    /// The horizontal scale.
    public var xScale: AxisScale
    /// The vertical scale.
    public var yScale: AxisScale

    /// Creates a transform.
    public init(plotRect: DeviceRect, xLimits: AxisLimits, yLimits: AxisLimits, xScale: AxisScale = .linear, yScale: AxisScale = .linear) {
        self.plotRect = plotRect
        self.xLimits = xLimits
        self.yLimits = yLimits
        self.xScale = xScale
        self.yScale = yScale
    }

    /// The device x of data value `x`.
    public func deviceX(_ x: Double) -> Double {
        let u0 = xScale.forward(xLimits.lower), u1 = xScale.forward(xLimits.upper)
        return plotRect.minX + (xScale.forward(x) - u0) / (u1 - u0) * (plotRect.maxX - plotRect.minX)
    }

    /// The device y of data value `y` (flipped: larger values are higher).
    public func deviceY(_ y: Double) -> Double {
        let u0 = yScale.forward(yLimits.lower), u1 = yScale.forward(yLimits.upper)
        return plotRect.maxY - (yScale.forward(y) - u0) / (u1 - u0) * (plotRect.maxY - plotRect.minY)
    }

    /// The device point of a data point.
    public func device(_ point: DataPoint) -> DevicePoint {
        DevicePoint(x: deviceX(point.x), y: deviceY(point.y))
    }

    /// The data point at a device point (the exact inverse of `device(_:)`).
    public func data(_ point: DevicePoint) -> DataPoint {
        let ux0 = xScale.forward(xLimits.lower), ux1 = xScale.forward(xLimits.upper)
        let uy0 = yScale.forward(yLimits.lower), uy1 = yScale.forward(yLimits.upper)
        let fx = (point.x - plotRect.minX) / (plotRect.maxX - plotRect.minX)
        let fy = (plotRect.maxY - point.y) / (plotRect.maxY - plotRect.minY)
        return DataPoint(x: xScale.inverse(ux0 + fx * (ux1 - ux0)), y: yScale.inverse(uy0 + fy * (uy1 - uy0)))
    }

    /// Device pixels per data unit along x and y (linear scales), for equal-aspect checks.
    public var pixelsPerUnit: (x: Double, y: Double) {
        ((plotRect.maxX - plotRect.minX) / abs(xLimits.upper - xLimits.lower),
         (plotRect.maxY - plotRect.minY) / abs(yLimits.upper - yLimits.lower))
    }
}
