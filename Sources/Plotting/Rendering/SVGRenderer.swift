import Foundation
import Synchronization

/// The `Renderer` that writes an SVG 1.1 document of its own, with text kept as text.
///
/// Cairo's SVG surface turns every letter into a glyph outline, so a label cannot be edited or
/// translated afterwards. This renderer writes:
/// - text as `<text>` in DejaVu Sans (generic `sans-serif` as fallback) with its size, weight,
///   colour, `text-anchor` and rotation; the baseline is placed from the text's metrics, which
///   are measured with Cairo exactly as for PNG and PDF, so the layout is the same;
/// - strokes and fills as `<path>` elements (consecutive ones of the same style share one
///   `<g>` with that style), clips as `<clipPath>` with nested `<g clip-path>` groups that
///   `restore()` closes;
/// - markers (`drawMarkers`) as one `<symbol>` per shape, size and colours, and one `<use>`
///   per point;
/// - images as one embedded PNG each (`data:image/png;base64`), nearest-neighbour images with
///   `image-rendering` set so viewers keep the cells crisp.
///
/// Coordinates are device pixels (the `viewBox` is the figure's pixel size) printed with at
/// most two decimals; ids (`c1`, `m1`, …) are numbered in drawing order. The same drawing
/// calls give the same bytes.
public final class SVGRenderer: Renderer {
    /// The font family list of every text: DejaVu Sans (the font Cairo measures with), else the
    /// viewer's sans-serif.
    static let fontFamily = "'DejaVu Sans', sans-serif"

    /// How far (device pixels) a stroked polyline may move when its points are thinned:
    /// a tenth of a pixel, below what any screen shows (matplotlib's vector output thins at a
    /// ninth). Contours and densely sampled curves shrink to a fraction of their points.
    static let strokeTolerance = 0.1

    private let width: Int
    private let height: Int
    /// The first device row shown (the viewBox starts there; see `Figure.UntitledPicture`).
    private let originY: Int
    private let pageWidth: Double
    private let pageHeight: Double
    private let measurer: CairoRenderer
    private var defs = ""
    /// Where elements go: the body, or a symbol being defined.
    private var output = ""
    /// Consecutive paths of one style, not yet written.
    private var pending: (style: String, paths: [String])?
    /// Per `save()`, the number of clip groups opened since.
    private var openGroups: [Int] = [0]
    private var clipCount = 0
    private var markerSymbols: [MarkerKey: String] = [:]
    /// The first image that could not be encoded, thrown by `document()`.
    private var failure: (any Error)?

    /// What makes two markers the same symbol.
    private struct MarkerKey: Hashable {
        var shape: MarkerShape
        var size: Double
        var fill: Color
        var edge: Color?
        var edgeWidth: Double
    }

    /// A renderer for a `width` x `height` pixel figure shown at `pageWidth` x `pageHeight`
    /// CSS pixels.
    init(width: Int, height: Int, originY: Int = 0, pageWidth: Double, pageHeight: Double) throws {
        self.width = width
        self.height = height
        self.originY = originY
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        measurer = try CairoRenderer(raster: Raster(width: 1, height: 1))
    }

    /// The finished document. Closes every group still open.
    ///
    /// - Throws: the `PlottingError.png` of an image that could not be encoded.
    func document() throws -> Data {
        if let failure { throw failure }
        flush()
        for count in openGroups { output += String(repeating: "</g>\n", count: count) }
        openGroups = [0]
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\""
        text += " width=\"\(SVGSyntax.number(pageWidth))\" height=\"\(SVGSyntax.number(pageHeight))\" viewBox=\"0 \(originY) \(width) \(height)\">\n"
        if !defs.isEmpty { text += "<defs>\n" + defs + "</defs>\n" }
        text += output
        text += "</svg>\n"
        return Data(text.utf8)
    }

    // MARK: State

    /// Starts a new level of clip groups.
    public func save() {
        flush()
        openGroups.append(0)
    }

    /// Closes the clip groups opened since the matching `save()`.
    public func restore() {
        flush()
        guard openGroups.count > 1, let count = openGroups.popLast() else { return }
        output += String(repeating: "</g>\n", count: count)
    }

