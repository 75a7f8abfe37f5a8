import Foundation
import Plotting
import Training

/// Builds the lecture's figures from a ``RunStore``: the runs are trained before, never here.
public enum LectureFigures {
    /// The runs `specs` read (duplicates removed, first occurrence first).
    public static func runRequests(_ specs: [FigureSpec], catalog: DataCatalog) throws -> [RunRequest] {
        var seen = Set<RunRequest>()
        var requests: [RunRequest] = []
        for spec in specs {
            for request in try spec.runRequests(catalog) where seen.insert(request).inserted { requests.append(request) }
        }
        return requests
    }

    /// Validates `specs` and trains every run they read, once.
    public static func train(_ specs: [FigureSpec], catalog: DataCatalog) async throws -> RunStore {
        for spec in specs { try spec.validate() }
        return try await RunStore.train(try runRequests(specs, catalog: catalog), surfaces: specs.flatMap(\.surfaceRequests), catalog: catalog)
    }

    /// Draws `spec` in `style` from the runs in `store`.
    ///
    /// - Throws: ``ReportingError`` for options that only the trained runs can refute (an epoch
    ///   past the end, a principal plane of a path that never moves), or a run missing from `store`.
    public static func make(_ spec: FigureSpec, style: FigureStyle, store: RunStore) throws -> FigureProduct {
        let product = try build(spec, style: style, store: store)
        if let title = style.labels.title { product.figure.title = title }
        if let subtitle = style.labels.subtitle { product.figure.subtitle = subtitle }
        return product
    }

    private static func build(_ spec: FigureSpec, style: FigureStyle, store: RunStore) throws -> FigureProduct {
        try spec.validate()
        let requests = try spec.runRequests(store.catalog)
        let models = try store.models(requests)
        switch spec {
        case .fit(let options):
            return try FitFigure.make(options, style: style, models: models)
        case .loss(let options):
            return try LossFigure.make(options, style: style, models: models)
        case .training(let options):
            return try TrainingFigure.make(options, style: style, model: models[0])
        case .landscape(let options):
            if let network = options.run.network {
                return try NetworkLandscapeFigure.make(options, style: style, model: models[0], network: network)
            }
            return try LandscapeFigure.make(options, style: style, model: models[0])
        case .interpolation(let options):
            return try InterpolationFigure.make(options, style: style, model: models[0])
        case .normalization(let options):
            return try NormalizationFigure.make(options, style: style, raw: models[0], zScored: models[1])
        case .lrSweep(let options):
            let counts = try options.requests(store.catalog).map(\.count)
            var sweeps: [[TrainedModel]] = []
            var next = 0
            for count in counts {
                sweeps.append(Array(models[next..<(next + count)]))
                next += count
            }
            return LearningRateSweepFigure.make(options, style: style, sweeps: sweeps)
        case .slice(let options):
            return try SliceFigure.make(options, style: style, model: models[0])
        case .step(let options):
            return try StepFigure.make(options, style: style, model: models[0])
        case .compareModels:
            return CompareModelsFigure.make(style: style, models: models)
        case .compareOptimizers(let options):
            return try OptimizerComparisonFigure.make(options, style: style, runs: models)
        case .overshoot(let options):
            return try OvershootFigure.make(options, style: style, model: models[0])
        case .gradientField(let options):
            return try GradientFieldFigure.make(options, style: style, model: models[0])
        case .sgdNoise(let options):
            return try GradientNoiseFigure.make(options, style: style, model: models[0])
        case .optimizerState(let options):
            return try OptimizerStateFigure.make(options, style: style, momentum: models[0], adam: models[1])
        case .surface(let options):
            return try SurfaceFigure.make(options, style: style, model: models[0])
        case .parameters(let options):
            return try ParametersFigure.make(options, style: style, models: models)
        case .chainRule(let options):
            return try ChainRuleFigure.make(options, style: style, model: models[0])
        case .degreeSweep(let options):
            return try DegreeSweepFigure.make(options, style: style, catalog: store.catalog)
        case .residuals(let options):
            return try ResidualsFigure.make(options, style: style, models: models)
        case .schedules(let options):
            return try SchedulesFigure.make(options, style: style, runs: models)
        case .surfaceLandscape(let options):
            return try SurfaceLandscapeFigure.make(options, style: style, history: store.surfaceHistory(options.run))
        case .surfaceMesh(let options):
            return try SurfaceMeshFigure.make(options, style: style, history: store.surfaceHistory(options.landscape.run))
        case .surfaceGradientField(let options):
            return try SurfaceGradientFieldFigure.make(options, style: style, history: store.surfaceHistory(options.landscape.run))
        case .surfaceCompare(let options):
            return try SurfaceCompareFigure.make(options, style: style, histories: options.requests.map(store.surfaceHistory))
        }
    }
}

/// A built figure and what goes with it.
public struct FigureProduct {
    /// The figure to write.
    public let figure: Figure
    /// A one-line description for the PNG's tEXt Description and the terminal.
    public let summary: String
    /// The landscape grid of figures that draw one, for `gridCSV()`.
    let landscape: (plane: LandscapePlane, grid: ValueGrid)?
    /// The figure's numbers as CSV, for figures that have a table (`degree-sweep`).
    let table: String?
    /// The grid as CSV of a landscape not drawn by a `LandscapePlane` (a network's), made on demand.
    let otherGrid: (() -> String)?

    init(figure: Figure, summary: String, landscape: (plane: LandscapePlane, grid: ValueGrid)? = nil, table: String? = nil,
         gridCSV: (() -> String)? = nil) {
        self.figure = figure
        self.summary = summary
        self.landscape = landscape
        self.table = table
        otherGrid = gridCSV
    }

    /// The figure's table as CSV (`degree-sweep`: `degree,train_mse_cm2,loo_mse_cm2`), or nil for
    /// figures without one.
    public func tableCSV() -> String? { table }

    /// The landscape grid as CSV (header `<P1>,<P2>,mse`, see `LandscapePlane.csv`; `x,y,loss`
    /// for a surface, see `SurfaceLandscapeFigure.csv`), or nil for figures without one.
    public func gridCSV() -> String? {
        landscape.map { $0.plane.csv($0.grid) } ?? otherGrid?()
    }
}
