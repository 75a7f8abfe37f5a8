import Foundation
import Training

/// The short caption under each kit figure, stating its numbers, in English or Finnish.
struct KitCaptions {
    let models: [TrainedModel]
    let language: Language

    private var english: Bool { language == .english }
    private var text: LectureText { language.text }
    private var equations: EquationText { EquationText(notation: .typographic, decimalSeparator: language.decimalSeparator) }

    private func number(_ value: Double, _ decimals: Int) -> String {
        language.typeset(String(format: "%.\(decimals)f", value))
    }

    private func significant(_ value: Double) -> String {
        language.typeset(String(format: "%.3g", value))
    }

    private func model(named name: String?) -> TrainedModel? {
        models.first { $0.model.name == name } ?? models.first
    }

    private func unit(_ model: TrainedModel) -> String { text.unit(of: model.data.original.yName) ?? "" }

    private func equation(_ model: TrainedModel, parameters: [Double]? = nil) -> String {
        let data = model.data
        return equations.originalUnits(model: model.model, parameters: parameters ?? model.finalParameters,
                                       xScale: data.xScale, yScale: data.yScale,
                                       xName: text.variableName(data.original.xName), yName: text.variableName(data.original.yName))
    }

    private func run(_ model: TrainedModel) -> String {
        let configuration = model.history.configuration
        let optimizer = configuration.optimizer.name.uppercased()
        return english
            ? "\(model.history.epochsRun) epochs of \(optimizer), learning rate \(significant(configuration.learningRate))"
            : "\(model.history.epochsRun) epookkia, \(optimizer), oppimisnopeus \(significant(configuration.learningRate))"
    }

