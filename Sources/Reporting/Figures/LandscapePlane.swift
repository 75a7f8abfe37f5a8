import Foundation
import Plotting
import Training

/// A 2-D plane of parameter space on which a loss landscape is drawn, with its grid.
///
/// The plane is `θ(a, b) = origin + a·u + b·v`. Two kinds:
/// - **two parameters** `P1, P2` (indices `i, j`): `u = eᵢ`, `v = eⱼ`, and `origin` is the final
///   parameters with entries `i` and `j` set to 0, so the plane coordinates are the parameter
///   values themselves (`a = θᵢ`, `b = θⱼ`) and every other parameter is held at its final value;
/// - **principal plane** (`--pca`): `u`, `v` are the first two principal directions of the recorded
///   path (``PrincipalDirections``), `origin` is the final parameters, and a point's coordinates are
///   its orthogonal projection `a = u·(θ − origin)`, `b = v·(θ − origin)`. `u` is oriented so the
///   start has `a < 0` and `v` so it has `b ≥ 0`: the path runs left to right, downhill.
///
/// Every grid value is the exact MSE from ``PlaneQuadratic`` (the quadratic form of the model's
/// ``SufficientStatistics`` restricted to the plane): `O(1)` per point, independent of the number of
/// data rows, and equal to the direct sum `(1/N) Σ (ŷᵢ − yᵢ)²` to about `1e-10` relative.
///
/// Grid coordinates are `aₖ = low + (high − low)·k/(n − 1)` for `k = 0…n−1`, the last exactly
/// `high` (likewise `b`). Default ranges cover the whole recorded path and the closed-form optimum
/// with a margin of 12 % of the span on each side; when a run diverged, only the path points whose
/// MSE is at most 10× the starting MSE are covered (the rest leave the picture).
struct LandscapePlane: Sendable {
    /// How the plane was chosen.
    enum Kind: Sendable, Equatable {
        /// Two parameters, by index into the model's parameters.
        case parameters(first: Int, second: Int)
        /// The path's first two principal directions, with their explained-variance ratios.
        case principal(explainedVarianceRatio: [Double])
    }

    /// How the plane was chosen.
    let kind: Kind
    /// The model whose MSE is drawn.
    let model: PolynomialModel
    /// The data's quadratic form: `MSE(θ) = θᵀGθ − 2θᵀc + mean(y²)`.
    let statistics: SufficientStatistics
    /// The point `θ(0, 0)`.
    let origin: [Double]
    /// The direction of the horizontal axis (`a`).
    let u: [Double]
    /// The direction of the vertical axis (`b`).
    let v: [Double]
    /// The CSV name of the horizontal axis: the parameter name, or `pc1`.
    let aName: String
    /// The CSV name of the vertical axis: the parameter name, or `pc2`.
    let bName: String
    /// The horizontal range.
    let aRange: ClosedRange<Double>
    /// The vertical range.
    let bRange: ClosedRange<Double>
    /// Grid points per side.
    let gridSize: Int
    /// The closed-form optimum `θ*` (full parameter vector).
    let optimum: [Double]
    /// The exact MSE on the plane.
    let quadratic: PlaneQuadratic
    /// The data the MSE is measured on (for the colourbar's units).
    let dataset: Dataset
    /// Whether the model was trained on the data's original units (then the MSE is in y-units²).
    let raw: Bool
    /// Whether one unit is as long on both axes.
    let equalAspect: Bool

