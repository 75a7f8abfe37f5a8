import CCairo
import Foundation

extension Figure {
    /// The figure as PNG bytes (libpng; RGB when opaque, RGBA otherwise).
    ///
    /// The title goes into the `Title` text chunk unless `options` sets one. The image data of
    /// a titled figure is deflated in two pieces, the title band and the rest, so that
    /// ``pngs(options:untitled:svgText:thumbnail:)`` deflates the rows once for both.
    public func pngData(options: PNGOptions = PNGOptions()) throws -> Data {
        try encoded(options: options, whole: true, untitled: nil, svgText: .text, thumbnail: nil).png.orThrow()
    }

    /// The picture a slide shows under its own (editable) title: the figure without its title
    /// band, from the first row below the title down, as PNG and SVG. Its layout is the
    /// titled figure's, so it is exactly what the figure shows below its title.
    public struct UntitledPicture: Sendable {
        /// The PNG (`options`' text chunks).
        public let png: Data
        /// The SVG (text as asked).
        public let svg: Data
        /// The pixel size: the figure's width, its height less the title band.
        public let size: FigureSize
    }

    /// What ``pngs(options:untitled:svgText:thumbnail:)`` made from one rendering.
    public struct PNGs: Sendable {
        /// The figure's PNG: the bytes ``pngData(options:)`` writes.
        public let png: Data
        /// The picture without the title band, when asked for.
        public let untitled: UntitledPicture?
        /// The small copy, when asked for and its size divides the figure's (else nil: draw it).
        public let thumbnail: Data?
    }

    /// The figure's PNG and, from the same rendering, its ``UntitledPicture`` (the rows under
    /// the title converted and deflated once for both) and a small copy of `thumbnail`'s size
    /// (each pixel the mean of a k x k block, for a size k times smaller on both sides; the
    /// figure's text and lines scale with its size, so this is the figure drawn small, sampled
    /// k² times a pixel).
    public func pngs(options: PNGOptions, untitled untitledOptions: PNGOptions?, svgText: SVGTextMode = .text,
                     thumbnail: (size: FigureSize, options: PNGOptions)? = nil) throws -> PNGs {
        let made = try encoded(options: options, whole: true, untitled: untitledOptions, svgText: svgText, thumbnail: thumbnail)
        return PNGs(png: try made.png.orThrow(), untitled: made.untitled, thumbnail: made.thumbnail)
    }

    /// The figure's ``UntitledPicture`` alone.
    public func untitledPicture(options: PNGOptions, svgText: SVGTextMode = .text) throws -> UntitledPicture {
        try encoded(options: options, whole: false, untitled: options, svgText: svgText, thumbnail: nil).untitled.orThrow()
    }

    /// The one rendering behind ``pngData(options:)``, ``pngs(options:untitled:svgText:thumbnail:)``
    /// and ``untitledPicture(options:svgText:)``: the figure's PNG when `whole`, the picture under
    /// the title band when `untitled` gives its PNG options, the small copy when asked for.
    private func encoded(options: PNGOptions, whole: Bool, untitled untitledOptions: PNGOptions?, svgText: SVGTextMode,
                         thumbnail: (size: FigureSize, options: PNGOptions)?) throws -> (png: Data?, untitled: UntitledPicture?, thumbnail: Data?) {
        var options = options
        if options.title == nil { options.title = title }
        let (raster, layout) = try renderRasterAndLayout()
        let split = layout.titleBandRow
        let encoded = try PNGEncoder.encode(raster, split: split, options: options, whole: whole, lowerOptions: untitledOptions)
        let picture = try encoded.lower.map { lower in
            UntitledPicture(png: lower, svg: try svgData(text: svgText, fromRow: split),
                            size: try FigureSize(width: size.width, height: size.height - split))
        }
        var small: Data?
        if let thumbnail, let scaled = raster.scaledDown(to: thumbnail.size.width, thumbnail.size.height) {
            var thumbnailOptions = thumbnail.options
            if thumbnailOptions.title == nil { thumbnailOptions.title = title }
            small = try PNGEncoder.encode(scaled, options: thumbnailOptions)
        }
        return (encoded.whole, picture, small)
    }

