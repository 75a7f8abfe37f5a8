import Foundation
import Training

/// One figure of the kit: its file stem, the spec that draws it, and its place in the report.
struct KitFigureJob: Sendable, Hashable {
    /// File name without extension, e.g. `landscape-linear`.
    let stem: String
    /// What the figure shows.
    let spec: FigureSpec
    /// The model the figure is about ("linear", "cubic"), or nil for figures of both or of neither.
    let modelName: String?

    /// The kit's figures for `kinds`, for every model where a kind applies, in lecture order.
    ///
    /// fit and loss: each model, and both together when linear and cubic are trained; training,
    /// landscape, lr-sweep and slice: each model; normalization: the linear model (the cubic's raw
    /// features span nine orders of magnitude, so its raw landscape shows nothing); step: the
    /// slides' example once; compare: models (with both) and optimizers (on the first model);
    /// parameters, schedules and chain-rule: each model (chain-rule: the first row at epoch 0); degree-sweep: once; residuals: linear and cubic together (else each model); the
    /// figures of issue 15's second half and interpolation (only when named): each model.
    /// Landscapes use `grid` points per side.
    static func jobs(kinds: [FigureKind], models: [TrainingConfiguration], grid: Int) -> [KitFigureJob] {
        var jobs: [KitFigureJob] = []
        let linear = models.first { $0.model == .linear }
        let cubic = models.first { $0.model == .cubic }
        let plane = LandscapeOptions(gridSize: grid)
        func job(_ kind: FigureKind, _ configuration: TrainingConfiguration, _ spec: FigureSpec) -> KitFigureJob {
            KitFigureJob(stem: "\(kind.rawValue)-\(configuration.model.fileName)", spec: spec, modelName: configuration.model.name)
        }
        for kind in FigureKind.allCases where kinds.contains(kind) {
            switch kind {
            case .fit:
                for configuration in models {
                    jobs.append(job(kind, configuration, .fit(FitSpec(runs: [configuration], residuals: true, labels: true))))
                }
                if let linear, let cubic {
                    jobs.append(KitFigureJob(stem: "fit-both", spec: .fit(FitSpec(runs: [linear, cubic])), modelName: nil))
                }
            case .loss:
                for configuration in models { jobs.append(job(kind, configuration, .loss(LossSpec(runs: [configuration])))) }
                if let linear, let cubic {
                    jobs.append(KitFigureJob(stem: "loss-both", spec: .loss(LossSpec(runs: [linear, cubic])), modelName: nil))
                }
            case .training:
                for configuration in models { jobs.append(job(kind, configuration, .training(TrainingViewSpec(run: configuration)))) }
            case .landscape:
                for configuration in models {
                    jobs.append(job(kind, configuration, .landscape(LandscapeSpec(run: configuration, plane: plane))))
                }
            case .lrSweep:
                for configuration in models { jobs.append(job(kind, configuration, .lrSweep(LearningRateSweepSpec(runs: [configuration])))) }
            case .slice:
                for configuration in models { jobs.append(job(kind, configuration, .slice(SliceSpec(run: configuration)))) }
            case .normalization:
                if let linear {
                    jobs.append(job(kind, linear, .normalization(NormalizationSpec(run: linear, plane: plane))))
                }
            case .step:
                jobs.append(KitFigureJob(stem: "step-lecture", spec: .step(StepSpec()), modelName: nil))
            case .compare:
                if let linear, let cubic {
                    jobs.append(KitFigureJob(stem: "compare-models", spec: .compareModels(CompareModelsSpec(completing: [linear, cubic])),
                                             modelName: nil))
                }
                if let first = models.first {
                    jobs.append(KitFigureJob(stem: "compare-optimizers", spec: .compareOptimizers(CompareOptimizersSpec(base: first, plane: plane)),
                                             modelName: first.model.name))
                }
            case .overshoot:
                for configuration in models { jobs.append(job(kind, configuration, .overshoot(OvershootSpec(run: configuration)))) }
            case .surface:
                for configuration in models {
                    jobs.append(job(kind, configuration, .surface(SurfaceSpec(run: configuration, plane: plane))))
                }
            case .optimizerState:
                for configuration in models { jobs.append(job(kind, configuration, .optimizerState(OptimizerStateSpec(run: configuration)))) }
            case .sgdNoise:
                for configuration in models { jobs.append(job(kind, configuration, .sgdNoise(GradientNoiseSpec(run: configuration)))) }
            case .gradientField:
                for configuration in models {
                    jobs.append(job(kind, configuration, .gradientField(GradientFieldSpec(run: configuration, plane: plane))))
                }
            case .parameters:
                for configuration in models { jobs.append(job(kind, configuration, .parameters(ParametersSpec(runs: [configuration])))) }
            case .chainRule:
                for configuration in models { jobs.append(job(kind, configuration, .chainRule(ChainRuleSpec(run: configuration)))) }
            case .degreeSweep:
                jobs.append(KitFigureJob(stem: "degree-sweep", spec: .degreeSweep(DegreeSweepSpec()), modelName: nil))
            case .residuals:
                if let linear, let cubic {
                    jobs.append(KitFigureJob(stem: "residuals-both", spec: .residuals(ResidualsSpec(runs: [linear, cubic])), modelName: nil))
                } else {
                    for configuration in models { jobs.append(job(kind, configuration, .residuals(ResidualsSpec(runs: [configuration])))) }
                }
            case .schedules:
                for configuration in models { jobs.append(job(kind, configuration, .schedules(SchedulesSpec(base: configuration)))) }
            case .interpolation:
                for configuration in models { jobs.append(job(kind, configuration, .interpolation(InterpolationSpec(run: configuration)))) }
            }
        }
        return jobs
    }

    /// The same job with landscapes on a grid of at most `grid` points per side (for small copies).
    func withGrid(atMost grid: Int) -> KitFigureJob {
        func capped(_ plane: LandscapeOptions) -> LandscapeOptions {
            var plane = plane
            plane.gridSize = min(plane.gridSize, grid)
            return plane
        }
        let spec: FigureSpec
        switch self.spec {
        case .landscape(var options): options.plane = capped(options.plane); spec = .landscape(options)
        case .normalization(var options): options.plane = capped(options.plane); spec = .normalization(options)
        case .compareOptimizers(var options): options.plane = capped(options.plane); spec = .compareOptimizers(options)
        case .gradientField(var options): options.plane = capped(options.plane); spec = .gradientField(options)
        case .surface(var options): options.plane = capped(options.plane); spec = .surface(options)
        default: spec = self.spec
        }
        return KitFigureJob(stem: stem, spec: spec, modelName: modelName)
    }
}

extension PolynomialModel {
    /// A file-name-safe name: `linear`, `cubic`, `degree-5`.
    var fileName: String { name.replacingOccurrences(of: " ", with: "-") }
}
