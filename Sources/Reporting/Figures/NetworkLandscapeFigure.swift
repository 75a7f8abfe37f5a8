import Foundation
import Plotting
import Training

/// The plane of a network's landscape: `θ(α, β) = θ* + α·d₁ + β·d₂` through the final parameters
/// `θ*`, with its grid and the path's coordinates.
///
/// Directions: two filter-normalised random directions (``NetworkLandscape/filterNormalizedDirections(around:seed:)``,
/// seeded with the run's seed) or, with ``LandscapeOptions/principalPlane``, the path's first two
/// principal directions (``LandscapePlane/principalPlane(path:through:)``, as the polynomials' `--pca`).
/// A parameter vector's coordinates are the least-squares solution of `θ − θ* ≈ α·d₁ + β·d₂`
/// (for the orthonormal principal directions the orthogonal projection); the path is drawn at
/// those coordinates, on a plane its points lie near only for the principal directions.
///
/// Ranges: the random plane spans `[−1, 1]²` (a step of 1 moves every unit by its own norm, as in
/// Li et al., 2018), widened to cover the projected path; the principal plane covers the path
/// with 12 % margins (``LandscapePlane/padded(_:otherWidth:)``). Every grid value is the direct MSE
/// (``NetworkLandscape``), the same bits on any number of cores.
struct NetworkLandscapePlane: Sendable {
    /// The network.
    let network: NetworkModel
    /// `θ*`, the plane's origin.
    let center: [Double]
    /// The horizontal direction `d₁`.
    let first: [Double]
    /// The vertical direction `d₂`.
    let second: [Double]
    /// The explained-variance ratios of the principal plane, nil for random directions.
    let explainedVarianceRatio: [Double]?
    /// The horizontal range.
    let aRange: ClosedRange<Double>
    /// The vertical range.
    let bRange: ClosedRange<Double>
    /// Grid points per side.
    let gridSize: Int
    /// Whether one unit is as long on both axes.
    let equalAspect: Bool

    /// The plane of `trained`'s network run.
    ///
    /// - Throws: ``ReportingError/pathDoesNotMove`` for the principal plane of a path that never moves.
    init(model trained: TrainedModel, network: NetworkModel, options: LandscapeOptions) throws {
        self.network = network
        let path = trained.history.epochs.map(\.parameters)
        center = trained.finalParameters
        gridSize = options.gridSize
        if options.principalPlane {
            let principal = try LandscapePlane.principalPlane(path: path, through: center)
            first = principal.first
            second = principal.second
            explainedVarianceRatio = principal.explainedVarianceRatio
        } else {
            let landscape = NetworkLandscape(network: network, x: trained.data.x, y: trained.data.y)
            (first, second) = landscape.filterNormalizedDirections(around: center, seed: trained.history.configuration.seed)
            explainedVarianceRatio = nil
        }
        let (planeCenter, planeFirst, planeSecond) = (center, first, second)
        let points = path.map { Self.coordinates(of: $0, center: planeCenter, first: planeFirst, second: planeSecond) }.filter(\.isFinite)
        let aSpan = LandscapePlane.span(points.map(\.x)), bSpan = LandscapePlane.span(points.map(\.y))
        if explainedVarianceRatio == nil {
            /// `[−1, 1]`, widened to `span` with 12 % margins.
            func covering(_ span: ClosedRange<Double>) -> ClosedRange<Double> {
                let margin = 0.12 * (span.upperBound - span.lowerBound)
                return min(-1, span.lowerBound - margin)...max(1, span.upperBound + margin)
            }
            aRange = covering(aSpan)
            bRange = covering(bSpan)
        } else {
            aRange = LandscapePlane.padded(aSpan, otherWidth: bSpan.upperBound - bSpan.lowerBound)
            bRange = LandscapePlane.padded(bSpan, otherWidth: aSpan.upperBound - aSpan.lowerBound)
        }
        let widths = (aRange.upperBound - aRange.lowerBound, bRange.upperBound - bRange.lowerBound)
        let balanced = max(widths.0, widths.1) <= LandscapePlane.maximumDefaultAspectRatio * min(widths.0, widths.1)
        equalAspect = (options.aspect ?? (balanced ? .equal : .fill)) == .equal
    }

    /// The least-squares coordinates `(α, β)` of `parameters`: `[d₁·d₁ d₁·d₂; d₁·d₂ d₂·d₂]·(α, β) = (d₁·δ, d₂·δ)`
    /// with `δ = θ − θ*` (Cramer's rule; `(0, 0)` for parallel directions).
    static func coordinates(of parameters: [Double], center: [Double], first: [Double], second: [Double]) -> DataPoint {
        let offset = zip(parameters, center).map { $0 - $1 }
        let (g11, g12, g22) = (LandscapePlane.dot(first, first), LandscapePlane.dot(first, second), LandscapePlane.dot(second, second))
        let (r1, r2) = (LandscapePlane.dot(first, offset), LandscapePlane.dot(second, offset))
        let determinant = g11 * g22 - g12 * g12
        guard determinant > 1e-14 * max(g11 * g22, 1e-300) else { return DataPoint(x: 0, y: 0) }
        return DataPoint(x: (r1 * g22 - r2 * g12) / determinant, y: (g11 * r2 - g12 * r1) / determinant)
    }

