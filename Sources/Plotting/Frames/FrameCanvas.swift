import Foundation

/// Renders frame sequences fast: the static layer is drawn once into a raster, and each
/// frame copies it into a reused surface and draws only the dynamic marks on top.
///
/// ```swift
/// let figure = makeLandscapeFigure()            // static marks, fixed limits
/// let path = figure.axes.path([], layer: .dynamic)
/// let canvas = try FrameCanvas(figure: figure)
/// for step in 1...steps {
///     path.points = Array(history.prefix(step))
///     let png = try canvas.framePNG()          // memcpy + dynamic marks + fast PNG
///     try AtomicFile.write(data: png, to: frameURL(step))
/// }
/// ```
///
/// **Threads.** A canvas (and its figure) belongs to one thread. To render on several
/// threads, render the background once with `FrameCanvas.renderBackground(of:)` and give
/// each thread its own figure (built the same way) and its own canvas over that shared,
/// read-only raster: every canvas has its own Cairo surface and context.
///
/// **PNG.** `framePNG` splices (see `PNGBackground`, `SplicedPNGEncoder`): the static layer is
/// compressed once in row and tile pieces, and each frame compresses only the tiles its dynamic
/// marks changed. Workers share one `FrameBackground` (`prepareBackground(of:options:threads:)`);
/// a canvas without one builds its own on the first `framePNG`. Options the splicer does not support
/// (filters other than `.none`/`.up`, a translucent background) use `PNGEncoder` for the whole
/// frame.
///
/// The layout (limits, ticks, legend places) is computed once when the canvas is created;
/// automatic limits are fixed at that moment (`Axes.freezeLimits()`), so the dynamic marks
/// move over a stable background.
public final class FrameCanvas {
    /// The figure whose dynamic marks are drawn per frame.
    public let figure: Figure
    /// The static layer, shared read-only.
    public let background: Raster
    private let layout: FigureLayout
    private let frame: Raster
    private let renderer: CairoRenderer
    private var encodedBackground: PNGBackground?
    private var splicer: SplicedPNGEncoder?

    /// The spans of the frame raster known to differ from the background (set by a spliced
    /// `framePNG`); nil when unknown, and then the whole background is copied.
    private var differingSpans: [(row: Int, pixels: Range<Int>)]?

    /// What the splicer did for the last `framePNG` (nil when that frame was not spliced).
    public private(set) var lastSplicing: SplicingStatistics?

    /// Creates a canvas; renders the static layer unless `background` (or `encodedBackground`,
    /// whose raster is then the background) is given.
    ///
    /// - Throws: `PlottingError.rasterSizeMismatch` if `background` is not the figure's size,
    ///   or a Cairo error.
    public convenience init(figure: Figure, background: FrameBackground) throws {
        try self.init(figure: figure, background: background.raster, encodedBackground: background.encoded)
    }

    /// Creates a canvas over `background` (rendered here when nil).
    public convenience init(figure: Figure, background: Raster? = nil) throws {
        try self.init(figure: figure, background: background, encodedBackground: nil)
    }

    init(figure: Figure, background: Raster?, encodedBackground: PNGBackground?) throws {
        let background = encodedBackground?.raster ?? background
        self.encodedBackground = encodedBackground
        for axes in figure.panels { axes.freezeLimits() }
        self.figure = figure
        frame = Raster(width: figure.size.width, height: figure.size.height)
        renderer = try CairoRenderer(raster: frame)
        layout = FigureLayout(figure: figure, measuringWith: renderer)
        if let background {
            guard background.width == figure.size.width, background.height == figure.size.height else {
                throw PlottingError.rasterSizeMismatch(expected: "\(figure.size)", actual: "\(background.width)x\(background.height)")
            }
            self.background = background
        } else {
            let raster = Raster(width: figure.size.width, height: figure.size.height)
            let staticRenderer = try CairoRenderer(raster: raster)
            FigurePainter(figure: figure, layout: layout, renderer: staticRenderer).draw(layers: .staticOnly)
            try staticRenderer.context.check("draw the static layer")
            staticRenderer.context.surface.flush()
            self.background = raster
        }
    }

