import Foundation
import Plotting
import Training

/// The lecture's slide deck: a title slide, then one slide per figure of the kit (the figures
/// `descent build` draws, in the reports' lecture order), each with the figure's title as the
/// slide's title, the figure (PNG and SVG) under it, and its caption in the speaker notes.
///
/// The picture is the kit's figure without its own title line, since the slide's editable title
/// carries it. Every figure is drawn from a ``RunStore`` trained before; nothing here trains.
///
/// **Builds.** With `builds`, slides that reveal a figure step by step come before it, as
/// separate slides (so they work in every presentation program): the worked gradient step one
/// update at a time (``StepSpec/shownSteps``), the training view at epochs 0, 1, 2, 5, 10, 20, 50
/// (``buildEpochs(last:)``) and the landscape with the path so far at the same epochs (a landscape
/// frame of ``FrameSequence``). They read the figures' own runs, so they need no other run.
public struct LectureDeck: Sendable {
    /// Models, figure kinds, size, grid, titles and labels as for the kit; the first theme and
    /// language are the deck's.
    public let configuration: KitConfiguration
    /// Add build slides before the step, training and landscape figures.
    public let builds: Bool

    /// Creates the deck of `configuration`'s figures.
    public init(configuration: KitConfiguration, builds: Bool = false) {
        self.configuration = configuration
        self.builds = builds
    }

    /// The most build slides of one figure from the training path (the figure itself comes after them).
    static let maximumEpochBuilds = 7

    /// The epochs of the training path's build slides for a run of `last` epochs: 0, then 1, 2, 5,
    /// 10, 20, 50, … below `last`, at most ``maximumEpochBuilds`` in all; `last` itself is the figure.
    static func buildEpochs(last: Int) -> [Int] {
        guard last > 0 else { return [] }
        var epochs = [0]
        var decade = 1
        while decade < last, epochs.count < maximumEpochBuilds {
            for multiple in [1, 2, 5] where multiple * decade < last && epochs.count < maximumEpochBuilds {
                epochs.append(multiple * decade)
            }
            decade *= 10
        }
        return epochs
    }

    /// The deck's figures in lecture order.
    var jobs: [KitFigureJob] {
        KitReport.lectureOrder(KitFigureStage.jobs(configuration)) { $0.stem }
    }

    /// The figures' style: the first theme and language, the kit's size and resolution.
    var style: FigureStyle {
        FigureStyle(theme: configuration.figures.themes.first ?? .light, language: configuration.figures.languages.first ?? .english,
                    size: configuration.figures.size, dpi: configuration.figures.dpi)
    }

    /// Every run the deck reads: the models' and the figures' (the build slides read the same runs).
    public func runRequests(catalog: DataCatalog) throws -> [RunRequest] {
        let models = configuration.models.map { RunRequest($0) }
        let figures = try LectureFigures.runRequests(jobs.map(\.spec), catalog: catalog)
        var seen = Set<RunRequest>()
        return (models + figures).filter { seen.insert($0).inserted }
    }

