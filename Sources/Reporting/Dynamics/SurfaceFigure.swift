import Foundation
import Plotting
import Training

/// `surface`: the exact MSE over a landscape plane as a shaded 3-D surface, the path lifted onto
/// it, and the contours projected on the floor.
///
/// The plane and its ranges are ``LandscapePlane``'s (the path and the optimum with a margin).
/// The box is normalised: the plane's ranges map to `X, Y ∈ [−1, 1]`, the MSE to
/// `Z = 0.9·(MSE − min)/(max − min)` over the mesh; the floor lies at `Z = −0.12` with the
/// contours of ``LandscapePlane/contourLevels(minimum:maximum:)``. The mesh has
/// ``SurfaceFigure/quads`` × ``SurfaceFigure/quads`` quads, each coloured by viridis at its mean
/// MSE on the colourbar's linear scale and shaded by the angle of its normal to a light above and
/// behind the camera. Drawn through ``SurfaceScene`` (painter's algorithm, the path hidden where the
/// surface covers it) with the camera of ``SurfaceProjection`` (orthographic). The subtitle states
/// the ranges and the MSE's span, the numbers the box is scaled by.
enum SurfaceFigure {
    /// Quads per side of the mesh.
    static let quads = 40
    /// The surface's height in the unit box.
    static let height = 0.9
    /// The floor's height.
    static let floorZ = -0.12

    /// The lit colour: `color` scaled by `0.55 + 0.45·max(0, n·l)` for the unit normal `n` of the quad.
    static func shaded(_ color: Color, normal: (Double, Double, Double), light: (Double, Double, Double)) -> Color {
        let dot = max(0, normal.0 * light.0 + normal.1 * light.1 + normal.2 * light.2)
        let factor = 0.55 + 0.45 * dot
        return Color(red: color.red * factor, green: color.green * factor, blue: color.blue * factor, alpha: color.alpha)
    }

    /// The scene of `geometry` seen by `projection`, with the path `points` (plane coordinates:
    /// all of them for the figure, the path so far for a frame) and the markers.
    static func scene(_ geometry: SurfaceGeometry, projection: SurfaceProjection, points: [DataPoint], theme: Theme,
                      start: DataPoint?, optima: [DataPoint], end: DataPoint?) -> SurfaceScene {
        var markers: [((Double, Double, Double), MarkerShape, Color)] = []
        for optimum in optima {
            if let point = geometry.box(optimum) { markers.append((point, .diamond, LandscapePlane.optimumColor)) }
        }
        if let start, let point = geometry.box(start) { markers.append((point, .square, LandscapePlane.startColor)) }
        if let end, let point = geometry.box(end) { markers.append((point, .circle, theme.pathColor)) }
        return SurfaceScene(projection: projection, heights: geometry.heights, colors: geometry.colors, path: points.compactMap(geometry.box),
                            pathColor: theme.pathColor, markers: markers, floor: geometry.floor, floorZ: floorZ)
    }

    /// Sets up `axes` for a projected scene: no frame or ticks, equal units, the colourbar.
    static func prepare(_ axes: Axes, low: Double, high: Double, label: String, normalization: ColorScale.Normalization = .linear) {
        axes.showsFrame = false
        axes.showGrid = false
        axes.customXTicks = []
        axes.customYTicks = []
        axes.equalAspect = true
        axes.colorbar = Colorbar(scale: ColorScale(colormap: .viridis, normalization: normalization, lower: low, upper: high), label: label)
        // The whole box from any camera: the projected corners of the unit box lie within √3.
        let reach = 3.0.squareRoot() * 1.02
        axes.xLimits = AxisLimits(-reach, reach)
        axes.yLimits = AxisLimits(-reach * 0.82, reach * 0.82)
    }

