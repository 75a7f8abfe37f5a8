/// How the ends of open strokes look.
public enum LineCap: Sendable, Hashable {
    /// The stroke stops exactly at the end point.
    case butt
    /// A half-disc beyond the end point.
    case round
    /// A half-square beyond the end point.
    case square
}

/// How stroke segments meet.
public enum LineJoin: Sendable, Hashable {
    /// A sharp corner (limited by Cairo's default miter limit).
    case miter
    /// A rounded corner.
    case round
    /// A cut-off corner.
    case bevel
}

/// Which regions of a self-intersecting path a fill covers.
public enum FillRule: Sendable, Hashable {
    /// Regions with non-zero winding number (Cairo's default).
    case nonZero
    /// Regions crossed an odd number of times; holes in nested subpaths stay empty.
    case evenOdd
}

/// How a stroke is drawn: colour, width in device units, dash pattern, caps and joins.
public struct StrokeStyle: Sendable, Hashable {
    /// The stroke colour.
    public var color: Color
    /// The line width in device units (pixels).
    public var width: Double
    /// Alternating on/off lengths in device units; empty for a solid line.
    public var dash: [Double]
    /// The end caps.
    public var cap: LineCap
    /// The corner joins.
    public var join: LineJoin

    /// Creates a stroke style; solid with round caps and joins by default.
    public init(color: Color, width: Double, dash: [Double] = [], cap: LineCap = .round, join: LineJoin = .round) {
        self.color = color
        self.width = width
        self.dash = dash
        self.cap = cap
        self.join = join
    }
}

/// The weight of a font.
public enum FontWeight: Sendable, Hashable {
    /// Regular (book) weight.
    case regular
    /// Bold weight.
    case bold
}

/// How text is drawn: DejaVu Sans at `size` device units in `color`.
public struct TextStyle: Sendable, Hashable {
    /// The font size (em height) in device units.
    public var size: Double
    /// The text colour.
    public var color: Color
    /// The font weight.
    public var weight: FontWeight

    /// Creates a text style.
    public init(size: Double, color: Color, weight: FontWeight = .regular) {
        self.size = size
        self.color = color
        self.weight = weight
    }
}

/// The measured size of a line of text, from the font's metrics.
///
/// The height uses the font's ascent and descent (not the ink of the particular string), so
/// boxes of different labels line up and accented capitals are never clipped.
public struct TextMetrics: Sendable, Hashable {
    /// The advance width in device units.
    public var width: Double
    /// The distance from the baseline up to the top of the box.
    public var ascent: Double
    /// The distance from the baseline down to the bottom of the box.
    public var descent: Double

    /// Creates text metrics.
    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    /// The total height, `ascent + descent`.
    public var height: Double { ascent + descent }
}

/// Where the anchor point of a text lies relative to its box.
public struct TextAnchor: Sendable, Hashable {
    /// Horizontal anchor positions.
    public enum Horizontal: Sendable, Hashable {
        /// The anchor is at the left edge.
        case left
        /// The anchor is at the horizontal centre.
        case center
        /// The anchor is at the right edge.
        case right
    }

    /// Vertical anchor positions.
    public enum Vertical: Sendable, Hashable {
        /// The anchor is at the top of the box (ascent above the baseline).
        case top
        /// The anchor is halfway between the top and the bottom of the box.
        case middle
        /// The anchor is on the baseline.
        case baseline
        /// The anchor is at the bottom of the box (descent below the baseline).
        case bottom
    }

    /// The horizontal position.
    public var horizontal: Horizontal
    /// The vertical position.
    public var vertical: Vertical

    /// Creates an anchor.
    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// Centred both ways.
    public static let center = TextAnchor(.center, .middle)
    /// Left edge, baseline.
    public static let baselineLeft = TextAnchor(.left, .baseline)

    /// The offset from the anchor to the box's top-left corner, in the text's own
    /// (unrotated) frame: x to the right, y down.
    func topLeftOffset(for metrics: TextMetrics) -> (dx: Double, dy: Double) {
        let dx: Double
        switch horizontal {
        case .left: dx = 0
        case .center: dx = -metrics.width / 2
        case .right: dx = -metrics.width
        }
        let dy: Double
        switch vertical {
        case .top: dy = 0
        case .middle: dy = -metrics.height / 2
        case .baseline: dy = -metrics.ascent
        case .bottom: dy = -metrics.height
        }
        return (dx, dy)
    }
}

/// How an image is resampled when drawn larger or smaller than its pixels.
public enum ImageInterpolation: Sendable, Hashable {
    /// Bilinear interpolation: smooth gradients.
    case smooth
    /// Nearest neighbour: crisp cells.
    case nearest
}
