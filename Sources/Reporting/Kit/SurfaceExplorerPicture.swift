import Foundation
import Plotting
import Training

/// `descent live`'s picture of a descent on a surface (`--surface NAME|FORMULA`): the surface's
/// landscape figure (``SurfaceLandscapeFigure``, the same heatmap, contours, minima and start as
/// `descent figure landscape --surface`) without its path, and every epoch's path point and line
/// of numbers in its pixel space, for a page that draws the path over it.
///
/// The window is the surface's default one widened to the start only (never to a path), so a new
/// learning rate, optimizer or schedule reuses the picture; a path that leaves it is clipped.
public struct SurfaceExplorerPicture: Sendable {
    /// The static picture (no path) as PNG.
    public let png: Data
    /// The picture's size in pixels.
    public let width: Int
    public let height: Int
    /// The overlay's fixed parts; a surface has no data panel, so `fitClip` is empty.
    public let frame: ExplorerFrame
    let transform: AxesTransform
    let language: Language
    let epochWord: String

    /// Draws the landscape of `run`'s surface around its start, on a `gridSize` grid.
    public init(run: SurfaceRun, style: FigureStyle, gridSize: Int = 200) throws {
        let surface = run.surface
        let spec = SurfaceLandscapeSpec(run: run, xRange: SurfaceLandscapeFigure.covering(surface.defaultXRange, [run.startX]),
                                        yRange: SurfaceLandscapeFigure.covering(surface.defaultYRange, [run.startY]),
                                        gridSize: gridSize)
        // One epoch: the start square is static, the path and its end go to the dynamic layer.
        var first = run
        first.epochs = 1
        let product = try SurfaceLandscapeFigure.make(spec, style: style, history: try first.run(), pathLayer: .dynamic)
        let figure = product.figure
        figure.subtitle = nil
        figure.axes.legendPlacement = .hidden
        png = try figure.renderRaster(layers: .staticOnly).pngData(options: style.pngOptions(title: nil, description: nil))
        transform = try figure.panelTransforms()[0]
        width = figure.size.width
        height = figure.size.height
        frame = ExplorerFrame(figure: figure, fitClip: nil, landscapeClip: transform.plotRect, curveColor: figure.theme.pathColor)
        language = style.language
        epochWord = style.text.epochCapitalized
    }

    /// The path point and number line of every epoch of `history` (a descent on this picture's
    /// surface); `curves` are empty (no data panel).
    public func frames(of history: SurfaceHistory) -> ExplorerFrames {
        let separator = language.listSeparator
        return ExplorerFrames(
            curves: history.records.map { _ in "" },
            path: history.records.map { ExplorerPicture.pixel(transform.device(DataPoint(x: $0.x, y: $0.y))) },
            numbers: history.records.map { record in
                "\(epochWord) \(record.epoch) | x = \(number(record.x))\(separator)y = \(number(record.y)) | "
                    + "f = \(number(record.loss)) | ‖∇f‖ \(number(record.gradientNorm))"
            })
    }

    /// The point `(x, y)` at the landscape's pixel (`x`, `y`), from Descent's own axes; nil
    /// outside the plot area.
    public func point(atPixel x: Double, y: Double) -> (x: Double, y: Double)? {
        let rect = transform.plotRect
        guard x.isFinite, y.isFinite, x >= rect.x, x <= rect.x + rect.width, y >= rect.y, y <= rect.y + rect.height else { return nil }
        let point = transform.data(DevicePoint(x: x, y: y))
        guard point.x.isFinite, point.y.isFinite else { return nil }
        return (point.x, point.y)
    }

    /// Four decimals, or four significant digits from 10⁶ on (a diverging descent's f would
    /// otherwise print twenty digits).
    private func number(_ value: Double) -> String {
        guard abs(value) >= 1e6, value.isFinite else { return language.typeset(String(format: "%.4f", value)) }
        return TickFormatter(style: language == .finnish ? .finnish : .english).format(value, significantDigits: 4)
    }
}

extension ExplorerLossPanel {
    /// A descent's `f(x, y)` per epoch as its own small picture: a log axis when every value is
    /// positive, else linear over the values.
    public init(surface history: SurfaceHistory, style: FigureStyle) throws {
        let figure = style.makeFigure()
        let axes = figure.axes
        let losses = history.records.map(\.loss)
        if losses.allSatisfy({ $0 > 0 }) {
            LossAxisRange.fitting(curves: [losses], diverged: [history.diverged], log: true).apply(to: axes)
        } else if let low = losses.min(), let high = losses.max() {
            let margin = high > low ? 0.05 * (high - low) : max(1, abs(high)) * 0.05
            axes.yLimits = AxisLimits(low - margin, high + margin)
        }
        axes.xLimits = LossCurvePanel.epochLimits(lastEpoch: history.final.epoch)
        axes.xLabel = style.text.epoch
        axes.yLabel = "f(x, y)"
        let points = history.records.map { DataPoint(x: Double($0.epoch), y: $0.loss) }
        axes.line(points, color: figure.theme.pathColor)
        axes.legendPlacement = .hidden
        try self.init(figure: figure, style: style, points: points)
    }
}
