import Foundation
import Plotting
import Training

/// `step`: the slides' worked gradient step card.
///
/// The model `ŷ = w·x²` (``PolynomialModel/monomial(power:)`` with power 2), the single training
/// point `(2, 8)` used raw (``DataSource/workedExample``), `w₀`, `η` and the number of steps from
/// ``StepSpec`` (defaults 1, 0.05 and 3) of full-batch gradient descent, trained by the store. With
/// `L(w) = (y − ŷ)² = (8 − 4w)²` and `dL/dw = −2(y − ŷ)·x²` the defaults give
/// `w = 1 → 2.6 → 1.64 → 2.216` with gradients `−32, 19.2, −11.52`. Every number is computed:
/// `w` and `L` from the training history, `ŷ` from the model, `dL/dw` from ``Loss/gradient(model:parameters:x:y:)``.
///
/// Left: the loss curve `L(w)` with the steps drawn on it; right: the table of the steps
/// (step, w, ŷ, L, dL/dw, new w), numbers in the language's style (decimal commas in Finnish).
enum StepFigure {
    /// One row of the card: the state before step `index` and the update.
    struct Row: Sendable, Equatable {
        /// The step number, 1-based.
        let index: Int
        /// `w` before the step.
        let weight: Double
        /// `ŷ = w·x²`.
        let prediction: Double
        /// `L = (y − ŷ)²`.
        let loss: Double
        /// `dL/dw = −2(y − ŷ)·x²`.
        let gradient: Double
        /// `w − η·dL/dw`.
        let newWeight: Double
    }

    /// The slides' training point `(x, y) = (2, 8)` (true mapping `y = 2x²`).
    static var lecturePoint: (x: Double, y: Double) { DataCatalog.workedExamplePoint }

    /// The worked example's steps from its training history (gd on the one raw point).
    static func rows(_ trained: TrainedModel) -> [Row] {
        let model = trained.model
        let data = trained.data
        let epochs = trained.history.epochs
        guard epochs.count >= 2 else { return [] }
        return (0..<(epochs.count - 1)).map { k in
            let weight = epochs[k].parameters[0]
            return Row(index: k + 1, weight: weight, prediction: model.predict([weight], at: data.x[0]),
                       loss: epochs[k].meanSquaredError,
                       gradient: Loss.gradient(model: model, parameters: [weight], x: data.x, y: data.y)[0],
                       newWeight: epochs[k + 1].parameters[0])
        }
    }

