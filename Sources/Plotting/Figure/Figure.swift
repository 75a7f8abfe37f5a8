import Foundation

/// A figure of a given pixel size: a title, an optional subtitle and a grid of panels.
///
/// ```swift
/// let figure = Figure(size: .slide, theme: .light)
/// figure.title = "Fitting a line"
/// let panels = figure.makePanels(rows: 1, columns: 2)
/// panels[0].scatter(data, label: "data")
/// panels[1].yScale = .log
/// panels[1].line(losses, label: "loss")
/// try figure.write(to: URL(fileURLWithPath: "fit.png"))
/// ```
///
/// Text and line sizes scale with `min(width, height) / 1080` (see `FigureMetrics`); margins
/// are computed from the text that must fit. A figure is not thread-safe; frame sequences
/// that render on several threads give each thread its own figure and `FrameCanvas`.
public final class Figure {
    /// The size in pixels.
    public let size: FigureSize
    /// The colours.
    public let theme: Theme
    /// The decimal separator and minus sign of every number drawn.
    public var numberStyle: NumberStyle
    /// The title above all panels.
    public var title: String?
    /// The drawing pass of the title: `.static` (default) draws it into the background of a
    /// frame sequence; `.dynamic` redraws it per frame, so it can change (e.g. "Epoch N | ...").
    /// The layout reserves the title's height once (one line of the title font), so a dynamic
    /// title may change its text but should keep to one line.
    public var titleLayer: Layer = .static
    /// A smaller line under the title, in the muted ink colour.
    public var subtitle: String?
    /// An optional caption under the panels, wrapped to the figure's width (handout pages).
    public var caption: String?
    /// The resolution of vector exports: page size in points = pixels / dpi · 72. Default 144.
    public var vectorDPI: Double = 144
    /// Text and line sizes.
    public var metrics: FigureMetrics
    /// The panels, row-major.
    public private(set) var panels: [Axes] = []
    /// The number of grid rows.
    public private(set) var rows = 1
    /// The number of grid columns.
    public private(set) var columns = 1
    /// Relative column widths (empty: equal).
    public private(set) var columnWidths: [Double] = []
    /// Relative row heights (empty: equal).
    public private(set) var rowHeights: [Double] = []

    /// Creates a figure with one panel.
    public init(size: FigureSize = .slide, theme: Theme = .light, numberStyle: NumberStyle = .english) {
        self.size = size
        self.theme = theme
        self.numberStyle = numberStyle
        metrics = FigureMetrics(scale: size.scale)
        makePanels()
    }

    /// Replaces the panels by a `rows` x `columns` grid and returns them row-major.
    ///
    /// `columnWidths` and `rowHeights` are relative weights (e.g. `[2, 1]` makes the first
    /// column twice as wide); missing or invalid weights count as 1.
    ///
    /// - Precondition: `rows` and `columns` are at least 1.
    @discardableResult
    public func makePanels(rows: Int = 1, columns: Int = 1, columnWidths: [Double] = [], rowHeights: [Double] = []) -> [Axes] {
        precondition(rows >= 1 && columns >= 1, "A figure needs at least one row and one column")
        self.rows = rows
        self.columns = columns
        self.columnWidths = columnWidths
        self.rowHeights = rowHeights
        panels = (0..<(rows * columns)).map { _ in Axes(theme: theme) }
        return panels
    }

    /// Removes every panel: a text-only figure (title, subtitle and caption), e.g. a title page.
    /// The caption then follows the title instead of sitting at the bottom.
    public func removePanels() {
        panels = []
    }

    /// The first panel (the only one of a single-panel figure).
    ///
    /// - Precondition: the figure has panels.
    public var axes: Axes { panels[0] }

    /// The panel at `row`, `column`.
    public func panel(row: Int, column: Int) -> Axes {
        panels[row * columns + column]
    }

    /// The formatter for every number drawn (ticks, contour labels, bar values).
    public var formatter: TickFormatter { TickFormatter(style: numberStyle) }

    /// Draws the figure (or some of its layers) through any renderer.
    ///
    /// The layout is computed first, measuring text with `renderer`.
    public func draw(on renderer: any Renderer, layers: LayerSelection = .all) {
        draw(on: renderer, layers: layers, untitled: false)
    }

    /// Draws the figure and returns its layout; `untitled` leaves the title band out (see
    /// `FigurePainter.untitled`).
    @discardableResult
    func draw(on renderer: any Renderer, layers: LayerSelection, untitled: Bool) -> FigureLayout {
        let layout = FigureLayout(figure: self, measuringWith: renderer)
        FigurePainter(figure: self, layout: layout, renderer: renderer, untitled: untitled).draw(layers: layers)
        return layout
    }

    /// Each panel's data-to-device transform as the figure lays it out (text measured with Cairo),
    /// e.g. to place interactive overlays on an exported PNG at the right pixels.
    public func panelTransforms() throws -> [AxesTransform] {
        let renderer = try CairoRenderer(raster: Raster(width: 1, height: 1))
        return FigureLayout(figure: self, measuringWith: renderer).panels.map(\.transform)
    }

    /// Renders into a new premultiplied ARGB32 raster of the figure's size.
    public func renderRaster(layers: LayerSelection = .all) throws -> Raster {
        try renderRasterAndLayout(layers: layers).raster
    }

    /// Renders into a new raster (without the title band when `untitled`) and returns the layout too.
    func renderRasterAndLayout(layers: LayerSelection = .all, untitled: Bool = false) throws -> (raster: Raster, layout: FigureLayout) {
        // The static pass first fills the whole raster with the background (pixel-aligned, so
        // every pixel becomes exactly that colour when it is opaque): no zero fill needed then.
        let paintsEveryPixel = layers.includes(.static) && !untitled && theme.background.alpha == 1
        let raster = paintsEveryPixel ? Raster(unfilledWidth: size.width, height: size.height) : Raster(width: size.width, height: size.height)
        let renderer = try CairoRenderer(raster: raster)
        let layout = draw(on: renderer, layers: layers, untitled: untitled)
        try renderer.context.check("draw the figure")
        renderer.context.surface.flush()
        return (raster, layout)
    }
}
