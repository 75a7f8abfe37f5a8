import Foundation
import Plotting
import Training

/// The report's epoch slider: scrubs through training with the fit, the path on the landscape
/// and the numbers moving together.
///
/// Descent draws one static picture (the data | the exact loss landscape of the first model) and
/// computes, for every epoch, what changes: the fitted curve as a polyline in the picture's pixel
/// space (sampled, then simplified to within a quarter pixel), the path point in pixel space, and
/// the line of numbers, typeset in the report's language. Colours and line widths are the theme's
/// and the figure's. The page's script only copies those into an SVG overlay: it computes no model,
/// axis transform or number format of its own.
struct KitExplorer {
    let models: [TrainedModel]
    let language: Language
    /// The user's column labels.
    var labels = FigureLabels()

    /// Pixel positions are written with this many decimals.
    static let decimals = 1
    /// The largest deviation of a simplified curve from its 240 samples, in pixels.
    static let tolerance = 0.25

    /// The explorer's HTML section, or an empty string when there is no model.
    func html() throws -> String {
        guard let model = models.first else { return "" }
        var style = FigureStyle(theme: .light, language: language, size: try FigureSize(width: 1600, height: 640), dpi: 144)
        style.labels = labels
        let text = style.text
        let figure = style.makeFigure()
        let panels = figure.makePanels(rows: 1, columns: 2)
        let data = model.data.original

        // Left: the data, with fixed limits covering every epoch's curve (FitPanel's whole-history limits).
        let fit = panels[0]
        let columns = style.columns(data)
        fit.xLabel = columns.xLabel
        fit.yLabel = columns.yLabel
        let xs = FitFigure.sampleXs(data.x)
        let limits = FitPanel.wholeHistoryLimits(for: [model])
        fit.xLimits = limits.x
        fit.yLimits = limits.y
        fit.legendPlacement = .hidden
        fit.scatter(zip(data.x, data.y).map { DataPoint(x: $0, y: $1) }, color: figure.theme.dataColor)

        // Right: the exact landscape with the start and the optimum; the path is the overlay's.
        let plane = try LandscapePlane(model: model, options: LandscapeOptions(gridSize: 200))
        let grid = plane.evaluateGrid()
        let points = plane.pathPoints(model.history)
        let landscape = panels[1]
        plane.draw(on: landscape, grid: grid, style: style, points: points, pathLayer: .dynamic)
        landscape.legendPlacement = .hidden
        let staticPicture = try figure.renderRaster(layers: .staticOnly).pngData(options: style.pngOptions(title: nil, description: nil))
        let transforms = try figure.panelTransforms()
        let (fitTransform, planeTransform) = (transforms[0], transforms[1])

        let epochs = model.history.epochs
        let names = model.model.parameterNames.map(LandscapePlane.displayName)
        let separator = language.listSeparator
        let unit = columns.yUnit.map { " \($0)" } ?? ""
        let payload = Payload(
            width: figure.size.width, height: figure.size.height,
            fitClip: Self.rect(fitTransform.plotRect), landscapeClip: Self.rect(planeTransform.plotRect),
            curveColor: figure.theme.modelColor(model.model).hexString, pathColor: figure.theme.pathColor.hexString,
            haloColor: figure.theme.haloColor.hexString,
            lineWidth: Self.rounded(figure.metrics.lineWidth), markerRadius: Self.rounded(figure.metrics.markerSize / 2),
            curves: epochs.map { record in
                Self.polyline(xs.map { fitTransform.device(DataPoint(x: $0, y: model.predictOriginal(at: $0, parameters: record.parameters))) })
            },
            path: points.map { Self.pixel(planeTransform.device($0)) },
            numbers: epochs.map { record in
                let parameters = zip(names, record.parameters).map { "\($0) = \(number($1, 4))" }.joined(separator: separator)
                return "\(text.epochCapitalized) \(record.epoch) | \(parameters) | MSE \(number(record.meanSquaredError, 4)) | "
                    + "MAE \(number(record.meanAbsoluteErrorOriginal, 2))\(unit)"
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
            .replacingOccurrences(of: "</", with: "<\\/")
        let last = epochs.count - 1
        let heading = text.explorerHeading(model: text.modelName(model.model.name))
        return """
            <section class="explorer" id="explorer">
            <h2>\(escape(heading))</h2>
            <p>\(escape(text.explorerHint))</p>
            <input type="range" id="epoch-slider" min="0" max="\(last)" value="\(last)" step="1" aria-label="\(escape(text.epoch))">
            <p class="numbers" id="epoch-numbers"></p>
            <div class="stage">
            <img src="data:image/png;base64,\(staticPicture.base64EncodedString())" alt="\(escape(heading))">
            <svg id="epoch-overlay" viewBox="0 0 \(figure.size.width) \(figure.size.height)" preserveAspectRatio="none"></svg>
            </div>
            <script id="epoch-data" type="application/json">\(json)</script>
            <script>
            \(Self.script)
            </script>
            </section>

            """
    }

    private func number(_ value: Double, _ decimals: Int) -> String {
        language.typeset(String(format: "%.\(decimals)f", value))
    }

    /// Copies the precomputed positions, colours and texts into the overlay.
    static let script = """
        (function () {
          var data = JSON.parse(document.getElementById('epoch-data').textContent);
          var svg = document.getElementById('epoch-overlay');
          var slider = document.getElementById('epoch-slider');
          var numbers = document.getElementById('epoch-numbers');
          var ns = 'http://www.w3.org/2000/svg';
          function element(parent, name, attributes) {
            var e = document.createElementNS(ns, name);
            for (var key in attributes) e.setAttribute(key, attributes[key]);
            parent.appendChild(e);
            return e;
          }
          var defs = element(svg, 'defs', {});
          [['clip-fit', data.fitClip], ['clip-landscape', data.landscapeClip]].forEach(function (clip) {
            var c = element(defs, 'clipPath', {id: clip[0]});
            element(c, 'rect', {x: clip[1][0], y: clip[1][1], width: clip[1][2], height: clip[1][3]});
          });
          var curve = element(svg, 'polyline', {fill: 'none', stroke: data.curveColor, 'stroke-width': data.lineWidth,
                                                 'stroke-linejoin': 'round', 'clip-path': 'url(#clip-fit)'});
          var path = element(svg, 'polyline', {fill: 'none', stroke: data.pathColor, 'stroke-width': data.lineWidth,
                                                'stroke-linejoin': 'round', 'clip-path': 'url(#clip-landscape)'});
          var dot = element(svg, 'circle', {r: data.markerRadius, fill: data.pathColor, stroke: data.haloColor,
                                             'stroke-width': data.lineWidth / 2, 'clip-path': 'url(#clip-landscape)'});
          function show(i) {
            curve.setAttribute('points', data.curves[i]);
            path.setAttribute('points', data.path.slice(0, i + 1).join(' '));
            var here = data.path[i].split(',');
            dot.setAttribute('cx', here[0]);
            dot.setAttribute('cy', here[1]);
            numbers.textContent = data.numbers[i];
          }
          slider.addEventListener('input', function () { show(parseInt(slider.value, 10)); });
          show(parseInt(slider.value, 10));
          window.descentExplorerReady = true;
        })();
        """

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
    static func pixel(_ point: DevicePoint) -> String {
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

    private struct Payload: Encodable {
        let width: Int
        let height: Int
        let fitClip: [Double]
        let landscapeClip: [Double]
        let curveColor: String
        let pathColor: String
        let haloColor: String
        let lineWidth: Double
        let markerRadius: Double
        let curves: [String]
        let path: [String]
        let numbers: [String]
    }
}

extension Color {
    /// `#RRGGBB` of the colour's opaque part.
    var hexString: String {
        func byte(_ value: Double) -> Int { Int((min(max(value, 0), 1) * 255).rounded()) }
        return String(format: "#%02X%02X%02X", byte(red), byte(green), byte(blue))
    }
}
