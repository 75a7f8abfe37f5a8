import Foundation
import Training

/// One figure of the kit: its file stem, the request that draws it, and its place in the report.
public struct KitFigureJob: Sendable {
    /// File name without extension, e.g. `landscape-linear`.
    public let stem: String
    /// The figure request.
    public let request: FigureRequest
    /// The model the figure is about ("linear", "cubic"), or nil for figures of both or of neither.
    public let modelName: String?

    /// The kit's figures for `kinds`, for every model where a kind applies, in lecture order.
    ///
    /// fit and loss: each model, and both together when linear and cubic are trained; training,
    /// landscape, lr-sweep and slice: each model; normalization: the linear model (the cubic's raw
    /// features span nine orders of magnitude, so its raw landscape shows nothing); step: the
    /// slides' example once; compare: models (with both) and optimizers (on the first model).
    public static func jobs(kinds: [FigureKind], style: FigureStyle, dataset: Dataset,
                            models: [TrainingConfiguration], grid: Int) -> [KitFigureJob] {
        var jobs: [KitFigureJob] = []
        let linear = models.first { $0.model == .linear }
        let cubic = models.first { $0.model == .cubic }
        func request(_ kind: FigureKind, _ configurations: [TrainingConfiguration]) -> FigureRequest {
            var request = FigureRequest(kind: kind, style: style, dataset: dataset, configurations: configurations)
            request.gridSize = grid
            return request
        }
        for kind in FigureKind.allCases where kinds.contains(kind) {
            switch kind {
            case .fit, .loss:
                for configuration in models {
                    var single = request(kind, [configuration])
                    single.showResiduals = kind == .fit
                    single.showLabels = kind == .fit
                    jobs.append(KitFigureJob(stem: "\(kind.rawValue)-\(configuration.model.fileName)", request: single,
                                             modelName: configuration.model.name))
                }
                if let linear, let cubic {
                    jobs.append(KitFigureJob(stem: "\(kind.rawValue)-both", request: request(kind, [linear, cubic]), modelName: nil))
                }
            case .training, .landscape, .lrSweep, .slice:
                for configuration in models {
                    jobs.append(KitFigureJob(stem: "\(kind.rawValue)-\(configuration.model.fileName)",
                                             request: request(kind, [configuration]), modelName: configuration.model.name))
                }
            case .normalization:
                if let linear {
                    jobs.append(KitFigureJob(stem: "normalization-linear", request: request(kind, [linear]), modelName: "linear"))
                }
            case .step:
                jobs.append(KitFigureJob(stem: "step-lecture", request: request(kind, models), modelName: nil))
            case .compare:
                if let linear, let cubic {
                    jobs.append(KitFigureJob(stem: "compare-models", request: request(kind, [linear, cubic]), modelName: nil))
                }
                if let first = models.first {
                    var optimizers = request(kind, [first])
                    optimizers.comparison = .optimizers
                    jobs.append(KitFigureJob(stem: "compare-optimizers", request: optimizers, modelName: first.model.name))
                }
            }
        }
        return jobs
    }
}

extension PolynomialModel {
    /// A file-name-safe name: `linear`, `cubic`, `degree-5`.
    var fileName: String { name.replacingOccurrences(of: " ", with: "-") }
}
