import CKernels
import Foundation

/// How a PNG scanline of an opaque RGB image is cut into tiles for splicing, and how its
/// filtered bytes are made.
///
/// A filtered row is `1 + 3·width` bytes: the filter type byte, then per pixel `R G B` after
/// the filter (`.none`: the values; `.up`: each minus the same byte of the row above, mod 256,
/// with a row of zeros above the first). Tile `t` covers pixels `[t·w, min((t+1)·w, width))`;
/// its bytes are those pixels' bytes, and tile 0 also starts with the filter byte.
struct TileLayout {
    /// Image width in pixels.
    let width: Int
    /// Tile width in pixels.
    let tileWidth: Int
    /// Filtered bytes per row, `1 + 3·width`.
    var rowBytes: Int { 1 + 3 * width }

    /// The pixels of tile `tile`.
    func pixelRange(ofTile tile: Int) -> Range<Int> {
        (tile * tileWidth)..<min(width, (tile + 1) * tileWidth)
    }

    /// The bytes of tile `tile` within the filtered row.
    func byteRange(ofTile tile: Int) -> Range<Int> {
        let pixels = pixelRange(ofTile: tile)
        return (tile == 0 ? 0 : 1 + 3 * pixels.lowerBound)..<(1 + 3 * pixels.upperBound)
    }

    /// Writes the filtered bytes `range` (whole tiles or the whole row) of row `y` of `raster`
    /// to `output[range]` (CKernels' `descent_filter_row`, which spliced frames' tiles go through
    /// too).
    ///
    /// - Returns: whether every pixel of row `y` in the range is opaque (alpha 255).
    @discardableResult
    func filterRow(_ y: Int, of raster: Raster, filter: PNGOptions.Filter, range: Range<Int>,
                   into output: UnsafeMutablePointer<UInt8>) -> Bool {
        descent_filter_row(raster.mutableBytes, raster.stride, y, filter == .up ? 1 : 0, range.lowerBound, range.upperBound, output) != 0
    }
}
