import Foundation
import Plotting
@testable import Reporting
import Training

/// Trains what a test needs through the same store every command uses.
enum Runs {
    /// The trained run of `configuration` on `source` of `dataset`.
    static func trained(_ configuration: TrainingConfiguration, on source: DataSource = .zScored,
                        dataset: Dataset = .notebook) async throws -> TrainedModel {
        let request = RunRequest(configuration, on: source)
        return try await RunStore.train([request], catalog: try DataCatalog(dataset: dataset)).model(request)
    }

    /// The store of `specs`' runs on `dataset`.
    static func store(_ specs: [FigureSpec], dataset: Dataset = .notebook) async throws -> RunStore {
        try await LectureFigures.train(specs, catalog: try DataCatalog(dataset: dataset))
    }

    /// `spec` drawn in `style`, its runs trained first.
    static func product(_ spec: FigureSpec, style: FigureStyle = FigureStyle(), dataset: Dataset = .notebook) async throws -> FigureProduct {
        try LectureFigures.make(spec, style: style, store: try await store([spec], dataset: dataset))
    }

    /// The texts drawn by `figure` (through the recording renderer), with its title and subtitle.
    static func texts(_ figure: Figure) -> [String] {
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        return recorder.texts.map(\.text) + [figure.title ?? "", figure.subtitle ?? ""]
    }
}
