import CKernels
import CPNG
import Foundation

/// The static layer of a frame sequence, compressed once for PNG splicing.
///
/// **Idea.** A frame is the background with a few dynamic marks on top, so most of its PNG
/// scanlines equal the background's. A PNG's image data is one zlib stream of the filtered
/// scanlines (per row a filter byte and `3·width` RGB bytes); deflate pieces that end on a byte
/// boundary without referring back can be concatenated. So the background is compressed once in
/// pieces: every **row** (1 + 3·width bytes, zlib at the level with a sync flush: `DeflateStream`)
/// and every **tile** of every row (`tileWidth` pixels; the first tile also holds the filter
/// byte; `DeflatePiece`: fixed Huffman codes, stored blocks at level 0), each with its Adler-32,
/// all back to back in one buffer. A frame (`SplicedPNGEncoder`) then reuses the row piece of
/// every row whose filtered bytes equal the background's, the tile pieces of unchanged tiles in
/// the other rows, and compresses only the changed tiles like the background's; the zlib stream is
/// `78 01`, the pieces, an empty final block `03 00` and the Adler-32 of all the bytes, combined
/// from the pieces' checksums as zlib's `adler32_combine` does (`adler(A‖B)` from `adler(A)`,
/// `adler(B)`, `|B|`; CKernels' `descent_adler32_combine`).
///
/// **Filters.** `.none` (a byte depends only on its own pixel) and `.up` (`cur − above`, mod
/// 256; a byte also depends on the pixel above, so a tile is recompressed when its own pixels
/// or those of the same tile in the row above differ). Other filters, and translucent
/// backgrounds (whose PNG would be RGBA), are not spliced: `init` returns nil and callers fall
/// back to `PNGEncoder`.
///
/// Immutable after creation (only `let`s of `Sendable` values, the raster included) and shared
/// read-only by the encoders of several threads.
final class PNGBackground: Sendable {
    /// The background raster (opaque).
    let raster: Raster
    /// The level of every piece (zlib's for rows; for tiles 0 stores, 1...9 use fixed codes).
    let compressionLevel: Int
    /// The row filter, `.none` or `.up`.
    let filter: PNGOptions.Filter
    /// Tile width in pixels.
    let tileWidth: Int
    /// Tiles per row, `⌈width / tileWidth⌉`.
    let tileCount: Int

    /// Every compressed piece back to back: the rows' in row order, then the tiles' (row-major).
    let pieces: [UInt8]
    /// Where the row pieces start in `pieces`: row `y` is `pieces[rowOffsets[y]..<rowOffsets[y + 1]]`.
    let rowOffsets: [Int]
    /// Adler-32 of each row's filtered bytes.
    let rowChecksums: [UInt32]
    /// Where the tile pieces start in `pieces`: tile `i = y · tileCount + t` is
    /// `pieces[tileOffsets[i]..<tileOffsets[i + 1]]`.
    let tileOffsets: [Int]
    /// Adler-32 of each tile's filtered bytes.
    let tileChecksums: [UInt32]

    /// The default tile width: 64 pixels.
    static let defaultTileWidth = 64

    /// Whether frames encoded with `options` can be spliced over an opaque background.
    static func supports(_ options: PNGOptions) -> Bool {
        options.filter == .none || options.filter == .up
    }

