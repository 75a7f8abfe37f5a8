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
        let folder = configuration.dataFolder
        var files: [(String, Data)] = []
        for model in models {
            let name = model.model.fileName
            files.append(("\(folder)/history-\(name).csv", Data(model.history.csv().utf8)))
            files.append(("\(folder)/history-\(name).json", try model.history.json()))
        }
        files.append(("\(folder)/predictions.csv", Data(KitDataFiles.predictionsCSV(models: models).utf8)))
        files.append(("\(folder)/summary.json", try KitDataFiles.summaryJSON(models: models)))
        for (relative, data) in files {
            try KitFileSystem.write(data, to: output.appendingPathComponent(relative))
        }
        return files.map(\.0)
    }
}
