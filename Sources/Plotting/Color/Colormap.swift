/// A continuous colour scale: maps a fraction `t` in `0...1` to a colour.
///
/// The map is defined by `colors`, control entries spaced evenly over `0...1`; between two
/// entries the colour is interpolated linearly in sRGB:
///
///     position = t · (n − 1),  i = ⌊position⌋,  color = colors[i] ⊕ (colors[i+1], position − i)
///
/// `t` is clamped to `0...1` (so ±∞ give the end colours) and NaN gives `badColor`.
/// With 256-entry tables (viridis, magma, cividis) linear interpolation stays within one
/// 8-bit step of matplotlib's nearest-entry lookup.
public struct Colormap: Sendable {
    /// The map's name as accepted by `named(_:)`, e.g. `"viridis"`.
    public let name: String
    /// The control colours, evenly spaced from `t = 0` (first) to `t = 1` (last); never empty.
    public let colors: [Color]
    /// The colour returned for NaN input: "no data" cells.
    public let badColor: Color

    /// Creates a colormap from evenly spaced control colours.
    ///
    /// An empty `colors` array gives a map that returns `badColor` everywhere; a single
    /// colour gives a constant map.
    public init(name: String, colors: [Color], badColor: Color = .clear) {
        self.name = name
        self.colors = colors.isEmpty ? [badColor] : colors
        self.badColor = badColor
    }

    /// The colour at fraction `t`: clamped to `0...1`, linearly interpolated between
    /// neighbouring entries; NaN gives `badColor`.
    public func color(at t: Double) -> Color {
        if t.isNaN { return badColor }
        let clamped = Swift.min(1, Swift.max(0, t))
        let last = colors.count - 1
        if last == 0 { return colors[0] }
        let position = clamped * Double(last)
        let index = Swift.min(last - 1, Int(position))
        return colors[index].interpolated(to: colors[index + 1], fraction: position - Double(index))
    }

    /// The same map run backwards (`t ↦ 1 − t`), named with an `_r` suffix like matplotlib.
    ///
    /// Reversing twice gives back the original name and colours.
    public func reversed() -> Colormap {
        let newName = name.hasSuffix("_r") ? String(name.dropLast(2)) : name + "_r"
        return Colormap(name: newName, colors: colors.reversed(), badColor: badColor)
    }

    /// A table of `count` premultiplied ARGB32 pixels (Cairo's `CAIRO_FORMAT_ARGB32` layout)
    /// sampling the map at `t = i / (count − 1)`, for fast heatmap rasterisation.
    ///
    /// Index a value `v` scaled to `t` with `Int((t · (count − 1)).rounded())`. `count ≤ 0`
    /// gives an empty table and `count == 1` the single colour at `t = 0`. The bad colour is
    /// not part of the table: use `badColor.premultipliedARGB32` for NaN.
    public func lookupTable(count: Int) -> [UInt32] {
        guard count > 0 else { return [] }
        if count == 1 { return [color(at: 0).premultipliedARGB32] }
        let denominator = Double(count - 1)
        return (0..<count).map { color(at: Double($0) / denominator).premultipliedARGB32 }
    }

    /// Perceptually uniform, blue-violet to yellow, colour-blind friendly: the default.
    ///
    /// The published 256-entry table (van der Walt & Smith, matplotlib `_cm_listed.py`).
    public static let viridis = Colormap(name: "viridis", colors: ColormapTables.colors(fromFlat: ColormapTables.viridis))

    /// Perceptually uniform, black through purple and orange to pale yellow.
    ///
    /// The published 256-entry table (van der Walt & Smith, matplotlib `_cm_listed.py`).
    public static let magma = Colormap(name: "magma", colors: ColormapTables.colors(fromFlat: ColormapTables.magma))

    /// Perceptually uniform blue to yellow, optimised to look the same with deuteranomaly.
    ///
    /// The published 256-entry table (Nuñez, Anderton & Renslow 2018, matplotlib `_cm_listed.py`).
    public static let cividis = Colormap(name: "cividis", colors: ColormapTables.colors(fromFlat: ColormapTables.cividis))

    /// A colour-blind-safe diverging map, blue (low) through near-white (middle) to red (high).
    ///
    /// Its 11 control points are ColorBrewer's "RdBu" scheme reversed, the same as
    /// matplotlib's `RdBu_r`. Centre the data on `t = 0.5` (e.g. a symmetric range around
    /// zero) so that the neutral colour marks the midpoint.
    public static let diverging = Colormap(name: "diverging", colors: ColormapTables.redBlueReversed.map { Color(hex: $0) })

    /// The built-in maps in a fixed order.
    public static let all: [Colormap] = [viridis, magma, cividis, diverging]

    /// The names of the built-in maps, in the order of `all`. Each also exists reversed
    /// under `name + "_r"` through `named(_:)`.
    public static var allNames: [String] { all.map(\.name) }

    /// The built-in map called `name` (case-insensitive, surrounding spaces ignored), or nil.
    ///
    /// A `_r` suffix gives the reversed map (`"viridis_r"`); `"RdBu_r"` is accepted as an
    /// alias of `"diverging"` and `"RdBu"` as its reverse.
    public static func named(_ name: String) -> Colormap? {
        var key = name.lowercased().trimmingSpaces()
        var reverse = false
        if key == "rdbu" { key = "diverging_r" }
        if key == "rdbu_r" { key = "diverging" }
        if key.hasSuffix("_r") {
            reverse = true
            key = String(key.dropLast(2))
        }
        guard let map = all.first(where: { $0.name == key }) else { return nil }
        return reverse ? map.reversed() : map
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
