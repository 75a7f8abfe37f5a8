import Foundation
import Plotting
import Training

/// The explorer's picture and its per-epoch positions, shared by the report's epoch slider
/// (``KitExplorer``) and `descent live`.
///
/// Descent draws one static picture (the data | the exact loss landscape of a reference run) and
/// computes, for every epoch of any run of the same model, what changes: the fitted curve as a
/// polyline in the picture's pixel space (sampled, then simplified to within a quarter pixel), the
/// path point in pixel space, and the line of numbers, typeset in the language. Colours and line
/// widths are the theme's and the figure's. A page only copies those into an SVG overlay: it
/// computes no model, axis transform or number format of its own.
public struct ExplorerPicture: Sendable {
    /// The static picture (no path, no curve) as PNG.
    public let png: Data
    /// The picture's size in pixels.
    public let width: Int
    public let height: Int
    /// The overlay's fixed parts: clip rectangles, colours and widths.
    public let frame: ExplorerFrame
    let fitTransform: AxesTransform
    let planeTransform: AxesTransform
    let plane: LandscapePlane
    let xs: [Double]
    let language: Language
    let unit: String
    let epochWord: String

    /// Pixel positions are written with this many decimals.
    static let decimals = 1
    /// The largest deviation of a simplified curve from its 240 samples, in pixels.
    static let tolerance = 0.25

    /// Draws the picture of `reference` (its data and landscape; the path's track only keeps
    /// contour labels off it).
    /// - Parameters:
    ///   - fitLimits: The data panel's limits; nil for the whole-history limits of `reference`.
    ///   - covering: More parameter vectors the landscape's default ranges must cover (a start).
    ///   - drawsStart: Whether the picture marks the reference's start (the report's); a page
    ///     whose runs start elsewhere draws the start in its overlay instead.
    public init(reference model: TrainedModel, style: FigureStyle, plane options: LandscapeOptions,
                fitLimits: (x: AxisLimits, y: AxisLimits)? = nil, covering: [[Double]] = [], drawsStart: Bool = true) throws {
        let text = style.text
        let figure = style.makeFigure()
        let panels = figure.makePanels(rows: 1, columns: 2)
        let data = model.data.original

        // Left: the data, with fixed limits covering every epoch's curve (FitPanel's whole-history limits).
        let fit = panels[0]
        let columns = style.columns(data)
        fit.xLabel = columns.xLabel
        fit.yLabel = columns.yLabel
        let limits = fitLimits ?? FitPanel.wholeHistoryLimits(for: [model])
        fit.xLimits = limits.x
        fit.yLimits = limits.y
        fit.legendPlacement = .hidden
        fit.scatter(zip(data.x, data.y).map { DataPoint(x: $0, y: $1) }, color: figure.theme.dataColor)

        // Right: the exact landscape with the start and the optimum; the path is the overlay's.
        let plane = try LandscapePlane(model: model, options: options, covering: covering.isEmpty ? [] : [covering])
        let grid = plane.evaluateGrid()
        let points = plane.pathPoints(model.history)
        let landscape = panels[1]
        plane.draw(on: landscape, grid: grid, style: style, points: points, pathLayer: .dynamic, showStart: drawsStart)
        landscape.legendPlacement = .hidden
        png = try figure.renderRaster(layers: .staticOnly).pngData(options: style.pngOptions(title: nil, description: nil))
        let transforms = try figure.panelTransforms()
        (fitTransform, planeTransform) = (transforms[0], transforms[1])
        width = figure.size.width
        height = figure.size.height
        frame = ExplorerFrame(figure: figure, fitClip: fitTransform.plotRect, landscapeClip: planeTransform.plotRect,
                              curveColor: figure.theme.modelColor(model.model))
        self.plane = plane
        xs = FitFigure.sampleXs(data.x)
        language = style.language
        unit = columns.yUnit.map { " \($0)" } ?? ""
        epochWord = text.epochCapitalized
    }

    /// The fitted curve, path point and number line of every epoch of `model` (a run of the
    /// reference's model on the same data) in this picture's pixel space; `gradient` adds the
    /// gradient's norm to the numbers.
    public func frames(of model: TrainedModel, gradient: Bool = false) -> ExplorerFrames {
        let epochs = model.history.epochs
        let names = model.model.parameterNames.map(LandscapePlane.displayName)
        let separator = language.listSeparator
        return ExplorerFrames(
            curves: epochs.map { record in
                Self.polyline(xs.map { fitTransform.device(DataPoint(x: $0, y: model.predictOriginal(at: $0, parameters: record.parameters))) })
            },
            path: plane.pathPoints(model.history).map { Self.pixel(planeTransform.device($0)) },
            numbers: epochs.map { record in
                let parameters = zip(names, record.parameters).map { "\($0) = \(number($1, 4))" }.joined(separator: separator)
                return "\(epochWord) \(record.epoch) | \(parameters) | MSE \(number(record.meanSquaredError, 4)) | "
                    + "MAE \(number(record.meanAbsoluteErrorOriginal, 2))\(unit)"
                    + (gradient ? " | ‖∇‖ \(number(record.gradientNorm, 4))" : "")
            })
    }

    /// The plane's two parameter names (e.g. `w`, `b`; `w1`, `w3`).
    public var planeParameters: (String, String) { (plane.aName, plane.bName) }

