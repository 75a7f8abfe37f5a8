/// How SVG export writes text.
public enum SVGTextMode: String, Sendable, CaseIterable {
    /// Text stays text (`<text>` in DejaVu Sans, falling back to sans-serif), so labels can be
    /// edited and translated in Inkscape, PowerPoint or a browser: `SVGRenderer`. The default.
    case text
    /// Cairo's SVG: every letter is a glyph outline, exact without the fonts installed, but not
    /// editable as text and larger.
    case paths
}
