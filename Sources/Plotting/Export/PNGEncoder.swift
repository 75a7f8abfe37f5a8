import CDeflate
import CKernels
import CPNG
import CPNGWriter
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Encodes rasters as PNG through libpng's full write API, into memory.
///
/// **Why this shape.** libpng reports errors by calling an error handler that must not
/// return; it `longjmp`s, which must never cross Swift frames, and a `setjmp` cannot live in a
/// system-library target. So the libpng calls live in a small C target, CPNGWriter
/// (`descent_png_write`), with the `setjmp` beside them: everything libpng could reject is
/// validated in Swift first (size, options, text); the output goes into a C buffer that grows
/// as libpng writes; a libpng error (out of memory inside zlib or libpng, or an invalid header
/// in the test hook) jumps back to that C function, which frees everything and returns the
/// message, thrown here as `PlottingError.png`. The process never aborts, and the encoding
/// runs on the caller's thread. (It used to run on a thread of its own that the error handler
/// ended with `pthread_exit`: one thread started and joined per PNG, and while the caller
/// waited in the join a core often stood idle, about 0.4 s of the kit's two cores.) On the
/// row path the C loop asks Swift for each row between libpng's calls, so the Swift that fills
/// a row is never inside a jump.
///
/// Pixels are un-premultiplied from Cairo's ARGB32, `c = round(c' · 255 / a)`. The colour
/// type is RGB when every alpha is 255 and RGBA otherwise. `pHYs` stores the dpi as pixels
/// per metre; Software, Title and Description go into `tEXt` (or `iTXt` when the text is not
/// Latin-1).
enum PNGEncoder {
    /// Encodes `raster` with `options`.
    static func encode(_ raster: Raster, options: PNGOptions) throws -> Data {
        try options.validate()
        return try Job(raster: raster, options: options).run()
    }

    /// An opaque RGB PNG of `raster`'s width and `height` (default the raster's) whose image
    /// data is `imageData`, a complete zlib stream of the filtered scanlines made elsewhere
    /// (`SplicedPNGEncoder`, the split below): libpng writes the signature, `IHDR`, `pHYs` and
    /// the texts, then `imageData` as one `IDAT` chunk (`png_write_chunk`, which adds the
    /// CRC-32) and `IEND`.
    static func encode(_ raster: Raster, options: PNGOptions, imageData: [UInt8], height: Int? = nil) throws -> Data {
        try options.validate()
        return try Job(raster: raster, options: options, imageData: imageData, height: height).run()
    }

