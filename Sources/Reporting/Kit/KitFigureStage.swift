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
    /// The figure's own slide (the deck's picture, from the same pixels as the PNG), when the
    /// kit makes a deck and this is its theme and language.
    let slide: SlideDeck.Slide?
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
        /// `gallery`: also write the job's gallery copy, scaled down from this figure.
        case figure(folder: String, job: KitFigureJob, style: FigureStyle, primary: Bool, gallery: Bool)
        case thumbnail(job: KitFigureJob, style: FigureStyle)
    }

    private enum Done: Sendable {
        case figure(KitRenderedFigure, primary: Bool, thumbnail: String?)
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
        // A gallery copy whose size divides the figures' (640x360 of 1920x1080) is the figure
        // scaled down; another size is drawn on its own.
        let scaled = figures.galleryFolder != nil && figures.size.wholeFactor(over: figures.gallerySize) != nil
        var work: [Work] = []
        for (index, variant) in variants.enumerated() {
            work += jobs.map {
                .figure(folder: variant.folder, job: $0, style: labelled(variant.style, $0), primary: index == 0, gallery: index == 0 && scaled)
            }
        }
        if let galleryFolder = figures.galleryFolder, let first = variants.first {
            var small = first.style
            small.size = figures.gallerySize
            if !scaled { work += Self.galleryJobs(configuration).map { .thumbnail(job: $0, style: labelled(small, $0)) } }
            try KitFileSystem.makeFolder(output.appendingPathComponent(galleryFolder))
        }
        for folder in Set(variants.map(\.folder)) {
            try KitFileSystem.makeFolder(output.appendingPathComponent(folder))
        }

        // The longest pieces first (3-D surfaces, landscapes: a heatmap, contours, a large PDF),
        // so no core is left alone with one at the end; the results keep the lecture's order.
        let order = work.indices.sorted { a, b in
            let (wa, wb) = (Self.weight(of: work[a]), Self.weight(of: work[b]))
            return wa != wb ? wa > wb : a < b
        }
        let stage = self
        let reordered = try await mapInFlight(order.map { work[$0] }, progress: progress) { try stage.perform($0) }
        var done = reordered
        for (position, index) in order.enumerated() { done[index] = reordered[position] }
        var primary: [KitRenderedFigure] = []
        var thumbnails: [String] = []
        for result in done {
            switch result {
            case .figure(let rendered, let isPrimary, let thumbnail):
                if isPrimary { primary.append(rendered) }
                if let thumbnail { thumbnails.append(thumbnail) }
            case .thumbnail(let file): thumbnails.append(file)
            }
        }
        return Result(primary: primary, thumbnails: thumbnails)
    }

    /// How long a piece of work roughly takes, for the order the work is started in: 2 for
    /// figures on the loss plane (contours, heatmaps or a shaded surface), 1 for other figures,
    /// 0 for gallery copies drawn on their own.
    private static func weight(of work: Work) -> Int {
        guard case .figure(_, let job, _, _, _) = work else { return 0 }
        switch job.spec {
        case .surface, .landscape, .normalization, .compareOptimizers, .gradientField: return 2
        default: return 1
        }
    }

    private func perform(_ work: Work) throws -> Done {
        switch work {
        case let .figure(folder, job, style, primary, gallery):
            let (rendered, thumbnail) = try render(job, style: style, folder: folder, slide: primary && configuration.report.slides != nil,
                                                   gallery: gallery)
            return .figure(rendered, primary: primary, thumbnail: thumbnail)
        case let .thumbnail(job, style):
            return .thumbnail(try renderThumbnail(job, style: style))
        }
    }

    /// The gallery copy's path, relative to the output folder.
    private func thumbnailPath(_ job: KitFigureJob) -> String {
        "\(configuration.figures.galleryFolder ?? "gallery")/\(job.stem).png"
    }

    /// Draws a small PNG of `job`'s figure into the gallery folder (a gallery size that is not
    /// the figures' size divided by a whole number).
    private func renderThumbnail(_ job: KitFigureJob, style: FigureStyle) throws -> String {
        let product = try LectureFigures.make(job.spec, style: style, store: store)
        let relative = thumbnailPath(job)
        // Level 6 like the figures: on the gallery's 36 thumbnails level 9 saved about 5 % of
        // the bytes for about six times the time.
        let options = style.pngOptions(title: product.figure.title, description: product.summary)
        try AtomicFile.write(data: try product.figure.pngData(options: options), to: output.appendingPathComponent(relative))
        return relative
    }

    /// Draws `job`'s figure in `style` and writes its files; with `slide`, also makes its slide,
    /// whose picture shares the PNG's rendering and deflated rows; with `gallery`, also writes its
    /// gallery copy, scaled down from the same rendering (returned as the second value).
    private func render(_ job: KitFigureJob, style: FigureStyle, folder: String, slide: Bool,
                        gallery: Bool) throws -> (KitRenderedFigure, String?) {
        let product = try LectureFigures.make(job.spec, style: style, store: store)
        let figure = product.figure
        let caption = try KitCaptions(models: models, store: store, language: style.language, labels: style.labels)
            .caption(for: job, summary: product.summary)
        var files: [String] = []
        var png = Data()
        var slidePicture: Figure.UntitledPicture?
        var thumbnail: String?
        let formats = configuration.figures.formats
        let pngPath = "\(folder)/\(job.stem).\((formats.contains(.png) ? .png : formats.first ?? .png).rawValue)"
        let pngOptions = style.pngOptions(title: figure.title, description: caption)
        let slideTitle = figure.title ?? ""
        func makePNG() throws -> Data {
            guard slide || gallery else { return try figure.pngData(options: pngOptions) }
            let pngs = try figure.pngs(options: pngOptions, untitled: slide ? style.pngOptions(title: slideTitle, description: caption) : nil,
                                       svgText: configuration.figures.svgText,
                                       thumbnail: gallery ? (configuration.figures.gallerySize, style.pngOptions(title: figure.title, description: product.summary)) : nil)
            slidePicture = pngs.untitled
            if gallery {
                guard let small = pngs.thumbnail else { throw PlottingError.png(message: "the gallery copy of \(job.stem) was not made") }
                let relative = thumbnailPath(job)
                try AtomicFile.write(data: small, to: output.appendingPathComponent(relative))
                thumbnail = relative
            }
            return pngs.png
        }
        for format in formats {
            let relative = "\(folder)/\(job.stem).\(format.rawValue)"
            let data: Data
            switch format {
            case .png:
                data = try makePNG()
                png = data
            case .svg: data = try figure.svgData(text: configuration.figures.svgText)
            case .pdf: data = try figure.pdfData()
            }
            try AtomicFile.write(data: data, to: output.appendingPathComponent(relative))
            files.append(relative)
        }
        if png.isEmpty { png = try makePNG() }
        let rendered = KitRenderedFigure(job: job, style: style, title: figure.title, caption: caption, png: png, pngPath: pngPath, files: files,
                                         slide: slidePicture.map { LectureDeck.slide(title: slideTitle, notes: caption, picture: $0) })
        return (rendered, thumbnail)
    }
}