    /// Compresses `raster` in row and tile pieces for `options` (its level and filter), using
    /// up to `threads` threads; nil when the options or a translucent pixel rule splicing out or
    /// zlib fails.
    init?(raster: Raster, options: PNGOptions, tileWidth: Int = PNGBackground.defaultTileWidth,
                 threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        guard PNGBackground.supports(options), tileWidth >= 1, raster.width >= 1, raster.height >= 1,
              (try? options.validate()) != nil, PNGEncoder.isOpaque(raster) else { return nil }
        self.raster = raster
        compressionLevel = options.compressionLevel
        filter = options.filter
        self.tileWidth = tileWidth
        tileCount = (raster.width + tileWidth - 1) / tileWidth
        let height = raster.height, tiles = tileCount
        let chunks = max(1, min(threads, height / 64 + 1))
        let layout = TileLayout(width: raster.width, tileWidth: tileWidth)
        let level = options.compressionLevel, filterType = options.filter
        // Each chunk of rows compresses into its own value; the chunks are joined in row order.
        let results = concurrentMap(count: chunks) { chunk in
            PNGBackground.compress(rows: height * chunk / chunks..<height * (chunk + 1) / chunks, of: raster, layout: layout,
                                   tiles: tiles, level: level, filter: filterType)
        }
        guard !results.contains(where: \.failed) else { return nil }
        let rowBytes = results.reduce(0) { $0 + $1.rows.count }
        var pieces = [UInt8]()
        pieces.reserveCapacity(rowBytes + results.reduce(0) { $0 + $1.tiles.count })
        var rowOffsets = [0], tileOffsets = [rowBytes]
        rowOffsets.reserveCapacity(height + 1)
        tileOffsets.reserveCapacity(height * tiles + 1)
        for chunk in results {
            pieces += chunk.rows
            for length in chunk.rowLengths { rowOffsets.append(rowOffsets[rowOffsets.count - 1] + length) }
        }
        for chunk in results {
            pieces += chunk.tiles
            for length in chunk.tileLengths { tileOffsets.append(tileOffsets[tileOffsets.count - 1] + length) }
        }
        self.pieces = pieces
        self.rowOffsets = rowOffsets
        self.tileOffsets = tileOffsets
        rowChecksums = results.flatMap(\.rowSums)
        tileChecksums = results.flatMap(\.tileSums)
    }

    /// The pieces and checksums of a run of rows, in row order (tiles row-major), back to back.
    private struct Chunk: Sendable {
        var rows: [UInt8] = []
        var rowLengths: [Int] = []
        var rowSums: [UInt32] = []
        var tiles: [UInt8] = []
        var tileLengths: [Int] = []
        var tileSums: [UInt32] = []
        var failed = false
    }

    /// Compresses `rows` of `raster` into row and tile pieces with their Adler-32 checksums.
    private static func compress(rows: Range<Int>, of raster: Raster, layout: TileLayout, tiles: Int, level: Int,
                                 filter: PNGOptions.Filter) -> Chunk {
        var result = Chunk()
        guard let rowStream = DeflateStream(level: level, memoryLevel: 8) else {
            result.failed = true
            return result
        }
        var filtered = [UInt8](repeating: 0, count: layout.rowBytes)
        for y in rows {
            filtered.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                layout.filterRow(y, of: raster, filter: filter, range: 0..<layout.rowBytes, into: base)
                let before = result.rows.count
                if !rowStream.append(base, count: layout.rowBytes, to: &result.rows) { result.failed = true }
                result.rowLengths.append(result.rows.count - before)
                result.rowSums.append(descent_adler32(1, base, layout.rowBytes))
                for tile in 0..<tiles {
                    let range = layout.byteRange(ofTile: tile)
                    result.tileLengths.append(DeflatePiece.append(base + range.lowerBound, count: range.count, level: level, to: &result.tiles))
                    result.tileSums.append(descent_adler32(1, base + range.lowerBound, range.count))
                }
            }
        }
        return result
    }

    /// Calls `body` with the background as CKernels' splicing kernels read it (pointers valid
    /// only inside `body`).
    func withKernelBackground<Result>(_ body: (UnsafePointer<descent_splice_background>) -> Result) -> Result {
        pieces.withUnsafeBufferPointer { pieces in
            rowOffsets.withUnsafeBufferPointer { rowOffsets in
                tileOffsets.withUnsafeBufferPointer { tileOffsets in
                    rowChecksums.withUnsafeBufferPointer { rowSums in
                        tileChecksums.withUnsafeBufferPointer { tileSums in
                            var background = descent_splice_background(
                                raster: raster.mutableBytes, stride: raster.stride, width: raster.width, height: raster.height,
                                tile_width: tileWidth, tiles: tileCount, filter_up: filter == .up ? 1 : 0, level: Int32(compressionLevel),
                                pieces: pieces.baseAddress, row_offsets: rowOffsets.baseAddress, tile_offsets: tileOffsets.baseAddress,
                                row_sums: rowSums.baseAddress, tile_sums: tileSums.baseAddress)
                            return body(&background)
                        }
                    }
                }
            }
        }
    }

    /// Total compressed bytes of the row pieces (the image data of the background alone).
    var compressedSize: Int { rowOffsets[rowOffsets.count - 1] - rowOffsets[0] }
}
