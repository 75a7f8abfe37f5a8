import Foundation

/// The options that choose a loss-landscape plane: which parameters (or the principal plane of
/// the path), the axis ranges and the grid resolution.
///
/// Shared by `landscape`, `normalization`, `compare --compare optimizers` and the animation
/// frames, so every figure of the family reads the same command-line options the same way.
public struct LandscapeOptions: Sendable, Equatable {
    /// The two parameters spanning the plane, by name; nil = the model's default pair
    /// (`w, b` for the linear model, `w1, w3` for models with several weights).
    public var parameters: [String]?
    /// Use the plane of the path's first two principal directions instead of two parameters.
    public var principalPlane: Bool
    /// Axis ranges by parameter name; a missing range covers the path and the optimum with a margin.
    public var ranges: [String: ClosedRange<Double>]
    /// Grid points per side, `2...4096`.
    public var gridSize: Int

    /// Creates options; the defaults are the model's default plane on a 400 × 400 grid.
    public init(parameters: [String]? = nil, principalPlane: Bool = false,
                ranges: [String: ClosedRange<Double>] = [:], gridSize: Int = 400) {
        self.parameters = parameters
        self.principalPlane = principalPlane
        self.ranges = ranges
        self.gridSize = gridSize
    }

    /// The landscape options of a figure request (`--params`, `--pca`, `--range-*`, `--grid`).
    public init(request: FigureRequest) {
        self.init(parameters: request.parameters, principalPlane: request.principalPlane,
                  ranges: request.ranges, gridSize: request.gridSize)
    }
}
