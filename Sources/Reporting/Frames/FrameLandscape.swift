import Foundation
import Plotting
import Training

/// The loss landscape of a frame sequence: the exact MSE on a plane of parameter space,
/// `θ(a, b) = origin + a·u + b·v`, gridded once, and the whole track projected onto the plane.
///
/// The plane is spanned by two parameters (`request.parameters`, default the first weight and
/// the bias), the others held at their final values; `u`, `v` are unit vectors, so `(a, b)` are
/// the two parameters' offsets from the final values. Axis ranges cover the whole track and the
/// least-squares optimum (projected) with 15 % margins, unless `--range-*` fixes them, so they
/// do not change between frames. Values come from `PlaneQuadratic` (exact, O(1) per point).
struct FrameLandscape: Sendable {
    /// The axis names.
    let xName: String
    let yName: String
    /// The sampled MSE.
    let grid: ValueGrid
    /// Contour levels (log-spaced over the grid's range, two significant digits).
    let levels: [Double]
    /// The colour range of the heatmap.
    let colorRange: ClosedRange<Double>
    /// Every track point in plane coordinates (parameter values).
    let track: [DataPoint]
    /// The optimum in plane coordinates.
    let optimum: DataPoint
    /// The fixed axis limits.
    let xLimits: AxisLimits
    let yLimits: AxisLimits

    /// Builds the landscape of `model` over the plane `request` names, for the track of `plan`.
    init(request: FigureRequest, model: TrainedModel, plan: FramePlan) throws {
        let names = model.model.parameterNames
        let chosen = request.parameters ?? [names[0], names[names.count - 1]]
        guard chosen.count == 2 else { throw ReportingError.parameterCount(option: "--params", expected: 2, got: chosen.count) }
        var indices: [Int] = []
        for name in chosen {
            guard let index = names.firstIndex(of: name) else {
                throw ReportingError.unknownParameter(name: name, model: model.model.name, available: names)
            }
            indices.append(index)
        }
        guard indices[0] != indices[1] else {
            throw ReportingError.unsupported("--params names '\(chosen[0])' twice: give two different parameters, e.g. \(names[0]),\(names[names.count - 1]).")
        }
        let (i, j) = (indices[0], indices[1])
        xName = chosen[0]
        yName = chosen[1]
        let origin = model.finalParameters
        var u = [Double](repeating: 0, count: names.count), v = u
        u[i] = 1
        v[j] = 1
        let projected = plan.track.map { DataPoint(x: $0.parameters[i], y: $0.parameters[j]) }
        let best = DataPoint(x: model.optimum[i], y: model.optimum[j])
        let xRange = FrameLandscape.limits(projected.map(\.x) + [best.x], fixed: request.ranges[chosen[0]])
        let yRange = FrameLandscape.limits(projected.map(\.y) + [best.y], fixed: request.ranges[chosen[1]])
        xLimits = xRange
        yLimits = yRange
        track = projected
        optimum = best
        let size = max(2, min(4096, request.gridSize))
        let xs = (0..<size).map { xRange.lower + (xRange.upper - xRange.lower) * Double($0) / Double(size - 1) }
        let ys = (0..<size).map { yRange.lower + (yRange.upper - yRange.lower) * Double($0) / Double(size - 1) }
        let plane = PlaneQuadratic(statistics: model.statistics, origin: origin, u: u, v: v)
        var values: [Double] = []
        plane.evaluate(aValues: xs.map { $0 - origin[i] }, bValues: ys.map { $0 - origin[j] }, into: &values)
        grid = ValueGrid(values: values, xs: xs, ys: ys)
        let finite = values.filter { $0.isFinite && $0 > 0 }
        let high = finite.max() ?? 1
        let low = max(finite.min() ?? high * 1e-3, high * 1e-6)
        colorRange = low...max(high, low * 10)
        // Log-spaced levels rounded to two significant digits, so the labels read "0.25", "6.8".
        levels = Array(Set(ContourLevels.logarithmic(min: low, max: high, count: 10).dropFirst().dropLast().map { level in
            let magnitude = pow(10, floor(log10(level)) - 1)
            return (level / magnitude).rounded() * magnitude
        })).sorted()
    }

    /// `fixed`, or the values' range widened by 15 % on each side (at least 0.5 wide).
    static func limits(_ values: [Double], fixed: ClosedRange<Double>?) -> AxisLimits {
        if let fixed { return AxisLimits(fixed.lowerBound, fixed.upperBound) }
        let finite = values.filter(\.isFinite)
        let low = finite.min() ?? -1, high = finite.max() ?? 1
        let span = max(high - low, 0.5)
        let middle = (low + high) / 2
        return AxisLimits(middle - span * 0.65, middle + span * 0.65)
    }
}
