import ArgumentParser
import Foundation
import Plotting
import Reporting
import Training

/// `descent train`: trains a model and prints what happened.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model and print the result, the closed-form optimum and the per-person table.",
        discussion: """
            Without options this reproduces the lecture notebook's linear run: SGD, learning rate 0.001, \
            300 epochs, starting from w = 0.1, b = 0.1, on the built-in 10 people.

            Examples:
              descent train --model cubic
              descent train --model mlp --hidden 8 --optimizer adam --lr 0.01 \\
                  --epochs 2000
              descent train --model linear --optimizer gd --lr 0.1 --epochs 50 \\
                  --history h.csv
              descent train --data people.csv --x weight_kg --y height_cm --label name
              descent train --data paino.csv --x paino_kg --y pituus_cm --decimal-comma
              descent train --surface rosenbrock --optimizer gd --lr 0.001 --epochs 500 \\
                  --init -1.5,2 --history h.csv
              descent train --surface "x^2 + 10*y^2" --optimizer momentum --lr 0.01
            """
    )

    @OptionGroup var training: TrainingOptions

    @Option(help: "Write the history per epoch to FILE.csv or FILE.json (--surface: FILE.csv with epoch,x,y,loss,grad_norm).")
    var history: String?

    @Option(parsing: .unconditional, help: SurfaceCommandLine.help)
    var surface: String?

    func validate() throws {
        if let history {
            let ext = (history as NSString).pathExtension.lowercased()
            guard ext == "csv" || ext == "json" else {
                throw ValidationError("--history '\(history)' must end in .csv or .json.")
            }
        }
    }

    func run() async throws {
        if let surface { return try runSurface(surface) }
        let request = RunRequest(try training.singleConfiguration(for: "descent train"))
        let catalog = try DataCatalog(dataset: try training.dataset())
        let trained = try await RunStore.train([request], catalog: catalog).model(request)
        // Write the history before printing, so a failed write leaves no misleading success on screen.
        if let history {
            let contents: Data
            if (history as NSString).pathExtension.lowercased() == "json" {
                contents = try trained.history.json()
            } else {
                contents = Data(trained.history.csv().utf8)
            }
            try AtomicFile.write(data: contents, to: URL(fileURLWithPath: history))
        }
        let summary = TrainingSummaryText(trained: trained)
        print(summary.text, terminator: "")
        if let history { print("History written to \(history)") }
        if trained.history.diverged {
            FileHandle.standardError.write(Data("warning: \(summary.divergenceWarning)\n".utf8))
        }
    }

    /// `--surface`: descends the surface and prints the start, the end and the nearest known minimum.
    private func runSurface(_ text: String) throws {
        let run = try SurfaceCommandLine.run(text, training: training)
        if let history, (history as NSString).pathExtension.lowercased() != "csv" {
            throw ToolFailure.usage("--history '\(history)': a surface's history is written as CSV (epoch,x,y,loss,grad_norm); give a .csv file name.")
        }
        let result = try run.run()
        if let history {
            try AtomicFile.write(data: Data(result.csv().utf8), to: URL(fileURLWithPath: history))
        }
        print(SurfaceCommandLine.summary(result), terminator: "")
        if let history { print("History written to \(history)") }
        if case .diverged(let epoch) = result.stopReason {
            FileHandle.standardError.write(Data("warning: the descent diverged in epoch \(epoch) (the loss or the point left the finite numbers, or |f| passed 1e12); lower --lr.\n".utf8))
        }
    }
}
