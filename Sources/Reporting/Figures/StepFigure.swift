import Foundation
import Plotting
import Training

/// `step`: the slides' worked gradient step card.
///
/// `--example lecture`: the model `ŷ = w·x²` (``PolynomialModel/monomial(power:)`` with power 2),
/// the single training point `(2, 8)` used raw, `w₀` = `--w0` (default 1), `η` = `--lr` (default
/// 0.05), `--steps` steps (default 3) of full-batch gradient descent run by ``Trainer``. With
/// `L(w) = (y − ŷ)² = (8 − 4w)²` and `dL/dw = −2(y − ŷ)·x²` the defaults give
/// `w = 1 → 2.6 → 1.64 → 2.216` with gradients `−32, 19.2, −11.52`. Every number is computed:
/// `w` and `L` from the training history, `ŷ` from the model, `dL/dw` from ``Loss/gradient(model:parameters:x:y:)``.
///
/// Left: the loss curve `L(w)` with the steps drawn on it; right: the table of the steps
/// (step, w, ŷ, L, dL/dw, new w), numbers in the language's style (decimal commas in Finnish).
public enum StepFigure {
    /// One row of the card: the state before step `index` and the update.
    public struct Row: Sendable, Equatable {
        /// The step number, 1-based.
        public let index: Int
        /// `w` before the step.
        public let weight: Double
        /// `ŷ = w·x²`.
        public let prediction: Double
        /// `L = (y − ŷ)²`.
        public let loss: Double
        /// `dL/dw = −2(y − ŷ)·x²`.
        public let gradient: Double
        /// `w − η·dL/dw`.
        public let newWeight: Double
    }

    /// The slides' training point `(x, y) = (2, 8)` (true mapping `y = 2x²`).
    public static let lecturePoint = (x: 2.0, y: 8.0)

    /// The worked example's steps, computed by ``Trainer`` (gd on the one raw point).
    public static func rows(initialWeight: Double, learningRate: Double, steps: Int) throws -> [Row] {
        let dataset = try Dataset(x: [lecturePoint.x], y: [lecturePoint.y], xName: "x", yName: "y")
        let data = try NormalizedDataset(dataset, normalize: false)
        let model = PolynomialModel.monomial(power: 2)
        let configuration = TrainingConfiguration(model: model, optimizer: .gd, learningRate: learningRate, maxEpochs: steps,
                                                  initialParameters: [initialWeight], stopRule: .fixed, shuffle: false)
        let history = try Trainer(data: data, configuration: configuration).run()
        let epochs = history.epochs
        guard epochs.count >= 2 else { return [] }
        return (0..<(epochs.count - 1)).map { k in
            let weight = epochs[k].parameters[0]
            return Row(index: k + 1, weight: weight, prediction: model.predict([weight], at: data.x[0]),
                       loss: epochs[k].meanSquaredError,
                       gradient: Loss.gradient(model: model, parameters: [weight], x: data.x, y: data.y)[0],
                       newWeight: epochs[k + 1].parameters[0])
        }
    }

    /// Builds the card.
    public static func make(_ request: FigureRequest) throws -> FigureProduct {
        guard (1...20).contains(request.stepCount) else {
            throw ReportingError.unsupported("--steps must be between 1 and 20, got \(request.stepCount).")
        }
        let rows = try rows(initialWeight: request.stepInitialWeight, learningRate: request.stepLearningRate, steps: request.stepCount)
        let style = request.style
        let text = style.text
        let figure = style.makeFigure()
        let panels = figure.makePanels(rows: 1, columns: 2, columnWidths: [1, 1.15])
        let format = { (value: Double) in style.formatter.format(value, significantDigits: 5) }
        let point = lecturePoint
        let lossOf = { (w: Double) in Loss.meanSquaredError(model: .monomial(power: 2), parameters: [w], x: [point.x], y: [point.y]) }

        // Left: L(w) with the steps.
        let curveAxes = panels[0]
        let weights = rows.map(\.weight) + (rows.last.map { [$0.newWeight] } ?? [request.stepInitialWeight])
        let finite = weights.filter(\.isFinite)
        let low = min(finite.min() ?? 0, 2), high = max(finite.max() ?? 4, 2)
        let pad = 0.45 * max(high - low, 0.5)  // room for the boxed w labels beside the outer points
        let samples = (0..<300).map { low - pad + (high - low + 2 * pad) * Double($0) / 299 }
        curveAxes.line(samples.map { DataPoint(x: $0, y: lossOf($0)) }, color: figure.theme.seriesColor(0),
                       label: "L(w) = (\(format(point.y)) − \(format(point.x * point.x))w)²")
        let stepPoints = weights.map { DataPoint(x: $0, y: lossOf($0)) }
        curveAxes.path(stepPoints, markers: false, label: text.gradientSteps)
        let vertex = point.y / (point.x * point.x)
        for (k, stepPoint) in stepPoints.enumerated() {
            // Labels on the outer side of the parabola, away from the steps between the branches.
            let left = stepPoint.x < vertex
            curveAxes.text("w\(subscriptDigits(k)) = \(format(stepPoint.x))", at: stepPoint, anchor: TextAnchor(left ? .right : .left, .middle),
                           color: figure.theme.ink, fontSize: figure.metrics.annotationFontSize, boxed: true)
                .offset = DevicePoint(x: (left ? -1 : 1) * 22 * figure.metrics.scale, y: 0)
        }
        curveAxes.xLabel = "w"
        curveAxes.yLabel = "L(w)"
        let losses = stepPoints.map(\.y) + samples.map(lossOf)
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
        for (line, row) in rows.enumerated() {
            let y = Double(lineCount - 1 - line) - 0.1
            let cells = ["\(row.index)", format(row.weight), format(row.prediction), format(row.loss), format(row.gradient), format(row.newWeight)]
            for (column, cell) in cells.enumerated() {
                table.text(cell, at: DataPoint(x: Double(column) + 0.5, y: y), anchor: TextAnchor(.center, .middle),
                           color: column == 5 ? figure.theme.accent : figure.theme.ink, fontSize: fontSize)
            }
        }
        table.xLabel = "ŷ = w·x²,  L = (y − ŷ)²,  dL/dw = −2(y − ŷ)·x²"

        figure.title = text.stepTitle(x: format(point.x), y: format(point.y))
        figure.subtitle = text.stepSubtitle(initialWeight: format(request.stepInitialWeight), learningRate: format(request.stepLearningRate))
        let summary = "w: " + weights.map { "\($0)" }.joined(separator: " -> ") + "; gradients " + rows.map { "\($0.gradient)" }.joined(separator: ", ")
        return FigureProduct(figure: figure, summary: summary)
    }

    private static func subscriptDigits(_ value: Int) -> String {
        LandscapePlane.displayName(String(value))
    }
}