    /// Draws every slide from `store` (figures in parallel, at most one per core in flight);
    /// `progress` is called after each figure with (done, total).
    ///
    /// - Throws: ``ReportingError`` for a run missing from `store`, `PlottingError` when drawing fails.
    public func deck(store: RunStore, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> SlideDeck {
        try await deck(store: store, prepared: [:], progress: progress)
    }

    /// The deck, with each figure's own slide taken from `prepared` (by figure stem) where it is
    /// there: the kit makes those with the figures, from the same pixels as their PNGs.
    func deck(store: RunStore, prepared: [String: SlideDeck.Slide],
              progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> SlideDeck {
        let models = try store.models(configuration.models.map { RunRequest($0) })
        let style = self.style
        let text = style.text
        let report = KitReport(configuration: configuration, models: models, store: store, figures: [])
        let jobs = self.jobs
        let stems = Set(jobs.map(\.stem))
        let outline = report.sections.filter { !Set($0.stems).isDisjoint(with: stems) }
            .map { "\($0.heading): \($0.introduction)" }.joined(separator: "\n")
        var deck = SlideDeck(title: text.deckTitle, subtitle: text.deckSubtitle, titleNotes: outline,
                             shape: SlideDeck.Shape(closestTo: style.size), theme: style.theme, language: style.language)
        let deckBuilder = self
        let slides = try await mapInFlight(jobs, progress: progress) { job in
            try deckBuilder.slides(for: job, style: deckBuilder.configuration.style(style, for: job), store: store, models: models,
                                   prepared: prepared[job.stem])
        }
        deck.slides = slides.flatMap { $0 }
        // The cover shows the lecture's picture: the first landscape with its path (the last
        // slide of its builds), or else the first figure.
        let firstLandscape = jobs.indices.first { if case .landscape(let options) = jobs[$0].spec { !options.raw } else { false } }
        let lastOfGroup = firstLandscape.map { index in slides[...index].reduce(0) { $0 + $1.count } - 1 }
        deck.coverSlide = deck.slides.isEmpty ? nil : (lastOfGroup ?? 0)
        return deck
    }

    /// The slides of one figure: its build slides (when asked for), then the figure.
    func slides(for job: KitFigureJob, style: FigureStyle, store: RunStore, models: [TrainedModel],
                prepared: SlideDeck.Slide? = nil) throws -> [SlideDeck.Slide] {
        if let prepared, !builds { return [prepared] }
        let product = try LectureFigures.make(job.spec, style: style, store: store)
        let caption = try KitCaptions(models: models, store: store, language: style.language, labels: style.labels)
            .caption(for: job, summary: product.summary)
        let title = product.figure.title ?? job.stem
        var slides: [SlideDeck.Slide] = []
        if builds {
            for (figure, state) in try buildFigures(job.spec, style: style, store: store, title: title) {
                slides.append(try Self.slide(figure, notes: style.text.buildNote(state) + "\n" + caption, style: style,
                                             svgText: configuration.figures.svgText))
            }
        }
        slides.append(try prepared ?? Self.slide(product.figure, notes: caption, style: style, svgText: configuration.figures.svgText))
        return slides
    }

    /// The build figures of `spec` (none for kinds without builds) with the state each shows.
    private func buildFigures(_ spec: FigureSpec, style: FigureStyle, store: RunStore, title: String) throws -> [(Figure, String)] {
        let text = style.text
        switch spec {
        case .step(let options) where options.shownSteps == nil:
            return try (0..<options.steps).map { shown in
                var partial = options
                partial.shownSteps = shown
                let figure = try LectureFigures.make(.step(partial), style: style, store: store).figure
                let state = text.stepBuild(shown: shown, of: options.steps)
                figure.title = "\(title) (\(state))"
                return (figure, state)
            }
        case .training(let options) where options.epoch == nil:
            let last = try store.model(RunRequest(options.run)).history.epochsRun
            return try Self.buildEpochs(last: last).map { epoch in
                var partial = options
                partial.epoch = epoch
                return (try LectureFigures.make(.training(partial), style: style, store: store).figure, text.epochBuild(epoch, of: last))
            }
        case .landscape(let options) where !options.raw:
            var frameOptions = FrameOptions()
            frameOptions.layout = .landscape
            frameOptions.jobs = 1
            let sequence = try FrameSequence(FramesSpec(run: options.run, plane: options.plane), style: style, options: frameOptions,
                                             store: store)
            let last = sequence.trained?.history.epochsRun ?? 0
            return Self.buildEpochs(last: last).compactMap { epoch in
                guard let frame = sequence.plan.frames.first(where: { $0.point.epoch == epoch }) else { return nil }
                // The landscape's title with the state on the slide; the frame's own line
                // (epoch, equation, MSE) as the picture's subtitle.
                let figure = sequence.figure(for: frame)
                let state = text.epochBuild(epoch, of: last)
                figure.subtitle = figure.title
                figure.title = "\(title) (\(state))"
                return (figure, state)
            }
        default:
            return []
        }
    }

    /// A slide of `figure`: its title becomes the slide's title, and the picture is the figure
    /// below its title band (`Figure.UntitledPicture`), whose SVG writes text as `svgText` says
    /// (by default `<text>`, so its labels stay editable).
    static func slide(_ figure: Figure, notes: String, style: FigureStyle, svgText: SVGTextMode = .text) throws -> SlideDeck.Slide {
        let title = figure.title ?? ""
        let picture = try figure.untitledPicture(options: style.pngOptions(title: title, description: notes), svgText: svgText)
        return slide(title: title, notes: notes, picture: picture)
    }

    /// The slide of a picture made before (the kit makes it with the figure's own PNG).
    static func slide(title: String, notes: String, picture: Figure.UntitledPicture) -> SlideDeck.Slide {
        SlideDeck.Slide(title: title, notes: notes,
                        picture: SlideDeck.Picture(png: picture.png, svg: picture.svg, size: picture.size, description: notes))
    }
}
