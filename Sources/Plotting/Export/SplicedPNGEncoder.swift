import CPNG
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
/// One encoder belongs to one thread; many encoders share one background.
final class SplicedPNGEncoder {
    /// zlib's memory level for tile pieces: a 512-entry hash table, cheap to reset per tile.
    static let tileMemoryLevel = 2

    /// The shared background.
    let background: PNGBackground
    private let layout: TileLayout
    private let tileStream: DeflateStream
    private var filtered: [UInt8]
    private var changedAbove: [Bool]
    private var changedHere: [Bool]
    private var imageData: [UInt8] = []

    /// The pixels of the last encoded frame that differ from the background: runs of
    /// consecutive differing tiles, `(row, pixels)`. A canvas restores only
    /// these from the background before drawing the next frame.
    private(set) var differingSpans: [(row: Int, pixels: Range<Int>)] = []

    /// What the last `encode` did.
    private(set) var statistics = Statistics()

    /// Counts of the last frame.
    typealias Statistics = SplicingStatistics

    /// Creates an encoder over `background`; nil when zlib cannot allocate its stream.
    init?(background: PNGBackground) {
        guard let stream = DeflateStream(level: background.compressionLevel, memoryLevel: SplicedPNGEncoder.tileMemoryLevel) else {
            return nil
        }
        self.background = background
        tileStream = stream
        layout = TileLayout(width: background.raster.width, tileWidth: background.tileWidth)
        filtered = [UInt8](repeating: 0, count: layout.rowBytes)
        changedAbove = [Bool](repeating: false, count: background.tileCount)
        changedHere = changedAbove
        imageData.reserveCapacity(background.compressedSize * 2 + 1024)
    }

    /// Encodes `frame` (the background's size) as PNG with `options` (its dpi and texts; level
    /// and filter are the background's).
    ///
    /// - Returns: the PNG, or nil when the frame cannot be spliced (different size, translucent
    ///   changed pixel, zlib failure); then encode it with `PNGEncoder`.
    /// - Throws: `PlottingError.png` when libpng fails, `PlottingError.invalidPNGOptions`.
    func encode(_ frame: Raster, options: PNGOptions) throws -> Data? {
        let raster = background.raster
        guard frame.width == raster.width, frame.height == raster.height else { return nil }
        guard spliceImageData(frame) else { return nil }
        var options = options
        options.compressionLevel = background.compressionLevel
        options.filter = background.filter
        return try PNGEncoder.encode(frame, options: options, imageData: imageData)
    }

    /// Builds `imageData` for `frame`; false when it cannot be spliced.
    private func spliceImageData(_ frame: Raster) -> Bool {
        let raster = background.raster
        let tiles = background.tileCount
        let up = background.filter == .up
        let layout = self.layout
        let rowPieces = background.rowPieces, rowChecksums = background.rowChecksums
        let tilePieces = background.tilePieces, tileChecksums = background.tileChecksums
        // Work on locals (no exclusivity checks on the instance's storage in the loop).
        var data: [UInt8] = []
        swap(&data, &imageData)
        var above = [Bool](), here = [Bool](), spans = [(row: Int, pixels: Range<Int>)]()
        swap(&above, &changedAbove)
        swap(&here, &changedHere)
        swap(&spans, &differingSpans)
        defer {
            swap(&data, &imageData)
            swap(&above, &changedAbove)
            swap(&here, &changedHere)
            swap(&spans, &differingSpans)
        }
        data.removeAll(keepingCapacity: true)
        data.append(0x78)
        data.append(0x01)
        spans.removeAll(keepingCapacity: true)
        var checksum: uLong = 1
        var stats = Statistics(totalTiles: raster.height * tiles)
        for t in 0..<tiles { above[t] = false }
        var aboveChanged = false
        var ok = true
        filtered.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                ok = false
                return
            }
            let rowBytes = 4 * raster.width
            for y in 0..<raster.height {
                let frameRow = frame.mutableBytes + y * frame.stride
                let backgroundRow = raster.mutableBytes + y * raster.stride
                let rowDiffers = memcmp(frameRow, backgroundRow, rowBytes) != 0
                if !rowDiffers && !(up && aboveChanged) {
                    data.append(contentsOf: rowPieces[y])
                    checksum = adler32_combine(checksum, uLong(rowChecksums[y]), off_t(layout.rowBytes))
                    stats.reusedRows += 1
                    if aboveChanged {
                        for t in 0..<tiles { above[t] = false }
                        aboveChanged = false
                    }
                    continue
                }
                var runStart = -1
                for t in 0..<tiles {
                    let pixels = layout.pixelRange(ofTile: t)
                    let differs = rowDiffers
                        && memcmp(frameRow + 4 * pixels.lowerBound, backgroundRow + 4 * pixels.lowerBound, 4 * pixels.count) != 0
                    here[t] = differs
                    if differs && runStart < 0 { runStart = pixels.lowerBound }
                    if !differs && runStart >= 0 {
                        spans.append((y, runStart..<pixels.lowerBound))
                        runStart = -1
                    }
                    let range = layout.byteRange(ofTile: t)
                    if differs || (up && above[t]) {
                        guard layout.filterRow(y, of: frame, filter: background.filter, range: range, into: base) else {
                            ok = false
                            return
                        }
                        if background.compressionLevel == 0 {
                            guard tileStream.append(base + range.lowerBound, count: range.count, to: &data) else {
                                ok = false
                                return
                            }
                        } else {
                            FixedHuffmanDeflate.append(base + range.lowerBound, count: range.count, to: &data)
                        }
                        let sum = adler32(1, base + range.lowerBound, UInt32(range.count))
                        checksum = adler32_combine(checksum, sum, off_t(range.count))
                        stats.compressedTiles += 1
                    } else {
                        data.append(contentsOf: tilePieces[y * tiles + t])
                        checksum = adler32_combine(checksum, uLong(tileChecksums[y * tiles + t]), off_t(range.count))
                    }
                }
                if runStart >= 0 { spans.append((y, runStart..<raster.width)) }
                swap(&above, &here)
                aboveChanged = rowDiffers
            }
        }
        guard ok else { return false }
        data.append(0x03)
        data.append(0x00)
        let sum = UInt32(truncatingIfNeeded: checksum)
        data.append(UInt8(truncatingIfNeeded: sum >> 24))
        data.append(UInt8(truncatingIfNeeded: sum >> 16))
        data.append(UInt8(truncatingIfNeeded: sum >> 8))
        data.append(UInt8(truncatingIfNeeded: sum))
        stats.imageDataBytes = data.count
        statistics = stats
        return true
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
