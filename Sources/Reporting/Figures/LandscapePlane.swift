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
public struct LandscapePlane: Sendable {
    /// How the plane was chosen.
    public enum Kind: Sendable, Equatable {
        /// Two parameters, by index into the model's parameters.
        case parameters(first: Int, second: Int)
        /// The path's first two principal directions, with their explained-variance ratios.
        case principal(explainedVarianceRatio: [Double])
    }

    /// How the plane was chosen.
    public let kind: Kind
    /// The model whose MSE is drawn.
    public let model: PolynomialModel
    /// The data's quadratic form: `MSE(θ) = θᵀGθ − 2θᵀc + mean(y²)`.
    public let statistics: SufficientStatistics
    /// The point `θ(0, 0)`.
    public let origin: [Double]
    /// The direction of the horizontal axis (`a`).
    public let u: [Double]
    /// The direction of the vertical axis (`b`).
    public let v: [Double]
    /// The CSV name of the horizontal axis: the parameter name, or `pc1`.
    public let aName: String
    /// The CSV name of the vertical axis: the parameter name, or `pc2`.
    public let bName: String
    /// The horizontal range.
    public let aRange: ClosedRange<Double>
    /// The vertical range.
    public let bRange: ClosedRange<Double>
    /// Grid points per side.
    public let gridSize: Int
    /// The closed-form optimum `θ*` (full parameter vector).
    public let optimum: [Double]
    /// The exact MSE on the plane.
    public let quadratic: PlaneQuadratic

    /// Builds the plane of `trained`'s landscape from `options`.
    ///
    /// - Parameters:
    ///   - trained: The model, its history (the path) and its statistics (the data, z-scored or raw).
    ///   - options: Parameters or principal plane, ranges, grid size.
    ///   - extraPaths: More parameter paths the default ranges must cover (e.g. other optimizers).
    /// - Throws: ``ReportingError/gridSize(_:)``; ``ReportingError/unknownParameter(name:model:available:)``
    ///   for a parameter or range name the model lacks; ``ReportingError/parameterCount(option:expected:got:)``
    ///   unless `--params` names exactly two; ``ReportingError/invalidRange(option:text:)`` for a range
    ///   that is not finite and increasing; ``ReportingError/unsupported(_:)`` for a one-parameter
    ///   model, twice the same parameter, a range of a parameter not on the plane, ranges with
    ///   `--pca`, or `--pca` on a path that never moves.
    public init(model trained: TrainedModel, options: LandscapeOptions, covering extraPaths: [[[Double]]] = []) throws {
        guard (2...4096).contains(options.gridSize) else { throw ReportingError.gridSize(options.gridSize) }
        let model = trained.model
        let names = model.parameterNames
        guard names.count >= 2 else {
            throw ReportingError.unsupported(
                "The \(model.name) model has one parameter (\(names.joined())), so it has no loss landscape over a plane; use the slice figure instead.")
        }
        for (name, range) in options.ranges {
            guard names.contains(name) else {
                throw ReportingError.unknownParameter(name: name, model: model.name, available: names)
            }
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
                throw ReportingError.invalidRange(option: "--range-\(name)", text: "\(range.lowerBound):\(range.upperBound)")
            }
        }
        self.model = model
        statistics = trained.statistics
        optimum = trained.optimum
        gridSize = options.gridSize
        let path = trained.history.epochs.map(\.parameters)
        let final = trained.finalParameters