    /// Builds the plane of `trained`'s landscape from `options`.
    ///
    /// - Parameters:
    ///   - trained: The model, its history (the path) and its statistics (the data, z-scored or raw).
    ///   - options: Parameters or principal plane, ranges, grid size.
    ///   - extraPaths: More parameter paths the default ranges must cover (e.g. other optimizers).
    /// - Throws: the ``ReportingError``s of ``LandscapeOptions/validate(for:)``, and
    ///   ``ReportingError/pathDoesNotMove`` for the principal plane of a path that never moves.
    init(model trained: TrainedModel, options: LandscapeOptions, covering extraPaths: [[[Double]]] = []) throws {
        let model = trained.model
        let names = model.parameterNames
        let pair = try options.validate(for: model)
        self.model = model
        dataset = trained.data.original
        raw = trained.data.xScale == .identity && trained.data.yScale == .identity
        statistics = trained.statistics
        optimum = trained.optimum
        gridSize = options.gridSize
        let path = trained.history.epochs.map(\.parameters)
        // The plane goes through the final parameters, or for a diverged run through the last
        // epoch still within 10× the starting MSE (the parameters past it are astronomically far
        // from the data, and a plane through them would show nothing but their error).
        let final: [Double]
        if trained.history.diverged, let start = trained.history.epochs.first {
            let limit = 10 * max(start.meanSquaredError, 1e-300)
            final = trained.history.epochs.last { $0.meanSquaredError <= limit }?.parameters ?? start.parameters
        } else {
            final = trained.finalParameters
        }

        if let pair {
            kind = .parameters(first: pair.0, second: pair.1)
            var base = final
            base[pair.0] = 0
            base[pair.1] = 0
            origin = base
            u = names.indices.map { $0 == pair.0 ? 1 : 0 }
            v = names.indices.map { $0 == pair.1 ? 1 : 0 }
            aName = names[pair.0]
            bName = names[pair.1]
        } else {
            let principal = try Self.principalPlane(path: path, through: final)
            kind = .principal(explainedVarianceRatio: principal.explainedVarianceRatio)
            origin = final
            u = principal.first
            v = principal.second
            aName = "pc1"
            bName = "pc2"
        }
        quadratic = PlaneQuadratic(statistics: trained.statistics, origin: origin, u: u, v: v)

        // The points the default ranges cover: the path (only its tame part after a divergence), the optimum.
        var covered = [trained.optimum] + extraPaths.flatMap { $0 }
        if trained.history.diverged, let start = path.first {
            let limit = 10 * max(trained.statistics.meanSquaredError(start), 1e-300)
            covered += path.filter { trained.statistics.meanSquaredError($0) <= limit }
        } else {
            covered += path
        }
        let (planeOrigin, planeU, planeV, planeKind) = (origin, u, v, kind)
        let projected = covered.map { Self.project($0, origin: planeOrigin, u: planeU, v: planeV, kind: planeKind) }.filter(\.isFinite)
        let aSpan = Self.span(projected.map(\.x)), bSpan = Self.span(projected.map(\.y))
        let fixedA = options.principalPlane ? nil : options.ranges[aName]
        let fixedB = options.principalPlane ? nil : options.ranges[bName]
        var a = fixedA ?? Self.padded(aSpan, otherWidth: bSpan.upperBound - bSpan.lowerBound)
        var b = fixedB ?? Self.padded(bSpan, otherWidth: aSpan.upperBound - aSpan.lowerBound)
        // Balance the window in loss units: the MSE grows like (uᵀGu)·a² along a and (vᵀGv)·b² along b,
        // so a span s along a direction with curvature c shows a change of about c·s². Widen the
        // narrower automatic range until its √c·s is at least half the other's, so the contours'
        // true shape shows (circles for z-scored linear data) instead of stripes across a thin strip.
        let gram = trained.statistics.gram
        func curvature(_ d: [Double]) -> Double {
            var total = 0.0
            for i in d.indices { for j in d.indices { total += d[i] * gram[i][j] * d[j] } }
            return total.squareRoot()
        }
        let (ca, cb) = (curvature(u), curvature(v))
        if ca > 0, cb > 0, ca.isFinite, cb.isFinite {
            let sa = (a.upperBound - a.lowerBound) * ca, sb = (b.upperBound - b.lowerBound) * cb
            let target = 0.5 * max(sa, sb)
            if fixedA == nil, sa < target { a = Self.widened(a, to: target / ca) }
            if fixedB == nil, sb < target { b = Self.widened(b, to: target / cb) }
        }
        aRange = a
        bRange = b
        // Equal aspect (the default on z-scored data) unless the ranges differ so much in width
        // (one set far narrower than the other) that the panel would shrink to a sliver; then
        // each axis fills its side, as `aspect: fill` draws. An aspect asked for is kept.
        let widths = (a.upperBound - a.lowerBound, b.upperBound - b.lowerBound)
        let balanced = max(widths.0, widths.1) <= Self.maximumDefaultAspectRatio * min(widths.0, widths.1)
        equalAspect = (options.aspect ?? (raw || !balanced ? .fill : .equal)) == .equal
    }

    /// The most one range of a default equal-aspect plane may exceed the other in width (so a
    /// panel side is at least 1/20 of the other); beyond it the axes fill the panel instead.
    static let maximumDefaultAspectRatio = 20.0

