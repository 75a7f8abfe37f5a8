import CPNG
import Foundation

/// The cost floor of a PNG frame: zlib compressing the frame's raw scanlines in one stream.
///
/// The raw stream is what an unfiltered PNG's `IDAT` holds before compression: per row one
/// filter byte `0` followed by the row's RGB bytes, `height · (1 + 3·width)` bytes in all
/// (alpha is dropped; frames are opaque). `compress(level:)` runs zlib's `compress2` on it, the
/// work any PNG writer that deflates the whole frame must at least do, so benchmarks can put a
/// frame encoder's cost beside it.
public struct ZlibReference: Sendable {
    /// The raw scanlines, `height · (1 + 3·width)` bytes.
    public let scanlines: [UInt8]

    /// Converts `raster` (opaque ARGB32) into raw scanlines; not part of the measured cost.
    public init(raster: Raster) {
        let rowBytes = 1 + 3 * raster.width
        var bytes = [UInt8](repeating: 0, count: rowBytes * raster.height)
        bytes.withUnsafeMutableBufferPointer { output in
            guard let base = output.baseAddress else { return }
            for y in 0..<raster.height {
                let row = UnsafeRawPointer(raster.mutableBytes + y * raster.stride).assumingMemoryBound(to: UInt32.self)
                let out = base + y * rowBytes + 1
                for x in 0..<raster.width {
                    let pixel = row[x]
                    out[3 * x] = UInt8(truncatingIfNeeded: pixel >> 16)
                    out[3 * x + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
                    out[3 * x + 2] = UInt8(truncatingIfNeeded: pixel)
                }
            }
        }
        scanlines = bytes
    }

    /// Compresses the scanlines with zlib at `level` (0...9, clamped) into a zlib stream and
    /// returns its size in bytes (0 if zlib failed).
    public func compress(level: Int) -> Int {
        var size = compressBound(uLong(scanlines.count))
        var output = [UInt8](repeating: 0, count: Int(size))
        let status = scanlines.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                compress2(out.baseAddress, &size, input.baseAddress, uLong(input.count), Int32(min(9, max(0, level))))
            }
        }
        return status == Z_OK ? Int(size) : 0
    }
}
