import Foundation
import Plotting
import Training

/// `landscape`: the MSE over a plane of parameter space with the optimizer's path.
///
/// The heatmap (log colour scale, colorbar "MSE") and labelled log-spaced contours show the exact
/// MSE of ``LandscapePlane`` on a `--grid` × `--grid` grid; over it the path of the recorded epochs
/// (markers thinned on long runs, arrowheads along it), the start (square), the end (large circle)
/// and the closed-form optimum (diamond; "projected" when it lies off the plane). The plane is
/// `w, b` for the linear model and `w1, w3` for the cubic unless `--params` names two parameters
/// (the others held at their final values) or `--pca` asks for the path's principal plane. `--raw`
/// trains and draws on the unnormalised data. `--grid-csv FILE` writes the grid
/// (``LandscapePlane/csv(_:)``: header `<P1>,<P2>,mse`, `pc1,pc2,mse` with `--pca`, the vertical
/// parameter outer and the horizontal inner).
enum LandscapeFigure {
    /// Builds the figure for the trained run of `spec`.
    static func make(_ spec: LandscapeSpec, style: FigureStyle, model trained: TrainedModel) throws -> FigureProduct {
        let text = style.text
        let plane = try LandscapePlane(model: trained, options: spec.plane)
        let grid = plane.evaluateGrid()
        let figure = style.makeFigure()
        let axes = figure.axes
        let history = trained.history
        let configuration = history.configuration
        let points = plane.pathPoints(history)
        plane.draw(on: axes, grid: grid, style: style, points: points,
                   pathLabel: text.pathLabel(optimizer: configuration.optimizer.name), endLabel: text.end)
        let modelName = text.modelName(trained.model.name)
        let planeName: String
        if case .principal = plane.kind {
            planeName = text.principalPlaneName
        } else {
            planeName = "\(LandscapePlane.displayName(plane.aName)), \(LandscapePlane.displayName(plane.bName))"
        }
        figure.title = text.landscapeTitle(model: modelName, plane: planeName, raw: spec.raw)
        var subtitle = text.runDescription(optimizer: configuration.optimizer.name,
                                           learningRate: style.formatter.format(configuration.learningRate, significantDigits: 4),
                                           epochs: history.epochsRun)
        if case .diverged(let epoch) = history.stopReason { subtitle += " (\(text.divergedAt(epoch: epoch)))" }
        let unit = plane.mseLabel(style).dropFirst(text.mse.count).trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
        subtitle += "  ·  " + text.finalAndMinimum(final: style.formatter.format(trained.finalMeanSquaredError, significantDigits: 4),
                                                    minimum: style.formatter.format(trained.optimumMeanSquaredError, significantDigits: 4),
                                                    unit: unit.isEmpty ? nil : unit)
        figure.subtitle = subtitle
        let summary = "\(trained.model.name) model, plane (\(plane.aName), \(plane.bName)), \(plane.gridSize)x\(plane.gridSize) grid, "
            + "\(configuration.optimizer.name) path of \(history.epochsRun) epochs, final MSE \(trained.finalMeanSquaredError), "
            + "minimum \(trained.optimumMeanSquaredError)"
        return FigureProduct(figure: figure, summary: summary, landscape: (plane, grid))
    }
}