    /// The first two principal directions of `path` (``PrincipalDirections``), oriented so the
    /// start has `a < 0` and `b ≥ 0` relative to `final`: the path runs left to right.
    ///
    /// - Throws: ``ReportingError/pathDoesNotMove`` for a path without two directions of variance.
    static func principalPlane(path: [[Double]], through final: [Double]) throws
        -> (first: [Double], second: [Double], explainedVarianceRatio: [Double]) {
        guard !path.isEmpty else { throw ReportingError.pathDoesNotMove }
        let principal = PrincipalDirections(points: path)
        guard principal.directions.count >= 2, let largest = principal.variances.first, largest > 0 else {
            throw ReportingError.pathDoesNotMove
        }
        var first = principal.directions[0], second = principal.directions[1]
        let start = path.first ?? final
        let offset = zip(start, final).map { $0 - $1 }
        if dot(first, offset) > 0 { first = first.map { -$0 } }
        if dot(second, offset) < 0 { second = second.map { -$0 } }
        return (first, second, Array(principal.explainedVarianceRatio.prefix(2)))
    }

    /// `range` widened symmetrically about its centre to `width`.
    static func widened(_ range: ClosedRange<Double>, to width: Double) -> ClosedRange<Double> {
        let center = (range.lowerBound + range.upperBound) / 2
        return (center - width / 2)...(center + width / 2)
    }

    // MARK: Coordinates

    /// The plane coordinates `(a, b)` of a parameter vector: the two parameters' values, or the
    /// orthogonal projection `(u·(θ − origin), v·(θ − origin))` onto the principal plane.
    func coordinates(of parameters: [Double]) -> DataPoint {
        Self.project(parameters, origin: origin, u: u, v: v, kind: kind)
    }

    /// The parameter vector `origin + a·u + b·v` at plane coordinates `(a, b)`.
    func parameters(a: Double, b: Double) -> [Double] {
        origin.indices.map { origin[$0] + a * u[$0] + b * v[$0] }
    }

    /// The exact MSE at plane coordinates `(a, b)`.
    func meanSquaredError(a: Double, b: Double) -> Double { quadratic.value(a: a, b: b) }

    /// The grid's horizontal coordinates `low + (high − low)·k/(n − 1)`, the last exactly `high`.
    var aValues: [Double] { Self.samples(aRange, count: gridSize) }
    /// The grid's vertical coordinates, as ``aValues``.
    var bValues: [Double] { Self.samples(bRange, count: gridSize) }

    /// The projections of the recorded epochs (epoch 0 first).
    func pathPoints(_ history: TrainingHistory) -> [DataPoint] {
        history.epochs.map { coordinates(of: $0.parameters) }
    }

