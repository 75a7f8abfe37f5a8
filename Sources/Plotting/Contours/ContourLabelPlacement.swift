/// Where one contour label goes: its centre, its rotation and the stretch of line it hides.
public struct ContourLabelPlacement: Sendable, Hashable {
    /// The label's centre in device space, on the polyline.
    public let position: DevicePoint
    /// The text's rotation in radians, device convention (y down, positive turns clockwise
    /// on screen, as `cairo_rotate` takes it), always in `(−π/2, π/2]` so the text is upright.
    public let angle: Double
    /// The arc length from the polyline's start to `position`.
    public let arcLength: Double
    /// Arc length where the gap for the label starts; the line is not stroked from here…
    public let gapStart: Double
    /// …to here (arc length); `gapStart < arcLength < gapEnd`.
    public let gapEnd: Double
    /// The axis-aligned bounds of the rotated label box; add it to the rectangles to avoid
    /// when placing the labels of further lines.
    public let bounds: DeviceRect

    /// Creates a placement; normally made by `ContourLabelPlacer.place(along:…)`.
    public init(position: DevicePoint, angle: Double, arcLength: Double, gapStart: Double, gapEnd: Double, bounds: DeviceRect) {
        self.position = position
        self.angle = angle
        self.arcLength = arcLength
        self.gapStart = gapStart
        self.gapEnd = gapEnd
        self.bounds = bounds
    }
}
