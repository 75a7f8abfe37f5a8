import CCairo
import Foundation

extension Figure {
    /// The figure as PNG bytes (libpng; RGB when opaque, RGBA otherwise).
    ///
    /// The title goes into the `Title` text chunk unless `options` sets one.
    public func pngData(options: PNGOptions = PNGOptions()) throws -> Data {
        var options = options
        if options.title == nil { options.title = title }
        return try PNGEncoder.encode(renderRaster(), options: options)
    }

    /// The figure as an SVG 1.1 document of the page size (pixels / `vectorDPI` inches).
    ///
    /// With `.text` (the default) `SVGRenderer` writes it: text as `<text>`, the `viewBox` in
    /// pixels and `width`/`height` in CSS pixels (a 1920x1080 slide at 144 dpi is 1280x720 px,
    /// 13.33 x 7.5 inches like the PDF). With `.paths` Cairo writes it with every letter as a
    /// glyph outline, `width`/`height` in points and ids renumbered (`SVGNormalizer`).
    public func svgData(text: SVGTextMode = .text) throws -> Data {
        switch text {
        case .text:
            let (width, height) = pageSize
            let renderer = try SVGRenderer(width: size.width, height: size.height, pageWidth: width * 4 / 3, pageHeight: height * 4 / 3)
            draw(on: renderer)
            return try renderer.document()
        case .paths:
            return SVGNormalizer.normalize(try cairoSVGData())
        }
    }

    /// The SVG exactly as Cairo writes it, ids not yet renumbered.
    func cairoSVGData() throws -> Data {
        let (width, height) = pageSize
        let surface = try CairoSurface(svgWidth: width, height: height)
        try drawVector(on: surface)
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
    func drawVector(on surface: CairoSurface) throws {
        let dpi = vectorDPI > 0 && vectorDPI.isFinite ? vectorDPI : 144
        let context = try CairoContext(surface: surface)
        let renderer = CairoRenderer(context: context, scale: 72 / dpi)
        draw(on: renderer)
        cairo_show_page(context.pointer)
        try context.check("draw the figure")
    }
}