    /// `raster` as a PNG (when `whole`) and the PNG of its rows from `split` down (when
    /// `lowerOptions` is given, with those options' text), from one conversion and one deflate
    /// of the lower rows.
    ///
    /// **Why.** A slide shows a figure under its own editable title, so its picture is the
    /// figure without the title band: the rows below `split`. The kit writes both, and the
    /// lower rows are nearly all of the work. On the fast path (opaque, unfiltered, level
    /// 1...9, the image at most ``Job/wholeImageLimit``) the lower rows are deflated once by
    /// libdeflate into a piece that ends the stream; the whole image's data is the zlib header,
    /// the upper rows deflated by libdeflate as a stream of their own whose final block
    /// CKernels' `descent_deflate_unfinal` makes non-final and ends with an empty stored block
    /// (byte-aligned), that piece, and the Adler-32 of all rows. A piece never refers back past its first byte, so
    /// both streams inflate to exactly their rows. The lower PNG is byte for byte what
    /// `encode` writes for the lower rows alone, and with `split == 0` the whole is what
    /// `encode` writes for the raster. Elsewhere both are encoded the usual way.
    static func encode(_ raster: Raster, split: Int, options: PNGOptions, whole: Bool = true,
                       lowerOptions: PNGOptions?) throws -> (whole: Data?, lower: Data?) {
        try options.validate()
        try lowerOptions?.validate()
        let split = min(max(0, split), raster.height - 1)
        let lowerHeight = raster.height - split
        func slow() throws -> (whole: Data?, lower: Data?) {
            let lower = try lowerOptions.map { try encode(raster.rows(from: split), options: $0) }
            return (whole ? try encode(raster, options: options) : nil, lower)
        }
        let fastOptions = [options] + (lowerOptions.map { [$0] } ?? [])
        guard fastOptions.allSatisfy({ $0.filter == .none && $0.compressionLevel == options.compressionLevel }),
              (1...9).contains(options.compressionLevel) else { return try slow() }
        let rowBytes = 1 + 3 * raster.width
        let first = whole ? 0 : split
        let (total, overflow) = rowBytes.multipliedReportingOverflow(by: raster.height - first)
        guard !overflow, total <= Job.wholeImageLimit,
              let compressor = libdeflate_alloc_compressor(Int32(options.compressionLevel)) else { return try slow() }
        defer { libdeflate_free_compressor(compressor) }
        let upperCount = (split - first) * rowBytes
        let lowerCount = total - upperCount
        let header = Job.zlibHeader(level: options.compressionLevel)
        let bound = libdeflate_deflate_compress_bound(compressor, lowerCount)
        // Nil when a pixel is translucent (the PNG needs an alpha channel: the usual way).
        let pieces = Job.withUnfilteredRows(raster, from: first, channels: 3) { buffer -> ([UInt8], [UInt8]?, UInt32, UInt32) in
            guard let base = buffer.baseAddress else { return ([], nil, 1, 1) }
            let piece = [UInt8](unsafeUninitializedCapacity: bound) { output, count in
                count = libdeflate_deflate_compress(compressor, base + upperCount, lowerCount, output.baseAddress, bound)
            }
            var upper: [UInt8]? = []
            if upperCount > 0 {
                // The upper rows as a stream of their own (libdeflate: for a few hundred
                // kilobytes much faster than zlib with a sync flush), then made a piece the lower
                // rows' stream can follow.
                let upperBound = libdeflate_deflate_compress_bound(compressor, upperCount) + 5
                let bytes = [UInt8](unsafeUninitializedCapacity: upperBound) { output, count in
                    let written = libdeflate_deflate_compress(compressor, base, upperCount, output.baseAddress, upperBound - 5)
                    count = written > 0 ? max(0, descent_deflate_unfinal(output.baseAddress, written)) : 0
                }
                upper = bytes.isEmpty ? nil : bytes
            }
            let lowerAdler = UInt32(libdeflate_adler32(1, base + upperCount, lowerCount))
            let wholeAdler = whole ? UInt32(libdeflate_adler32(1, base, total)) : 1
            return (piece, upper, lowerAdler, wholeAdler)
        }
        guard let (lowerPiece, upperPiece, lowerAdler, wholeAdler) = pieces, !lowerPiece.isEmpty, let upperPiece else { return try slow() }
        func stream(_ pieces: [[UInt8]], adler: UInt32) -> [UInt8] {
            var bytes = header
            bytes.reserveCapacity(2 + pieces.reduce(0) { $0 + $1.count } + 4)
            for piece in pieces { bytes += piece }
            withUnsafeBytes(of: adler.bigEndian) { bytes += $0 }
            return bytes
        }
        let wholePNG = whole ? try encode(raster, options: options, imageData: stream([upperPiece, lowerPiece], adler: wholeAdler)) : nil
        let lowerPNG = try lowerOptions.map { lowerOptions in
            try encode(raster, options: lowerOptions, imageData: stream([lowerPiece], adler: lowerAdler), height: lowerHeight)
        }
        return (wholePNG, lowerPNG)
    }

    /// Whether every pixel of `raster` has alpha 255.
    static func isOpaque(_ raster: Raster) -> Bool { Job.isOpaque(raster) }

