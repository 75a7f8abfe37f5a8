import Foundation
import Plotting
import Training

/// One thread's frame figure: the static panels of a `FrameSceneModel` plus the marks that
/// change per frame (title, fitted curve, loss curve so far, path so far).
///
/// The panels are the lecture's shared builders (`FitPanel`, `LossCurvePanel`,
/// `LandscapePlane.draw`) with their changing marks on the dynamic layer. Building a scene is
/// cheap (the heavy parts live in the shared model); the static marks are only drawn when the
/// background is rendered, once per sequence.
final class FrameScene {
    /// The figure, with fixed limits on every panel.
    let figure: Figure
    private let model: FrameSceneModel
    private var fit: FitPanel?
    private var loss: LossCurvePanel?
    private var path: PathMark?
    /// The surface layout's projected scene.
    private var surface: SurfaceMark?
    /// The surface layout's two axis names (moved per frame when the camera orbits).
    private var axisNames: [TextMark] = []
    /// A ring around the data point the shown update used (per-update frames).
    private var sampleRing: ScatterMark?
    /// The end of the path so far (a descent on a surface, landscape layout).
    private var endMarker: ScatterMark?

    /// The most track points drawn as a path or loss curve; longer prefixes are thinned evenly
    /// (keeping the first and the current point), so a frame's cost stays bounded.
    static let maximumDrawnPoints = 3000
    /// Loss curves with at most twice this many points get a marker per point. (Long paths keep
    /// their markers and arrowheads apart by themselves: `LandscapePlane.draw` sets
    /// `PathMark.minimumMarkerSpacing` and `arrowSpacing`.)
    static let markerLimit = 120

    /// Builds the figure; the dynamic marks show the last frame until `show(_:)` is called.
    init(model: FrameSceneModel) {
        self.model = model
        let style = model.style
        let text = style.text
        figure = style.makeFigure()
        figure.titleLayer = .dynamic
        let layout = model.layout
        let panels: [Axes]
        switch layout {
        case .training: panels = style.arrangePanels(figure, count: 2, wideAspect: 1.2)
        case .landscape, .surface: panels = figure.makePanels(rows: 1, columns: 1)
        case .full: panels = style.arrangePanels(figure, count: 3, weights: [0.85, 0.85, 1.4], wideAspect: 1.5)
        }
        if let (history, window) = model.surfaceRun {
            drawSurface(on: panels[0], history: history, window: window)
            if let last = model.plan.frames.last { show(last) }
            return
        }
        guard let trained = model.trained else { return }
        var next = 0
        if layout.showsFit {
            fit = FitPanel.drawStatic(on: panels[next], model: trained, style: style,
                                      xLimits: model.fitLimits.x, yLimits: model.fitLimits.y, curveLayer: .dynamic)
            if model.plan.perStep {
                let metrics = FigureMetrics(scale: style.size.scale)
                sampleRing = panels[next].scatter([], marker: .circle, color: .clear, size: 2.1 * metrics.markerSize,
                                                  edgeColor: style.theme.ink, label: text.sampleUsed, layer: .dynamic)
            }
            next += 1
        }
        if layout.showsLoss {
            let markers = model.lossTrack.count <= FrameScene.markerLimit * 2
            let panel = LossCurvePanel.drawStatic(on: panels[next], model: trained, style: style,
                                                  xLimits: model.lossXLimits, range: model.lossRange,
                                                  showMarkers: markers,
                                                  optimumLabel: "\(text.optimum) \(style.number(trained.optimumMeanSquaredError, decimals: 4))",
                                                  layer: .dynamic)
            if model.plan.perStep { panel.axes.xLabel = text.update }
            loss = panel
            next += 1
        }
        if layout == .surface, let geometry = model.surface, let plane = model.plane {
            let axes = panels[0]
            let mark = SurfaceMark(scene: SurfaceFigure.scene(geometry, projection: SurfaceProjection(elevation: model.camera.elevation,
                                                                                                   azimuth: model.camera.azimuth),
                                                          points: [], theme: style.theme, start: nil, optima: [], end: nil),
                                   pathLegend: LegendEntry(label: text.path, swatch: .line(color: style.theme.pathColor, width: nil, dash: .solid)),
                                   layer: .dynamic)
            axes.add(mark)
            SurfaceFigure.prepare(axes, low: geometry.low, high: geometry.high, label: plane.mseLabel(style))
            axes.legendPlacement = .corner(.upperLeft)
            axisNames = SurfaceFigure.addAxisNames(axes, projection: SurfaceProjection(elevation: model.camera.elevation, azimuth: model.camera.azimuth),
                                       aName: plane.axisLabel(horizontal: true, style: style), bName: plane.axisLabel(horizontal: false, style: style),
                                       layer: model.camera.orbit ? .dynamic : .static)
            surface = mark
        } else if layout.showsLandscape, let plane = model.plane, let grid = model.grid {
            let axes = panels[next]
            if layout == .full { axes.title = text.lossLandscape }
            let drawn = plane.draw(on: axes, grid: grid, style: style, points: model.planeTrack, pathLayer: .dynamic)
            // Short legend labels, so the legend takes a corner of the narrow panel rather than
            // its whole width (where it would hide the start or the end of the path).
            for case let marker as ScatterMark in axes.marks where marker.marker == .diamond {
                marker.label = text.optimum
            }
            path = drawn
        }
        if let last = model.plan.frames.last { show(last) }
    }

