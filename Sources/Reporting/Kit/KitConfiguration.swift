import Foundation
import Plotting
import Training

/// What `descent build` makes: models and their training, figure kinds, sizes, themes,
/// languages, frames, report parts, and where everything goes.
///
/// `KitConfiguration()` is the default run (the notebook's two models, every figure kind,
/// light English slides as PNG, SVG and PDF, frames for both models, the HTML and Markdown
/// reports, the handout and the slide deck, all under `output/`). `Examples/lecture.yaml` spells out the same.
public struct KitConfiguration: Sendable {
    /// The training data: the notebook's people, or a CSV file.
    public struct DataSource: Sendable, Equatable {
        /// The CSV file; nil = the built-in data. A build file's relative path is read from the
        /// build file's folder (``KitConfigurationLoader`` resolves it); here a relative path is
        /// relative to the builder's working folder.
        public var file: String?
        /// The x column.
        public var x: String
        /// The y column.
        public var y: String
        /// The label column, if any.
        public var label: String?
        /// The x column's axis label ("hours studied (h)"), instead of one made from its name.
        public var xLabel: String?
        /// The y column's axis label, instead of one made from its name.
        public var yLabel: String?
        /// The file's delimiter (found in its header unless given) and decimal separator.
        public var format = CSVFormat()

        /// The notebook's 10 people.
        public static let notebook = DataSource(file: nil, x: "weight_kg", y: "height_cm", label: "name")

        /// A data source; the column labels and the format start as their defaults.
        public init(file: String?, x: String, y: String, label: String?) {
            self.file = file
            self.x = x
            self.y = y
            self.label = label
        }

        /// The column labels as figure labels.
        var labels: FigureLabels { FigureLabels(x: xLabel, y: yLabel) }
    }

    /// The figures to draw.
    public struct Figures: Sendable, Equatable {
        /// Kinds to draw, each for every model where it applies.
        public var kinds: [FigureKind] = FigureKind.kitDefaults
        /// File formats.
        public var formats: [ExportFormat] = [.png, .svg, .pdf]
        /// How SVG files write text: editable `<text>` (default) or Cairo's glyph outlines.
        public var svgText: SVGTextMode = .text
        /// Pixel size.
        public var size: FigureSize = .slide
        /// Resolution.
        public var dpi: Double = 144
        /// Themes; each gets its own folder when more than one is asked for.
        public var themes: [FigureTheme] = [.light]
        /// Languages; each gets its own folder when more than one is asked for.
        public var languages: [Language] = [.english]
        /// Landscape grid points per side.
        public var grid: Int = 400
        /// Subfolder of the output folder.
        public var folder: String = "figures"
        /// Small PNG copies of the first theme and language's figures for a README gallery; nil = none.
        public var galleryFolder: String? = "gallery"
        /// Titles replacing figures' own, by file stem (`fit-linear`).
        public var titles: [String: String] = [:]
        /// Subtitles replacing figures' own, by file stem.
        public var subtitles: [String: String] = [:]
        /// The pixel size of the gallery copies.
        public var gallerySize: FigureSize = (try? FigureSize(width: 640, height: 360)) ?? .slide
    }

    /// The animation frames.
    public struct Frames: Sendable, Equatable {
        /// Whether to write frames at all.
        public var enabled = true
        /// Pixel size of each frame.
        public var size: FigureSize = .slide
        /// Keep every k-th epoch (first and last always kept); nil = chosen so each model has at most ``frameLimit``.
        public var every: Int?
        /// The most frames per model, when given: without `every` the epochs are thinned to it;
        /// with `every` a longer sequence is refused before the build starts. See ``frameLimit``.
        public var maximumFrames: Int?
        /// The frames per model the epochs are thinned to when neither `every` nor `maximumFrames` is given.
        public static let defaultThinnedFrames = 60

        /// The most frames per model: `maximumFrames`, or 60 (thinned to) without `every`, or
        /// ``FrameOptions/defaultMaximumFrames`` (refused past) with it.
        public var frameLimit: Int {
            maximumFrames ?? (every == nil ? Self.defaultThinnedFrames : FrameOptions.defaultMaximumFrames)
        }
        /// zlib level of the frame PNGs.
        public var compression = 1
        /// Also assemble an MP4 with ffmpeg when it is installed.
        public var video = false
        /// Frames per second of the video.
        public var fps = 12
        /// Subfolder of the output folder.
        public var folder: String = "frames"
    }

    /// The report parts; a nil name leaves that part out.
    public struct Report: Sendable, Equatable {
        /// The self-contained HTML page.
        public var html: String? = "report.html"
        /// The Markdown walk-through.
        public var markdown: String? = "report.md"
        /// The multi-page PDF handout.
        public var handout: String? = "handout.pdf"
        /// The PowerPoint deck: a title slide, then one slide per figure with its caption in the notes.
        public var slides: String? = "slides.pptx"
        /// Build slides in the deck that reveal the worked step, the training view and the path step by step.
        public var slideBuilds = false
    }

    /// The output folder (relative to the current folder, or absolute).
    public var output: String = "output"
    /// Subfolder for histories, tables, grids and the summary.
    public var dataFolder: String = "data"
    /// The training data.
    public var data: DataSource = .notebook
    /// The models to train, in order, with their settings.
    public var models: [TrainingConfiguration] = [.notebook(for: .linear), .notebook(for: .cubic)]
    /// The figures.
    public var figures = Figures()
    /// The frames.
    public var frames = Frames()
    /// The report parts.
    public var report = Report()

    /// The default run.
    public init() {}
}
