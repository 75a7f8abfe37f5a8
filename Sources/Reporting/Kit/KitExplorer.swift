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

    /// The explorer's HTML section, or an empty string when there is no model.
    func html() throws -> String {
        guard let model = models.first else { return "" }
        var style = FigureStyle(theme: .light, language: language, size: try FigureSize(width: 1600, height: 640), dpi: 144)
        style.labels = labels
        let text = style.text
        let picture = try ExplorerPicture(reference: model, style: style, plane: LandscapeOptions(gridSize: 200))
        let frames = picture.frames(of: model)
        let epochs = model.history.epochs
        let frame = picture.frame
        let payload = Payload(
            width: picture.width, height: picture.height,
            fitClip: frame.fitClip, landscapeClip: frame.landscapeClip,
            curveColor: frame.curveColor, pathColor: frame.pathColor, haloColor: frame.haloColor,
            lineWidth: frame.lineWidth, markerRadius: frame.markerRadius,
            curves: frames.curves, path: frames.path, numbers: frames.numbers)
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
            <img src="data:image/png;base64,\(picture.png.base64EncodedString())" alt="\(escape(heading))">
            <svg id="epoch-overlay" viewBox="0 0 \(picture.width) \(picture.height)" preserveAspectRatio="none"></svg>
            </div>
            <script id="epoch-data" type="application/json">\(json)</script>
            <script>
            \(Self.script)
            </script>
            </section>

            """
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
