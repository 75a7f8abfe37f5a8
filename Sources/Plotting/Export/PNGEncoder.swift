import CDeflate
import CKernels
import CPNG
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Encodes rasters as PNG through libpng's full write API, into memory.
///
/// **Why this shape.** libpng reports errors by calling an error handler that must not
/// return; by default it `longjmp`s, which must never cross Swift frames, and a C shim with
/// `setjmp` cannot live in a system-library target. So:
/// 1. everything libpng could reject is validated in Swift first (size, options, text), and
///    the output goes through `png_set_write_fn` into a Swift buffer that cannot fail;
/// 2. the remaining failures (out of memory inside zlib or libpng) are contained: the
///    encoding runs on its own short-lived thread, and the installed error handler records
///    the message and ends only that thread (`pthread_exit`); the caller joins it, frees the
///    libpng structures and throws `PlottingError.png`. The process never aborts.
///
/// Pixels are un-premultiplied from Cairo's ARGB32, `c = round(c' · 255 / a)`. The colour
/// type is RGB when every alpha is 255 and RGBA otherwise. `pHYs` stores the dpi as pixels
/// per metre; Software, Title and Description go into `tEXt` (or `iTXt` when the text is not
/// Latin-1).
enum PNGEncoder {
    /// Encodes `raster` with `options`.
    static func encode(_ raster: Raster, options: PNGOptions) throws -> Data {
        try options.validate()
        let job = Job(raster: raster, options: options, skipHeaderValidation: false)
        return try job.runIsolated()
    }

    /// Writes an opaque RGB PNG of `raster`'s size whose image data is `imageData`, a complete
    /// zlib stream of the filtered scanlines made elsewhere (`SplicedPNGEncoder`): libpng writes
    /// the signature, `IHDR`, `pHYs` and the texts, then `imageData` as one `IDAT` chunk
    /// (`png_write_chunk`, which adds the CRC-32) and `IEND`.
    /// A PNG of `raster`'s width and `height` (default the raster's) with `imageData` as its
    /// one `IDAT` chunk (an opaque RGB image, zlib stream already made).
    static func encode(_ raster: Raster, options: PNGOptions, imageData: [UInt8], height: Int? = nil) throws -> Data {
        try options.validate()
        let job = Job(raster: raster, options: options, skipHeaderValidation: false)
        job.imageData = imageData
        job.height = height ?? raster.height
        return try job.runIsolated()
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
        let job = Job(raster: raster, options: PNGOptions(), skipHeaderValidation: true)
        return try job.runIsolated()
    }

    /// The state of one encoding, shared with libpng's callbacks through `png_get_*_ptr`.
    private final class Job {
        let raster: Raster
        let options: PNGOptions
        let invalidHeader: Bool
        /// A finished zlib stream to write as the image data instead of compressing the rows.
        var imageData: [UInt8]?
        var output = Data()
        var errorMessage: String?
        var png: png_structp?
        var info: png_infop?

        /// The height written in the header (the raster's unless the image data is given).
        var height: Int

        init(raster: Raster, options: PNGOptions, skipHeaderValidation: Bool) {
            self.raster = raster
            self.height = raster.height
            self.options = options
            self.invalidHeader = skipHeaderValidation
        }

        /// Runs `encode()` on a dedicated thread and waits for it.
        ///
        /// **Why handing this (non-`Sendable`) job to another thread is safe.** The job travels
        /// as a retained opaque pointer, so the compiler cannot check it; the hand-over is still
        /// exclusive: the calling thread touches the job only before `pthread_create` and after
        /// `pthread_join`, and both calls order memory (everything written before the create is
        /// visible to the encoder thread, everything it wrote is visible after the join). While
        /// the encoder thread runs, the caller is blocked in `pthread_join`, so exactly one thread
        /// uses the job (and its libpng structures and raster) at any time. The raster itself is
        /// only read.
        func runIsolated() throws -> Data {
            let box = Unmanaged.passRetained(self)
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { argument in
                guard let argument else { return nil }
                Unmanaged<Job>.fromOpaque(argument).takeUnretainedValue().encode()
                return nil
            }, box.toOpaque())
            guard created == 0 else {
                box.release()
                throw PlottingError.png(message: "could not start the encoder thread (error \(created))")
            }
            pthread_join(thread, nil)
            box.release()
            if png != nil || info != nil {
                png_destroy_write_struct(&png, &info)
            }
            if let errorMessage { throw PlottingError.png(message: errorMessage) }
            return output
        }