    /// The parameters at the landscape's pixel (`x`, `y`): the plane's two from Descent's own axes,
    /// the others those of `base` (a start whose plane coordinates a click replaces), or of the
    /// plane's origin without one. Nil outside the landscape's plot area.
    public func parameters(atPixel x: Double, y: Double, keeping base: [Double]? = nil) -> [Double]? {
        let rect = planeTransform.plotRect
        guard x.isFinite, y.isFinite, x >= rect.x, x <= rect.x + rect.width, y >= rect.y, y <= rect.y + rect.height else { return nil }
        let point = planeTransform.data(DevicePoint(x: x, y: y))
        guard point.x.isFinite, point.y.isFinite else { return nil }
        if case .parameters(let first, let second) = plane.kind, var values = base, values.count == plane.model.parameterCount {
            values[first] = point.x
            values[second] = point.y
            return values
        }
        return plane.parameters(a: point.x, b: point.y)
    }

    private func number(_ value: Double, _ decimals: Int) -> String {
        language.typeset(String(format: "%.\(decimals)f", value))
    }

    /// A device rectangle as `[x, y, width, height]`.
    static func rect(_ rect: DeviceRect) -> [Double] {
        [rounded(rect.x), rounded(rect.y), rounded(rect.width), rounded(rect.height)]
    }

    /// `value` to ``decimals`` decimals, clamped far outside any picture (so JSON stays finite).
    static func rounded(_ value: Double) -> Double {
        let scale = pow(10, Double(decimals))
        let clamped = value.isFinite ? min(max(value, -1e5), 1e5) : 0
        return (clamped * scale).rounded() / scale
    }

    /// A point as the SVG `points` pair `x,y`.
    public static func pixel(_ point: DevicePoint) -> String {
        "\(short(rounded(point.x))),\(short(rounded(point.y)))"
    }

    /// A number without a trailing `.0`.
    static func short(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// The SVG `points` of a curve: its finite samples simplified to within ``tolerance`` pixels
    /// (Ramer–Douglas–Peucker), a straight line to its two ends.
    static func polyline(_ samples: [DevicePoint]) -> String {
        let finite = samples.filter { $0.x.isFinite && $0.y.isFinite }.map {
            DevicePoint(x: min(max($0.x, -1e5), 1e5), y: min(max($0.y, -1e5), 1e5))
        }
        return simplified(finite, tolerance: tolerance).map(pixel).joined(separator: " ")
    }

    /// Ramer–Douglas–Peucker: the fewest of `points` (first and last kept) such that every dropped
    /// point is within `tolerance` of the kept polyline.
    static func simplified(_ points: [DevicePoint], tolerance: Double) -> [DevicePoint] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            let a = points[first], b = points[last]
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            var farthest = first, distance = -1.0
            for index in (first + 1)..<last {
                let p = points[index]
                let d = length > 0 ? abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / length
                    : ((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)).squareRoot()
                if d > distance { distance = d; farthest = index }
            }
            if distance > tolerance {
                keep[farthest] = true
                stack.append((first, farthest))
                stack.append((farthest, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }
}

/// The overlay's fixed parts: where it may draw and with what colours and widths.
public struct ExplorerFrame: Sendable, Encodable {
    public let fitClip: [Double]
    public let landscapeClip: [Double]
    public let curveColor: String
    public let pathColor: String
    public let haloColor: String
    public let lineWidth: Double
    public let markerRadius: Double

    /// The frame of `figure`'s picture: the clips, the curve's colour, and the path's colours and
    /// widths from the figure's theme and metrics.
    init(figure: Figure, fitClip: DeviceRect?, landscapeClip: DeviceRect, curveColor: Color) {
        self.fitClip = fitClip.map(ExplorerPicture.rect) ?? [0, 0, 0, 0]
        self.landscapeClip = ExplorerPicture.rect(landscapeClip)
        self.curveColor = curveColor.hexString
        pathColor = figure.theme.pathColor.hexString
        haloColor = figure.theme.haloColor.hexString
        lineWidth = ExplorerPicture.rounded(figure.metrics.lineWidth)
        markerRadius = ExplorerPicture.rounded(figure.metrics.markerSize / 2)
    }
}

/// What changes per epoch: the fitted curve (SVG `points`), the path point (`x,y`) and the numbers.
public struct ExplorerFrames: Sendable, Encodable {
    public let curves: [String]
    public let path: [String]
    public let numbers: [String]
}

extension Color {
    /// `#RRGGBB` of the colour's opaque part.
    var hexString: String {
        func byte(_ value: Double) -> Int { Int((min(max(value, 0), 1) * 255).rounded()) }
        return String(format: "#%02X%02X%02X", byte(red), byte(green), byte(blue))
    }
}

/// A run's loss curve as its own small picture (the `loss` figure without its titles) and where
/// each epoch sits on it, for a page that marks the current epoch.
public struct ExplorerLossPanel: Sendable {
    /// The picture as PNG.
    public let png: Data
    public let width: Int
    public let height: Int
    /// The plot area `[x, y, width, height]`, for clipping the marker.
    public let clip: [Double]
    /// Each epoch's `(epoch, MSE)` as an SVG `x,y` pair.
    public let points: [String]

    public init(model: TrainedModel, style: FigureStyle) throws {
        let product = try LossFigure.make(LossSpec(runs: [model.history.configuration], logScale: true), style: style, models: [model])
        try self.init(figure: product.figure, style: style,
                      points: model.history.epochs.map { DataPoint(x: Double($0.epoch), y: $0.meanSquaredError) })
    }

    /// The panel of `figure` (its titles dropped) and where each epoch's `points` sit on it.
    init(figure: Figure, style: FigureStyle, points data: [DataPoint]) throws {
        figure.title = nil
        figure.subtitle = nil
        png = try figure.renderRaster().pngData(options: style.pngOptions(title: nil, description: nil))
        let transform = try figure.panelTransforms()[0]
        width = figure.size.width
        height = figure.size.height
        clip = ExplorerPicture.rect(transform.plotRect)
        points = data.map { ExplorerPicture.pixel(transform.device($0)) }
    }
}
