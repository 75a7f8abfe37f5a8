import ArgumentParser
import Foundation
import Plotting
import Reporting

/// `descent slides`: the lecture's figures as a PowerPoint deck.
struct SlidesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slides",
        abstract: "Write the lecture's figures as a PowerPoint deck (.pptx): one slide per figure, captions in the speaker notes.",
        discussion: """
            A title slide, then one slide per figure of the kit (the figures `descent build` draws, in the \
            reports' order): the figure's title as the slide's editable title, the figure under it (SVG for \
            PowerPoint 2016 and later, PNG for every other program), its caption in the speaker notes. \
            Without --model the deck shows both of the notebook's models. The slides are 16:9 for --size slide \
            and 4:3 for --size slide-4x3 (other sizes: whichever is closer); their colours follow --theme. \
            --builds adds slides before the worked step (one update at a time), the training view and the \
            landscape (epochs 0, 1, 2, 5, 10, 20, 50 before the last), all from the same runs.

            Examples:
              descent slides
              descent slides --lang fi --size slide-4x3 --out luento.pptx
              descent slides --model linear --builds --theme dark --out linear.pptx
            """
    )

    @OptionGroup var training: TrainingOptions

    @Option(help: "Figure kinds, comma separated (\(FigureKind.allCases.map(\.rawValue).joined(separator: ", "))). Default: all but interpolation.")
    var kinds: String?

    @OptionGroup var look: LookOptions

    @Option(help: "Landscape grid points per side, 2...4096.")
    var grid: Int = 400

    @Flag(help: "Add build slides that reveal the worked step, the training view and the landscape's path step by step.")
    var builds = false

    @Option(help: "Output file, ending in .pptx.")
    var out: String = "slides.pptx"

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard (out as NSString).pathExtension.lowercased() == "pptx" else {
            throw ValidationError("--out '\(out)' is not a .pptx file name: the deck is a PowerPoint file, e.g. --out slides.pptx.")
        }
        guard (2...4096).contains(grid) else {
            throw ValidationError("--grid \(grid) is out of range: use 2 to 4096 points per side.")
        }
        _ = try parsedKinds()
    }

    func run() async throws {
        // The folder is checked before the figures are drawn, which takes a while.
        let destination = URL(fileURLWithPath: out)
        var isDirectory: ObjCBool = false
        let folder = destination.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            throw PlottingError.parentDirectoryMissing(path: destination.path)
        } else if !isDirectory.boolValue {
            throw PlottingError.parentIsNotDirectory(path: destination.path)
        }
        var configuration = KitConfiguration()
        configuration.models = try training.models(default: .both).map { try training.configuration(for: $0) }
        let style = try look.style()
        configuration.figures.kinds = try parsedKinds()
        configuration.figures.size = style.size
        configuration.figures.dpi = style.dpi
        configuration.figures.grid = grid
        configuration.figures.themes = [look.theme]
        configuration.figures.languages = [style.language]
        configuration.data.xLabel = look.xLabel
        configuration.data.yLabel = look.yLabel
        let deck = LectureDeck(configuration: configuration, builds: builds)
        let catalog = try DataCatalog(dataset: try training.dataset())
        let bar = quiet ? nil : StageProgress()
        let store = try await RunStore.train(try deck.runRequests(catalog: catalog), catalog: catalog) { done, total in
            bar?.update(stage: "train", done: done, total: total)
        }
        let slides = try await deck.deck(store: store) { done, total in bar?.update(stage: "slides", done: done, total: total) }
        try slides.write(to: destination)
        bar?.clear()
        if !quiet {
            print("Wrote \(out): \(slides.slides.count + 1) slides (\(slides.shape == .wide ? "16:9" : "4:3"), \(look.theme.rawValue), \(look.language.rawValue)), captions in the speaker notes.")
        }
    }

    /// `--kinds` as figure kinds, every kind when not given.
    private func parsedKinds() throws -> [FigureKind] {
        guard let kinds else { return FigureKind.kitDefaults }
        return try kinds.split(separator: ",", omittingEmptySubsequences: false).map { field in
            let name = field.trimmingCharacters(in: .whitespaces)
            guard let kind = FigureKind(rawValue: name) else {
                var message = "--kinds: unknown figure kind '\(name)'"
                if let suggestion = FigureKind.suggestion(for: name) { message += "; did you mean \(suggestion.rawValue)?" }
                throw ValidationError(message + " Kinds: \(FigureKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return kind
        }
    }
}
