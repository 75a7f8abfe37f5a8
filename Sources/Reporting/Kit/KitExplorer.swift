import Foundation
import Plotting
import Training

/// The report's epoch slider: scrubs through training with the fit, the path on the landscape
/// and the numbers moving together.
///
/// One static picture (the data points | the exact loss landscape of the first model) is embedded
/// as a PNG; the panels' data-to-pixel transforms and the history (parameters, plane coordinates,
/// MSE, MAE per epoch) are embedded as JSON, and plain inline JavaScript draws the current fitted
/// curve, the path so far and the current point as SVG over the picture, and writes the numbers.
struct KitExplorer {
    let models: [TrainedModel]
    let language: Language
    let configuration: KitConfiguration

    /// The explorer's HTML section, or an empty string when there is no model.
    func html() throws -> String {
        guard let model = models.first else { return "" }
        let english = language == .english
        let style = FigureStyle(theme: .light, language: language, size: try FigureSize(width: 1600, height: 640), dpi: 144)
        let text = style.text
        let figure = style.makeFigure()
        let panels = figure.makePanels(rows: 1, columns: 2)
        let data = model.data.original

        // Left: the data, with fixed limits covering every epoch's curve.
        let fit = panels[0]
        fit.xLabel = text.columnLabel(data.xName)
        fit.yLabel = text.columnLabel(data.yName)
        let xs = FitFigure.sampleXs(data.x)
        var lowY = data.y.min() ?? 0, highY = data.y.max() ?? 1
        for record in model.history.epochs {
            for x in xs {
                let y = model.predictOriginal(at: x, parameters: record.parameters)
                if y.isFinite { lowY = min(lowY, y); highY = max(highY, y) }
            }
        }
        let spanY = max(highY - lowY, 1e-9)
        fit.xLimits = AxisLimits(xs.first ?? 0, xs.last ?? 1)
        fit.yLimits = AxisLimits(lowY - 0.05 * spanY, highY + 0.05 * spanY)
        fit.legendPlacement = .hidden
        fit.scatter(zip(data.x, data.y).map { DataPoint(x: $0, y: $1) }, color: figure.theme.seriesColor(0))

        // Right: the exact landscape with the start and the optimum; the path is drawn by the script.
        let plane = try LandscapePlane(model: model, options: LandscapeOptions(gridSize: 200))
        let grid = plane.evaluateGrid()
        let points = plane.pathPoints(model.history)
        let landscape = panels[1]
        plane.draw(on: landscape, grid: grid, style: style, points: points, pathLayer: .dynamic)
        landscape.legendPlacement = .hidden
        let staticPicture = try figure.renderRaster(layers: .staticOnly).pngData(options: style.pngOptions(title: nil, description: nil))
        let transforms = try figure.panelTransforms()

        let payload = Payload(
            width: figure.size.width, height: figure.size.height,
            fit: Frame(transform: transforms[0]), landscape: Frame(transform: transforms[1]),
            powers: model.model.powers, xs: xs,
            xMean: model.data.xScale.mean, xStd: model.data.xScale.standardDeviation,
            yMean: model.data.yScale.mean, yStd: model.data.yScale.standardDeviation,
            names: model.model.parameterNames,
            epochs: model.history.epochs.map(\.epoch),
            parameters: model.history.epochs.map(\.parameters),
            plane: points.map { [$0.x, $0.y] },
            mse: model.history.epochs.map(\.meanSquaredError),
            mae: model.history.epochs.map(\.meanAbsoluteErrorOriginal),
            decimalComma: !english,
            unit: text.unit(of: data.yName) ?? "")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
        let last = model.history.epochs.count - 1
        let heading = english ? "Scrub through training (\(text.modelName(model.model.name)) model)" : "Selaa opetusta (malli: \(text.modelName(model.model.name)))"
        let hint = english
            ? "Drag the slider: the fitted curve (left), the path on the exact loss surface (right) and the numbers follow the epoch."
            : "Vedä liukusäädintä: sovitettu käyrä (vasemmalla), polku tarkalla häviöpinnalla (oikealla) ja luvut seuraavat epookkia."
        return """
            <section class="explorer" id="explorer">
            <h2>\(escape(heading))</h2>
            <p>\(escape(hint))</p>
            <input type="range" id="epoch-slider" min="0" max="\(last)" value="\(last)" step="1" aria-label="\(escape(text.epoch))">
            <p class="numbers" id="epoch-numbers"></p>
            <div class="stage">
            <img src="data:image/png;base64,\(staticPicture.base64EncodedString())" alt="\(escape(heading))">
            <svg id="epoch-overlay" viewBox="0 0 \(figure.size.width) \(figure.size.height)" preserveAspectRatio="none"></svg>
            </div>
            <script id="epoch-data" type="application/json">\(json)</script>
            <script>
            \(script(epochLabel: text.epochCapitalized))
            </script>
            </section>

            """
    }

