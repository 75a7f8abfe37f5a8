import CKernels
import Foundation

/// Encodes frames drawn over a `PNGBackground` by splicing: cached pieces for what equals the
/// background, fresh deflate only for the changed tiles.
///
/// Per frame, row by row: tile `t` of row `y` is *changed* when its pixels differ from the
/// background's (`memcmp` of the ARGB words) or, with the `.up` filter, when tile `t` of row
/// `y − 1` did. A row without changed tiles contributes its cached row piece; otherwise every
/// tile contributes its cached tile piece or, when changed, its filtered bytes compressed now.
/// The image data is `78 01` + pieces + `03 00` + Adler-32 (big-endian) combined from the
/// pieces' checksums, written as one `IDAT` chunk by libpng (`png_write_chunk`) after the usual
/// `IHDR`, `pHYs` and text chunks, then `IEND`.
///
/// A piece's bytes depend only on its input, so a frame's file is the same whichever thread or
/// order encodes it. The PNG decodes to exactly the frame's pixels (RGB, 8 bits). When a
/// changed pixel is translucent the frame is not spliced (`encode` returns nil) and the caller
/// uses `PNGEncoder`.
///
/// The work per frame is CKernels' `descent_splice_frame`. One encoder belongs to one thread;
/// many encoders share one background.
final class SplicedPNGEncoder {
    /// The shared background.
    let background: PNGBackground
    private let tileCount: Int
    /// Room for the image data of any frame over the background (`descent_splice_bound`).
    private var output: [UInt8]
    /// Room for the runs of differing tiles, (row, first pixel, end pixel) triples.
    private var spanTriples: [Int]
    /// Scratch: one filtered row, and the changed tiles of the row above and of this one.
    private var filtered: [UInt8]
    private var changedAbove: [UInt8]
    private var changedHere: [UInt8]

    /// The pixels of the last encoded frame that differ from the background: runs of
    /// consecutive differing tiles, `(row, pixels)`. A canvas restores only
    /// these from the background before drawing the next frame.
    private(set) var differingSpans: [(row: Int, pixels: Range<Int>)] = []

    /// What the last `encode` did.
    private(set) var statistics = Statistics()

    /// Counts of the last frame.
    typealias Statistics = SplicingStatistics

    /// Creates an encoder over `background`.
    init(background: PNGBackground) {
        self.background = background
        tileCount = background.tileCount
        let raster = background.raster
        filtered = [UInt8](repeating: 0, count: 1 + 3 * raster.width)
        changedAbove = [UInt8](repeating: 0, count: tileCount)
        changedHere = changedAbove
        spanTriples = [Int](repeating: 0, count: 3 * raster.height * (tileCount / 2 + 1))
        output = [UInt8](repeating: 0, count: background.withKernelBackground { descent_splice_bound($0) })
    }

    /// Encodes `frame` (the background's size) as PNG with `options` (its dpi and texts; level
    /// and filter are the background's).
    ///
    /// - Returns: the PNG, or nil when the frame cannot be spliced (different size, translucent
    ///   changed pixel); then encode it with `PNGEncoder`.
    /// - Throws: `PlottingError.png` when libpng fails, `PlottingError.invalidPNGOptions`.
    func encode(_ frame: Raster, options: PNGOptions) throws -> Data? {
        let raster = background.raster
        guard frame.width == raster.width, frame.height == raster.height, let imageData = spliceImageData(frame) else { return nil }
        var options = options
        options.compressionLevel = background.compressionLevel
        options.filter = background.filter
        return try PNGEncoder.encode(frame, options: options, imageData: imageData)
    }

    /// The image data of `frame` (CKernels' `descent_splice_frame`), or nil when it cannot be
    /// spliced; sets `differingSpans` and `statistics`.
    private func spliceImageData(_ frame: Raster) -> [UInt8]? {
        var result = descent_splice_result()
        let length = background.withKernelBackground { kernelBackground in
            output.withUnsafeMutableBufferPointer { output in
                spanTriples.withUnsafeMutableBufferPointer { spans in
                    filtered.withUnsafeMutableBufferPointer { filtered in
                        changedAbove.withUnsafeMutableBufferPointer { above in
                            changedHere.withUnsafeMutableBufferPointer { here in
                                descent_splice_frame(kernelBackground, frame.mutableBytes, frame.stride, output.baseAddress,
                                                     spans.baseAddress, filtered.baseAddress, above.baseAddress, here.baseAddress, &result)
                            }
                        }
                    }
                }
            }
        }
        guard length >= 0 else { return nil }
        var spans: [(row: Int, pixels: Range<Int>)] = []
        spans.reserveCapacity(result.span_count)
        for index in 0..<result.span_count {
            spans.append((spanTriples[3 * index], spanTriples[3 * index + 1]..<spanTriples[3 * index + 2]))
        }
        differingSpans = spans
        statistics = Statistics(reusedRows: result.reused_rows, compressedTiles: result.compressed_tiles,
                                totalTiles: background.raster.height * tileCount, imageDataBytes: length)
        return Array(output[0..<length])
    }
}

/// What splicing a frame's PNG did: rows reused whole, tiles compressed anew (see `FrameCanvas`).
public struct SplicingStatistics: Sendable, Equatable {
    /// Rows whose cached row piece was reused.
    public var reusedRows = 0
    /// Tiles compressed for this frame.
    public var compressedTiles = 0
    /// All tiles of the frame, `height · tileCount`.
    public var totalTiles = 0
    /// Bytes of the image data (the `IDAT` payload).
    public var imageDataBytes = 0
}
