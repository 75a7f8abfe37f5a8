import Foundation
import Training

/// `interpolation`: the MSE on the straight line `θ(α) = (1 − α)·θ₀ + α·θ_T` from a run's start to
/// its end (Goodfellow, Vinyals & Saxe, 2015), for the network or a polynomial model.
public struct InterpolationSpec: Sendable, Hashable {
    /// The run whose start `θ₀` and end `θ_T` span the line.
    public var run: TrainingConfiguration

    /// The `α` drawn: `[−0.5, 1.5]`, past both ends by half the segment.
    public static let alphaRange = -0.5...1.5
    /// Points on the line (`α` steps of 1/200).
    public static let pointCount = 401

    /// Creates the spec.
    public init(run: TrainingConfiguration) {
        self.run = run
    }

    /// The `α` of the curve: `−0.5 + 2·k/(n − 1)`, the last exactly 1.5; `α = 0` and `α = 1` are
    /// among them exactly (`k = 100` and `k = 300`).
    static var alphas: [Double] { LandscapePlane.samples(alphaRange, count: pointCount) }
}

extension LandscapeSpec {
    /// Checks a network run's landscape options: the grid size, and no parameters, ranges or raw
    /// data (the network's plane is two directions through its final parameters on z-scores).
    ///
    /// - Throws: ``ReportingError/outOfRange(setting:value:allowed:)``.
    func validateNetwork() throws {
        guard LandscapeOptions.gridSizes.contains(plane.gridSize) else {
            throw ReportingError.outOfRange(setting: .gridSize, value: "\(plane.gridSize)", allowed: "2 to 4096 points per side (default 400)")
        }
        if let parameters = plane.parameters {
            throw ReportingError.outOfRange(setting: .planeParameters, value: parameters.joined(separator: ","),
                                            allowed: "no parameters for a network: its plane is two random or principal directions")
        }
        if let name = plane.ranges.keys.sorted().first {
            throw ReportingError.outOfRange(setting: .range(name), value: name, allowed: "no ranges for a network's plane")
        }
        if raw {
            throw ReportingError.outOfRange(setting: .models, value: "raw data", allowed: "a network trained on z-scored data")
        }
    }
}
