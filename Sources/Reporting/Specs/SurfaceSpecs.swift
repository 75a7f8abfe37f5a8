import Foundation
import Training

// The specs of the figures that draw a test surface or a formula (`--surface`) other than its
// landscape (``SurfaceLandscapeSpec``): the 3-D surface, the gradient field and the optimizers
// compared. Each reads its descents from the store (``FigureSpec/surfaceRequests``).

/// `surface --surface`: the surface as a shaded 3-D mesh with the descent's path lifted onto it.
public struct SurfaceMeshSpec: Sendable, Hashable {
    /// The run, the window (ranges, the floor contours' grid).
    public var landscape: SurfaceLandscapeSpec
    /// The camera's elevation above the floor in degrees, ``SurfaceSpec/elevations``.
    public var elevation: Double
    /// The camera's azimuth in degrees (any finite angle).
    public var azimuth: Double

    /// Creates the spec; the default camera is matplotlib's (elevation 30°, azimuth −60°).
    public init(landscape: SurfaceLandscapeSpec, elevation: Double = 30, azimuth: Double = -60) {
        self.landscape = landscape
        self.elevation = elevation
        self.azimuth = azimuth
    }

    func validate() throws {
        try landscape.validate()
        guard elevation.isFinite, SurfaceSpec.elevations.contains(elevation) else {
            throw ReportingError.outOfRange(setting: .elevation, value: "\(elevation)", allowed: "5 to 90 degrees")
        }
        guard azimuth.isFinite else {
            throw ReportingError.outOfRange(setting: .azimuth, value: "\(azimuth)", allowed: "a finite angle in degrees")
        }
    }
}

/// `gradient-field --surface`: the direction of `−∇f` over the window, the path, and the exact
/// Hessian's eigenvectors at the end of the path.
public struct SurfaceGradientFieldSpec: Sendable, Hashable {
    /// The run, the window and the contours' grid.
    public var landscape: SurfaceLandscapeSpec

    /// Creates the spec.
    public init(landscape: SurfaceLandscapeSpec) {
        self.landscape = landscape
    }
}

/// `compare --compare optimizers --surface`: gd, momentum and Adam from the same start for the
/// same epochs on the surface's landscape.
public struct SurfaceCompareSpec: Sendable, Hashable {
    /// The start, epochs, learning rate and schedule every optimizer uses (its optimizer is
    /// replaced), and the window.
    public var landscape: SurfaceLandscapeSpec

    /// The optimizers compared, in legend order (`sgd` and `minibatch` draw samples, which a
    /// surface has not).
    public static let optimizers: [Optimizer] = [.gd, .defaultMomentum, .defaultAdam]

    /// Creates the spec.
    public init(landscape: SurfaceLandscapeSpec) {
        self.landscape = landscape
    }

    /// One request per optimizer, each at the base learning rate, halved (up to
    /// ``CompareOptimizersSpec/halvings`` times) while the run diverges, as the models' comparison does.
    var requests: [SurfaceRequest] {
        Self.optimizers.map { optimizer in
            var run = landscape.run
            run.optimizer = optimizer
            return SurfaceRequest(run, onDivergence: .halveLearningRate(times: CompareOptimizersSpec.halvings))
        }
    }
}
