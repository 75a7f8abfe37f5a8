import Foundation
import Plotting
import Training

/// `schedules`: the learning rate of every ``LearningRateSchedule`` over the epochs, beside the
/// loss each one reaches, on equal footing: the same model, start, data, base rate and epochs.
///
/// Left: `η` per epoch as the runs recorded it (``EpochRecord/learningRate``, the rate of the
/// epoch's first update; one point per epoch from 1). Right: the excess loss `MSE − MSE(θ*)` per
/// epoch on a logarithmic axis, where a faster descent is a steeper line; a curve ends where the
/// excess falls below `floorFraction` of its starting value (the minimum to about twelve digits,
/// where rounding takes over), and its legend row says from which epoch. Every number in the
/// legends is a drawn point: a schedule's settings, and the last drawn excess with its epoch.
enum SchedulesFigure {
    /// The excess below which a curve ends, as a fraction of the starting excess.
    static let floorFraction = 1e-12

    /// Builds the figure from the runs of ``SchedulesSpec/requests(_:)``, in the order of
    /// ``LearningRateSchedule/names``.
    static func make(_ spec: SchedulesSpec, style: FigureStyle, runs: [TrainedModel]) throws -> FigureProduct {
        guard let first = runs.first else { throw ReportingError.needsModel(kind: .schedules) }
        let text = style.text
        let figure = style.makeFigure()
        let configuration = first.history.configuration
        figure.title = text.schedulesTitle
        let limit = first.statistics.stableLearningRate
        let rate = style.formatter.format(configuration.learningRate, significantDigits: 3)
        figure.subtitle = text.schedulesSubtitle(model: text.modelName(first.model.name),
                                                 optimizer: text.optimizerName(configuration.optimizer.name), rate: rate,
                                                 multiple: style.formatter.format(configuration.learningRate / limit, significantDigits: 3),
                                                 epochs: configuration.maxEpochs)
        let wideAspect = 1.2
        let panels = style.arrangePanels(figure, count: 2, wideAspect: wideAspect)
        let stacked = style.aspectRatio < wideAspect
        if stacked { for axes in panels { axes.legendPlacement = .outside } }
        let xLimits = LossCurvePanel.epochLimits(lastEpoch: runs.map(\.history.epochsRun).max() ?? 1)

        let rates = panels[0]
        rates.title = text.learningRateOverEpochs
        rates.xLabel = text.epoch
        rates.yLabel = text.learningRateAxis
        rates.xLimits = xLimits
        let highestRate = runs.flatMap { $0.history.epochs.map(\.learningRate) }.max() ?? 1
        rates.yLimits = AxisLimits(0, highestRate * (stacked ? 1.08 : 1.1 + 0.1 * Double(runs.count)))
        for (index, run) in runs.enumerated() {
            let points = run.history.epochs.dropFirst().map { DataPoint(x: Double($0.epoch), y: $0.learningRate) }
            rates.line(points, color: figure.theme.seriesColor(index), width: (index == 0 ? 1.6 : 1) * 4 * style.size.scale,
                       label: scheduleName(run.history.configuration.schedule, style: style))
        }

        let losses = panels[1]
        losses.title = text.excessLossTitle
        losses.xLabel = text.epoch
        losses.yLabel = text.excessLossAxis
        losses.xLimits = xLimits
        losses.yScale = .log
        var drawnValues: [Double] = []
        var summaries: [String] = []
        for (index, run) in runs.enumerated() {
            let (drawn, floor, reached) = excessCurve(run)
            drawnValues += drawn.map(\.y)
            let name = scheduleName(run.history.configuration.schedule, style: style, short: true)
            let label: String
            if let last = drawn.last {
                let value = style.formatter.format(last.y, significantDigits: 3)
                label = reached
                    ? text.excessBelow(schedule: name, floor: style.formatter.format(floor, significantDigits: 2), epoch: Int(last.x) + 1)
                    : text.excessAtEpoch(schedule: name, value: value, epoch: Int(last.x))
            } else {
                label = name
            }
            losses.line(drawn, color: figure.theme.seriesColor(index), width: (index == 0 ? 1.6 : 1) * 4 * style.size.scale, label: label)
            summaries.append("\(name): MSE \(style.number(run.finalMeanSquaredError, decimals: 6))")
        }
        if let low = drawnValues.filter({ $0 > 0 }).min(), let high = drawnValues.max(), high > 0 {
            let lowU = log10(low), highU = log10(high), span = max(highU - lowU, 1)
            // No headroom: the legend takes the corner the curves leave free (they fall from the upper left).
            losses.yLimits = AxisLimits(pow(10, lowU - 0.04 * span), pow(10, highU + 0.06 * span))
        }
        return FigureProduct(figure: figure, summary: summaries.joined(separator: "; "))
    }

    /// `run`'s excess loss `MSE − MSE(θ*)` per epoch up to where it falls below the floor
    /// (``floorFraction`` of its starting excess), the floor, and whether it got there.
    static func excessCurve(_ run: TrainedModel) -> (points: [DataPoint], floor: Double, reachedFloor: Bool) {
        let optimum = run.optimumMeanSquaredError
        let excess = run.history.epochs.map { DataPoint(x: Double($0.epoch), y: $0.meanSquaredError - optimum) }
        let floor = floorFraction * max(excess.first?.y ?? 1, .leastNormalMagnitude)
        let drawn = Array(excess.prefix { $0.y > floor })
        return (drawn, floor, drawn.count < excess.count)
    }

    /// A schedule with its settings in this style's words: "step: × 0.5 every 75 epochs".
    static func scheduleName(_ schedule: LearningRateSchedule, style: FigureStyle, short: Bool = false) -> String {
        let text = style.text
        let name = text.scheduleName(schedule.name)
        guard !short else { return name }
        let number = { (value: Double) in style.formatter.format(value, significantDigits: 4) }
        switch schedule {
        case .constant: return text.constantSchedule(name)
        case .step(let every, let gamma): return text.stepSchedule(name, gamma: number(gamma), every: every)
        case .exponential(let gamma): return text.exponentialSchedule(name, gamma: number(gamma))
        case .cosine: return text.cosineSchedule(name)
        case .warmup(let epochs): return text.warmupSchedule(name, epochs: epochs)
        }
    }
}
