/// Text and line sizes of a figure in pixels, scaled from the 1920x1080 guide by
/// `scale = min(width, height) / 1080` so they stay readable from the back of a lecture hall.
///
/// At scale 1: tick labels 26 px, axis labels 30 px, panel titles 34 px, figure title 42 px,
/// lines 4 px, markers 20 px.
public struct FigureMetrics: Sendable, Hashable {
    /// The scale factor relative to a 1080-pixel-high slide.
    public var scale: Double

    /// Creates the metrics for `scale` (clamped below at 0.25 so tiny figures stay legible).
    public init(scale: Double) {
        self.scale = max(0.25, scale)
    }

    /// Tick label font size (26 px at scale 1).
    public var tickFontSize: Double { 26 * scale }
    /// Axis label font size (30 px).
    public var axisLabelFontSize: Double { 30 * scale }
    /// Panel title font size (34 px).
    public var panelTitleFontSize: Double { 34 * scale }
    /// Figure title font size (42 px).
    public var titleFontSize: Double { 42 * scale }
    /// Figure subtitle font size (30 px).
    public var subtitleFontSize: Double { 30 * scale }
    /// Legend font size (26 px).
    public var legendFontSize: Double { 26 * scale }
    /// Annotation and text mark font size (26 px).
    public var annotationFontSize: Double { 26 * scale }
    /// Contour label font size (24 px).
    public var contourLabelFontSize: Double { 24 * scale }
    /// Data line width (4 px).
    public var lineWidth: Double { 4 * scale }
    /// Marker diameter (20 px).
    public var markerSize: Double { 20 * scale }
    /// Axis spine width (2.5 px).
    public var axisLineWidth: Double { 2.5 * scale }
    /// Grid line width (1.5 px).
    public var gridLineWidth: Double { 1.5 * scale }
    /// Tick mark length (10 px).
    public var tickLength: Double { 10 * scale }
    /// Gap between tick marks and labels, and between stacked texts (8 px).
    public var gap: Double { 8 * scale }
    /// Padding around the figure (24 px).
    public var outerPadding: Double { 24 * scale }
    /// Horizontal and vertical space between panels (48 px).
    public var panelSpacing: Double { 48 * scale }
    /// Width of a colorbar (30 px).
    public var colorbarWidth: Double { 30 * scale }
    /// Gap between the plot area and its colorbar (28 px).
    public var colorbarGap: Double { 28 * scale }
    /// Dash pattern of dashed lines (on 14, off 9 px).
    public var dash: [Double] { [14 * scale, 9 * scale] }
    /// Dash pattern of dotted lines.
    public var dot: [Double] { [0.01, 8 * scale] }
}