    /// Defines the path as a clip path and opens a group clipped by it.
    public func clip(to path: DevicePath) {
        flush()
        let data = SVGSyntax.pathData(path.clippedForRendering(filled: true))
        clipCount += 1
        let id = "c\(clipCount)"
        defs += "<clipPath id=\"\(id)\"><path d=\"\(data)\"/></clipPath>\n"
        output += "<g clip-path=\"url(#\(id))\">\n"
        openGroups[openGroups.count - 1] += 1
    }

    // MARK: Paths

    /// Writes a stroked path.
    public func stroke(_ path: DevicePath, style: StrokeStyle) {
        guard !path.isEmpty, style.width > 0, style.width.isFinite else { return }
        let data = SVGSyntax.pathData(SVGSyntax.simplified(path.clippedForRendering(filled: false), tolerance: Self.strokeTolerance))
        guard !data.isEmpty else { return }
        emit(path: data, style: Self.strokeAttributes(style))
    }

    /// Writes a filled path.
    public func fill(_ path: DevicePath, color: Color, rule: FillRule) {
        guard !path.isEmpty else { return }
        let data = SVGSyntax.pathData(path.clippedForRendering(filled: true))
        guard !data.isEmpty else { return }
        emit(path: data, style: Self.fillAttributes(color, rule: rule))
    }

    static func fillAttributes(_ color: Color, rule: FillRule = .nonZero) -> String {
        var text = "fill=\"\(SVGSyntax.hex(color))\""
        let alpha = SVGSyntax.opacity(color)
        if alpha < 1 { text += " fill-opacity=\"\(SVGSyntax.number(alpha, decimals: 3))\"" }
        if rule == .evenOdd { text += " fill-rule=\"evenodd\"" }
        return text
    }

    static func strokeAttributes(_ style: StrokeStyle) -> String {
        var text = "fill=\"none\" stroke=\"\(SVGSyntax.hex(style.color))\""
        let alpha = SVGSyntax.opacity(style.color)
        if alpha < 1 { text += " stroke-opacity=\"\(SVGSyntax.number(alpha, decimals: 3))\"" }
        text += " stroke-width=\"\(SVGSyntax.number(style.width))\""
        switch style.cap {
        case .butt: break
        case .round: text += " stroke-linecap=\"round\""
        case .square: text += " stroke-linecap=\"square\""
        }
        switch style.join {
        case .miter: text += " stroke-miterlimit=\"10\""  // Cairo's default limit (SVG's is 4)
        case .round: text += " stroke-linejoin=\"round\""
        case .bevel: text += " stroke-linejoin=\"bevel\""
        }
        let dash = style.dash.filter { $0 >= 0 && $0.isFinite }
        if !dash.isEmpty && !dash.allSatisfy({ $0 == 0 }) {
            text += " stroke-dasharray=\"" + dash.map { SVGSyntax.number($0) }.joined(separator: " ") + "\""
        }
        return text
    }

    /// Queues a path; consecutive paths of the same style are written in one group.
    private func emit(path data: String, style: String) {
        if let current = pending, current.style != style { flush() }
        if pending == nil { pending = (style, []) }
        pending?.paths.append(data)
    }

    /// Writes the queued paths.
    private func flush() {
        guard let (style, paths) = pending else { return }
        pending = nil
        if paths.count == 1 {
            output += "<path d=\"\(paths[0])\" \(style)/>\n"
        } else {
            output += "<g \(style)>\n"
            for data in paths { output += "<path d=\"\(data)\"/>\n" }
            output += "</g>\n"
        }
    }

    // MARK: Markers

    /// Writes one `<use>` per finite centre of a symbol drawn once for the shape, size and colours.
    public func drawMarkers(_ shape: MarkerShape, at centers: [DevicePoint], size: Double, fill: Color, edge: Color?, edgeWidth: Double) {
        let finite = centers.filter { $0.x.isFinite && $0.y.isFinite }
        guard !finite.isEmpty else { return }
        flush()
        let key = MarkerKey(shape: shape, size: size, fill: fill, edge: edge, edgeWidth: edgeWidth)
        let id: String
        if let known = markerSymbols[key] {
            id = known
        } else {
            id = "m\(markerSymbols.count + 1)"
            markerSymbols[key] = id
            // Draw the marker once around the origin into the symbol.
            let body = output
            output = ""
            shape.draw(on: self, center: DevicePoint(x: 0, y: 0), size: size, fill: fill, edge: edge, edgeWidth: edgeWidth)
            flush()
            defs += "<symbol id=\"\(id)\" overflow=\"visible\">\n" + output + "</symbol>\n"
            output = body
        }
        for center in finite {
            output += "<use xlink:href=\"#\(id)\" x=\"\(SVGSyntax.number(center.x))\" y=\"\(SVGSyntax.number(center.y))\"/>\n"
        }
    }

