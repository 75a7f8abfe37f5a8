import Foundation
import Plotting
import Training

/// One thread's frame figure: the static panels of a `FrameSceneModel` plus the marks that
/// change per frame (title, fitted curve, loss curve so far, path so far).
///
/// Building a scene is cheap (the heavy parts live in the shared model); the static marks are
/// only drawn when the background is rendered, once per sequence.
final class FrameScene {
    /// The figure, with fixed limits on every panel.
    let figure: Figure
    private let model: FrameSceneModel
    private var curve: LineMark?
    private var lossLine: LineMark?
    private var lossMarkers: ScatterMark?
    private var lossCurrent: ScatterMark?
    private var path: PathMark?

    /// The most track points drawn as a path or loss curve; longer prefixes are thinned evenly
    /// (keeping the first and the current point), so a frame's cost stays bounded.
    static let maximumDrawnPoints = 3000
    /// Paths and loss curves with at most this many points get a marker per point.
    static let markerLimit = 120

    /// Builds the figure; the dynamic marks show the last frame until `show(_:)` is called.
    init(model: FrameSceneModel) {
        self.model = model
        let style = model.request.style
        figure = style.makeFigure()
        figure.titleLayer = .dynamic
        let layout = model.layout
        let panels: [Axes]
        switch layout {
        case .training: panels = figure.makePanels(rows: 1, columns: 2)
        case .landscape: panels = figure.makePanels(rows: 1, columns: 1)
        case .full: panels = figure.makePanels(rows: 1, columns: 3, columnWidths: [1, 1, 1.2])
        }
        var next = 0
        if layout.showsFit { buildFit(panels[next]); next += 1 }
        if layout.showsLoss { buildLoss(panels[next]); next += 1 }
        if layout.showsLandscape, let landscape = model.landscape { buildLandscape(panels[next], landscape) }
        if let last = model.plan.frames.last { show(last) }
    }

    private var text: LectureText { model.request.style.text }

    private func buildFit(_ axes: Axes) {
        let data = model.trained.data.original
        let theme = figure.theme
        axes.xLabel = text.columnLabel(data.xName)
        axes.yLabel = text.columnLabel(data.yName)
        axes.xLimits = model.fitXLimits
        axes.yLimits = model.fitYLimits
        axes.legendPlacement = .corner(.upperLeft)
        curve = axes.line([], color: theme.seriesColor(1), label: text.modelName(model.trained.model.name), layer: .dynamic)
        axes.scatter(zip(data.x, data.y).map { DataPoint(x: $0, y: $1) }, color: theme.seriesColor(0), label: text.data)
    }

    private func buildLoss(_ axes: Axes) {
        let theme = figure.theme
        axes.xLabel = model.plan.perStep ? text.update : text.epoch
        axes.yLabel = text.mseNormalized
        axes.xLimits = model.lossXLimits
        axes.yLimits = model.lossYLimits
        axes.legendPlacement = .corner(.upperRight)
        let minimum = model.trained.optimumMeanSquaredError
        axes.line([DataPoint(x: model.lossXLimits.lower, y: minimum), DataPoint(x: model.lossXLimits.upper, y: minimum)],
                  color: theme.mutedInk, width: 2.5 * figure.metrics.scale, dash: .dashed, label: text.closedFormMinimum)
        lossLine = axes.line([], color: theme.seriesColor(0), label: text.mse, layer: .dynamic)
        if model.lossTrack.count <= FrameScene.markerLimit {
            lossMarkers = axes.scatter([], color: theme.seriesColor(0), size: 0.6 * figure.metrics.markerSize, layer: .dynamic)
        }
        lossCurrent = axes.scatter([], color: theme.accent, size: 1.2 * figure.metrics.markerSize, layer: .dynamic)
    }

    private func buildLandscape(_ axes: Axes, _ landscape: FrameLandscape) {
        axes.title = text.lossLandscape
        axes.xLabel = landscape.xName
        axes.yLabel = landscape.yName
        axes.xLimits = landscape.xLimits
        axes.yLimits = landscape.yLimits
        axes.heatmap(landscape.grid, normalization: .log, range: landscape.colorRange, colorbarLabel: text.mseNormalized)
        axes.contours(landscape.grid, levels: landscape.levels)
        axes.scatter([landscape.optimum], marker: .diamond, color: figure.theme.seriesColor(4),
                     size: 1.3 * figure.metrics.markerSize, label: text.optimum)
        let many = landscape.track.count > FrameScene.markerLimit
        path = axes.path([], arrows: !many, markers: !many, label: text.path, layer: .dynamic)
    }

    /// Sets the dynamic marks and the title to `frame`.
    func show(_ frame: FrameState) {
        let style = model.request.style
        let trained = model.trained
        let parameters = frame.point.parameters
        let data = trained.data
        let equation = style.equations.originalUnits(
            model: trained.model, parameters: parameters, xScale: data.xScale, yScale: data.yScale,
            xName: text.variableName(data.original.xName), yName: text.variableName(data.original.yName))
        let mse = style.number(frame.point.meanSquaredError, decimals: 4)
        figure.title = model.plan.perStep
            ? text.stepTitle(epoch: frame.point.epoch, step: frame.point.step, equation: equation, mse: mse)
            : text.trainingTitle(epoch: frame.point.epoch, equation: equation, mse: mse)
        curve?.points = model.curveXs.map { DataPoint(x: $0, y: trained.predictOriginal(at: $0, parameters: parameters)) }
        let count = frame.trackIndex + 1
        if lossLine != nil {
            let losses = FrameScene.thinned(model.lossTrack, count: count)
            lossLine?.points = losses
            lossMarkers?.points = losses
            lossCurrent?.points = [model.lossTrack[frame.trackIndex]]
        }
        if let landscape = model.landscape, let path {
            path.points = FrameScene.thinned(landscape.track, count: count)
        }
    }

    /// The first `count` points, evenly thinned to at most `maximumDrawnPoints` (first and last kept).
    static func thinned(_ points: [DataPoint], count: Int) -> [DataPoint] {
        let count = min(count, points.count)
        guard count > maximumDrawnPoints else { return Array(points.prefix(count)) }
        let stride = Double(count - 1) / Double(maximumDrawnPoints - 1)
        return (0..<maximumDrawnPoints).map { points[min(count - 1, Int((Double($0) * stride).rounded()))] }
    }
}
