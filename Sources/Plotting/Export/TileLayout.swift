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

    /// The PNG filter type byte of `filter` (0 none, 2 up).
    static func filterByte(_ filter: PNGOptions.Filter) -> UInt8 { filter == .up ? 2 : 0 }

    /// Writes the filtered bytes `range` (whole tiles or the whole row) of row `y` of `raster`
    /// to `output[range]`.
    ///
    /// - Returns: whether every pixel of row `y` in the range is opaque (alpha 255).
    @discardableResult
    func filterRow(_ y: Int, of raster: Raster, filter: PNGOptions.Filter, range: Range<Int>,
                   into output: UnsafeMutablePointer<UInt8>) -> Bool {
        var start = range.lowerBound
        if start == 0 {
            output[0] = TileLayout.filterByte(filter)
            start = 1
        }
        let firstPixel = (start - 1) / 3, endPixel = (range.upperBound - 1) / 3
        let row = UnsafeRawPointer(raster.mutableBytes + y * raster.stride).assumingMemoryBound(to: UInt32.self)
        var opaque: UInt32 = 0xFF00_0000
        if filter == .up && y > 0 {
            let above = UnsafeRawPointer(raster.mutableBytes + (y - 1) * raster.stride).assumingMemoryBound(to: UInt32.self)
            for x in firstPixel..<endPixel {
                let pixel = row[x], upper = above[x]
                opaque &= pixel
                let o = 1 + 3 * x
                output[o] = UInt8(truncatingIfNeeded: pixel >> 16) &- UInt8(truncatingIfNeeded: upper >> 16)
                output[o + 1] = UInt8(truncatingIfNeeded: pixel >> 8) &- UInt8(truncatingIfNeeded: upper >> 8)
                output[o + 2] = UInt8(truncatingIfNeeded: pixel) &- UInt8(truncatingIfNeeded: upper)
            }
        } else {
            for x in firstPixel..<endPixel {
                let pixel = row[x]
                opaque &= pixel
                let o = 1 + 3 * x
                output[o] = UInt8(truncatingIfNeeded: pixel >> 16)
                output[o + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
                output[o + 2] = UInt8(truncatingIfNeeded: pixel)
            }
        }
        return opaque == 0xFF00_0000
    }
}
