import Foundation
import Plotting
import Training

/// Everything every frame of a sequence shares, computed once from the whole history: the fixed
/// axis limits of each panel, the fit's sample xs, the loss track and the landscape grid.
///
/// Immutable and `Sendable`, so each rendering thread builds its own `FrameScene` (figure and
/// marks) from the same model without recomputing anything heavy.
struct FrameSceneModel: Sendable {
    /// The figure options (style, plane, grid).
    let request: FigureRequest
    /// The panels shown.
    let layout: FrameLayout
    /// The trained model.
    let trained: TrainedModel
    /// The frames and the track.
    let plan: FramePlan
    /// x values (original units) where the fitted curve is sampled.
    let curveXs: [Double]
    /// Fixed limits of the fit panel: the data and every frame's curve (clamped to the data's
    /// centre ± 2 spans, so a diverging run does not flatten the data).
    let fitXLimits: AxisLimits
    let fitYLimits: AxisLimits
    /// The loss curve: (epoch or update count, MSE) for every track point.
    let lossTrack: [DataPoint]
    /// Fixed limits of the loss panel: the whole track.
    let lossXLimits: AxisLimits
    let lossYLimits: AxisLimits
    /// The landscape, for layouts that show it.
    let landscape: FrameLandscape?

    init(request: FigureRequest, layout: FrameLayout, trained: TrainedModel, plan: FramePlan) throws {
        self.request = request
        self.layout = layout
        self.trained = trained
        self.plan = plan
        let data = trained.data.original
        curveXs = FitFigure.sampleXs(data.x)
        fitXLimits = AxisLimits(curveXs.min() ?? 0, curveXs.max() ?? 1)
        var low = data.y.min() ?? 0, high = data.y.max() ?? 1
        let span = max(high - low, 1e-9), centre = (low + high) / 2
        for frame in plan.frames {
            for x in curveXs {
                let y = trained.predictOriginal(at: x, parameters: frame.point.parameters)
                guard y.isFinite else { continue }
                low = min(low, max(y, centre - 2 * span))
                high = max(high, min(y, centre + 2 * span))
            }
        }
        let range = max(high - low, 1e-9)
        // Headroom above for the legend (two rows).
        fitYLimits = AxisLimits(low - 0.05 * range, high + 0.22 * range)
        lossTrack = plan.track.map { DataPoint(x: Double(plan.perStep ? $0.step : $0.epoch), y: $0.meanSquaredError) }
        let lastX = max(lossTrack.last?.x ?? 1, 1)
        lossXLimits = AxisLimits(-0.03 * lastX, lastX * 1.03)
        let maxLoss = max(lossTrack.map(\.y).filter(\.isFinite).max() ?? 1, trained.optimumMeanSquaredError, 1e-12)
        lossYLimits = AxisLimits(0, maxLoss * 1.08)
        landscape = layout.showsLandscape ? try FrameLandscape(request: request, model: trained, plan: plan) : nil
    }
}
