import Foundation
import Plotting

/// A PowerPoint deck (Office Open XML PresentationML, `.pptx`): a title slide, then one slide
/// per picture with an editable title and the picture's caption in the speaker notes.
///
/// ```swift
/// var deck = SlideDeck(title: "Gradient descent", subtitle: "…", shape: .wide, theme: .light, language: .english)
/// deck.slides.append(.init(title: "Loss", notes: "MSE per epoch …", picture: picture))
/// try deck.write(to: URL(fileURLWithPath: "slides.pptx"))
/// ```
///
/// Each picture is stored the way PowerPoint itself stores an SVG: a `p:pic` whose blip embeds
/// the PNG and carries the SVG extension (`asvg:svgBlip`), so PowerPoint 2016 and later show the
/// vector drawing and every other program the PNG. The package (``PresentationParts``) is a
/// complete, minimal deck: one slide master with a title layout and a title-only layout, a
/// theme whose colours follow the figures' theme, a notes master with its own theme, and a
/// notes slide for every slide. The same deck gives the same bytes (fixed dates, fixed order).
public struct SlideDeck: Sendable {
    /// The slide size.
    public enum Shape: Sendable, Equatable {
        /// 16:9, 13.333 × 7.5 inches (PowerPoint's "Widescreen").
        case wide
        /// 4:3, 10 × 7.5 inches ("On-screen Show (4:3)").
        case standard

        /// The shape closer to `size`'s aspect ratio: 4:3 up to 1.55 (between 4:3 and 16:9), 16:9 above.
        public init(closestTo size: FigureSize) {
            self = Double(size.width) / Double(max(1, size.height)) > 1.55 ? .wide : .standard
        }

        /// Width and height in EMU (914,400 per inch).
        var size: (width: Int, height: Int) {
            switch self {
            case .wide: return (12_192_000, 6_858_000)
            case .standard: return (9_144_000, 6_858_000)
            }
        }

        /// `docProps/app.xml`'s PresentationFormat.
        var formatName: String {
            switch self {
            case .wide: return "Widescreen"
            case .standard: return "On-screen Show (4:3)"
            }
        }
    }

    /// One picture: the PNG shown everywhere, the SVG PowerPoint prefers, its pixel size (for the
    /// aspect ratio) and a description for screen readers.
    public struct Picture: Sendable {
        /// PNG bytes.
        public var png: Data
        /// SVG bytes, or nil for a PNG-only picture.
        public var svg: Data?
        /// Pixel size of the PNG.
        public var size: FigureSize
        /// The alternative text.
        public var description: String

        /// Creates a picture.
        public init(png: Data, svg: Data?, size: FigureSize, description: String) {
            self.png = png
            self.svg = svg
            self.size = size
            self.description = description
        }
    }

    /// One content slide.
    public struct Slide: Sendable {
        /// The slide's title (an editable title placeholder).
        public var title: String
        /// The speaker notes.
        public var notes: String
        /// The picture, fitted under the title.
        public var picture: Picture

        /// Creates a slide.
        public init(title: String, notes: String, picture: Picture) {
            self.title = title
            self.notes = notes
            self.picture = picture
        }
    }

    /// The title slide's title (also the document's title).
    public var title: String
    /// The title slide's subtitle.
    public var subtitle: String
    /// The title slide's speaker notes.
    public var titleNotes: String
    /// The index in ``slides`` of the slide whose picture the title slide shows under its title
    /// (the same image part, not a copy), or nil for a title slide of text alone.
    public var coverSlide: Int?
    /// The content slides, in order.
    public var slides: [Slide] = []
    /// 16:9 or 4:3.
    public var shape: Shape
    /// The colours: the slides' background, text and accents follow the figures' theme (a light
    /// or transparent theme gives white slides, a dark one the figures' near-black).
    public var theme: Theme
    /// The language the text is tagged with (for spelling and hyphenation).
    public var language: Language

    /// Creates a deck without content slides.
    public init(title: String, subtitle: String, titleNotes: String = "", shape: Shape, theme: Theme, language: Language) {
        self.title = title
        self.subtitle = subtitle
        self.titleNotes = titleNotes
        self.shape = shape
        self.theme = theme
        self.language = language
    }

    /// The `.pptx` bytes.
    ///
    /// - Throws: ZIPFoundation's errors (the archive is built in memory).
    public func pptxData() throws -> Data {
        try PresentationParts(deck: self).package().zipped()
    }

    /// Writes the deck to `url` atomically (temporary file, then rename).
    ///
    /// - Throws: `PlottingError` naming `url` when the deck cannot be assembled or written.
    public func write(to url: URL) throws {
        let data: Data
        do {
            data = try pptxData()
        } catch {
            throw PlottingError.writeFailed(path: url.path, reason: "the deck could not be assembled (\(error))")
        }
        try AtomicFile.write(data: data, to: url)
    }
}
