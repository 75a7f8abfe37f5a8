import Foundation
import Plotting
import Training

/// `training`: the notebook's two-panel view at one epoch: the fit in original units (left) and
/// the MSE per epoch so far with markers (right), titled "Epoch N | y = … | MSE: …".
///
/// Both panels keep the axis ranges of the whole history (`FitPanel.wholeHistoryLimits`,
/// `LossAxisRange`), so figures of successive epochs line up. The equation is the model in
/// normalised terms as the notebook prints it, terms in the model's parameter order
/// (`w·x + b`; `w1·x + w2·x² + w3·x³ + b`), coefficients to 3 decimals; the MSE to 4 decimals.
enum TrainingFigure {
    /// Builds the figure for `spec` from its trained model at `spec.epoch` (default: the last).
    /// - Throws: `ReportingError.epochOutOfRange` when the epoch is not in the history.
    static func make(_ spec: TrainingViewSpec, style: FigureStyle, model: TrainedModel) throws -> FigureProduct {
        let epoch = spec.epoch ?? model.history.epochsRun
        guard let record = model.record(atEpoch: epoch) else {
            throw ReportingError.epochOutOfRange(epoch: epoch, last: model.history.epochsRun)
        }
        let figure = style.makeFigure()
        let panels = style.arrangePanels(figure, count: 2, wideAspect: 1.2)
        figure.title = title(model: model, epoch: epoch, style: style)
        figure.subtitle = style.text.runSettings(
            model: style.text.modelName(model.model.name),
            optimizer: style.text.optimizerName(model.history.configuration.optimizer.name),
            rate: style.formatter.format(model.history.configuration.learningRate, significantDigits: 4))
        let fit = FitPanel.drawStatic(on: panels[0], model: model, style: style, epoch: epoch)
        let loss = LossCurvePanel.drawStatic(on: panels[1], model: model, style: style, epoch: epoch,
                                             logScale: spec.logScale)
        try fit.update(to: epoch)
        try loss.update(to: epoch)
        let summary = "\(style.text.epochCapitalized) \(epoch) / \(model.history.epochsRun): MSE \(style.number(record.meanSquaredError, decimals: 4))"
        return FigureProduct(figure: figure, summary: summary)
    }

    /// The notebook's title at `epoch`: "Epoch 12 | y = 0.919x + 0.000 | MSE: 0.1553".
    /// Epochs outside the history give the final epoch's numbers.
    static func title(model: TrainedModel, epoch: Int, style: FigureStyle) -> String {
        let record = model.record(atEpoch: epoch) ?? model.history.epochs.last
        let parameters = record?.parameters ?? model.finalParameters
        let mse = record?.meanSquaredError ?? model.finalMeanSquaredError
        return style.text.trainingTitle(epoch: record?.epoch ?? epoch,
                                        equation: normalizedEquation(model: model.model, parameters: parameters, style: style),
                                        mse: style.number(mse, decimals: 4))
    }

    /// `ŷ = θ₁z^{p₁} + … ` in z-scores (`z` the z-scored input, `ŷ` the z-scored prediction), each
    /// coefficient to 3 decimals with its sign folded into the operator
    /// ("ŷ = −1.000z + 0.250z² − 0.050z³ + 1.000"); a coefficient that rounds to zero is written
    /// "+ 0.000" (never "−0.000"). The title says these are z-scores, since the axes are in original units.
    static func normalizedEquation(model: PolynomialModel, parameters: [Double], style: FigureStyle) -> String {
        var text = "ŷ = "
        for (index, (power, value)) in zip(model.powers, parameters).enumerated() {
            let rounded = (value * 1000).rounded() / 1000
            let negative = rounded < 0
            // Three decimals, or four significant digits from 10⁴ (a diverging run's coefficients).
            let magnitude = abs(rounded) < 1e4 ? style.number(abs(rounded), decimals: 3)
                : style.formatter.format(abs(rounded), significantDigits: 4)
            let term = magnitude + variable(power)
            if index == 0 {
                text += (negative ? "\u{2212}" : "") + term
            } else {
                text += (negative ? " \u{2212} " : " + ") + term
            }
        }
        return text
    }

    private static func variable(_ power: Int) -> String {
        let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        switch power {
        case 0: return ""
        case 1: return "z"
        default: return "z" + String(String(power).map { superscripts[Int(String($0)) ?? 0] })
        }
    }
}