        if options.principalPlane {
            if let name = options.ranges.keys.sorted().first {
                throw ReportingError.unsupported(
                    "--range-\(name) cannot be used with --pca: the principal axes pc1, pc2 are not parameters; drop --range-\(name) or draw two parameters with --params.")
            }
            let principal = PrincipalDirections(points: path)
            guard principal.directions.count >= 2, let largest = principal.variances.first, largest > 0 else {
                throw ReportingError.unsupported(
                    "--pca needs a path that moves, but every recorded epoch has the same parameters; train for more epochs or with a larger --lr, or draw two parameters with --params.")
            }
            var first = principal.directions[0], second = principal.directions[1]
            let start = path.first ?? final
            let offset = zip(start, final).map { $0 - $1 }
            if Self.dot(first, offset) > 0 { first = first.map { -$0 } }
            if Self.dot(second, offset) < 0 { second = second.map { -$0 } }
            kind = .principal(explainedVarianceRatio: Array(principal.explainedVarianceRatio.prefix(2)))
            origin = final
            u = first
            v = second
            aName = "pc1"
            bName = "pc2"
        } else {
            let pair = try Self.parameterPair(options.parameters, model: model)
            if let name = options.ranges.keys.sorted().first(where: { $0 != names[pair.0] && $0 != names[pair.1] }) {
                throw ReportingError.unsupported(
                    "--range-\(name) sets the range of \(name), which is not on the plane (\(names[pair.0]), \(names[pair.1])); add it to --params or drop --range-\(name).")
            }
            kind = .parameters(first: pair.0, second: pair.1)
            var base = final
            base[pair.0] = 0
            base[pair.1] = 0
            origin = base
            u = names.indices.map { $0 == pair.0 ? 1 : 0 }
            v = names.indices.map { $0 == pair.1 ? 1 : 0 }
            aName = names[pair.0]
            bName = names[pair.1]
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
        aRange = fixedA ?? Self.padded(aSpan, otherWidth: bSpan.upperBound - bSpan.lowerBound)
        bRange = fixedB ?? Self.padded(bSpan, otherWidth: aSpan.upperBound - aSpan.lowerBound)
    }

    // MARK: Coordinates

    /// The plane coordinates `(a, b)` of a parameter vector: the two parameters' values, or the
    /// orthogonal projection `(u·(θ − origin), v·(θ − origin))` onto the principal plane.
    public func coordinates(of parameters: [Double]) -> DataPoint {
        Self.project(parameters, origin: origin, u: u, v: v, kind: kind)
    }

    /// The parameter vector `origin + a·u + b·v` at plane coordinates `(a, b)`.
    public func parameters(a: Double, b: Double) -> [Double] {
        origin.indices.map { origin[$0] + a * u[$0] + b * v[$0] }
    }

    /// The exact MSE at plane coordinates `(a, b)`.
    public func meanSquaredError(a: Double, b: Double) -> Double { quadratic.value(a: a, b: b) }

    /// The grid's horizontal coordinates `low + (high − low)·k/(n − 1)`, the last exactly `high`.
    public var aValues: [Double] { Self.samples(aRange, count: gridSize) }
    /// The grid's vertical coordinates, as ``aValues``.
    public var bValues: [Double] { Self.samples(bRange, count: gridSize) }

    /// The projections of the recorded epochs (epoch 0 first).
    public func pathPoints(_ history: TrainingHistory) -> [DataPoint] {
        history.epochs.map { coordinates(of: $0.parameters) }
    }

