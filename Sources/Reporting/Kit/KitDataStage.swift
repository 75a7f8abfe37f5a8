import Foundation
import Plotting
import Training

/// Writes the kit's data folder: a CSV and a JSON history per model, the predictions table,
/// the landscape grid of the first model and the summary.
struct KitDataStage {
    let configuration: KitConfiguration
    let models: [TrainedModel]
    let output: URL

    /// Writes the files; returns their paths relative to the output folder.
    func run() throws -> [String] {
        var contents: [Data] = []
        for model in models {
            contents.append(Data(model.history.csv().utf8))
            contents.append(try model.history.json())
        }
        contents.append(Data(KitDataFiles.predictionsCSV(models: models).utf8))
        contents.append(try KitDataFiles.summaryJSON(models: models))
        let paths = Self.paths(configuration)
        for (relative, data) in zip(paths, contents) {
            try KitFileSystem.write(data, to: output.appendingPathComponent(relative))
        }
        return paths
    }

    /// The files the stage writes, relative to the output folder, in the order `run` writes them.
    static func paths(_ configuration: KitConfiguration) -> [String] {
        let folder = configuration.dataFolder
        return configuration.models.flatMap { model in
            ["csv", "json"].map { "\(folder)/history-\(model.model.fileName).\($0)" }
        } + ["\(folder)/predictions.csv", "\(folder)/summary.json"]
    }
}
