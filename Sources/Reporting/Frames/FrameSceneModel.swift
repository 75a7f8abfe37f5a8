import Foundation
import Plotting
import Training

/// Everything every frame of a sequence shares, computed once from the whole history: the fixed
/// axis limits of each panel, the loss track and the landscape plane with its grid.
///
/// Immutable and `Sendable`, so each rendering thread builds its own `FrameScene` (figure and
/// marks) from the same model without recomputing anything heavy.
struct FrameSceneModel: Sendable {
    /// What is animated (run, plane, grid).
    let spec: FramesSpec
    /// Theme, language, size and dpi.
    let style: FigureStyle
    /// The panels shown.
    let layout: FrameLayout
    /// The trained model (nil for a descent on a surface).
    let trained: TrainedModel?
    /// A descent on a surface: its history and window (nil for a model).
    let surfaceRun: (history: SurfaceHistory, window: SurfaceWindow)?
    /// The frames and the track.
    let plan: FramePlan
    /// Fixed limits of the fit panel: the data and every epoch's curve (`FitPanel.wholeHistoryLimits`).
    let fitLimits: (x: AxisLimits, y: AxisLimits)
    /// The loss curve: (epoch or update count, MSE) for every track point.
    let lossTrack: [DataPoint]
    /// Fixed x limits of the loss panel: the whole track.
    let lossXLimits: AxisLimits
    /// The loss panel's y axis over the whole track (`LossAxisRange`), with a 16 % band on top for the legend.
    let lossRange: LossAxisRange
    /// The landscape plane, for layouts that show it.
    let plane: LandscapePlane?
    /// The plane's MSE grid.
    let grid: ValueGrid?
    /// Every track point in plane coordinates.
    let planeTrack: [DataPoint]
    /// The surface layout's mesh, colours and floor (nil for the other layouts).
    let surface: SurfaceGeometry?
    /// The surface layout's camera: elevation, first azimuth, and whether it orbits.
    let camera: (elevation: Double, azimuth: Double, orbit: Bool)

    init(spec: FramesSpec, style: FigureStyle, layout: FrameLayout, trained: TrainedModel, plan: FramePlan,
         camera: (elevation: Double, azimuth: Double, orbit: Bool) = (30, -60, false)) throws {
        self.camera = camera
        self.spec = spec
        self.style = style
        self.layout = layout
        self.trained = trained
        surfaceRun = nil
        self.plan = plan
        fitLimits = FitPanel.wholeHistoryLimits(for: [trained])
        lossTrack = plan.track.map { DataPoint(x: Double(plan.perStep ? $0.step : $0.epoch), y: $0.meanSquaredError) }
        lossXLimits = LossCurvePanel.epochLimits(lastEpoch: Int(lossTrack.last?.x ?? 1))
        lossRange = LossAxisRange.fitting(curves: [lossTrack.map(\.y)], diverged: [trained.history.diverged],
                                          references: [trained.optimumMeanSquaredError], log: spec.logScale)
            .withBand(fraction: 0.16)
        if layout.showsLandscape {
            let extra = plan.perStep ? [plan.track.map(\.parameters)] : []
            // The surface is drawn in the figure's window: square and centred on the optimum.
            let plane = layout == .surface ? try SurfaceFigure.centeredPlane(trained, options: spec.plane)
                : try LandscapePlane(model: trained, options: spec.plane, covering: extra)
            self.plane = plane
            grid = plane.evaluateGrid()
            planeTrack = plan.track.map { plane.coordinates(of: $0.parameters) }
            surface = layout == .surface ? SurfaceGeometry(plane: plane, theme: style.theme) : nil
        } else {
            plane = nil
            grid = nil
            planeTrack = []
            surface = nil
        }
    }

    /// A descent on a surface: the landscape layout draws ``SurfaceWindow``'s landscape, the
    /// surface layout ``SurfaceMeshFigure``'s mesh, both over the window of the whole path.
    init(surface spec: SurfaceLandscapeSpec, history: SurfaceHistory, style: FigureStyle, layout: FrameLayout, plan: FramePlan,
         camera: (elevation: Double, azimuth: Double, orbit: Bool)) {
        self.camera = camera
        self.spec = FramesSpec(surface: spec)
        self.style = style
        self.layout = layout
        self.plan = plan
        trained = nil
        let window = SurfaceWindow(spec, covering: [history])
        surfaceRun = (history, window)
        fitLimits = (AxisLimits(0, 1), AxisLimits(0, 1))
        lossTrack = []
        lossXLimits = AxisLimits(0, 1)
        lossRange = LossAxisRange(scale: .linear, limits: AxisLimits(0, 1))
        plane = nil
        grid = nil
        planeTrack = plan.track.map { DataPoint(x: $0.parameters[0], y: $0.parameters[1]) }
        surface = layout == .surface ? SurfaceMeshFigure.geometry(window, theme: style.theme) : nil
    }
}