    /// The distance of the optimum from the plane, `‖θ* − θ(a*, b*)‖` with `(a*, b*)` its coordinates
    /// (0 for the linear model's (w, b) plane; for other planes the marker shows a projection).
    var optimumDistanceFromPlane: Double {
        let point = coordinates(of: optimum)
        let back = parameters(a: point.x, b: point.y)
        return zip(back, optimum).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    // MARK: Grid

    /// The MSE on the `gridSize × gridSize` grid, row-major with rows over ``bValues`` and columns
    /// over ``aValues`` (`values[row · n + column] = MSE(a[column], b[row])`). Cost `O(n²)`, independent of `N`.
    func evaluateGrid() -> ValueGrid {
        let a = aValues, b = bValues
        var buffer: [Double] = []
        quadratic.evaluate(aValues: a, bValues: b, into: &buffer)
        return ValueGrid(values: buffer, xs: a, ys: b)
    }

    /// The grid as CSV: header `<aName>,<bName>,mse`, then one row per grid point in the grid's
    /// order (the vertical parameter outer, the horizontal inner: `b` outer, `w` inner for the
    /// linear model), every number in Swift's shortest round-trip form, `\n` line endings.
    func csv(_ grid: ValueGrid) -> String {
        var text = "\(aName),\(bName),mse\n"
        text.reserveCapacity(grid.values.count * 48)
        for (row, b) in grid.ys.enumerated() {
            let bText = "\(b)"
            for (column, a) in grid.xs.enumerated() {
                text += "\(a),\(bText),\(grid.values[row * grid.columns + column])\n"
            }
        }
        return text
    }

    /// Log-spaced contour levels strictly between `minimum` and `maximum` (both > 0): the round
    /// values `{1, 2, 5}·10ᵏ` when that gives 5 to 11 levels; otherwise `{1, 1.5, 2, 3, 5, 7}·10ᵏ`
    /// when there are too few, or `{1, 3}·10ᵏ` (at most 11) or else the decades `10ᵏ` (every
    /// second, third… to keep at most 12) when there are too many; and for a very narrow range 8 levels
    /// `minimum·(maximum/minimum)^(k/9)`, `k = 1…8`. Empty for non-positive or non-finite bounds.
    static func contourLevels(minimum: Double, maximum: Double) -> [Double] {
        guard minimum.isFinite, maximum.isFinite, minimum > 0, maximum > minimum else { return [] }
        func series(_ mantissas: [Double]) -> [Double] {
            let first = Int(floor(log10(minimum))) - 1, last = Int(ceil(log10(maximum))) + 1
            var levels: [Double] = []
            for exponent in first...last {
                for mantissa in mantissas {
                    let level = mantissa * pow(10, Double(exponent))
                    if level > minimum * (1 + 1e-9), level < maximum * (1 - 1e-9) { levels.append(level) }
                }
            }
            return levels
        }
        let standard = series([1, 2, 5])
        if (5...11).contains(standard.count) { return standard }
        if standard.count < 5 {
            let finer = series([1, 1.5, 2, 3, 5, 7])
            if finer.count >= 4 { return finer }
            return (1...8).map { minimum * pow(maximum / minimum, Double($0) / 9) }
        }
        let halfDecades = series([1, 3])
        if halfDecades.count <= 11 { return halfDecades }
        let decades = series([1])
        let stride = max(1, Int((Double(decades.count) / 12).rounded(.up)))
        return decades.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
    }

    // MARK: Drawing

    /// The marker colours shared by the family: start (orange square), optimum (white diamond).
    /// Fixed rather than themed, because they sit on the viridis heatmap in every theme.
    static let startColor = Color(hex: 0xFF9F1C)
    /// The optimum marker's fill.
    static let optimumColor = Color.white

    /// Draws the static layer of the landscape onto `axes` and adds the path.
    ///
    /// Static: the heatmap of `grid` on a log colour scale with a colorbar labelled "MSE", labelled
    /// contour lines at ``contourLevels(minimum:maximum:)``, the axis labels and fixed limits
    /// (the plane's ranges). Then the path of `points` (a ``PathMark`` in `pathLayer`, in the theme's
    /// path colour unless `pathColor` is given, labelled `pathLabel`, markers thinned to at least
    /// 0.9 marker widths apart and an arrowhead every 110 px of path), the start marker at
    /// `points.first`, with `endLabel` a static end marker at `points.last` (leave it nil for frames,
    /// whose end moves), and the closed-form optimum marker (its projection onto the plane) on top.
    ///
    /// Returns the path so a frame sequence can put it on the `.dynamic` layer and replace its
    /// points per frame; the heavy work (the grid) is done once, before this call.
    @discardableResult
    func draw(on axes: Axes, grid: ValueGrid, style: FigureStyle, points: [DataPoint],
                     pathLabel: String? = nil, pathColor: Color? = nil, pathLayer: Layer = .static,
                     showStart: Bool = true, endLabel: String? = nil, showOptimum: Bool = true) -> PathMark {
        let text = style.text
        let path = Self.drawSurface(on: axes, grid: grid, style: style, colorbarLabel: mseLabel(style), ranges: (aRange, bRange),
                                    equalAspect: equalAspect,
                                    labels: (axisLabel(horizontal: true, style: style), axisLabel(horizontal: false, style: style)),
                                    points: points, pathLabel: pathLabel, pathColor: pathColor, pathLayer: pathLayer)
        Self.drawEnds(on: axes, style: style, points: points, showStart: showStart, endLabel: endLabel, pathColor: pathColor)
        if showOptimum {
            let label = optimumDistanceFromPlane > 1e-9 ? text.optimumProjected : text.closedFormMinimum
            axes.scatter([coordinates(of: optimum)], marker: .diamond, color: Self.optimumColor, edgeColor: .black, label: label)
        }
        return path
    }

    /// The heatmap of `grid` on a log colour scale with a colourbar labelled `colorbarLabel`,
    /// labelled log-spaced contours, fixed limits `ranges`, the axis labels, and the path of
    /// `points` with its markers thinned and arrowheads (see ``draw(on:grid:style:points:pathLabel:pathColor:pathLayer:showStart:endLabel:showOptimum:)``);
    /// the landscape family's surface, shared with the network's plane.
    static func drawSurface(on axes: Axes, grid: ValueGrid, style: FigureStyle, colorbarLabel: String,
                            ranges: (a: ClosedRange<Double>, b: ClosedRange<Double>), equalAspect: Bool,
                            labels: (x: String, y: String), points: [DataPoint], pathLabel: String?,
                            pathColor: Color?, pathLayer: Layer) -> PathMark {
        let finite = grid.values.filter { $0.isFinite && $0 > 0 }
        let low = finite.min() ?? 1e-3, high = finite.max() ?? 1
        axes.heatmap(grid, colormap: .viridis, normalization: .log, range: low...max(high, low * 1.0001), colorbarLabel: colorbarLabel)
        // Contour labels keep off the path; a dynamic path (frames, the explorer) is not drawn yet,
        // so its whole track is given.
        axes.contours(grid, levels: contourLevels(minimum: low, maximum: high), avoiding: pathLayer == .dynamic ? [points] : [])
        axes.xLimits = AxisLimits(ranges.a.lowerBound, ranges.a.upperBound)
        axes.yLimits = AxisLimits(ranges.b.lowerBound, ranges.b.upperBound)
        axes.equalAspect = equalAspect
        axes.xLabel = labels.x
        axes.yLabel = labels.y
        let path = axes.path(points, color: pathColor, label: pathLabel ?? style.text.path, layer: pathLayer)
        // Long paths stay readable: markers at least 1.2 marker widths apart, a head every ~110 px.
        let metrics = FigureMetrics(scale: style.size.scale)
        path.minimumMarkerSpacing = 0.9 * metrics.markerSize
        path.arrowSpacing = 110 * metrics.scale
        return path
    }

    /// The start marker (orange square) at `points.first` and, with `endLabel`, the end marker at `points.last`.
    static func drawEnds(on axes: Axes, style: FigureStyle, points: [DataPoint], showStart: Bool, endLabel: String?, pathColor: Color?) {
        let metrics = FigureMetrics(scale: style.size.scale)
        if showStart, let start = points.first {
            axes.scatter([start], marker: .square, color: startColor, size: nil, edgeColor: .black, label: style.text.start)
        }
        if let endLabel, let end = points.last {
            axes.scatter([end], marker: .circle, color: pathColor ?? style.theme.pathColor, size: 1.3 * metrics.markerSize,
                         edgeColor: style.theme.haloColor, label: endLabel)
        }
    }

    /// What the colourbar's MSE is in: "MSE (normalised)" for z-scores, "MSE (cm²)" on raw data.
    func mseLabel(_ style: FigureStyle) -> String {
        guard raw else { return style.text.mseNormalized }
        return style.columns(dataset).yUnit.map { "\(style.text.mse) (\($0)²)" } ?? style.text.mse
    }

    /// The axis label: the parameter's name (`w`, `b`, `w₁`…), or `pc1 (87.3 % of the path's variance)`.
    func axisLabel(horizontal: Bool, style: FigureStyle) -> String {
        switch kind {
        case let .parameters(first, second):
            return Self.displayName(model.parameterNames[horizontal ? first : second])
        case let .principal(ratios):
            let index = horizontal ? 0 : 1
            let ratio = index < ratios.count ? ratios[index] : .nan
            return style.text.principalAxis(index + 1, explained: style.number(100 * ratio, decimals: 1))
        }
    }

    /// A parameter name with subscript digits: `w1` → `w₁`.
    static func displayName(_ name: String) -> String {
        let subscripts: [Character: Character] = ["0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉"]
        return String(name.map { subscripts[$0] ?? $0 })
    }

    // MARK: Helpers

    static func project(_ parameters: [Double], origin: [Double], u: [Double], v: [Double], kind: Kind) -> DataPoint {
        if case let .parameters(first, second) = kind { return DataPoint(x: parameters[first], y: parameters[second]) }
        let offset = zip(parameters, origin).map { $0 - $1 }
        return DataPoint(x: dot(u, offset), y: dot(v, offset))
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    static func samples(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        Surface.samples(range, count: count)
    }

    static func span(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return -1...1 }
        return low...high
    }

    /// `span` widened by 12 % on each side; a span of zero width gets half of `otherWidth` (at least
    /// `0.5 + 10 %` of its magnitude) around its centre.
    static func padded(_ span: ClosedRange<Double>, otherWidth: Double) -> ClosedRange<Double> {
        let width = span.upperBound - span.lowerBound
        if width > 1e-12 * max(1, abs(span.lowerBound), abs(span.upperBound)) {
            return (span.lowerBound - 0.12 * width)...(span.upperBound + 0.12 * width)
        }
        let center = (span.lowerBound + span.upperBound) / 2
        let half = max(otherWidth > 0 ? 0.5 * otherWidth : 0, 0.5 + 0.1 * abs(center))
        return (center - half)...(center + half)
    }
}
