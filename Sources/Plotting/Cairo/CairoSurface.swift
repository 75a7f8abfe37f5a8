import CCairo
import Foundation

/// A thin owning wrapper over a `cairo_surface_t`: an ARGB32 image, or an SVG or PDF stream.
///
/// The status is checked right after creation and mapped to `PlottingError.cairo`; the
/// surface is released in `deinit`. Vector surfaces write into an in-memory `ByteSink`
/// whose bytes are complete after `finish()`.
final class CairoSurface {
    /// The owned `cairo_surface_t *`.
    let pointer: OpaquePointer
    /// Collects the bytes of a vector surface; nil for image surfaces.
    let sink: ByteSink?
    /// Keeps the memory of an image surface created over a raster alive.
    private let backing: Raster?
    /// The text faces every context on this surface draws with, held until the surface ends
    /// (nil: Cairo's toy face).
    let fonts = FontFaceSet.checkOut()

    /// The byte collector behind a vector surface's write callback.
    final class ByteSink {
        /// The bytes written so far.
        var data = Data()
    }

    private init(pointer: OpaquePointer, sink: ByteSink?, backing: Raster?, operation: String) throws {
        self.pointer = pointer
        self.sink = sink
        self.backing = backing
        let status = cairo_surface_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            throw PlottingError.cairo(operation: operation, message: CairoSurface.message(for: status))
        }
    }

    deinit {
        cairo_surface_destroy(pointer)
        if let fonts { FontFaceSet.checkIn(fonts) }
    }

    /// An image surface that draws directly into `raster`'s pixel memory (no copy).
    convenience init(drawingInto raster: Raster) throws {
        let surface = cairo_image_surface_create_for_data(
            raster.mutableBytes, CAIRO_FORMAT_ARGB32, Int32(raster.width), Int32(raster.height), Int32(raster.stride))
        guard let surface else { throw PlottingError.cairo(operation: "create an image surface", message: "no surface") }
        try self.init(pointer: surface, sink: nil, backing: raster, operation: "create a \(raster.width)x\(raster.height) image surface")
    }

    /// An SVG surface of `width` x `height` points that streams into memory.
    convenience init(svgWidth width: Double, height: Double) throws {
        let sink = ByteSink()
        let surface = cairo_svg_surface_create_for_stream(
            CairoSurface.writeToSink, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        guard let surface else { throw PlottingError.cairo(operation: "create an SVG surface", message: "no surface") }
        try self.init(pointer: surface, sink: sink, backing: nil, operation: "create an SVG surface")
        cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1)
    }

    /// A PDF surface whose first page is `width` x `height` points, streaming into memory.
    ///
    /// The creation and modification dates are fixed so the same drawing gives the same bytes.
    convenience init(pdfWidth width: Double, height: Double, title: String?) throws {
        let sink = ByteSink()
        let surface = cairo_pdf_surface_create_for_stream(
            CairoSurface.writeToSink, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        guard let surface else { throw PlottingError.cairo(operation: "create a PDF surface", message: "no surface") }
        try self.init(pointer: surface, sink: sink, backing: nil, operation: "create a PDF surface")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, CairoSurface.fixedDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, CairoSurface.fixedDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Descent")
        if let title { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
    }

    /// The fixed PDF date (ISO 8601, as Cairo expects) that replaces the wall-clock time.
    static let fixedDate = "2000-01-01T00:00:00Z"

    /// Sets the size of the next PDF page in points.
    func setPDFPageSize(width: Double, height: Double) {
        cairo_pdf_surface_set_size(pointer, width, height)
    }

    /// Flushes pending drawing to the image memory.
    func flush() {
        cairo_surface_flush(pointer)
    }

    /// Marks the image memory as changed outside Cairo (after a `memcpy`).
    func markDirty() {
        cairo_surface_mark_dirty(pointer)
    }

    /// Finishes a vector surface, writing its trailer, and checks the status.
    func finish() throws {
        cairo_surface_finish(pointer)
        try check("finish the document")
    }

    /// Throws when the surface is in an error state.
    func check(_ operation: String) throws {
        let status = cairo_surface_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            throw PlottingError.cairo(operation: operation, message: CairoSurface.message(for: status))
        }
    }

    /// Cairo's own sentence for a status code.
    static func message(for status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }

    /// The write callback of stream surfaces: appends to the `ByteSink` passed as closure.
    private static let writeToSink: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.data.append(data, count: Int(length))
        return CAIRO_STATUS_SUCCESS
    }
}