    /// Test hook: encodes with a deliberately invalid header so that libpng itself errors,
    /// proving the error handler contains the failure.
    static func encodeWithInvalidHeaderForTesting(_ raster: Raster) throws -> Data {
        try Job(raster: raster, options: PNGOptions(), invalidHeader: true).run()
    }

    /// One encoding: the raster, its options and, when made elsewhere, its image data.
    private struct Job {
        let raster: Raster
        let options: PNGOptions
        /// A finished zlib stream to write as the image data instead of compressing the rows.
        let imageData: [UInt8]?
        /// The height written in the header (the raster's unless the image data is given).
        let height: Int
        /// The test hook's header: width 0, which libpng refuses.
        let invalidHeader: Bool

        init(raster: Raster, options: PNGOptions, imageData: [UInt8]? = nil, height: Int? = nil, invalidHeader: Bool = false) {
            self.raster = raster
            self.options = options
            self.imageData = imageData
            self.height = height ?? raster.height
            self.invalidHeader = invalidHeader
        }

        /// Writes the PNG through CPNGWriter's `descent_png_write`, on this thread: libpng's
        /// calls, and the `setjmp` its errors `longjmp` to, are all in C, so no Swift frame is
        /// ever jumped over; a libpng error comes back as a status and its message.
        func run() throws -> Data {
            let opaque = imageData != nil || Job.isOpaque(raster)
            let channels = opaque ? 3 : 4
            // Unfiltered rows at levels 1...9: the whole image data from libdeflate.
            let stream = imageData ?? Job.deflatedUnfiltered(raster, channels: channels, options: options)
            let texts = textEntries()
            var output: UnsafeMutablePointer<UInt8>?
            var length = 0
            var message = [CChar](repeating: 0, count: 256)
            let status: Int32 = texts.withTextArray { textArray, textCount in
                var image = descent_png_image()
                image.width = invalidHeader ? 0 : UInt32(raster.width)
                image.height = UInt32(height)
                image.color_type = opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA
                image.compression_level = Int32(options.compressionLevel)
                image.filter_mask = Job.filterMask(options.filter)
                image.pixels_per_metre = options.pixelsPerMetre
                image.texts = textArray
                image.text_count = Int32(textCount)
                return message.withUnsafeMutableBufferPointer { messageBuffer in
                    if let stream {
                        return stream.withUnsafeBufferPointer { bytes in
                            image.image_data = bytes.baseAddress
                            image.image_data_length = bytes.count
                            return descent_png_write(&image, &output, &length, messageBuffer.baseAddress, messageBuffer.count)
                        }
                    }
                    // One scanline at a time (libpng filters and deflates them).
                    return withUnsafePointer(to: RowSource(raster: raster, opaque: opaque)) { source in
                        image.row = { context, y, row in
                            guard let context, let row else { return }
                            context.assumingMemoryBound(to: RowSource.self).pointee.fill(Int(y), into: row)
                        }
                        image.row_context = UnsafeMutableRawPointer(mutating: source)
                        return descent_png_write(&image, &output, &length, messageBuffer.baseAddress, messageBuffer.count)
                    }
                }
            }
            guard status == 0, let output else {
                let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                throw PlottingError.png(message: text.isEmpty ? "unknown error" : text)
            }
            return Data(bytesNoCopy: output, count: length, deallocator: .free)
        }

        /// The rows of a raster for libpng's row path: straight RGB or un-premultiplied RGBA.
        struct RowSource {
            let raster: Raster
            let opaque: Bool

            /// Row `y`'s pixels from `row + 1` on (`row[0]` is the filter byte's place).
            func fill(_ y: Int, into row: UnsafeMutablePointer<UInt8>) {
                if opaque {
                    _ = descent_rgb_scanlines(raster.mutableBytes, raster.stride, raster.width, y, y + 1, row)
                } else {
                    Job.convertRowRGBA(y, of: raster, into: row + 1)
                }
            }
        }

