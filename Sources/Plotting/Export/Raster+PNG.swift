import Foundation

extension Raster {
    /// Encodes the raster as PNG through libpng (RGB when opaque, RGBA when any pixel is translucent).
    public func pngData(options: PNGOptions = PNGOptions()) throws -> Data {
        try PNGEncoder.encode(self, options: options)
    }
}