    // MARK: Text

    /// Measures with Cairo's DejaVu Sans metrics (as the PNG and PDF renderers do).
    public func measureText(_ text: String, style: TextStyle) -> TextMetrics {
        measurer.measureText(text, style: style)
    }

    /// Writes one `<text>`: `text-anchor` for the horizontal anchor, the baseline computed from
    /// the measured ascent and descent, and `rotate` around the anchor point.
    public func drawText(_ text: String, at point: DevicePoint, style: TextStyle, anchor: TextAnchor, angle: Double) {
        guard !text.isEmpty, point.x.isFinite, point.y.isFinite else { return }
        flush()
        let metrics = measureText(text, style: style)
        let baseline = point.y + anchor.topLeftOffset(for: metrics).dy + metrics.ascent
        var element = "<text x=\"\(SVGSyntax.number(point.x))\" y=\"\(SVGSyntax.number(baseline))\""
        element += " font-family=\"\(Self.fontFamily)\" font-size=\"\(SVGSyntax.number(max(0.1, style.size)))\""
        if style.weight == .bold { element += " font-weight=\"bold\"" }
        element += " " + Self.fillAttributes(style.color)
        switch anchor.horizontal {
        case .left: break
        case .center: element += " text-anchor=\"middle\""
        case .right: element += " text-anchor=\"end\""
        }
        if angle != 0 && angle.isFinite {
            let degrees = -angle * 180 / .pi
            element += " transform=\"rotate(\(SVGSyntax.number(degrees, decimals: 3)) \(SVGSyntax.number(point.x)) \(SVGSyntax.number(point.y)))\""
        }
        if SVGSyntax.needsPreservedSpace(text) { element += " xml:space=\"preserve\"" }
        output += element + ">" + XMLText.escaped(text) + "</text>\n"
    }

    // MARK: Images

    /// The PNG of `image` as embedded: zlib level 9 on unfiltered rows. A heatmap's rows repeat
    /// (a grid row drawn over several pixel rows), which deflate finds without a filter: on the
    /// lecture's landscapes this is within 3 % of the `sub` filter's size at level 9, in a
    /// twentieth of the time (`sub` turns the repeats into runs that level 9 searches at length).
    ///
    /// The last few are kept by their pixels: a figure's SVG and its slide picture's SVG embed the
    /// same heatmap, which level 9 deflated twice (2 % of the kit's time). A hit is the same
    /// size and the same bytes, so the same PNG.
    static func embeddedPNG(of image: Raster) throws -> Data {
        let pixels = image.bytes
        if let png = recentPNGs.withLock({ $0.first { $0.width == image.width && $0.pixels == pixels }?.png }) { return png }
        let png = try PNGEncoder.encode(image, options: PNGOptions(compressionLevel: 9, filter: .none))
        recentPNGs.withLock { recent in
            recent.append((image.width, pixels, png))
            if recent.count > 8 { recent.removeFirst() }
        }
        return png
    }

    /// The embedded PNGs made last, with the width and pixels they were made from.
    private static let recentPNGs = Mutex<[(width: Int, pixels: Data, png: Data)]>([])

    /// Writes the image as one embedded PNG scaled to `rect`.
    public func drawImage(_ image: Raster, in rect: DeviceRect, interpolation: ImageInterpolation) {
        guard rect.maxX > rect.minX, rect.maxY > rect.minY else { return }
        let png: Data
        do {
            png = try Self.embeddedPNG(of: image)
        } catch {
            if failure == nil { failure = error }
            return
        }
        flush()
        var element = "<image x=\"\(SVGSyntax.number(rect.minX))\" y=\"\(SVGSyntax.number(rect.minY))\""
        element += " width=\"\(SVGSyntax.number(rect.maxX - rect.minX))\" height=\"\(SVGSyntax.number(rect.maxY - rect.minY))\""
        element += " preserveAspectRatio=\"none\""
        if interpolation == .nearest { element += " image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\"" }
        element += " xlink:href=\"data:image/png;base64,\(png.base64EncodedString())\"/>\n"
        output += element
    }
}
