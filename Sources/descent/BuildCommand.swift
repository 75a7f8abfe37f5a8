import ArgumentParser
import Foundation
import Reporting

/// `descent build [FILE.yaml]`: the lecture kit in one command (also what `descent` alone runs).
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the lecture kit: every figure, the frames, the data, report.html, report.md, handout.pdf and slides.pptx.",
        discussion: """
            Without a file this is the default run: both of the notebook's models with its settings, every \
            figure kind as PNG, SVG and PDF at slide size (light theme, English), the animation frames, the \
            data files, the reports and the slide deck, all in output/. A YAML (or JSON) file chooses models and their \
            settings, figure kinds, sizes, themes, languages, frames and report parts, and the output folder; \
            see Examples/lecture.yaml (the default run) and Examples/finnish-dark.yaml. Each section changes \
            only the settings it names (a model it leaves out keeps the notebook's settings; cubic: false \
            drops the cubic model). The output folder is relative to the folder you run descent in; \
            data.file is read from the build file's folder.

            Examples:
              descent
              descent build Examples/finnish-dark.yaml
              descent build --output /tmp/kit
            """
    )

    @Argument(help: ArgumentHelp("A YAML or JSON build configuration.", valueName: "config"))
    var configurationFile: String?

    @Option(help: "Write the kit here instead of the configuration's output folder (default output/).")
    var output: String?

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if output?.isEmpty == true {
            throw ValidationError("--output is empty: give the kit's folder, e.g. --output kit, or leave --output out for output/.")
        }
    }

    func run() async throws {
        var configuration = try configurationFile.map { try KitConfigurationLoader.load(path: $0) } ?? KitConfiguration()
        if let output { configuration.output = output }
        let builder = KitBuilder(configuration: configuration,
                                 workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let start = DispatchTime.now()
        let bar = quiet ? nil : StageProgress()
        let result = try await builder.build { event in
            guard let bar else { return }
            switch event {
            case let .started(name): bar.update(stage: name, done: 0, total: 0)
            case let .advanced(name, done, total): bar.update(stage: name, done: done, total: total)
            case let .finished(stage):
                bar.clear()
                print(stage.name.padding(toLength: 12, withPad: " ", startingAt: 0) + String(format: "%6.2f s  ", stage.seconds) + stage.detail)
            }
        }
        guard !quiet else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let folders = Dictionary(grouping: result.files) { $0.split(separator: "/").dropLast().joined(separator: "/") }
        print("")
        print("Wrote \(result.files.count) files to \(configuration.output)/ in \(String(format: "%.1f", seconds)) s:")
        for folder in folders.keys.sorted() {
            let files = folders[folder] ?? []
            print("  \(folder.isEmpty ? "." : folder + "/")  \(files.count) file\(files.count == 1 ? "" : "s")")
        }
        if let html = configuration.report.html { print("Open \(configuration.output)/\(html) in a browser for the walk-through.") }
    }
}