    /// The caption of `job`'s figure.
    func caption(for job: KitFigureJob, product: FigureProduct) -> String {
        guard let model = model(named: job.modelName) else { return product.summary }
        let name = text.modelName(model.model.name)
        let mse = number(model.finalMeanSquaredError, 4), mae = number(model.finalMeanAbsoluteError, 2)
        let optimumMSE = number(model.optimumMeanSquaredError, 4)
        switch (job.request.kind, job.modelName) {
        case (.fit, nil), (.loss, nil), (.compare, nil):
            let parts = models.map { "\(text.modelName($0.model.name)) MAE \(number($0.finalMeanAbsoluteError, 2)) \(unit($0)), MSE \(number($0.finalMeanSquaredError, 4))" }
            return english
                ? "The linear and the cubic model side by side: \(parts.joined(separator: "; ")). The cubic follows the data visibly better."
                : "Lineaarinen ja kuutiollinen malli rinnakkain: \(parts.joined(separator: "; ")). Kuutiollinen malli seuraa dataa selvästi paremmin."
        case (.fit, _):
            return english
                ? "The \(name) model after \(run(model)): \(equation(model)). MSE \(mse) (normalised), MAE \(mae) \(unit(model)); the closed-form optimum is \(equation(model, parameters: model.optimum))."
                : "Malli (\(name)), \(run(model)): \(equation(model)). MSE \(mse) (normalisoitu), MAE \(mae) \(unit(model)); suljetun muodon optimi on \(equation(model, parameters: model.optimum))."
        case (.loss, _):
            let start = number(model.history.epochs.first?.meanSquaredError ?? .nan, 4)
            return english
                ? "MSE per epoch of the \(name) model: from \(start) at the start to \(mse) after \(model.history.epochsRun) epochs (\(model.history.stopReason.description)). The dashed line is the closed-form minimum, \(optimumMSE)."
                : "Mallin (\(name)) MSE epookeittain: alussa \(start), \(model.history.epochsRun) epookin jälkeen \(mse). Katkoviiva on suljetun muodon minimi \(optimumMSE)."
        case (.training, _):
            return english
                ? "The notebook's view of the \(name) model at its last epoch, \(model.history.epochsRun): the fit in centimetres and the MSE so far (\(mse))."
                : "Muistion näkymä mallista (\(name)) viimeisellä epookilla \(model.history.epochsRun): sovite senttimetreinä ja MSE tähän asti (\(mse))."
        case (.landscape, _):
            return english
                ? "The exact MSE surface of the \(name) model (from the quadratic form, no sampling error) with the optimizer's path: \(model.history.epochsRun) epochs, ending \(significant(model.distanceToOptimum)) from the closed-form optimum (MSE \(optimumMSE))."
                : "Mallin (\(name)) tarkka MSE-pinta (neliömuodosta) ja optimoijan polku: \(model.history.epochsRun) epookkia, loppupiste \(significant(model.distanceToOptimum)) päässä suljetun muodon optimista (MSE \(optimumMSE))."
        case (.normalization, _):
            let limit = significant(model.statistics.stableLearningRate)
            return english
                ? "The same gradient descent on raw and on z-scored data. On z-scores the Hessian is well conditioned (condition number \(significant(model.statistics.conditionNumber))) and any step below 2/λmax = \(limit) is stable; on raw kilograms the valley is long and narrow."
                : "Sama gradienttimenetelmä normalisoimattomalla ja z-normalisoidulla datalla. Z-arvoilla Hessen matriisi on hyvin ehdollistettu (ehtoluku \(significant(model.statistics.conditionNumber))) ja jokainen askel alle 2/λmax = \(limit) on vakaa; kilogrammoina laakso on pitkä ja kapea."
        case (.lrSweep, _):
            let limit = significant(model.statistics.stableLearningRate)
            return english
                ? "Full-batch gradient descent on the \(name) model with learning rates around the stable limit 2/λmax = \(limit): below it the loss falls, above it the run diverges."
                : "Täyden erän gradienttimenetelmä mallille (\(name)) eri oppimisnopeuksilla vakausrajan 2/λmax = \(limit) molemmin puolin: sen alla häviö pienenee, sen yllä ajo hajaantuu."
        case (.slice, _):
            return english
                ? "The loss of the \(name) model along one parameter, the others fixed: the tangent's slope is the gradient, and the arrow is one step of −learning rate × gradient."
                : "Mallin (\(name)) häviö yhden parametrin suhteen muiden pysyessä kiinteinä: tangentin kulmakerroin on gradientti ja nuoli on yksi askel −oppimisnopeus × gradientti."
        case (.step, _):
            let request = job.request
            let weights = workedExampleWeights(w0: request.stepInitialWeight, learningRate: request.stepLearningRate,
                                               steps: request.stepCount).map(shortest).joined(separator: " → ")
            let w0 = shortest(request.stepInitialWeight), rate = shortest(request.stepLearningRate)
            return english
                ? "The slides' worked example: ŷ = w·x², training point (2, 8), w0 = \(w0), learning rate \(rate). Each step computes the prediction, the gradient dL/dw = −2(y − ŷ)·x² and the update: w = \(weights)."
                : "Kalvojen laskuesimerkki: ŷ = w·x², opetuspiste (2, 8), w0 = \(w0), oppimisnopeus \(rate). Jokainen askel laskee ennusteen, gradientin dL/dw = −2(y − ŷ)·x² ja päivityksen: w = \(weights)."
        case (.compare, _):
            return english
                ? "SGD, full-batch gradient descent, momentum and Adam from the same start on the \(name) model's exact loss surface."
                : "SGD, täyden erän gradienttimenetelmä, momentum ja Adam samasta alkupisteestä mallin (\(name)) tarkalla häviöpinnalla."
        }
    }

    /// The weights of the slides' example, trained by `Trainer`: w0 and the weight after each step.
    private func workedExampleWeights(w0: Double, learningRate: Double, steps: Int) -> [Double] {
        guard let dataset = try? Dataset(x: [2], y: [8], xName: "x", yName: "y"),
              let data = try? NormalizedDataset(dataset, normalize: false) else { return [w0] }
        var configuration = TrainingConfiguration.notebook(for: .monomial(power: 2))
        configuration.optimizer = .gd
        configuration.learningRate = learningRate
        configuration.maxEpochs = steps
        configuration.initialParameters = [w0]
        configuration.stopRule = .fixed
        guard let trainer = try? Trainer(data: data, configuration: configuration) else { return [w0] }
        return trainer.run().epochs.map { $0.parameters[0] }
    }

    /// At most four decimals, trailing zeros dropped (2.216, 2.6, 1), in the language's style.
    private func shortest(_ value: Double) -> String {
        var formatted = String(format: "%.4f", value)
        while formatted.hasSuffix("0") { formatted.removeLast() }
        if formatted.hasSuffix(".") { formatted.removeLast() }
        return language.typeset(formatted)
    }
}