    /// Builds the card from the worked example's run.
    static func make(_ spec: StepSpec, style: FigureStyle, model trained: TrainedModel) throws -> FigureProduct {
        let rows = rows(trained)
        let text = style.text
        let figure = style.makeFigure()
        // Side by side on wide canvases; stacked, the curve gets most of the height (its labels need it).
        let panels = style.arrangePanels(figure, count: 2, weights: style.aspectRatio >= 1.5 ? [1, 1.15] : [1.8, 1], wideAspect: 1.5)
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 5) }
        let point = lecturePoint
        let lossOf = { (w: Double) in Loss.meanSquaredError(model: .monomial(power: 2), parameters: [w], x: [point.x], y: [point.y]) }

        // Left: L(w) with the steps.
        let curveAxes = panels[0]
        let weights = rows.map(\.weight) + (rows.last.map { [$0.newWeight] } ?? [spec.initialWeight])
        let finite = weights.filter(\.isFinite)
        let low = min(finite.min() ?? 0, 2), high = max(finite.max() ?? 4, 2)
        let pad = 0.45 * max(high - low, 0.5)  // room for the boxed w labels beside the outer points
        let samples = (0..<300).map { low - pad + (high - low + 2 * pad) * Double($0) / 299 }
        curveAxes.line(samples.map { DataPoint(x: $0, y: lossOf($0)) }, color: figure.theme.seriesColor(0),
                       label: "L(w) = (\(format(point.y)) − \(format(point.x * point.x))w)²")
        // Slides that reveal the steps one at a time draw the first `shown`; the limits above and
        // the table's rows below keep the room of every step.
        let shown = min(spec.shownSteps ?? rows.count, rows.count)
        let stepPoints = weights.prefix(shown + 1).map { DataPoint(x: $0, y: lossOf($0)) }
        curveAxes.path(stepPoints, markers: false, label: text.gradientSteps)
        // Each w_k beside its point on the outer side of the parabola (away from the steps
        // between the branches), level with it, else above or below it; a label that fits
        // nowhere (many steps crowding the vertex) is left out: the table lists every step.
        let vertex = point.y / (point.x * point.x)
        let gap = 22 * figure.metrics.scale
        let labels = curveAxes.pointLabels(stepPoints.indices.map { "w\(subscriptDigits($0)) = \(format(stepPoints[$0].x))" },
                                           at: stepPoints, color: figure.theme.ink, fontSize: figure.metrics.annotationFontSize)
        labels.boxed = true
        labels.mayCoverData = true  // each w_k label names the point it sits beside
        labels.places = stepPoints.map { stepPoint in
            let side: TextAnchor.Horizontal = stepPoint.x < vertex ? .right : .left
            let dx = side == .right ? -gap : gap
            return [(TextAnchor(side, .middle), DevicePoint(x: dx, y: 0)), (TextAnchor(side, .bottom), DevicePoint(x: dx, y: -0.4 * gap)),
                    (TextAnchor(side, .top), DevicePoint(x: dx, y: 0.4 * gap))]
        }
        curveAxes.xLabel = "w"
        curveAxes.yLabel = "L(w)"
        let losses = weights.map(lossOf) + samples.map(lossOf)
        curveAxes.yLimits = AxisLimits(-0.05 * (losses.max() ?? 1), 1.3 * (losses.max() ?? 1))
        curveAxes.legendPlacement = .corner(.upperCenter)

        // Right: the table.
        let table = panels[1]
        table.showGrid = false
        table.customXTicks = []
        table.customYTicks = []
        let columns = 6
        let lineCount = rows.count + 1
        table.xLimits = AxisLimits(0, Double(columns))
        table.yLimits = AxisLimits(0, Double(lineCount) + 0.6)
        let header = text.stepTableHeader
        let fontSize = figure.metrics.annotationFontSize * (rows.count > 8 ? 0.8 : 1.25)
        for (column, title) in header.enumerated() {
            table.text(title, at: DataPoint(x: Double(column) + 0.5, y: Double(lineCount) - 0.1), anchor: TextAnchor(.center, .middle),
                       color: figure.theme.mutedInk, fontSize: fontSize)
        }
        for (line, row) in rows.prefix(shown).enumerated() {
            let y = Double(lineCount - 1 - line) - 0.1
            let cells = ["\(row.index)", format(row.weight), format(row.prediction), format(row.loss), format(row.gradient), format(row.newWeight)]
            for (column, cell) in cells.enumerated() {
                table.text(cell, at: DataPoint(x: Double(column) + 0.5, y: y), anchor: TextAnchor(.center, .middle),
                           color: column == 5 ? figure.theme.accent : figure.theme.ink, fontSize: fontSize)
            }
        }
        table.xLabel = "ŷ = w·x²,  L = (y − ŷ)²,  dL/dw = −2(y − ŷ)·x²"

        figure.title = text.stepTitle(x: format(point.x), y: format(point.y))
        figure.subtitle = text.stepSubtitle(initialWeight: format(spec.initialWeight), learningRate: format(spec.learningRate))
        let summary = "w: " + weights.map { "\($0)" }.joined(separator: " -> ") + "; gradients " + rows.map { "\($0.gradient)" }.joined(separator: ", ")
        return FigureProduct(figure: figure, summary: summary)
    }

    private static func subscriptDigits(_ value: Int) -> String {
        LandscapePlane.displayName(String(value))
    }
}
