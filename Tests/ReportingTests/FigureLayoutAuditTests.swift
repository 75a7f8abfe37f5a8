import Foundation
import Plotting
@testable import Reporting
import Testing
import Training

/// Every lecture figure kind, at every size preset and a few more (640x360, 21:9), in both
/// languages and every theme, goes through Plotting's `LayoutAudit`: every text inside the
/// canvas, no two texts overlapping, tick labels apart, legends and labels clear of the data.
/// A failure names the figure and the two items. `LAYOUT_AUDIT_SIZES=all` adds 4K and odd sizes
/// (`scripts/audit-figures.sh`).
@Suite("Layout audit of the lecture's figures")
struct FigureLayoutAuditTests {
    static var sizes: [(name: String, size: FigureSize)] {
        var sizes: [(String, FigureSize)] = FigureSize.presets + [
            ("640x360", try! FigureSize(width: 640, height: 360)), ("2520x1080", try! FigureSize(width: 2520, height: 1080)),
        ]
        if ProcessInfo.processInfo.environment["LAYOUT_AUDIT_SIZES"] == "all" {
            sizes += [("3840x2160", try! FigureSize(width: 3840, height: 2160)), ("1080x1920", try! FigureSize(width: 1080, height: 1920)),
                      ("800x600", try! FigureSize(width: 800, height: 600)), ("1600x900", try! FigureSize(width: 1600, height: 900))]
        }
        return sizes
    }

    /// One spec of each kind, as the kit draws them (small grids: the layout does not depend on them).
    static let specs: [(name: String, spec: FigureSpec)] = {
        let linear = TrainingConfiguration.notebook(for: .linear), cubic = TrainingConfiguration.notebook(for: .cubic)
        let plane = LandscapeOptions(gridSize: 40)
        var network = TrainingConfiguration.network(try! NetworkModel(hiddenUnits: 8))
        network.optimizer = .defaultAdam
        network.maxEpochs = 300
        return [
            ("fit-linear", .fit(FitSpec(runs: [linear], residuals: true, labels: true))),
            ("fit-both", .fit(FitSpec(runs: [linear, cubic]))),
            ("loss-both", .loss(LossSpec(runs: [linear, cubic]))),
            ("training-cubic", .training(TrainingViewSpec(run: cubic))),
            ("landscape-linear", .landscape(LandscapeSpec(run: linear, plane: plane))),
            ("landscape-cubic", .landscape(LandscapeSpec(run: cubic, plane: plane))),
            ("normalization", .normalization(NormalizationSpec(run: linear, plane: plane))),
            ("lr-sweep-both", .lrSweep(LearningRateSweepSpec(runs: [linear, cubic]))),
            ("slice-linear", .slice(SliceSpec(run: linear))),
            ("step", .step(StepSpec())),
            ("compare-models", .compareModels(CompareModelsSpec(completing: [linear, cubic]))),
            ("compare-optimizers", .compareOptimizers(CompareOptimizersSpec(base: linear, plane: plane))),
            ("parameters-both", .parameters(ParametersSpec(runs: [linear, cubic]))),
            ("parameters-cubic", .parameters(ParametersSpec(runs: [cubic]))),
            ("chain-rule-linear", .chainRule(ChainRuleSpec(run: linear))),
            ("chain-rule-cubic", .chainRule(ChainRuleSpec(run: cubic, sample: "Harry", epoch: 3))),
            ("degree-sweep", .degreeSweep(DegreeSweepSpec())),
            ("residuals-both", .residuals(ResidualsSpec(runs: [linear, cubic]))),
            ("schedules-linear", .schedules(SchedulesSpec(base: linear))),
            ("schedules-cubic", .schedules(SchedulesSpec(base: cubic))),
            ("landscape-rosenbrock", .surfaceLandscape(SurfaceLandscapeSpec(
                run: SurfaceRun(surface: Surface(.rosenbrock), learningRate: 0.001, epochs: 500, startX: -1.5, startY: 2), gridSize: 40))),
            ("landscape-styblinski-tang", .surfaceLandscape(SurfaceLandscapeSpec(
                run: SurfaceRun(surface: Surface(.styblinskiTang), learningRate: 0.01, epochs: 200, startX: 0.5, startY: 4), gridSize: 40))),
            ("landscape-formula", .surfaceLandscape(SurfaceLandscapeSpec(
                run: SurfaceRun(surface: try! Surface("log(x) + y^2 + sin(3*x)"), learningRate: 0.01, epochs: 200, startX: 2, startY: 1.5),
                xRange: -1...3, gridSize: 40))),
            ("surface-rosenbrock", .surfaceMesh(SurfaceMeshSpec(landscape: Self.rosenbrock))),
            ("surface-formula", .surfaceMesh(SurfaceMeshSpec(landscape: Self.formula, elevation: 45, azimuth: 30))),
            ("gradient-field-rosenbrock", .surfaceGradientField(SurfaceGradientFieldSpec(landscape: Self.rosenbrock))),
            ("gradient-field-formula", .surfaceGradientField(SurfaceGradientFieldSpec(landscape: Self.formula))),
            ("gradient-field-saddle", .surfaceGradientField(SurfaceGradientFieldSpec(landscape: SurfaceLandscapeSpec(
                run: SurfaceRun(surface: Surface(.saddle), learningRate: 0.1, epochs: 20, startX: 1.5, startY: 0.05), gridSize: 40)))),
            ("compare-rosenbrock", .surfaceCompare(SurfaceCompareSpec(landscape: Self.rosenbrock))),
            ("compare-formula", .surfaceCompare(SurfaceCompareSpec(landscape: Self.formula))),
            ("landscape-mlp-random", .landscape(LandscapeSpec(run: network, plane: plane))),
            ("landscape-mlp-pca", .landscape(LandscapeSpec(run: network, plane: LandscapeOptions(principalPlane: true, gridSize: 40)))),
            ("interpolation-mlp", .interpolation(InterpolationSpec(run: network))),
            ("interpolation-cubic", .interpolation(InterpolationSpec(run: cubic))),
            ("chain-rule-mlp-3", .chainRule(ChainRuleSpec(run: .network(try! NetworkModel(hiddenUnits: 3)), sample: "Harry", epoch: 2))),
            ("chain-rule-mlp-16", .chainRule(ChainRuleSpec(run: .network(try! NetworkModel(hiddenUnits: 16))))),
        ] + dynamicsSpecs
    }()