    /// The figure as an SVG 1.1 document of the page size (pixels / `vectorDPI` inches).
    ///
    /// With `.text` (the default) `SVGRenderer` writes it: text as `<text>`, the `viewBox` in
    /// pixels and `width`/`height` in CSS pixels (a 1920x1080 slide at 144 dpi is 1280x720 px,
    /// 13.33 x 7.5 inches like the PDF). With `.paths` Cairo writes it with every letter as a
    /// glyph outline, `width`/`height` in points and ids renumbered (`SVGNormalizer`).
    public func svgData(text: SVGTextMode = .text) throws -> Data {
        try svgData(text: text, fromRow: 0)
    }

    /// The SVG of the figure from pixel row `top` down, without the title band when `top > 0`
    /// (the ``UntitledPicture``): the viewBox starts at `top` and the page is that much shorter.
    func svgData(text: SVGTextMode, fromRow top: Int) throws -> Data {
        let (width, height) = pageSize
        let visible = Double(size.height - top) / Double(size.height)
        switch text {
        case .text:
            let renderer = try SVGRenderer(width: size.width, height: size.height - top, originY: top,
                                           pageWidth: width * 4 / 3, pageHeight: height * visible * 4 / 3)
            draw(on: renderer, layers: .all, untitled: top > 0)
            return try renderer.document()
        case .paths:
            return SVGNormalizer.normalize(try cairoSVGData(fromRow: top))
        }
    }

    /// The SVG exactly as Cairo writes it, ids not yet renumbered (from pixel row `top` down).
    func cairoSVGData(fromRow top: Int = 0) throws -> Data {
        let (width, height) = pageSize
        let surface = try CairoSurface(svgWidth: width, height: height * Double(size.height - top) / Double(size.height))
        try drawVector(on: surface, fromRow: top)
        try surface.finish()
        return surface.sink?.data ?? Data()
    }

    /// The figure as a one-page PDF (page size pixels / `vectorDPI` · 72 points).
    public func pdfData() throws -> Data {
        let document = try PDFDocument(title: title)
        try document.addPage(self)
        return try document.finish()
    }

    /// Writes the figure to `url`, choosing PNG, SVG or PDF by the extension, atomically;
    /// `svgText` says how SVG writes text.
    ///
    /// - Throws: `PlottingError.unsupportedFileExtension` for other extensions, and the
    ///   `AtomicFile` errors (missing directory, not writable, disk full), naming the path.
    public func write(to url: URL, pngOptions: PNGOptions = PNGOptions(), svgText: SVGTextMode = .text) throws {
        let data: Data
        switch try ExportFormat(url: url) {
        case .png: data = try pngData(options: pngOptions)
        case .svg: data = try svgData(text: svgText)
        case .pdf: data = try pdfData()
        }
        try AtomicFile.write(data: data, to: url)
    }

    /// The page size in points for vector output.
    var pageSize: (width: Double, height: Double) {
        let dpi = vectorDPI > 0 && vectorDPI.isFinite ? vectorDPI : 144
        return (Double(size.width) / dpi * 72, Double(size.height) / dpi * 72)
    }

    /// Draws the whole figure onto a vector surface, scaling pixels to points.
    func drawVector(on surface: CairoSurface, fromRow top: Int = 0) throws {
        let dpi = vectorDPI > 0 && vectorDPI.isFinite ? vectorDPI : 144
        let context = try CairoContext(surface: surface)
        if top > 0 { cairo_translate(context.pointer, 0, -Double(top) * 72 / dpi) }
        let renderer = CairoRenderer(context: context, scale: 72 / dpi)
        renderer.strokeTolerance = SVGRenderer.strokeTolerance
        draw(on: renderer, layers: .all, untitled: top > 0)
        cairo_show_page(context.pointer)
        try context.check("draw the figure")
    }
}

private extension Optional {
    /// The value, or the encoder's "nothing was encoded" error.
    func orThrow() throws -> Wrapped {
        guard let self else { throw PlottingError.png(message: "no image was encoded") }
        return self
    }
}