        /// The Software, Title and Description entries, each Latin-1 (`tEXt`) when it can be,
        /// else UTF-8 (`iTXt`); NUL characters removed.
        private func textEntries() -> PNGTextEntries {
            var entries: [(key: String, value: String)] = [("Software", options.software)]
            if let title = options.title, !title.isEmpty { entries.append(("Title", title)) }
            if let description = options.description, !description.isEmpty { entries.append(("Description", description)) }
            return PNGTextEntries(entries.map { entry in
                let clean = entry.value.replacingOccurrences(of: "\0", with: "")
                if let latin1 = clean.data(using: .isoLatin1) { return (entry.key, [UInt8](latin1), true) }
                return (entry.key, Array(clean.utf8), false)
            })
        }

        /// The largest image (filtered bytes) deflated whole; larger ones stream through libpng
        /// row by row, so memory stays bounded.
        static let wholeImageLimit = 64 << 20

        /// The image data of an unfiltered PNG (`options.filter == .none`, level 1...9) as one
        /// zlib stream from libdeflate, or nil to let libpng filter and deflate the rows.
        ///
        /// **Why.** Slide figures are written with unfiltered rows at level 6 (see
        /// `FigureStyle.pngOptions`). libdeflate compresses a whole buffer about twice as fast
        /// as zlib at the same level, into a few per cent fewer bytes, and its Adler-32 is
        /// vectorized: on the default kit this halved the time spent deflating. Each row is the
        /// filter byte 0 and the un-premultiplied pixels, exactly what libpng would have fed zlib.
        static func deflatedUnfiltered(_ raster: Raster, channels: Int, options: PNGOptions) -> [UInt8]? {
            guard options.filter == .none, (1...9).contains(options.compressionLevel) else { return nil }
            let rowBytes = 1 + raster.width * channels
            let (total, overflow) = rowBytes.multipliedReportingOverflow(by: raster.height)
            guard !overflow, total > 0, total <= wholeImageLimit,
                  let compressor = libdeflate_alloc_compressor(Int32(options.compressionLevel)) else { return nil }
            defer { libdeflate_free_compressor(compressor) }
            // The output needs no zero fill: libdeflate writes the first `written` bytes.
            let bound = libdeflate_zlib_compress_bound(compressor, total)
            let stream = withUnfilteredRows(raster, from: 0, channels: channels) { input in
                [UInt8](unsafeUninitializedCapacity: bound) { output, count in
                    count = libdeflate_zlib_compress(compressor, input.baseAddress, total, output.baseAddress, bound)
                }
            }
            return stream?.isEmpty == false ? stream : nil
        }

        /// Calls `body` with rows `first...` of `raster`, each its filter byte 0 and its pixels
        /// (RGB or RGBA), in a buffer reused from one image to the next (`LargeBuffers`). Every
        /// byte is written, so the buffer is not zero-filled first. RGB rows come from CKernels'
        /// `descent_rgb_scanlines`, which also checks every alpha on the way: nil (without
        /// calling `body`) when a pixel is translucent.
        static func withUnfilteredRows<Result>(_ raster: Raster, from first: Int, channels: Int,
                                               _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
            let rowBytes = 1 + raster.width * channels
            let total = rowBytes * (raster.height - first)
            let memory = LargeBuffers.allocate(bytes: total)
            defer { LargeBuffers.release(memory, bytes: total) }
            let base = memory.bindMemory(to: UInt8.self, capacity: total)
            if channels == 3 {
                guard descent_rgb_scanlines(raster.mutableBytes, raster.stride, raster.width, first, raster.height, base) != 0 else { return nil }
            } else {
                for y in first..<raster.height {
                    let row = base + (y - first) * rowBytes
                    row[0] = 0
                    convertRowRGBA(y, of: raster, into: row + 1)
                }
            }
            return try body(UnsafeBufferPointer(start: base, count: total))
        }