        /// The libpng calls; runs on the encoder thread.
        func encode() {
            let me = Unmanaged.passUnretained(self).toOpaque()
            guard let png = png_create_write_struct(PNG_LIBPNG_VER_STRING, me, Job.onError, Job.onWarning) else {
                errorMessage = "could not create the write structure"
                return
            }
            self.png = png
            guard let info = png_create_info_struct(png) else {
                errorMessage = "could not create the info structure"
                return
            }
            self.info = info
            png_set_write_fn(png, me, Job.onWrite, Job.onFlush)
            png_set_compression_level(png, Int32(options.compressionLevel))
            png_set_filter(png, 0, Job.filterMask(options.filter))

            let opaque = imageData != nil || Job.isOpaque(raster)
            let width = invalidHeader ? 0 : UInt32(raster.width)
            png_set_IHDR(png, info, width, UInt32(height), 8,
                         opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                         PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT)
            let ppm = options.pixelsPerMetre
            png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER)
            setText(png: png, info: info)
            png_write_info(png, info)

            if let imageData {
                imageData.withUnsafeBufferPointer { bytes in
                    png_write_chunk(png, Job.chunkIDAT, bytes.baseAddress, bytes.count)
                }
                png_write_chunk(png, Job.chunkIEND, nil, 0)
                return
            }
            let channels = opaque ? 3 : 4
            if let stream = Job.deflatedUnfiltered(raster, channels: channels, options: options) {
                stream.withUnsafeBufferPointer { bytes in
                    png_write_chunk(png, Job.chunkIDAT, bytes.baseAddress, bytes.count)
                }
                png_write_chunk(png, Job.chunkIEND, nil, 0)
                return
            }
            // One scanline at a time, its filter byte first (libpng filters and adds its own).
            var row = [UInt8](repeating: 0, count: 1 + raster.width * channels)
            row.withUnsafeMutableBufferPointer { rowBuffer in
                guard let rowBase = rowBuffer.baseAddress else { return }
                for y in 0..<raster.height {
                    if opaque {
                        _ = descent_rgb_scanlines(raster.mutableBytes, raster.stride, raster.width, y, y + 1, rowBase)
                    } else {
                        Job.convertRowRGBA(y, of: raster, into: rowBase + 1)
                    }
                    png_write_row(png, rowBase + 1)
                }
            }
            png_write_end(png, info)
        }

        private func setText(png: png_structp, info: png_infop) {
            var entries: [(key: String, value: String)] = [("Software", options.software)]
            if let title = options.title, !title.isEmpty { entries.append(("Title", title)) }
            if let description = options.description, !description.isEmpty { entries.append(("Description", description)) }
            var allocations: [UnsafeMutablePointer<CChar>] = []
            defer { allocations.forEach { free($0) } }
            var texts: [png_text] = []
            for entry in entries {
                let clean = entry.value.replacingOccurrences(of: "\0", with: "")
                var text = png_text()
                let latin1 = clean.data(using: .isoLatin1)
                guard let key = strdup(entry.key) else { continue }
                allocations.append(key)
                let bytes = latin1 ?? Data(clean.utf8)
                guard let value = malloc(bytes.count + 1)?.assumingMemoryBound(to: CChar.self) else { continue }
                allocations.append(value)
                bytes.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { memcpy(value, base, bytes.count) }
                }
                value[bytes.count] = 0
                text.compression = latin1 != nil ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE
                text.key = key
                text.text = value
                text.text_length = latin1 != nil ? bytes.count : 0
                text.itxt_length = latin1 != nil ? 0 : bytes.count
                texts.append(text)
            }
            png_set_text(png, info, &texts, Int32(texts.count))
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

        static let chunkIDAT: [UInt8] = Array("IDAT".utf8) + [0]
        static let chunkIEND: [UInt8] = Array("IEND".utf8) + [0]

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

        static let onWrite: png_rw_ptr = { png, data, length in
            guard let png, let data, let io = png_get_io_ptr(png) else { return }
            Unmanaged<Job>.fromOpaque(io).takeUnretainedValue().output.append(data, count: length)
        }

        static let onFlush: png_flush_ptr = { _ in }

        static let onWarning: png_error_ptr = { _, _ in }

        /// Records the message and ends the encoder thread; never returns into libpng.
        static let onError: png_error_ptr = { png, message in
            if let png, let pointer = png_get_error_ptr(png) {
                let job = Unmanaged<Job>.fromOpaque(pointer).takeUnretainedValue()
                job.errorMessage = message.map { String(cString: $0) } ?? "unknown error"
            }
            pthread_exit(nil)
        }
    }
}
