import CPNG
import Foundation

/// Decodes PNG bytes through libpng's simplified read API (which contains its own error
/// handling), for round-trip checks.
enum PNGDecoder {
    /// A decoded image: straight-alpha RGBA bytes, row-major, top row first.
    struct Image {
        /// The width in pixels.
        var width: Int
        /// The height in pixels.
        var height: Int
        /// `width * height * 4` bytes, RGBA.
        var rgba: [UInt8]
    }

    /// Decodes `data` to RGBA.
    ///
    /// - Throws: `PlottingError.png` with libpng's message when the data is not a valid PNG.
    static func decode(_ data: Data) throws -> Image {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let began = data.withUnsafeBytes { raw in
            png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count)
        }
        guard began != 0 else { throw PlottingError.png(message: message(of: &image)) }
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)  // PNG_FORMAT_RGBA
        let width = Int(image.width), height = Int(image.height)
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let finished = pixels.withUnsafeMutableBytes { raw in
            png_image_finish_read(&image, nil, raw.baseAddress, 0, nil)
        }
        guard finished != 0 else { throw PlottingError.png(message: message(of: &image)) }
        return Image(width: width, height: height, rgba: pixels)
    }

    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
