import CPNG
import Foundation

/// A reusable raw-deflate compressor (zlib, no header, no checksum) that turns one piece of
/// data at a time into a self-contained run of deflate blocks.
///
/// Each `append(_:count:to:)` resets the stream (so the piece never refers back to earlier
/// data and its bytes depend only on its own input and the settings) and ends it with
/// `Z_SYNC_FLUSH`: the blocks end on a byte boundary with an empty stored block
/// (`00 00 FF FF`), none of them final. Pieces made this way can therefore be concatenated in
/// any combination into one deflate stream, which `PNGBackground` uses for the rows that
/// spliced frames reuse. (For pieces of a few kilobytes zlib's reset is cheaper than
/// libdeflate's setup; `PNGEncoder` makes its larger piece with libdeflate and CKernels'
/// `descent_deflate_unfinal`.)
///
/// One stream belongs to one thread.
final class DeflateStream {
    private let stream: UnsafeMutablePointer<z_stream>
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    /// Creates a stream at zlib `level` (0...9) with `memoryLevel` (1...9: a smaller hash table
    /// resets faster, which suits many small pieces); nil when zlib cannot allocate it.
    init?(level: Int, memoryLevel: Int) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        scratchCapacity = 1 << 16
        scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity)
        let status = deflateInit2_(stream, Int32(min(9, max(0, level))), Z_DEFLATED, -15, Int32(min(9, max(1, memoryLevel))),
                                   Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            scratch.deallocate()
            return nil
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
        scratch.deallocate()
    }

    /// Compresses `count` bytes at `input` as one self-contained piece and appends it to `output`.
    ///
    /// - Returns: false when zlib failed (the output is then unchanged).
    @discardableResult
    func append(_ input: UnsafePointer<UInt8>, count: Int, to output: inout [UInt8]) -> Bool {
        // Stored blocks are the worst case: 5 bytes per 65,535 input bytes, plus the flush.
        let bound = count + 5 * (count / 65_535 + 2) + 64
        if bound > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = bound
            scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: bound)
        }
        guard deflateReset(stream) == Z_OK else { return false }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input)
        stream.pointee.avail_in = UInt32(count)
        stream.pointee.next_out = scratch
        stream.pointee.avail_out = UInt32(scratchCapacity)
        let status = deflate(stream, Z_SYNC_FLUSH)
        guard status == Z_OK, stream.pointee.avail_in == 0, stream.pointee.avail_out > 0 else { return false }
        let produced = scratchCapacity - Int(stream.pointee.avail_out)
        output.append(contentsOf: UnsafeBufferPointer(start: scratch, count: produced))
        return true
    }
}
