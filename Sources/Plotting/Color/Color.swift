import Foundation

/// An sRGB colour with straight (non-premultiplied) alpha, every component in `0...1`.
///
/// Components are stored as given; renderers clamp them to `0...1` when they draw.
public struct Color: Sendable, Hashable {
    /// The red component, `0...1`.
    public var red: Double
    /// The green component, `0...1`.
    public var green: Double
    /// The blue component, `0...1`.
    public var blue: Double
    /// The opacity, `0` transparent to `1` opaque.
    public var alpha: Double

    /// Creates a colour from components in `0...1`.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Creates an opaque colour from a `0xRRGGBB` literal, e.g. `Color(hex: 0x1F77B4)`.
    ///
    /// Bits above the low 24 are ignored. Each byte maps to `byte / 255`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            red: Double((hex >> 16) & 0xFF) / 255,
            green: Double((hex >> 8) & 0xFF) / 255,
            blue: Double(hex & 0xFF) / 255,
            alpha: alpha
        )
    }

    /// Creates an opaque grey with all three components equal to `white`.
    public init(white: Double, alpha: Double = 1) {
        self.init(red: white, green: white, blue: white, alpha: alpha)
    }

    /// The same colour with its alpha replaced by `alpha`.
    /// The WCAG relative luminance of the opaque colour: linear-light `0.2126 R + 0.7152 G + 0.0722 B`.
    public var relativeLuminance: Double {
        func linear(_ c: Double) -> Double {
            let v = Swift.min(1, Swift.max(0, c))
            return v <= 0.04045 ? v / 12.92 : Foundation.pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// The WCAG contrast ratio with `other`, `(L₁ + 0.05) / (L₂ + 0.05)` with `L₁ ≥ L₂`: 1 for equal
    /// colours, 21 for black on white.
    public func contrastRatio(with other: Color) -> Double {
        let a = relativeLuminance, b = other.relativeLuminance
        return (Swift.max(a, b) + 0.05) / (Swift.min(a, b) + 0.05)
    }

    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// The component-wise linear blend `self + (other − self) · fraction`.
    ///
    /// `fraction` is clamped to `0...1` (NaN counts as 0), so `0` gives `self` and `1` gives
    /// `other` exactly. Blending is done on the stored sRGB values, as colormaps expect.
    public func interpolated(to other: Color, fraction: Double) -> Color {
        let t = fraction.isNaN ? 0 : Swift.min(1, Swift.max(0, fraction))
        if t == 0 { return self }
        if t == 1 { return other }
        return Color(
            red: red + (other.red - red) * t,
            green: green + (other.green - green) * t,
            blue: blue + (other.blue - blue) * t,
            alpha: alpha + (other.alpha - alpha) * t
        )
    }

    /// The colour packed as premultiplied ARGB32, Cairo's `CAIRO_FORMAT_ARGB32` pixel layout.
    ///
    /// Bits 31–24 hold alpha, then red, green, blue; each colour channel is `c · a · 255`
    /// rounded, each component first clamped to `0...1` (NaN counts as 0).
    public var premultipliedARGB32: UInt32 {
        func clamp(_ value: Double) -> Double { value.isNaN ? 0 : Swift.min(1, Swift.max(0, value)) }
        let a = clamp(alpha)
        func byte(_ value: Double) -> UInt32 { UInt32((value * 255).rounded()) }
        return byte(a) << 24 | byte(clamp(red) * a) << 16 | byte(clamp(green) * a) << 8 | byte(clamp(blue) * a)
    }

    /// Opaque black.
    public static let black = Color(red: 0, green: 0, blue: 0)
    /// Opaque white.
    public static let white = Color(red: 1, green: 1, blue: 1)
    /// Fully transparent black.
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)
}