    /// The coordinates of each recorded epoch (epoch 0 first).
    func pathPoints(_ history: TrainingHistory) -> [DataPoint] {
        history.epochs.map { Self.coordinates(of: $0.parameters, center: center, first: first, second: second) }
    }

    /// The MSE on the grid, rows over `β`, columns over `α` (as ``LandscapePlane/evaluateGrid()``).
    func evaluateGrid(data: NormalizedDataset) -> ValueGrid {
        let a = LandscapePlane.samples(aRange, count: gridSize), b = LandscapePlane.samples(bRange, count: gridSize)
        let landscape = NetworkLandscape(network: network, x: data.x, y: data.y)
        return ValueGrid(values: landscape.meanSquaredErrors(on: (center, first, second), alphas: a, betas: b), xs: a, ys: b)
    }

    /// The grid as CSV: header `alpha,beta,mse` (`pc1,pc2,mse` for the principal plane), `β` outer.
    func csv(_ grid: ValueGrid) -> String {
        var text = explainedVarianceRatio == nil ? "alpha,beta,mse\n" : "pc1,pc2,mse\n"
        for (row, b) in grid.ys.enumerated() {
            for (column, a) in grid.xs.enumerated() { text += "\(a),\(b),\(grid.values[row * grid.columns + column])\n" }
        }
        return text
    }

    /// The axis label of the horizontal (`horizontal`) or vertical axis.
    func axisLabel(horizontal: Bool, style: FigureStyle) -> String {
        let index = horizontal ? 1 : 2
        guard let ratios = explainedVarianceRatio else { return style.text.randomDirectionAxis(index) }
        let ratio = index - 1 < ratios.count ? ratios[index - 1] : .nan
        return style.text.principalAxis(index, explained: style.number(100 * ratio, decimals: 1))
    }
}

/// `landscape` of a network run (`--model mlp`): the MSE on the plane of ``NetworkLandscapePlane``
/// (random filter-normalised directions, or `--directions pca`) as a log heatmap with labelled
/// contours, the path projected onto it, the start and the end `θ*` (the plane's origin). No
/// closed-form optimum exists for the network, so none is marked.
enum NetworkLandscapeFigure {
    /// Builds the figure for the trained network run of `spec`.
    static func make(_ spec: LandscapeSpec, style: FigureStyle, model trained: TrainedModel, network: NetworkModel) throws -> FigureProduct {
        let text = style.text
        let plane = try NetworkLandscapePlane(model: trained, network: network, options: spec.plane)
        let grid = plane.evaluateGrid(data: trained.data)
        let figure = style.makeFigure()
        let axes = figure.axes
        let history = trained.history
        let configuration = history.configuration
        let points = plane.pathPoints(history)
        _ = LandscapePlane.drawSurface(on: axes, grid: grid, style: style, colorbarLabel: text.mseNormalized,
                                       ranges: (plane.aRange, plane.bRange), equalAspect: plane.equalAspect,
                                       labels: (plane.axisLabel(horizontal: true, style: style), plane.axisLabel(horizontal: false, style: style)),
                                       points: points, pathLabel: text.pathLabel(optimizer: configuration.optimizer.name),
                                       pathColor: nil, pathLayer: .static)
        LandscapePlane.drawEnds(on: axes, style: style, points: points, showStart: true, endLabel: text.end, pathColor: nil)
        let principal = plane.explainedVarianceRatio != nil
        // The start's own MSE beside the plane's at its projection: how far the drawn path is from the true one.
        let startLoss = history.epochs.first?.meanSquaredError ?? .nan
        let projectedLoss = points.first.map {
            NetworkLandscape(network: network, x: trained.data.x, y: trained.data.y)
                .meanSquaredErrors(on: (plane.center, plane.first, plane.second), alphas: [$0.x], betas: [$0.y])[0]
        } ?? .nan
        figure.title = text.networkLandscapeTitle(network: text.networkName(units: network.hiddenUnits), principal: principal)
        figure.subtitle = text.runDescription(optimizer: configuration.optimizer.name,
                                              learningRate: style.formatter.format(configuration.learningRate, significantDigits: 4),
                                              epochs: history.epochsRun)
            + (history.diverged ? " (\(text.divergedAt(epoch: history.epochsRun)))" : "")
            + "  ·  " + text.planeThroughEnd(start: style.formatter.format(startLoss, significantDigits: 3),
                                             projected: style.formatter.format(projectedLoss, significantDigits: 3))
        let summary = "\(network.name), \(principal ? "principal" : "random filter-normalised") plane, \(plane.gridSize)x\(plane.gridSize) grid, "
            + "\(configuration.optimizer.name) path of \(history.epochsRun) epochs, final MSE \(trained.finalMeanSquaredError)"
        return FigureProduct(figure: figure, summary: summary, gridCSV: { plane.csv(grid) })
    }
}
