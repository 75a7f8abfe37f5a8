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

/// `optimizer-state`: momentum's velocity and Adam's bias-corrected moments and step, per parameter over updates.
public struct OptimizerStateSpec: Sendable, Hashable {
    /// The model, learning rate, start, seed and data settings of both runs (the optimizer is the figure's).
    public var run: TrainingConfiguration

    /// The most epochs drawn (fewer when the data set is large, so at most about ``maximumUpdates`` are recorded).
    public static let maximumEpochs = 30
    /// The updates the figure aims to stay under (one epoch is always run).
    public static let maximumUpdates = 3000

    /// Creates the spec.
    public init(run: TrainingConfiguration) {
        self.run = run
    }

    /// Momentum (β = 0.9), then Adam (0.9, 0.999, 10⁻⁸), each recording every update's state, every
    /// epoch run (no stop rule), for `min(30, max(1, 3000/N))` epochs, at most the run's own.
    func requests(_ catalog: DataCatalog) -> [RunRequest] {
        let rows = max(1, catalog.dataset.count)
        let epochs = min(run.maxEpochs, Self.maximumEpochs, max(1, Self.maximumUpdates / rows))
        return [Optimizer.defaultMomentum, .defaultAdam].map { optimizer in
            var configuration = run
            configuration.optimizer = optimizer
            configuration.stopRule = .fixed
            configuration.maxEpochs = epochs
            configuration.recordSteps = true
            return RunRequest(configuration)
        }
    }
}

/// `surface`: the loss over two parameters as a shaded 3-D surface with the path on it.
public struct SurfaceSpec: Sendable, Hashable {
    /// The run whose path is drawn (on z-scored data).
    public var run: TrainingConfiguration
    /// The plane, ranges and the floor contours' grid.
    public var plane: LandscapeOptions
    /// The camera's elevation above the floor in degrees, ``elevations``.
    public var elevation: Double
    /// The camera's azimuth in degrees (any finite angle; −60 looks from the front left).
    public var azimuth: Double

    /// The elevations allowed: the camera stays above the floor.
    public static let elevations = 5.0...90.0

    /// Creates the spec; the default camera is matplotlib's (elevation 30°, azimuth −60°).
    public init(run: TrainingConfiguration, plane: LandscapeOptions = LandscapeOptions(), elevation: Double = 30, azimuth: Double = -60) {
        self.run = run
        self.plane = plane
        self.elevation = elevation
        self.azimuth = azimuth
    }

    func validate() throws {
        try plane.validate(for: run.model)
        guard elevation.isFinite, Self.elevations.contains(elevation) else {
            throw ReportingError.outOfRange(setting: .elevation, value: "\(elevation)", allowed: "5 to 90 degrees")
        }
        guard azimuth.isFinite else {
            throw ReportingError.outOfRange(setting: .azimuth, value: "\(azimuth)", allowed: "a finite angle in degrees")
        }
    }

    var request: RunRequest { RunRequest(run) }
}
