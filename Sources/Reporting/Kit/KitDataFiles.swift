import Foundation
import Training

/// The kit's data files: histories, the per-person predictions table and the JSON summary.
///
/// Numbers are written in Swift's shortest round-trip form, so they read back exactly; JSON keys
/// are sorted, so the same run gives the same bytes.
enum KitDataFiles {
    /// `predictions.csv`: one row per data point, each model's prediction and error (actual − predicted).
    static func predictionsCSV(models: [TrainedModel]) -> String {
        guard let first = models.first else { return "" }
        let data = first.data.original
        var header = ["label", data.xName, data.yName]
        for model in models {
            let name = model.model.fileName
            header += ["\(name)_prediction", "\(name)_error"]
        }
        var lines = [header.joined(separator: ",")]
        let predictions = models.map(\.predictions)
        for index in data.x.indices {
            var row = [csvField(data.labels?[index] ?? "\(index + 1)"), "\(data.x[index])", "\(data.y[index])"]
            for modelPredictions in predictions {
                row += ["\(modelPredictions[index])", "\(data.y[index] - modelPredictions[index])"]
            }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `summary.json`: data, and per model the final parameters, equations, MSE, MAE and the closed form.
    static func summaryJSON(models: [TrainedModel]) throws -> Data {
        guard let first = models.first else { return Data("{}\n".utf8) }
        let data = first.data
        let summary = Summary(
            data: .init(source: data.original.source ?? "built-in notebook data", count: data.original.count,
                        x: data.original.xName, y: data.original.yName,
                        xMean: data.xScale.mean, xStandardDeviation: data.xScale.standardDeviation,
                        yMean: data.yScale.mean, yStandardDeviation: data.yScale.standardDeviation),
            models: models.map { model in
                let names = model.model.parameterNames
                return ModelSummary(
                    model: model.model.name,
                    optimizer: model.history.configuration.optimizer.name,
                    learningRate: model.history.configuration.learningRate,
                    epochsRun: model.history.epochsRun,
                    stopReason: model.history.stopReason.description,
                    diverged: model.history.diverged,
                    parameters: Dictionary(uniqueKeysWithValues: zip(names, model.finalParameters)),
                    equation: model.equation(),
                    mse: model.finalMeanSquaredError,
                    maeOriginalUnits: model.finalMeanAbsoluteError,
                    closedForm: .init(parameters: Dictionary(uniqueKeysWithValues: zip(names, model.optimum)),
                                      equation: model.equation(parameters: model.optimum),
                                      mse: model.optimumMeanSquaredError,
                                      maeOriginalUnits: model.optimumMeanAbsoluteError),
                    distanceToOptimum: model.distanceToOptimum,
                    stableLearningRate: model.statistics.stableLearningRate,
                    hessianEigenvalues: model.statistics.hessianEigenvalues())
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(summary) + Data("\n".utf8)
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private struct Summary: Encodable {
        struct DataSummary: Encodable {
            let source: String
            let count: Int
            let x: String
            let y: String
            let xMean: Double
            let xStandardDeviation: Double
            let yMean: Double
            let yStandardDeviation: Double
        }
        let data: DataSummary
        let models: [ModelSummary]
    }

    private struct ModelSummary: Encodable {
        struct ClosedForm: Encodable {
            let parameters: [String: Double]
            let equation: String
            let mse: Double
            let maeOriginalUnits: Double
        }
        let model: String
        let optimizer: String
        let learningRate: Double
        let epochsRun: Int
        let stopReason: String
        let diverged: Bool
        let parameters: [String: Double]
        let equation: String
        let mse: Double
        let maeOriginalUnits: Double
        let closedForm: ClosedForm
        let distanceToOptimum: Double
        let stableLearningRate: Double
        let hessianEigenvalues: [Double]
    }
}