        /// The two bytes libdeflate starts a zlib stream with at `level` (its level hint).
        static func zlibHeader(level: Int) -> [UInt8] {
            let hint = level < 2 ? 0 : level < 6 ? 1 : level < 8 ? 2 : 3
            var header = 0x7800 | hint << 6
            header |= 31 - header % 31
            return [UInt8(header >> 8), UInt8(header & 0xFF)]
        }

        static func filterMask(_ filter: PNGOptions.Filter) -> Int32 {
            switch filter {
            case .none: return PNG_FILTER_NONE
            case .sub: return PNG_FILTER_SUB
            case .up: return PNG_FILTER_UP
            case .average: return PNG_FILTER_AVG
            case .paeth: return PNG_FILTER_PAETH
            case .adaptive: return PNG_FILTER_NONE | PNG_FILTER_SUB | PNG_FILTER_UP | PNG_FILTER_AVG | PNG_FILTER_PAETH
            }
        }

        /// Whether every pixel has alpha 255 (the AND of a row's pixels, which vectorizes).
        static func isOpaque(_ raster: Raster) -> Bool {
            for y in 0..<raster.height {
                let row = UnsafeRawPointer(raster.mutableBytes + y * raster.stride).assumingMemoryBound(to: UInt32.self)
                var all: UInt32 = 0xFF00_0000
                for x in 0..<raster.width { all &= row[x] }
                if all != 0xFF00_0000 { return false }
            }
            return true
        }

        /// Un-premultiplies row `y` into RGBA bytes: `c = (c' · 255 + a / 2) / a`. (Opaque rows
        /// are straight colour already: CKernels' `descent_rgb_scanlines` shuffles them.)
        static func convertRowRGBA(_ y: Int, of raster: Raster, into output: UnsafeMutablePointer<UInt8>) {
            let row = UnsafeRawPointer(raster.mutableBytes + y * raster.stride).assumingMemoryBound(to: UInt32.self)
            var o = 0
            for x in 0..<raster.width {
                let pixel = row[x]
                let a = pixel >> 24
                var r = (pixel >> 16) & 0xFF, g = (pixel >> 8) & 0xFF, b = pixel & 0xFF
                if a != 255 && a != 0 {
                    r = min(255, (r * 255 + a / 2) / a)
                    g = min(255, (g * 255 + a / 2) / a)
                    b = min(255, (b * 255 + a / 2) / a)
                }
                output[o] = UInt8(truncatingIfNeeded: r)
                output[o + 1] = UInt8(truncatingIfNeeded: g)
                output[o + 2] = UInt8(truncatingIfNeeded: b)
                output[o + 3] = UInt8(truncatingIfNeeded: a)
                o += 4
            }
        }
    }
}

/// A PNG's text chunks as C memory for the length of one call of `descent_png_write`.
private struct PNGTextEntries {
    let entries: [(key: String, bytes: [UInt8], latin1: Bool)]

    init(_ entries: [(key: String, bytes: [UInt8], latin1: Bool)]) { self.entries = entries }

    /// Calls `body` with the entries as `descent_png_text`s (keys and values NUL-terminated).
    func withTextArray<Result>(_ body: (UnsafePointer<descent_png_text>?, Int) -> Result) -> Result {
        var allocations: [UnsafeMutableRawPointer] = []
        defer { allocations.forEach { free($0) } }
        var texts: [descent_png_text] = []
        for entry in entries {
            guard let key = strdup(entry.key) else { continue }
            allocations.append(key)
            guard let value = malloc(entry.bytes.count + 1)?.assumingMemoryBound(to: UInt8.self) else { continue }
            allocations.append(value)
            value.initialize(from: entry.bytes, count: entry.bytes.count)
            value[entry.bytes.count] = 0
            texts.append(descent_png_text(key: key, bytes: value, length: entry.bytes.count, latin1: entry.latin1 ? 1 : 0))
        }
        return texts.withUnsafeBufferPointer { body($0.baseAddress, $0.count) }
    }
}
