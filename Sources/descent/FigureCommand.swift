import ArgumentParser
import Foundation
import Plotting
import Reporting
import Training

/// `descent figure KIND`: draws one of the lecture's figures.
struct FigureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Draw one lecture figure as PNG, SVG or PDF.",
        discussion: """
            Kinds: \(FigureKind.allCases.map(\.rawValue).joined(separator: ", ")).
            The output format follows the extension of --out (png, svg or pdf).

            Examples:
              descent figure fit --out fit.png
              descent figure fit --model both --residuals --labels --theme dark --out fit.svg
            """
    )

    @Argument(help: ArgumentHelp("The figure to draw.", valueName: "kind"))
    var kindName: String

    @OptionGroup var training: TrainingOptions
    @OptionGroup var style: StyleOptions

    @Option(help: "Output file: .png, .svg or .pdf. Default: KIND.png in the current folder.")
    var out: String?

    @Flag(help: "fit: draw each point's vertical error to the first model's prediction.")
    var residuals = false

    @Flag(help: "fit: write each point's label (the people's names) beside it.")
    var labels = false

    func validate() throws {
        guard FigureKind(rawValue: kindName) != nil else {
            var message = "unknown figure kind '\(kindName)'"
            if let suggestion = FigureKind.suggestion(for: kindName) { message += "; did you mean \(suggestion.rawValue)?" }
            message += " Kinds: \(FigureKind.allCases.map(\.rawValue).joined(separator: ", "))."
            throw ValidationError(message)
        }
        if let out {
            let ext = (out as NSString).pathExtension.lowercased()
            guard ["png", "svg", "pdf"].contains(ext) else {
                throw ValidationError("--out '\(out)' has an unknown format '\(ext)': use a .png, .svg or .pdf file name.")
            }
        }
    }

    func run() throws {
        guard let kind = FigureKind(rawValue: kindName) else { return }
        let models = try training.models()
        var request = FigureRequest(
            kind: kind, style: try style.style(), dataset: try training.dataset(),
            configurations: try models.map { try training.configuration(for: $0) })
        request.showResiduals = residuals
        request.showLabels = labels
        let destination = out ?? "\(kind.rawValue).png"
        let product = try LectureFigures.write(request, to: URL(fileURLWithPath: destination))
        print("Wrote \(destination): \(product.summary)")
    }
}