    /// Builds the figure from the trained run of `spec`.
    static func make(_ spec: SurfaceSpec, style: FigureStyle, model trained: TrainedModel) throws -> FigureProduct {
        let text = style.text
        let plane = try centeredPlane(trained, options: spec.plane)
        let figure = style.makeFigure()
        let axes = figure.axes
        let points = plane.pathPoints(trained.history)
        let projection = SurfaceProjection(elevation: spec.elevation, azimuth: spec.azimuth)
        let geometry = SurfaceGeometry(plane: plane, theme: figure.theme)
        let scene = scene(geometry, projection: projection, points: points, theme: figure.theme,
                          start: points.first, optima: [plane.coordinates(of: plane.optimum)], end: points.last)
        let (low, high) = (geometry.low, geometry.high)
        let configuration = trained.history.configuration
        axes.add(SurfaceMark(scene: scene, pathLegend: LegendEntry(label: text.pathLabel(optimizer: configuration.optimizer.name),
                                                                      swatch: .line(color: figure.theme.pathColor, width: nil, dash: .solid))))
        prepare(axes, low: low, high: high, label: plane.mseLabel(style))
        axes.legendPlacement = .corner(.upperLeft)
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 3) }
        let (aName, bName) = (plane.axisLabel(horizontal: true, style: style), plane.axisLabel(horizontal: false, style: style))
        figure.title = text.surfaceTitle(model: trained.model.name, plane: "\(aName), \(bName)")
        figure.subtitle = text.surfaceSubtitle(aName: aName, aRange: (format(plane.aRange.lowerBound), format(plane.aRange.upperBound)),
                                               bName: bName, bRange: (format(plane.bRange.lowerBound), format(plane.bRange.upperBound)),
                                               elevation: format(spec.elevation), azimuth: format(spec.azimuth))
        addAxisNames(axes, projection: projection, aName: aName, bName: bName)
        let summary = "\(trained.model.name) model, MSE surface over (\(plane.aName), \(plane.bName)) from \(format(low)) to \(format(high)), "
            + "camera elevation \(format(spec.elevation))°, azimuth \(format(spec.azimuth))°, path of \(trained.history.epochsRun) epochs"
        return FigureProduct(figure: figure, summary: summary)
    }

    /// The plane of `options`; without ranges given, a square window centred on the optimum's
    /// coordinates that holds the whole path (so the bowl is whole and its bottom in the middle).
    static func centeredPlane(_ trained: TrainedModel, options: LandscapeOptions) throws -> LandscapePlane {
        let plane = try LandscapePlane(model: trained, options: options)
        guard case .parameters = plane.kind, plane.equalAspect, options.ranges[plane.aName] == nil, options.ranges[plane.bName] == nil else {
            return plane
        }
        let center = plane.coordinates(of: plane.optimum)
        let reach = plane.pathPoints(trained.history).filter(\.isFinite)
            .map { max(abs($0.x - center.x), abs($0.y - center.y)) }.max() ?? 0
        let half = 1.1 * max(reach, 0.05 * max(1, abs(center.x), abs(center.y)))
        guard half.isFinite, center.isFinite else { return plane }
        var centered = options
        centered.ranges = [plane.aName: (center.x - half)...(center.x + half), plane.bName: (center.y - half)...(center.y + half)]
        return try LandscapePlane(model: trained, options: centered)
    }

    /// The parameters' names beside the floor edges nearest the camera (`aName` along `X`, `bName` along `Y`).
    @discardableResult
    static func addAxisNames(_ axes: Axes, projection: SurfaceProjection, aName: String, bName: String, layer: Layer = .static) -> [TextMark] {
        let marks = [axes.text(aName, at: DataPoint(x: 0, y: 0), layer: layer), axes.text(bName, at: DataPoint(x: 0, y: 0), layer: layer)]
        placeAxisNames(marks, projection: projection)
        return marks
    }

    /// Moves the two axis names of ``addAxisNames(_:projection:aName:bName:layer:)`` beside the floor edges nearest `projection`'s camera.
    static func placeAxisNames(_ marks: [TextMark], projection: SurfaceProjection) {
        guard marks.count == 2 else { return }
        let camera = projection.towardCamera
        let yEdge = camera.y >= 0 ? 1.3 : -1.3, xEdge = camera.x >= 0 ? 1.3 : -1.3
        let aPoint = projection.project(x: 0, y: yEdge, z: floorZ), bPoint = projection.project(x: xEdge, y: 0, z: floorZ)
        marks[0].position = DataPoint(x: aPoint.u, y: aPoint.v)
        marks[1].position = DataPoint(x: bPoint.u, y: bPoint.v)
    }
}