    private func script(epochLabel: String) -> String {
        """
        (function () {
          var data = JSON.parse(document.getElementById('epoch-data').textContent);
          var svg = document.getElementById('epoch-overlay');
          var slider = document.getElementById('epoch-slider');
          var numbers = document.getElementById('epoch-numbers');
          var ns = 'http://www.w3.org/2000/svg';
          function px(frame, x, y) {
            var r = frame.rect;
            return [r[0] + (x - frame.x[0]) / (frame.x[1] - frame.x[0]) * r[2],
                    r[1] + r[3] - (y - frame.y[0]) / (frame.y[1] - frame.y[0]) * r[3]];
          }
          function fmt(v, d) {
            var s = v.toFixed(d);
            if (data.decimalComma) s = s.replace('.', ',');
            return s.replace('-', '\\u2212');
          }
          function predict(theta, x) {
            var z = (x - data.xMean) / data.xStd, y = 0;
            for (var k = 0; k < theta.length; k++) y += theta[k] * Math.pow(z, data.powers[k]);
            return y * data.yStd + data.yMean;
          }
          function element(name, attributes) {
            var e = document.createElementNS(ns, name);
            for (var key in attributes) e.setAttribute(key, attributes[key]);
            svg.appendChild(e);
            return e;
          }
          function clip(id, frame) {
            var defs = element('defs', {});
            var c = document.createElementNS(ns, 'clipPath'); c.setAttribute('id', id);
            var r = document.createElementNS(ns, 'rect');
            r.setAttribute('x', frame.rect[0]); r.setAttribute('y', frame.rect[1]);
            r.setAttribute('width', frame.rect[2]); r.setAttribute('height', frame.rect[3]);
            c.appendChild(r); defs.appendChild(c);
          }
          clip('clip-fit', data.fit); clip('clip-landscape', data.landscape);
          var curve = element('polyline', {fill: 'none', stroke: '#D55E00', 'stroke-width': 4, 'clip-path': 'url(#clip-fit)'});
          var path = element('polyline', {fill: 'none', stroke: '#FF4F79', 'stroke-width': 4, 'clip-path': 'url(#clip-landscape)'});
          var dot = element('circle', {r: 9, fill: '#FF4F79', stroke: '#000', 'stroke-width': 2, 'clip-path': 'url(#clip-landscape)'});
          function show(i) {
            var theta = data.parameters[i];
            curve.setAttribute('points', data.xs.map(function (x) { return px(data.fit, x, predict(theta, x)).join(','); }).join(' '));
            path.setAttribute('points', data.plane.slice(0, i + 1).map(function (p) { return px(data.landscape, p[0], p[1]).join(','); }).join(' '));
            var here = px(data.landscape, data.plane[i][0], data.plane[i][1]);
            dot.setAttribute('cx', here[0]); dot.setAttribute('cy', here[1]);
            var parts = data.names.map(function (n, k) { return n + ' = ' + fmt(theta[k], 4); });
            numbers.textContent = '\(epochLabel) ' + data.epochs[i] + ' | ' + parts.join(', ') +
              ' | MSE ' + fmt(data.mse[i], 4) + ' | MAE ' + fmt(data.mae[i], 2) + ' ' + data.unit;
          }
          slider.addEventListener('input', function () { show(parseInt(slider.value, 10)); });
          show(parseInt(slider.value, 10));
          window.descentExplorerReady = true;
        })();
        """
    }

    /// A panel's plot rectangle and limits in the embedded JSON.
    private struct Frame: Encodable {
        let rect: [Double]
        let x: [Double]
        let y: [Double]

        init(transform: AxesTransform) {
            rect = [transform.plotRect.x, transform.plotRect.y, transform.plotRect.width, transform.plotRect.height]
            x = [transform.xLimits.lower, transform.xLimits.upper]
            y = [transform.yLimits.lower, transform.yLimits.upper]
        }
    }

    private struct Payload: Encodable {
        let width: Int
        let height: Int
        let fit: Frame
        let landscape: Frame
        let powers: [Int]
        let xs: [Double]
        let xMean: Double
        let xStd: Double
        let yMean: Double
        let yStd: Double
        let names: [String]
        let epochs: [Int]
        let parameters: [[Double]]
        let plane: [[Double]]
        let mse: [Double]
        let mae: [Double]
        let decimalComma: Bool
        let unit: String
    }
}
