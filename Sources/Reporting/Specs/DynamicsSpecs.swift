import Foundation
import Training

// The specs of the figures that look inside gradient descent (issue 15): overshoot,
// gradient-field, sgd-noise, optimizer-state and surface. Each reads its run from the store.

/// `overshoot`: 1-D gradient descent along the Hessian's top eigenvector at several multiples of `1/λ`.
public struct OvershootSpec: Sendable, Hashable {
    /// The run whose model, data and start are used (on z-scored data; only its start is read).
    public var run: TrainingConfiguration

    /// The learning rates drawn, as multiples of `1/λ`: converge, one step, oscillate, diverge.
    public static let multiples: [Double] = [0.5, 1, 1.5, 2.1]
    /// The gradient steps drawn for each learning rate.
    public static let steps = 6

    /// Creates the spec.
    public init(run: TrainingConfiguration) {
        self.run = run
    }

    var request: RunRequest { RunRequest(run) }
}

/// `gradient-field`: the negative gradient as arrows over the landscape's contours, with the path
/// and the Hessian's eigenvectors at the plane's minimum.
public struct GradientFieldSpec: Sendable, Hashable {
    /// The run whose path is drawn (on z-scored data).
    public var run: TrainingConfiguration
    /// The plane, ranges and contour grid.
    public var plane: LandscapeOptions

    /// Arrows per side of the arrow grid.
    public static let arrowsPerSide = 13

    /// Creates the spec.
    public init(run: TrainingConfiguration, plane: LandscapeOptions = LandscapeOptions()) {
        self.run = run
        self.plane = plane
    }

    var request: RunRequest { RunRequest(run) }
}

/// `sgd-noise`: every per-sample gradient at one point, their mean, and the spread of minibatch gradients.
public struct GradientNoiseSpec: Sendable, Hashable {
    /// The run whose parameters at ``epoch`` are the point (on z-scored data).
    public var run: TrainingConfiguration
    /// The two parameters whose gradient components are drawn; nil = the model's default pair.
    public var parameters: [String]?
    /// The epoch whose parameters are used (0 = the start, which `--init` sets).
    public var epoch: Int

    /// The batch sizes whose minibatch-gradient spread is drawn (those up to the data's size).
    public static let batchSizes = [1, 2, 5, 10]
    /// The most per-sample arrows drawn (evenly spread over the rows); the statistics use every row.
    public static let maximumArrows = 200

    /// Creates the spec.
    public init(run: TrainingConfiguration, parameters: [String]? = nil, epoch: Int = 0) {
        self.run = run
        self.parameters = parameters
        self.epoch = epoch
    }

    func validate() throws {
        if epoch < 0 { throw ReportingError.outOfRange(setting: .epoch, value: "\(epoch)", allowed: "0 or more") }
        try LandscapeOptions(parameters: parameters).validate(for: run.model)
    }

    var request: RunRequest { RunRequest(run) }
}