    /// Rosenbrock's default descent, and a formula with negative values and undefined points.
    static let rosenbrock = SurfaceLandscapeSpec(
        run: SurfaceRun(surface: Surface(.rosenbrock), learningRate: 0.001, epochs: 500, startX: -1.5, startY: 2), gridSize: 40)
    static let formula = SurfaceLandscapeSpec(
        run: SurfaceRun(surface: try! Surface("log(x) + y^2 + sin(3*x)"), learningRate: 0.01, epochs: 200, startX: 2, startY: 1.5),
        xRange: -1...3, gridSize: 40)

    /// The figures that look inside gradient descent (issue 15).
    static let dynamicsSpecs: [(name: String, spec: FigureSpec)] = {
        let linear = TrainingConfiguration.notebook(for: .linear), cubic = TrainingConfiguration.notebook(for: .cubic)
        return [
            ("overshoot-linear", .overshoot(OvershootSpec(run: linear))),
            ("overshoot-cubic", .overshoot(OvershootSpec(run: cubic))),
            ("gradient-field-linear", .gradientField(GradientFieldSpec(run: linear, plane: LandscapeOptions(gridSize: 40)))),
            ("sgd-noise-linear", .sgdNoise(GradientNoiseSpec(run: linear))),
            ("sgd-noise-cubic", .sgdNoise(GradientNoiseSpec(run: cubic))),
            ("optimizer-state-linear", .optimizerState(OptimizerStateSpec(run: linear))),
            ("optimizer-state-cubic", .optimizerState(OptimizerStateSpec(run: cubic))),
            ("surface-linear", .surface(SurfaceSpec(run: linear, plane: LandscapeOptions(gridSize: 40)))),
            ("surface-cubic", .surface(SurfaceSpec(run: cubic, plane: LandscapeOptions(gridSize: 40)))),
            ("gradient-field-cubic", .gradientField(GradientFieldSpec(run: cubic, plane: LandscapeOptions(gridSize: 40)))),
        ]
    }()

    @Test("no text outside the canvas, no overlaps, tick labels apart, data uncovered", arguments: specs.indices)
    func audit(index: Int) async throws {
        let (name, spec) = Self.specs[index]
        let store = try await Runs.store([spec])
        var failures: [String] = []
        for (sizeName, size) in Self.sizes {
            for language in Language.allCases {
                for theme in FigureTheme.allCases {
                    let style = FigureStyle(theme: theme, language: language, size: size)
                    let figure = try LectureFigures.make(spec, style: style, store: store).figure
                    let problems = try LayoutAudit.audit(figure)
                    failures += problems.map { "\(name) \(sizeName) \(language.rawValue) \(theme.rawValue): \($0)" }
                }
            }
        }
        let report = "\(failures.count) problems:\n" + failures.prefix(40).joined(separator: "\n")
        #expect(failures.isEmpty, "\(report)")
    }
}
