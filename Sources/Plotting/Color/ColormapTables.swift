/// Namespace for the published colormap tables, one extension file per table.
///
/// Tables are flat `[Double]` arrays of `r, g, b` triples in `0...1` (flat arrays type-check
/// quickly; arrays of tuples of this size slow the compiler down badly).
enum ColormapTables {
    /// ColorBrewer's 11-class "RdBu" diverging scheme, reversed (blue → near-white → red).
    ///
    /// Source: Cynthia A. Brewer, ColorBrewer 2.0 (colorbrewer2.org), Apache-2.0; these are
    /// the control points of matplotlib's `RdBu_r`. ColorBrewer marks the scheme
    /// colour-blind safe: its two arms differ in lightness and in the blue–orange axis that
    /// red–green deficient vision keeps.
    static let redBlueReversed: [UInt32] = [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
        0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
    ]

    /// Turns a flat `r, g, b, r, g, b, …` table into opaque colours (a trailing partial triple is ignored).
    static func colors(fromFlat table: [Double]) -> [Color] {
        stride(from: 0, to: table.count - 2, by: 3).map {
            Color(red: table[$0], green: table[$0 + 1], blue: table[$0 + 2])
        }
    }
}