    /// A descent on a surface: the landscape with the path so far, or the 3-D mesh.
    private func drawSurface(on axes: Axes, history: SurfaceHistory, window: SurfaceWindow) {
        let style = model.style
        let text = style.text
        let run = history.run
        let formula = text.surfaceFormula(run.surface.formula, language: style.language)
        figure.subtitle = text.surfaceTitle(name: run.surface.named.map(text.surfaceName), formula: formula) + "  ·  "
            + text.runDescription(optimizer: run.optimizer.name, learningRate: style.formatter.format(run.learningRate, significantDigits: 4),
                                  epochs: history.final.epoch)
        let label = text.pathLabel(optimizer: run.optimizer.name)
        if model.layout == .surface, let geometry = model.surface {
            // The height is log₁₀ f on a log scale: the subtitle says so, as the still figure's does.
            figure.subtitle = (figure.subtitle ?? "") + "  ·  " + text.surfaceHeight(logScale: geometry.logScale)
            let projection = SurfaceProjection(elevation: model.camera.elevation, azimuth: model.camera.azimuth)
            let mark = SurfaceMark(scene: SurfaceFigure.scene(geometry, projection: projection, points: [], theme: style.theme,
                                                              start: nil, optima: [], end: nil),
                                   pathLegend: LegendEntry(label: label, swatch: .line(color: style.theme.pathColor, width: nil, dash: .solid)),
                                   layer: .dynamic)
            axes.add(mark)
            SurfaceFigure.prepare(axes, low: geometry.low, high: geometry.high, label: text.surfaceColorbar(logScale: geometry.logScale),
                                  normalization: geometry.logScale ? .log : .linear)
            axes.legendPlacement = .corner(.upperLeft)
            axisNames = SurfaceFigure.addAxisNames(axes, projection: projection, aName: "x", bName: "y",
                                                   layer: model.camera.orbit ? .dynamic : .static)
            surface = mark
        } else {
            window.drawLandscape(on: axes, style: style)
            let drawn = SurfaceWindow.drawPath(on: axes, style: style, points: model.planeTrack, label: label, layer: .dynamic)
            path = drawn.path
            endMarker = drawn.end
            window.drawMinima(on: axes, style: style)
        }
    }

    /// Sets the dynamic marks and the title of a descent on a surface to `frame`.
    private func showSurface(_ frame: FrameState, window: SurfaceWindow) {
        let style = model.style
        let point = frame.point
        let (x, y) = (point.parameters[0], point.parameters[1])
        figure.title = style.text.surfaceFrameTitle(epoch: point.epoch, point: SurfaceWindow.point(x, y, style: style),
                                                    value: style.formatter.format(point.meanSquaredError, significantDigits: 4))
        let points = FrameScene.thinned(model.planeTrack, count: frame.trackIndex + 1)
        path?.points = points
        endMarker?.points = [model.planeTrack[frame.trackIndex]]
        if let surface, let geometry = model.surface {
            let camera = model.camera
            let total = max(1, model.plan.frames.count)
            let azimuth = camera.azimuth + (camera.orbit ? 360 * Double(frame.number - 1) / Double(total) : 0)
            let projection = SurfaceProjection(elevation: camera.elevation, azimuth: azimuth)
            surface.scene = SurfaceFigure.scene(geometry, projection: projection, points: points, theme: style.theme,
                                                start: model.planeTrack.first, optima: window.globalMinima, end: points.last)
            if camera.orbit { SurfaceFigure.placeAxisNames(axisNames, projection: projection) }
        }
    }

    /// Sets the dynamic marks and the title to `frame`.
    func show(_ frame: FrameState) {
        if let (_, window) = model.surfaceRun {
            showSurface(frame, window: window)
            return
        }
        guard let trained = model.trained else { return }
        let style = model.style
        let text = style.text
        let point = frame.point
        let equation = TrainingFigure.normalizedEquation(model: trained.model, parameters: point.parameters, style: style)
        let mse = style.number(point.meanSquaredError, decimals: 4)
        let data = trained.data.original
        let sample = point.sampleIndex.map { data.labels?[$0] ?? "#\($0 + 1)" }
        figure.title = model.plan.perStep
            ? text.stepTitle(epoch: point.epoch, step: point.step, sample: sample, equation: equation, mse: mse)
            : text.trainingTitle(epoch: point.epoch, equation: equation, mse: mse)
        fit?.update(parameters: point.parameters)
        sampleRing?.points = point.sampleIndex.map { [DataPoint(x: data.x[$0], y: data.y[$0])] } ?? []
        let count = frame.trackIndex + 1
        if let loss {
            let losses = FrameScene.thinned(model.lossTrack, count: count)
            loss.line.points = losses
            loss.markers?.points = losses
            loss.current.points = [model.lossTrack[frame.trackIndex]]
        }
        path?.points = FrameScene.thinned(model.planeTrack, count: count)
        if let surface, let geometry = model.surface, let plane = model.plane {
            let camera = model.camera
            let total = max(1, model.plan.frames.count)
            let azimuth = camera.azimuth + (camera.orbit ? 360 * Double(frame.number - 1) / Double(total) : 0)
            let points = FrameScene.thinned(model.planeTrack, count: count)
            surface.scene = SurfaceFigure.scene(geometry, projection: SurfaceProjection(elevation: camera.elevation, azimuth: azimuth),
                                                points: points, theme: style.theme, start: model.planeTrack.first,
                                                optima: [plane.coordinates(of: plane.optimum)], end: points.last)
            if camera.orbit { SurfaceFigure.placeAxisNames(axisNames, projection: SurfaceProjection(elevation: camera.elevation, azimuth: azimuth)) }
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
