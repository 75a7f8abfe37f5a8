import CKernels
import CCairo
import Foundation

/// A pixel buffer in Cairo's ARGB32 layout: premultiplied alpha, one native-endian `UInt32`
/// per pixel (`a << 24 | r << 16 | g << 8 | b`), rows `stride` bytes apart, row 0 at the top.
///
/// Rasters hold rendered figures (for tests and as the static background of frame
/// sequences).
///
/// **Why `@unchecked Sendable` is safe.** The only mutable state is the pixel memory behind
/// `mutableBytes` (raw memory, taken in `init` and given back in `deinit`, through `LargeBuffers`
/// when large, zero-filled unless the creator writes every byte; the other properties are
/// immutable). The public API only reads it. Inside the module, pixels are written only by the
/// code that created the raster and only before the raster is handed out (drawing a figure,
/// filling a heatmap or colorbar image, a test setting pixels up); the one raster that is
/// written again and again, `FrameCanvas`'s frame, is private to its canvas, which returns
/// copies. So every raster another thread can see is immutable after publication, and
/// concurrent reads of immutable memory are safe.
public final class Raster: @unchecked Sendable {
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int
    /// The distance between rows in bytes (`width * 4` for every size Cairo supports).
    public let stride: Int
    /// The pixel memory, `stride * height` bytes, zeroed (transparent) on creation.
    let mutableBytes: UnsafeMutablePointer<UInt8>

    /// Creates a transparent raster of `width` x `height` pixels.
    ///
    /// - Precondition: both sides are in `1...FigureSize.maximumSide` (a programmer error
    ///   otherwise; user sizes are validated by `FigureSize`).
    public convenience init(width: Int, height: Int) {
        self.init(width: width, height: height, fill: 0)
    }

    /// A raster of `width` x `height` pixels whose every byte the caller writes before anything
    /// reads it (a copy, a block mean, a figure that first paints an opaque background over the
    /// whole raster): the zero fill is skipped (8 MB a slide-size raster). In debug builds the
    /// memory is filled with 0xA5 instead, so a pixel left unwritten shows in the tests rather
    /// than depending on what the buffer held before.
    convenience init(unfilledWidth width: Int, height: Int) {
        #if DEBUG
        self.init(width: width, height: height, fill: 0xA5)
        #else
        self.init(width: width, height: height, fill: nil)
        #endif
    }

    /// A raster whose every byte is `fill`, or left as the memory was when `fill` is nil.
    private init(width: Int, height: Int, fill: UInt8?) {
        precondition(width > 0 && height > 0 && width <= FigureSize.maximumSide && height <= FigureSize.maximumSide,
                     "Raster size \(width)x\(height) is outside 1...\(FigureSize.maximumSide)")
        self.width = width
        self.height = height
        self.stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, Int32(width)))
        // Large rasters reuse freed buffers (`LargeBuffers`): no page faults, one memset at most.
        mutableBytes = LargeBuffers.allocate(bytes: stride * height).bindMemory(to: UInt8.self, capacity: stride * height)
        if let fill { mutableBytes.initialize(repeating: fill, count: stride * height) }
    }

    deinit {
        LargeBuffers.release(UnsafeMutableRawPointer(mutableBytes), bytes: stride * height)
    }

    /// The raw premultiplied ARGB32 value of the pixel at column `x`, row `y` (0 at the top).
    ///
    /// - Precondition: `(x, y)` lies inside the raster.
    public func pixel(x: Int, y: Int) -> UInt32 {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "Pixel (\(x), \(y)) outside \(width)x\(height)")
        return UnsafeRawPointer(mutableBytes + y * stride).load(fromByteOffset: x * 4, as: UInt32.self)
    }

    /// The pixel at `(x, y)` as a straight-alpha colour (components un-premultiplied).
    ///
    /// A fully transparent pixel gives `Color.clear`.
    public func color(x: Int, y: Int) -> Color {
        let value = pixel(x: x, y: y)
        let alpha = Double(value >> 24) / 255
        if alpha == 0 { return .clear }
        func channel(_ shift: UInt32) -> Double { min(1, Double((value >> shift) & 0xFF) / 255 / alpha) }
        return Color(red: channel(16), green: channel(8), blue: channel(0), alpha: alpha)
    }

    /// A copy of all pixel bytes (`stride * height`).
    public var bytes: Data { Data(bytes: mutableBytes, count: stride * height) }

    /// Whether the two rasters have the same size and identical bytes.
    public func hasSamePixels(as other: Raster) -> Bool {
        width == other.width && height == other.height && stride == other.stride
            && memcmp(mutableBytes, other.mutableBytes, stride * height) == 0
    }

    /// The number of pixels whose ARGB32 values differ (`Int.max` if the sizes differ).
    public func countDifferentPixels(from other: Raster) -> Int {
        guard width == other.width && height == other.height else { return Int.max }
        var count = 0
        for y in 0..<height {
            for x in 0..<width where pixel(x: x, y: y) != other.pixel(x: x, y: y) { count += 1 }
        }
        return count
    }

    /// A deep copy of this raster.
    public func copy() -> Raster {
        let result = Raster(unfilledWidth: width, height: height)
        result.mutableBytes.update(from: mutableBytes, count: stride * height)
        return result
    }

    /// The raster `k` times smaller on both sides, each pixel the mean of a `k x k` block of
    /// premultiplied pixels (rounded to nearest), or nil when `width x height` is not the size
    /// divided by a whole `k` (`FigureSize.wholeFactor(over:)`, 2...16). CKernels'
    /// `descent_block_mean` does the work.
    func scaledDown(to width: Int, _ height: Int) -> Raster? {
        guard let k = FigureSize.wholeFactor(width: self.width, height: self.height, over: width, height) else { return nil }
        let result = Raster(unfilledWidth: width, height: height)
        descent_block_mean(mutableBytes, stride, result.mutableBytes, result.stride, width, height, k)
        return result
    }

    /// A copy of rows `first...` (`first` below the height).
    func rows(from first: Int) -> Raster {
        precondition(first >= 0 && first < height, "Row \(first) outside 0..<\(height)")
        let result = Raster(unfilledWidth: width, height: height - first)
        result.mutableBytes.update(from: mutableBytes + first * stride, count: stride * (height - first))
        return result
    }

    /// Overwrites this raster's pixels with `other`'s (same size required); only for rasters
    /// that have not been handed out (the frame of a `FrameCanvas`).
    func overwrite(with other: Raster) {
        precondition(width == other.width && height == other.height && stride == other.stride)
        mutableBytes.update(from: other.mutableBytes, count: stride * height)
    }
}
