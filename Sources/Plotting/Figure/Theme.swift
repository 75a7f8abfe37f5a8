/// The colours of a figure, chosen for projectors: strong contrast and colour-blind-safe
/// series colours (Okabe–Ito; lighter variants on the dark background).
public struct Theme: Sendable, Hashable {
    /// The theme's name (`light`, `dark`, `transparent`, `transparent-dark`).
    public var name: String
    /// The figure background; `Color.clear` for the transparent theme.
    public var background: Color
    /// The panel (plot area) background.
    public var panelBackground: Color
    /// Text, axis lines and tick marks.
    public var ink: Color
    /// Secondary text (subtitles, annotations) and secondary lines.
    public var mutedInk: Color
    /// Grid lines.
    public var grid: Color
    /// The colours given to successive series that do not set their own colour.
    public var seriesColors: [Color]
    /// The colour that draws attention: highlights, the current step.
    public var accent: Color
    /// The optimizer path drawn over landscapes (heatmaps with a colormap).
    public var pathColor: Color
    /// The halo drawn under paths and labels on top of heatmaps, for contrast.
    public var haloColor: Color
    /// The background of legend boxes and boxed annotations.
    public var boxBackground: Color
    /// Contour lines over heatmaps.
    public var contourColor: Color

    /// Creates a theme from all its colours.
    public init(name: String, background: Color, panelBackground: Color, ink: Color, mutedInk: Color, grid: Color,
                seriesColors: [Color], accent: Color, pathColor: Color, haloColor: Color, boxBackground: Color,
                contourColor: Color) {
        self.name = name
        self.background = background
        self.panelBackground = panelBackground
        self.ink = ink
        self.mutedInk = mutedInk
        self.grid = grid
        self.seriesColors = seriesColors.isEmpty ? [ink] : seriesColors
        self.accent = accent
        self.pathColor = pathColor
        self.haloColor = haloColor
        self.boxBackground = boxBackground
        self.contourColor = contourColor
    }

    /// The series colour for the `index`-th series, cycling through `seriesColors`.
    public func seriesColor(_ index: Int) -> Color {
        seriesColors[((index % seriesColors.count) + seriesColors.count) % seriesColors.count]
    }

    /// Black ink on white, Okabe–Ito series colours (blue, vermillion, bluish green,
    /// reddish purple, orange, sky blue).
    public static let light = Theme(
        name: "light", background: .white, panelBackground: .white,
        ink: Color(hex: 0x111111), mutedInk: Color(hex: 0x4D4D4D), grid: Color(hex: 0xDADADA),
        seriesColors: [Color(hex: 0x0072B2), Color(hex: 0xD55E00), Color(hex: 0x009E73),
                       Color(hex: 0xCC79A7), Color(hex: 0xE69F00), Color(hex: 0x56B4E9)],
        accent: Color(hex: 0xD55E00), pathColor: Color(hex: 0xFF3B6B), haloColor: Color(hex: 0x111111),
        boxBackground: Color(white: 1, alpha: 0.88), contourColor: Color(white: 1, alpha: 0.85))

    /// Near-white ink on a near-black background, lighter Okabe–Ito variants (sky blue,
    /// orange, light bluish green, light reddish purple, yellow, light vermillion).
    public static let dark = Theme(
        name: "dark", background: Color(hex: 0x121417), panelBackground: Color(hex: 0x121417),
        ink: Color(hex: 0xF2F2F2), mutedInk: Color(hex: 0xB8B8B8), grid: Color(hex: 0x3A3F45),
        seriesColors: [Color(hex: 0x56B4E9), Color(hex: 0xE69F00), Color(hex: 0x3FD6A6),
                       Color(hex: 0xE8A3C9), Color(hex: 0xF0E442), Color(hex: 0xFF8C5A)],
        accent: Color(hex: 0xFF8C5A), pathColor: Color(hex: 0xFF4F7B), haloColor: Color(hex: 0x000000),
        boxBackground: Color(hex: 0x121417, alpha: 0.88), contourColor: Color(white: 1, alpha: 0.85))

    /// The light theme's ink and colours on a fully transparent background (for overlays).
    public static let transparent: Theme = {
        var theme = Theme.light
        theme.name = "transparent"
        theme.background = .clear
        theme.panelBackground = .clear
        return theme
    }()

    /// The dark theme's light ink, grid and series colours on a fully transparent background,
    /// for slides with a dark background of their own.
    public static let transparentDark: Theme = {
        var theme = Theme.dark
        theme.name = "transparent-dark"
        theme.background = .clear
        theme.panelBackground = .clear
        return theme
    }()

    /// The built-in themes.
    public static let all: [Theme] = [.light, .dark, .transparent, .transparentDark]

    /// The outline drawn around scatter markers so overlapping ones stay distinct: the
    /// background, or on a transparent background the colour the slide is likely to have
    /// (near-black under light ink, white under dark ink).
    public var markerEdge: Color {
        if background.alpha > 0 { return background }
        let lightInk = 0.2126 * ink.red + 0.7152 * ink.green + 0.0722 * ink.blue > 0.5
        return lightInk ? Theme.dark.background : .white
    }

    /// The built-in theme called `name` (case-insensitive), or nil.
    public static func named(_ name: String) -> Theme? {
        all.first { $0.name == name.lowercased() }
    }
}
