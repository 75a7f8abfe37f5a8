import Foundation
import Training

/// The options that choose a loss-landscape plane: which parameters (or the principal plane of
/// the path), the axis ranges and the grid resolution.
///
/// Shared by `landscape`, `normalization`, `compare` (optimizers) and the animation frames, so
/// every figure of the family reads the same settings the same way.
public struct LandscapeOptions: Sendable, Hashable {
    /// How a landscape's two axes are scaled against each other.
    public enum Aspect: String, Sendable, Hashable, CaseIterable, Codable {
        /// One unit is as long on both axes, so circles stay circles and a path meets the
        /// contours at its true angle (the default where both axes share units: z-scored data).
        case equal
        /// Each axis fills its side of the panel (the default on raw data, whose parameters have different units).
        case fill
    }

    /// The two parameters spanning the plane, by name; nil = the model's default pair
    /// (`w, b` for the linear model, `w1, w3` for models with several weights).
    public var parameters: [String]?
    /// Use the plane of the path's first two principal directions instead of two parameters.
    public var principalPlane: Bool
    /// Axis ranges by parameter name; a missing range covers the path and the optimum with a margin.
    public var ranges: [String: ClosedRange<Double>]
    /// Grid points per side, ``gridSizes``.
    public var gridSize: Int
    /// Equal or filling axes; nil = equal on z-scored data, fill on raw data.
    public var aspect: Aspect?

    /// The grid sizes allowed: 2 to 4096 points per side.
    public static let gridSizes = 2...4096

    /// The narrowest range an axis draws: at least 10⁻³⁰⁰ wide, and at least 10⁻¹² of its larger
    /// bound's size, so grid points, ticks and their labels stay distinct numbers.
    public static func minimumWidth(of range: ClosedRange<Double>) -> Double {
        max(1e-300, 1e-12 * max(range.lowerBound.magnitude, range.upperBound.magnitude))
    }

    /// Creates options; the defaults are the model's default plane on a 400 × 400 grid.
    public init(parameters: [String]? = nil, principalPlane: Bool = false,
                ranges: [String: ClosedRange<Double>] = [:], gridSize: Int = 400, aspect: Aspect? = nil) {
        self.parameters = parameters
        self.principalPlane = principalPlane
        self.ranges = ranges
        self.gridSize = gridSize
        self.aspect = aspect
    }

    /// Checks the options against `model`: the grid size, that the model has a plane, the named
    /// parameters (two, known, different), and every range (a parameter of the plane, finite and
    /// increasing, not with the principal plane).
    ///
    /// - Returns: the indices of the plane's two parameters (nil for the principal plane).
    /// - Throws: ``ReportingError`` naming the setting.
    @discardableResult
    public func validate(for model: PolynomialModel) throws -> (Int, Int)? {
        guard Self.gridSizes.contains(gridSize) else {
            throw ReportingError.outOfRange(setting: .gridSize, value: "\(gridSize)", allowed: "2 to 4096 points per side (default 400)")
        }
        let names = model.parameterNames
        guard names.count >= 2 else {
            throw ReportingError.singleParameterModel(model: model.name, parameter: names.joined())
        }
        for name in ranges.keys.sorted() {
            guard let range = ranges[name] else { continue }
            guard names.contains(name) else {
                throw ReportingError.unknownParameter(name: name, model: model.name, available: names, setting: .range(name))
            }
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
                throw ReportingError.invalidRange(parameter: name, low: range.lowerBound, high: range.upperBound)
            }
            // (Lenient by a billionth, so a range exactly as wide as the minimum printed in the message passes.)
            guard range.upperBound - range.lowerBound >= Self.minimumWidth(of: range) * (1 - 1e-9) else {
                throw ReportingError.rangeTooNarrow(parameter: name, low: range.lowerBound, high: range.upperBound,
                                                    minimumWidth: Self.minimumWidth(of: range))
            }
        }
        if principalPlane {
            if let name = ranges.keys.sorted().first { throw ReportingError.rangeWithPrincipalPlane(parameter: name) }
            return nil
        }
        let pair = try Self.parameterPair(parameters, model: model)
        if let name = ranges.keys.sorted().first(where: { $0 != names[pair.0] && $0 != names[pair.1] }) {
            throw ReportingError.rangeOffPlane(parameter: name, plane: [names[pair.0], names[pair.1]])
        }
        return pair
    }

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
        guard requested.count == 2 else {
            throw ReportingError.parameterCount(setting: .planeParameters, expected: 2, got: requested.count)
        }
        var indices: [Int] = []
        for name in requested {
            guard let index = names.firstIndex(of: name) else {
                throw ReportingError.unknownParameter(name: name, model: model.name, available: names, setting: .planeParameters)
            }
            indices.append(index)
        }
        guard indices[0] != indices[1] else {
            throw ReportingError.repeatedParameter(name: requested[0], model: model.name, available: names)
        }
        return (indices[0], indices[1])
    }
}