    /// Renders the static layer of `figure` and compresses it for splicing frames encoded with
    /// `options` (on up to `threads` threads), for sharing between the canvases of several
    /// workers, each with its own figure built the same way.
    public static func prepareBackground(of figure: Figure, options: PNGOptions, threads: Int) throws -> FrameBackground {
        let raster = try renderBackground(of: figure)
        return FrameBackground(raster: raster, encoded: PNGBackground(raster: raster, options: options, threads: threads))
    }

    /// Renders the static layer of `figure` for sharing between canvases on several threads
    /// (fixes automatic limits first, like the canvas does).
    public static func renderBackground(of figure: Figure) throws -> Raster {
        for axes in figure.panels { axes.freezeLimits() }
        return try figure.renderRaster(layers: .staticOnly)
    }

    /// Draws the current frame: copies the background, draws the dynamic marks.
    ///
    /// After a spliced `framePNG`, only the spans where the last frame differed from the
    /// background are copied back (the rest of the raster still equals it).
    ///
    /// Returns a copy of the frame (the canvas keeps drawing into its own raster, which it never
    /// hands out, so the returned raster stays unchanged and can be shared between threads).
    @discardableResult
    public func renderFrame() throws -> Raster {
        try drawFrame().copy()
    }

    /// Draws the current frame into the canvas's own raster and returns that raster (valid until
    /// the next frame; never handed out of the module).
    private func drawFrame() throws -> Raster {
        if let spans = differingSpans {
            for span in spans {
                let offset = span.row * frame.stride + 4 * span.pixels.lowerBound
                memcpy(frame.mutableBytes + offset, background.mutableBytes + span.row * background.stride + 4 * span.pixels.lowerBound,
                       4 * span.pixels.count)
            }
        } else {
            frame.overwrite(with: background)
        }
        differingSpans = nil
        renderer.context.surface.markDirty()
        FigurePainter(figure: figure, layout: layout, renderer: renderer).draw(layers: .dynamicOnly)
        try renderer.context.check("draw a frame")
        renderer.context.surface.flush()
        return frame
    }

    /// Draws the current frame and encodes it as PNG (fast settings by default), spliced over
    /// the compressed background when the options allow it.
    public func framePNG(options: PNGOptions = .fast) throws -> Data {
        var options = options
        if options.title == nil { options.title = figure.title }
        let frame = try drawFrame()
        lastSplicing = nil
        if let splicer = splicer(for: options), let png = try splicer.encode(frame, options: options) {
            lastSplicing = splicer.statistics
            differingSpans = splicer.differingSpans
            return png
        }
        return try PNGEncoder.encode(frame, options: options)
    }

    /// The splicer for `options`' level and filter, built on first use; nil when not supported.
    private func splicer(for options: PNGOptions) -> SplicedPNGEncoder? {
        if let splicer, splicer.background.compressionLevel == options.compressionLevel, splicer.background.filter == options.filter {
            return splicer
        }
        guard PNGBackground.supports(options) else { return nil }
        if encodedBackground == nil || encodedBackground?.compressionLevel != options.compressionLevel
            || encodedBackground?.filter != options.filter {
            encodedBackground = PNGBackground(raster: background, options: options)
        }
        splicer = encodedBackground.map { SplicedPNGEncoder(background: $0) }
        return splicer
    }
}

/// The static layer of a frame sequence, rendered once and (when the PNG options allow
/// splicing) compressed once, shared read-only by the canvases of several workers.
public struct FrameBackground: Sendable {
    /// The static layer.
    public let raster: Raster
    /// Its compressed row and tile pieces, or nil when frames are not spliced.
    let encoded: PNGBackground?
}
