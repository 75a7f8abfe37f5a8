import Foundation

/// The pixel size of a figure: a named preset or any `WIDTHxHEIGHT` up to 16384 per side.
public struct FigureSize: Sendable, Hashable, CustomStringConvertible {
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int

    /// The largest allowed side in pixels.
    public static let maximumSide = 16384

    /// A full 16:9 slide, 1920 x 1080.
    public static let slide = FigureSize(validWidth: 1920, height: 1080)
    /// A 4:3 slide, 1440 x 1080.
    public static let slide4x3 = FigureSize(validWidth: 1440, height: 1080)
    /// The left or right half of a 16:9 slide, 960 x 1080.
    public static let half = FigureSize(validWidth: 960, height: 1080)
    /// A square, 1080 x 1080.
    public static let square = FigureSize(validWidth: 1080, height: 1080)

    /// The presets by the names `init(parsing:)` accepts, in documentation order.
    public static let presets: [(name: String, size: FigureSize)] = [
        ("slide", .slide), ("slide-4x3", .slide4x3), ("half", .half), ("square", .square),
    ]

    /// The preset names with their sizes, e.g. `slide (1920x1080)`.
    public static var presetNames: [String] { presets.map { "\($0.name) (\($0.size))" } }

    /// The whole `k` with this size `k` times `small` on both sides, for `k` in `2...16` (a
    /// small copy scaled down by block means; 16 keeps a block's sums in 16 bits), else nil.
    public func wholeFactor(over small: FigureSize) -> Int? {
        Self.wholeFactor(width: width, height: height, over: small.width, small.height)
    }

    /// ``wholeFactor(over:)`` for a `width x height` over `smallWidth x smallHeight`.
    static func wholeFactor(width: Int, height: Int, over smallWidth: Int, _ smallHeight: Int) -> Int? {
        guard smallWidth > 0, smallHeight > 0, width % smallWidth == 0 else { return nil }
        let k = width / smallWidth
        return (2...16).contains(k) && height == smallHeight * k ? k : nil
    }

    private init(validWidth width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Creates a size, checking that both sides are in `1...maximumSide`.
    public init(width: Int, height: Int) throws {
        try self.init(checkingWidth: width, height: height, quoting: "\(width)x\(height)")
    }

    private init(checkingWidth width: Int, height: Int, quoting value: String) throws {
        guard width > 0, height > 0 else {
            throw PlottingError.invalidFigureSize(value: value, reason: "both sides must be positive")
        }
        guard width <= FigureSize.maximumSide, height <= FigureSize.maximumSide else {
            throw PlottingError.invalidFigureSize(value: value, reason: "each side must be at most \(FigureSize.maximumSide) pixels")
        }
        self.init(validWidth: width, height: height)
    }

    /// Parses a preset name (`slide`, `slide-4x3`, `half`, `square`, case-insensitive) or
    /// `WIDTHxHEIGHT` in pixels (e.g. `1280x720`).
    ///
    /// - Throws: `PlottingError.invalidFigureSize` quoting `text` and listing the presets.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let preset = FigureSize.presets.first(where: { $0.name == trimmed }) {
            self = preset.size
            return
        }
        let parts = trimmed.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
            throw PlottingError.invalidFigureSize(value: text, reason: "it is neither a preset name nor WIDTHxHEIGHT")
        }
        try self.init(checkingWidth: width, height: height, quoting: text)
    }

    /// `WIDTHxHEIGHT`, e.g. `1920x1080`.
    public var description: String { "\(width)x\(height)" }

    /// The factor that scales text and line sizes: `min(width, height) / 1080`, so the
    /// guide sizes (26 px ticks at 1920x1080) also hold for a 960x1080 half figure.
    public var scale: Double { Double(min(width, height)) / 1080 }
}