    /// The distance of the optimum from the plane, `‖θ* − θ(a*, b*)‖` with `(a*, b*)` its coordinates
    /// (0 for the linear model's (w, b) plane; for other planes the marker shows a projection).
    public var optimumDistanceFromPlane: Double {
        let point = coordinates(of: optimum)
        let back = parameters(a: point.x, b: point.y)
        return zip(back, optimum).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    // MARK: Grid

    /// The MSE on the `gridSize × gridSize` grid, row-major with rows over ``bValues`` and columns
    /// over ``aValues`` (`values[row · n + column] = MSE(a[column], b[row])`). Cost `O(n²)`, independent of `N`.
    public func evaluateGrid() -> ValueGrid {
        let a = aValues, b = bValues
        var buffer: [Double] = []
        quadratic.evaluate(aValues: a, bValues: b, into: &buffer)
        return ValueGrid(values: buffer, xs: a, ys: b)
    }

    /// The grid as CSV: header `<aName>,<bName>,mse`, then one row per grid point in the grid's
    /// order (the vertical parameter outer, the horizontal inner: `b` outer, `w` inner for the
    /// linear model), every number in Swift's shortest round-trip form, `\n` line endings.
    public func csv(_ grid: ValueGrid) -> String {
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
    public static func contourLevels(minimum: Double, maximum: Double) -> [Double] {
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
    public static let startColor = Color(hex: 0xFF9F1C)
    /// The optimum marker's fill.
    public static let optimumColor = Color.white

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
    public func draw(on axes: Axes, grid: ValueGrid, style: FigureStyle, points: [DataPoint],
                     pathLabel: String? = nil, pathColor: Color? = nil, pathLayer: Layer = .static,
                     showStart: Bool = true, endLabel: String? = nil, showOptimum: Bool = true) -> PathMark {
        let text = style.text
        let finite = grid.values.filter { $0.isFinite && $0 > 0 }
        let low = finite.min() ?? 1e-3, high = finite.max() ?? 1
        axes.heatmap(grid, colormap: .viridis, normalization: .log, range: low...max(high, low * 1.0001), colorbarLabel: text.mse)
        axes.contours(grid, levels: Self.contourLevels(minimum: low, maximum: high))
        axes.xLimits = AxisLimits(aRange.lowerBound, aRange.upperBound)
        axes.yLimits = AxisLimits(bRange.lowerBound, bRange.upperBound)
        axes.xLabel = axisLabel(horizontal: true, style: style)
        axes.yLabel = axisLabel(horizontal: false, style: style)
        let path = axes.path(points, color: pathColor, label: pathLabel ?? text.path, layer: pathLayer)
        // Long paths stay readable: markers at least 1.2 marker widths apart, a head every ~110 px.
        let metrics = FigureMetrics(scale: style.size.scale)
        path.minimumMarkerSpacing = 0.9 * metrics.markerSize
        path.arrowSpacing = 110 * metrics.scale
        if showStart, let start = points.first {
            axes.scatter([start], marker: .square, color: Self.startColor, size: nil, edgeColor: .black, label: text.start)
        }
        if let endLabel, let end = points.last {
            axes.scatter([end], marker: .circle, color: pathColor ?? style.theme.pathColor, size: 1.3 * metrics.markerSize,
                         edgeColor: style.theme.haloColor, label: endLabel)
        }
        if showOptimum {
            let label = optimumDistanceFromPlane > 1e-9 ? text.optimumProjected : text.closedFormMinimum
            axes.scatter([coordinates(of: optimum)], marker: .diamond, color: Self.optimumColor, edgeColor: .black, label: label)
        }
        return path
    }

    /// The axis label: the parameter's name (`w`, `b`, `w₁`…), or `pc1 (87.3 % of the path's variance)`.
    public func axisLabel(horizontal: Bool, style: FigureStyle) -> String {
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
    public static func displayName(_ name: String) -> String {
        let subscripts: [Character: Character] = ["0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉"]
        return String(name.map { subscripts[$0] ?? $0 })
    }

    // MARK: Helpers

    /// The indices of the plane's two parameters: the named ones, or the default pair (`w, b` when
    /// the model has one weight, else the lowest and highest power weights, `w1, w3` for the cubic:
    /// `x` and `x³` are strongly correlated on z-scored data, so that plane shows the long valley).
    static func parameterPair(_ requested: [String]?, model: PolynomialModel) throws -> (Int, Int) {
        let names = model.parameterNames
        guard let requested else {
            let weights = model.powers.indices.filter { model.powers[$0] != 0 }
            if weights.count >= 2, let lowest = weights.min(by: { model.powers[$0] < model.powers[$1] }),
               let highest = weights.max(by: { model.powers[$0] < model.powers[$1] }) {
                return (lowest, highest)
            }
            return (0, 1)
        }
        guard requested.count == 2 else { throw ReportingError.parameterCount(option: "--params", expected: 2, got: requested.count) }
        var indices: [Int] = []
        for name in requested {
            guard let index = names.firstIndex(of: name) else {
                throw ReportingError.unknownParameter(name: name, model: model.name, available: names)
            }
            indices.append(index)
        }
        guard indices[0] != indices[1] else {
            throw ReportingError.unsupported(
                "--params names \(requested[0]) twice; give two different parameters of the \(model.name) model: \(names.joined(separator: ", ")).")
        }
        return (indices[0], indices[1])
    }

    static func project(_ parameters: [Double], origin: [Double], u: [Double], v: [Double], kind: Kind) -> DataPoint {
        if case let .parameters(first, second) = kind { return DataPoint(x: parameters[first], y: parameters[second]) }
        let offset = zip(parameters, origin).map { $0 - $1 }
        return DataPoint(x: dot(u, offset), y: dot(v, offset))
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    static func samples(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        let low = range.lowerBound, high = range.upperBound
        return (0..<count).map { $0 == count - 1 ? high : low + (high - low) * Double($0) / Double(count - 1) }
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
