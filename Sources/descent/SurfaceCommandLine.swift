import ArgumentParser
import Foundation
import Training

/// `--surface NAME|FORMULA` for `train` and `figure landscape`: the run it describes with the
/// shared training options, and the options that make no sense on a surface.
enum SurfaceCommandLine {
    /// The help of `--surface`.
    static let help = ArgumentHelp(
        "Descend a surface of two parameters x, y instead of training a model: a name (\(NamedSurface.allCases.map(\.rawValue).joined(separator: ", "))) or a formula in x and y such as \"x^2 + 10*y^2 + sin(3*x)*cos(2*y)\" (+ - * / ^, parentheses, numbers such as 1e-3 or .5, pi, e, and sin cos tan exp log sqrt abs tanh). With --optimizer gd (default), momentum or adam, --lr, --epochs, --schedule and --init x,y.",
        valueName: "name|formula")

    /// Refuses the training options that describe data, a model or sampling, which a surface has not.
    static func refuseModelOptions(_ training: TrainingOptions) throws {
        let given: [(flag: String, isGiven: Bool)] = [
            ("--data", training.data != nil), ("--x", training.x != nil), ("--y", training.y != nil), ("--label", training.label != nil),
            ("--delimiter", training.delimiter != nil), ("--decimal-comma", training.decimalComma),
            ("--model", training.model != nil), ("--degree", training.degree != nil), ("--batch-size", training.batchSize != nil),
            ("--seed", training.seed != nil), ("--no-shuffle", training.noShuffle), ("--stop", training.stop != nil),
        ]
        if let flag = given.first(where: \.isGiven)?.flag {
            throw ToolFailure.usage("\(flag) does not apply to --surface: a surface has no data, model or samples; its parameters are x and y, "
                                    + "set with --init x,y, and it runs --epochs updates of --optimizer gd, momentum or adam.")
        }
    }

    /// The descent `text` names with the shared training options: the optimizer (default gd), the
    /// learning rate, epochs and start (defaults: the named surface's), the schedule.
    ///
    /// - Throws: ``ToolFailure`` for options that do not apply or a bad `--init`; the
    ///   ``TrainingError``s of ``Surface/init(_:)`` and ``SurfaceRun/validated()``.
    static func run(_ text: String, training: TrainingOptions) throws -> SurfaceRun {
        try refuseModelOptions(training)
        let surface = try Surface(text)
        let optimizer: Optimizer
        switch training.optimizer ?? .gd {
        case .gd: optimizer = .gd
        case .momentum: optimizer = training.momentum
        case .adam: optimizer = .defaultAdam
        case .sgd: optimizer = .sgd
        case .minibatch: optimizer = .minibatch(batchSize: 4)
        }
        var start = surface.defaultStart
        if let initial = training.initialParameters {
            let values = try training.parseInitialParameters(initial)
            guard values.count == 2 else {
                throw ToolFailure.usage("--init has \(values.count) value\(values.count == 1 ? "" : "s") but a surface has two parameters, x and y: give --init x,y such as -1.5,2.")
            }
            start = (values[0], values[1])
        }
        let epochs = training.epochs ?? surface.defaultEpochs
        let run = SurfaceRun(surface: surface, optimizer: optimizer, learningRate: training.learningRate ?? surface.defaultLearningRate,
                             epochs: epochs, schedule: training.learningRateSchedule(epochs: epochs) ?? .constant,
                             startX: start.x, startY: start.y)
        return try run.validated()
    }

    /// The lines `descent train --surface` prints.
    static func summary(_ history: SurfaceHistory) -> String {
        let run = history.run, surface = run.surface
        let start = history.records[0], final = history.final
        var lines = ["Surface: \(surface.named.map { "\($0.rawValue), " } ?? "")f(x, y) = \(surface.formula)"]
        var description = "Run: \(run.optimizer.name), learning rate \(run.learningRate), \(run.epochs) epoch\(run.epochs == 1 ? "" : "s")"
        if run.schedule != .constant { description += ", \(run.schedule.name) schedule" }
        lines.append(description + "; \(history.stopReason.description)")
        lines.append("Start: x = \(start.x), y = \(start.y), f = \(start.loss), |grad f| = \(start.gradientNorm)")
        lines.append("Final (epoch \(final.epoch)): x = \(final.x), y = \(final.y), f = \(final.loss), |grad f| = \(final.gradientNorm)")
        // The curvature at the end, from the exact Hessian: both eigenvalues > 0 is a bowl, mixed signs a saddle.
        let end = surface.dual(x: final.x, y: final.y)
        let mean = (end.hxx + end.hyy) / 2
        let radius = (((end.hxx - end.hyy) / 2) * ((end.hxx - end.hyy) / 2) + end.hxy * end.hxy).squareRoot()
        lines.append("Hessian at the end: fxx = \(end.hxx), fxy = \(end.hxy), fyy = \(end.hyy); eigenvalues \(mean - radius), \(mean + radius)")
        if let nearest = surface.nearestMinimum(x: final.x, y: final.y) {
            lines.append("Nearest known minimum: (\(nearest.x), \(nearest.y)), f = \(surface.value(x: nearest.x, y: nearest.y)), "
                         + "distance \(nearest.distance)")
        } else if surface.named != nil {
            lines.append("Known minima: none (the saddle's stationary point (0, 0) is not a minimum)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
