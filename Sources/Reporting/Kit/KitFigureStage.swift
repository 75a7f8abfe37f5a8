import Foundation
import Plotting
import Training

/// A figure the kit drew: the job, the style, its caption and the PNG bytes.
struct KitRenderedFigure: Sendable {
    /// The job that drew it.
    let job: KitFigureJob
    /// The style it was drawn in.
    let style: FigureStyle
    /// The figure's title.
    let title: String?
    /// The caption stating the figure's numbers.
    let caption: String
    /// The PNG bytes (embedded in the HTML report).
    let png: Data
    /// The PNG's path relative to the output folder (linked from the Markdown report).
    let pngPath: String
    /// Every file written, relative to the output folder.
    let files: [String]
}

extension KitConfiguration {
    /// `style` with the user's title and subtitle for `job`'s figure and the data's column labels.
    func style(_ style: FigureStyle, for job: KitFigureJob) -> FigureStyle {
        var style = style
        style.labels = FigureLabels(title: figures.titles[job.stem], subtitle: figures.subtitles[job.stem],
                                    x: data.xLabel, y: data.yLabel)
        return style
    }
}

/// Draws the kit's figures from the store, in parallel, for every theme and language asked for,
/// and the small gallery copies.
struct KitFigureStage {
    let configuration: KitConfiguration
    let store: RunStore
    /// The kit's trained models, for the captions.
    let models: [TrainedModel]
    let output: URL

    /// What the stage wrote.
    struct Result: Sendable {
        /// The figures of the first theme and language, in lecture order.
        let primary: [KitRenderedFigure]
        /// The gallery files, relative to the output folder.
        let thumbnails: [String]
    }

    /// One piece of work: a figure in a style, or a gallery copy.
    private enum Work: Sendable {
        case figure(folder: String, job: KitFigureJob, style: FigureStyle, primary: Bool)
        case thumbnail(job: KitFigureJob, style: FigureStyle)
    }

    private enum Done: Sendable {
        case figure(KitRenderedFigure, primary: Bool)
        case thumbnail(String)
    }

    /// The figure jobs of the kit (the same for every theme and language).
    static func jobs(_ configuration: KitConfiguration) -> [KitFigureJob] {
        KitFigureJob.jobs(kinds: configuration.figures.kinds, models: configuration.models, grid: configuration.figures.grid)
    }

    /// Each theme and language's folder and style: the figures folder itself for one, a
    /// `THEME-LANGUAGE` folder in it for each when there are several.
    static func variants(_ configuration: KitConfiguration) -> [(folder: String, style: FigureStyle)] {
        let figures = configuration.figures
        let several = figures.themes.count * figures.languages.count > 1
        return figures.languages.flatMap { language in
            figures.themes.map { theme in
                (several ? "\(figures.folder)/\(theme.rawValue)-\(language.rawValue)" : figures.folder,
                 FigureStyle(theme: theme, language: language, size: figures.size, dpi: figures.dpi))
            }
        }
    }

    /// The gallery's jobs: the same figures with landscapes on at most 200 points per side.
    static func galleryJobs(_ configuration: KitConfiguration) -> [KitFigureJob] {
        configuration.figures.galleryFolder == nil ? [] : jobs(configuration).map { $0.withGrid(atMost: 200) }
    }

    /// Draws and writes every figure; `progress` is called after each with (done, total).
    func run(progress: @escaping @Sendable (Int, Int) -> Void) async throws -> Result {
        let figures = configuration.figures
        let variants = Self.variants(configuration)
        let jobs = Self.jobs(configuration)
        func labelled(_ style: FigureStyle, _ job: KitFigureJob) -> FigureStyle { configuration.style(style, for: job) }
        var work: [Work] = []
        for (index, variant) in variants.enumerated() {
            work += jobs.map { .figure(folder: variant.folder, job: $0, style: labelled(variant.style, $0), primary: index == 0) }
        }
        if let galleryFolder = figures.galleryFolder, let first = variants.first {
            var small = first.style
            small.size = figures.gallerySize
            work += Self.galleryJobs(configuration).map { .thumbnail(job: $0, style: labelled(small, $0)) }
            try KitFileSystem.makeFolder(output.appendingPathComponent(galleryFolder))
        }
        for folder in Set(variants.map(\.folder)) {
            try KitFileSystem.makeFolder(output.appendingPathComponent(folder))
        }

        let stage = self
        let done = try await mapInFlight(work, progress: progress) { try stage.perform($0) }
        var primary: [KitRenderedFigure] = []
        var thumbnails: [String] = []
        for result in done {
            switch result {
            case .figure(let rendered, let isPrimary): if isPrimary { primary.append(rendered) }
            case .thumbnail(let file): thumbnails.append(file)
            }
        }
        return Result(primary: primary, thumbnails: thumbnails)
    }

    private func perform(_ work: Work) throws -> Done {
        switch work {
        case let .figure(folder, job, style, primary):
            return .figure(try render(job, style: style, folder: folder), primary: primary)
        case let .thumbnail(job, style):
            return .thumbnail(try renderThumbnail(job, style: style))
        }
    }

    /// Writes a small PNG of `job`'s figure into the gallery folder.
    private func renderThumbnail(_ job: KitFigureJob, style: FigureStyle) throws -> String {
        let product = try LectureFigures.make(job.spec, style: style, store: store)
        let relative = "\(configuration.figures.galleryFolder ?? "gallery")/\(job.stem).png"
        // Level 6 like the figures: on the gallery's 36 thumbnails level 9 saved about 5 % of
        // the bytes for about six times the time.
        let options = style.pngOptions(title: product.figure.title, description: product.summary)
        try AtomicFile.write(data: try product.figure.pngData(options: options), to: output.appendingPathComponent(relative))
        return relative
    }

    private func render(_ job: KitFigureJob, style: FigureStyle, folder: String) throws -> KitRenderedFigure {
        let product = try LectureFigures.make(job.spec, style: style, store: store)
        let figure = product.figure
        let caption = try KitCaptions(models: models, store: store, language: style.language, labels: style.labels)
            .caption(for: job, summary: product.summary)
        var files: [String] = []
        var png = Data()
        let formats = configuration.figures.formats
        let pngPath = "\(folder)/\(job.stem).\((formats.contains(.png) ? .png : formats.first ?? .png).rawValue)"
        let pngOptions = style.pngOptions(title: figure.title, description: caption)
        for format in formats {
            let relative = "\(folder)/\(job.stem).\(format.rawValue)"
            let data: Data
            switch format {
            case .png:
                data = try figure.pngData(options: pngOptions)
                png = data
            case .svg: data = try figure.svgData(text: configuration.figures.svgText)
            case .pdf: data = try figure.pdfData()
            }
            try AtomicFile.write(data: data, to: output.appendingPathComponent(relative))
            files.append(relative)
        }
        if png.isEmpty { png = try figure.pngData(options: pngOptions) }
        return KitRenderedFigure(job: job, style: style, title: figure.title, caption: caption, png: png, pngPath: pngPath, files: files)
    }
}
