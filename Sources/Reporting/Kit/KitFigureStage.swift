import Foundation
import Plotting
import Training

/// A figure the kit drew: the job, the built figure, its caption and the PNG bytes.
struct KitRenderedFigure {
    /// The job that drew it.
    let job: KitFigureJob
    /// The figure (kept for the handout).
    let figure: Figure
    /// The caption stating the figure's numbers.
    let caption: String
    /// The PNG bytes (embedded in the HTML report).
    let png: Data
    /// The PNG's path relative to the output folder (linked from the Markdown report).
    let pngPath: String
    /// Every file written, relative to the output folder.
    let files: [String]
}

/// Draws the kit's figures, in parallel, for every theme and language asked for.
struct KitFigureStage {
    let configuration: KitConfiguration
    let dataset: Dataset
    let models: [TrainedModel]
    let output: URL

    /// Draws and writes every figure; returns those of the first theme and language, in lecture order.
    mutating func run() throws -> [KitRenderedFigure] {
        let figures = configuration.figures
        var variants: [(folder: String, style: FigureStyle)] = []
        let several = figures.themes.count * figures.languages.count > 1
        for language in figures.languages {
            for themeName in figures.themes {
                let theme = Theme.named(themeName) ?? .light
                let folder = several ? "\(figures.folder)/\(themeName)-\(language.rawValue)" : figures.folder
                variants.append((folder, FigureStyle(theme: theme, language: language, size: figures.size, dpi: figures.dpi)))
            }
        }
        var work: [(folder: String, job: KitFigureJob, primary: Bool)] = []
        for (index, variant) in variants.enumerated() {
            let jobs = KitFigureJob.jobs(kinds: figures.kinds, style: variant.style, dataset: dataset,
                                         models: configuration.models, grid: figures.grid)
            work += jobs.map { (variant.folder, $0, index == 0) }
        }
        var gallery: [KitFigureJob] = []
        if let galleryFolder = figures.galleryFolder, let first = variants.first {
            var small = first.style
            small.size = figures.gallerySize
            gallery = KitFigureJob.jobs(kinds: figures.kinds, style: small, dataset: dataset,
                                        models: configuration.models, grid: min(figures.grid, 200))
            try KitFileSystem.makeFolder(output.appendingPathComponent(galleryFolder))
        }
        for folder in Set(variants.map(\.folder)) {
            try KitFileSystem.makeFolder(output.appendingPathComponent(folder))
        }

        let lock = NSLock()
        var results = [KitRenderedFigure?](repeating: nil, count: work.count)
        var firstError: Error?
        var galleryFiles = [String?](repeating: nil, count: gallery.count)
        DispatchQueue.concurrentPerform(iterations: work.count + gallery.count) { index in
            do {
                if index >= work.count {
                    let file = try renderThumbnail(gallery[index - work.count])
                    lock.lock()
                    galleryFiles[index - work.count] = file
                    lock.unlock()
                    return
                }
                let (folder, job, _) = work[index]
                let rendered = try render(job, folder: folder)
                lock.lock()
                results[index] = rendered
                lock.unlock()
            } catch {
                lock.lock()
                if firstError == nil { firstError = error }
                lock.unlock()
            }
        }
        if let firstError { throw firstError }
        thumbnails = galleryFiles.compactMap { $0 }
        return zip(work, results).compactMap { item, rendered in item.primary ? rendered : nil }
    }

    /// The gallery files written by the last `run()`, relative to the output folder.
    private(set) var thumbnails: [String] = []

    /// Writes a small PNG of `job`'s figure into the gallery folder.
    private func renderThumbnail(_ job: KitFigureJob) throws -> String {
        let product = try LectureFigures.make(job.request)
        let relative = "\(configuration.figures.galleryFolder ?? "gallery")/\(job.stem).png"
        var options = job.request.style.pngOptions(title: product.figure.title, description: product.summary)
        options.compressionLevel = 9
        try AtomicFile.write(data: try product.figure.pngData(options: options), to: output.appendingPathComponent(relative))
        return relative
    }

    private func render(_ job: KitFigureJob, folder: String) throws -> KitRenderedFigure {
        let product = try LectureFigures.make(job.request)
        let figure = product.figure
        let caption = KitCaptions(models: models, language: job.request.style.language).caption(for: job, product: product)
        var files: [String] = []
        var png = Data()
        let pngPath = "\(folder)/\(job.stem).\(configuration.figures.formats.contains("png") ? "png" : configuration.figures.formats.first ?? "png")"
        for format in configuration.figures.formats {
            let relative = "\(folder)/\(job.stem).\(format)"
            let data: Data
            switch format {
            case "png":
                data = try figure.pngData(options: job.request.style.pngOptions(title: figure.title, description: caption))
                png = data
            case "svg": data = try figure.svgData()
            default: data = try figure.pdfData()
            }
            try AtomicFile.write(data: data, to: output.appendingPathComponent(relative))
            files.append(relative)
        }
        if png.isEmpty {
            png = try figure.pngData(options: job.request.style.pngOptions(title: figure.title, description: caption))
        }
        return KitRenderedFigure(job: job, figure: figure, caption: caption, png: png, pngPath: pngPath, files: files)
    }
}
