import Foundation

/// A descent on a ``Surface``: the full-gradient optimizer, its learning rate and schedule, the
/// number of epochs and the start. Equal runs give equal histories.
///
/// One epoch is one update with the exact gradient `g = ∇f(x, y)` (``SecondOrderDual``), by the
/// formulas of ``Optimizer`` applied to `θ = (x, y)`:
/// - ``Optimizer/gd``: `θ ← θ − ηₜ·g`;
/// - ``Optimizer/momentum(beta:)``: `v ← β·v + g`, `θ ← θ − ηₜ·v`, `v₀ = 0`;
/// - ``Optimizer/adam(beta1:beta2:epsilon:)``: `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
///   `θ ← θ − ηₜ·m̂/(√v̂ + ε)` with the bias corrections of update `t = 1, 2, …`.
///
/// `ηₜ` is the ``LearningRateSchedule``'s rate of update `t − 1` with one update an epoch.
/// `sgd` and `minibatch` draw samples, which a surface does not have: they are refused.
public struct SurfaceRun: Sendable, Hashable {
    /// The surface descended.
    public var surface: Surface
    /// `gd`, `momentum` or `adam`.
    public var optimizer: Optimizer
    /// The base learning rate `η`, finite and `> 0`.
    public var learningRate: Double
    /// Epochs (updates), `1...1_000_000`.
    public var epochs: Int
    /// How the rate changes over the updates.
    public var schedule: LearningRateSchedule
    /// The starting `x`.
    public var startX: Double
    /// The starting `y`.
    public var startY: Double

    /// Creates a run; ``validated()`` checks it.
    public init(surface: Surface, optimizer: Optimizer = .gd, learningRate: Double, epochs: Int,
                schedule: LearningRateSchedule = .constant, startX: Double, startY: Double) {
        self.surface = surface
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.epochs = epochs
        self.schedule = schedule
        self.startX = startX
        self.startY = startY
    }

    /// The run itself after checking the optimizer (full-gradient only), the learning rate, the
    /// epochs, the schedule and that the start is finite with a finite loss and gradient.
    ///
    /// - Throws: ``TrainingError/optimizerNeedsSamples(_:)``, ``TrainingError/invalidLearningRate(_:)``,
    ///   ``TrainingError/invalidEpochs(_:)``, the optimizer's and schedule's errors,
    ///   ``TrainingError/nonFiniteParameter(name:value:)``, ``TrainingError/surfaceStartNotFinite(x:y:)``.
    @discardableResult
    public func validated() throws -> SurfaceRun {
        switch optimizer {
        case .sgd, .minibatch: throw TrainingError.optimizerNeedsSamples(optimizer.name)
        case .gd, .momentum, .adam: break
        }
        guard learningRate.isFinite, learningRate > 0 else { throw TrainingError.invalidLearningRate(learningRate) }
        guard (1...1_000_000).contains(epochs) else { throw TrainingError.invalidEpochs(epochs) }
        try optimizer.validate()
        try schedule.validate()
        for (name, value) in [("x", startX), ("y", startY)] where !value.isFinite {
            throw TrainingError.nonFiniteParameter(name: name, value: value)
        }
        let start = surface.dual(x: startX, y: startY)
        guard start.value.isFinite, start.gx.isFinite, start.gy.isFinite else {
            throw TrainingError.surfaceStartNotFinite(x: startX, y: startY)
        }
        return self
    }

    /// Runs the descent: epoch 0 is the start, then one record per update until `epochs` or
    /// divergence. The run diverges when `(x, y)` becomes non-finite, when the loss or the gradient
    /// at the new point is not finite (nothing of that epoch is recorded), or when `|loss|` exceeds
    /// ``Trainer/divergenceThreshold`` (that epoch is recorded, then the run stops), so the history
    /// holds finite numbers only.
    ///
    /// - Throws: the errors of ``validated()``.
    public func run() throws -> SurfaceHistory {
        try validated()
        var x = startX, y = startY
        var point = surface.dual(x: x, y: y)
        var records = [SurfaceRecord(epoch: 0, x: x, y: y, loss: point.value, gradientNorm: point.gradientNorm)]
        func history(_ reason: StopReason) -> SurfaceHistory { SurfaceHistory(run: self, records: records, stopReason: reason) }
        if Swift.abs(point.value) > Trainer.divergenceThreshold { return history(.diverged(epoch: 0)) }
        var first = (x: 0.0, y: 0.0), second = (x: 0.0, y: 0.0)
        for epoch in 1...epochs {
            let rate = schedule == .constant ? learningRate
                : schedule.rate(base: learningRate, update: epoch - 1, updatesPerEpoch: 1, epochs: epochs)
            let gx = point.gx, gy = point.gy
            switch optimizer {
            case .momentum(let beta):
                first.x = beta * first.x + gx
                x -= rate * first.x
                first.y = beta * first.y + gy
                y -= rate * first.y
            case .adam(let beta1, let beta2, let epsilon):
                let correction1 = 1 - pow(beta1, Double(epoch))
                let correction2 = 1 - pow(beta2, Double(epoch))
                first.x = beta1 * first.x + (1 - beta1) * gx
                second.x = beta2 * second.x + (1 - beta2) * gx * gx
                x -= rate * (first.x / correction1) / ((second.x / correction2).squareRoot() + epsilon)
                first.y = beta1 * first.y + (1 - beta1) * gy
                second.y = beta2 * second.y + (1 - beta2) * gy * gy
                y -= rate * (first.y / correction1) / ((second.y / correction2).squareRoot() + epsilon)
            default:
                x -= rate * gx
                y -= rate * gy
            }
            guard x.isFinite, y.isFinite else { return history(.diverged(epoch: epoch)) }
            point = surface.dual(x: x, y: y)
            guard point.value.isFinite, point.gx.isFinite, point.gy.isFinite, point.gradientNorm.isFinite else {
                return history(.diverged(epoch: epoch))
            }
            records.append(SurfaceRecord(epoch: epoch, x: x, y: y, loss: point.value, gradientNorm: point.gradientNorm))
            if Swift.abs(point.value) > Trainer.divergenceThreshold { return history(.diverged(epoch: epoch)) }
        }
        return history(.completedEpochs)
    }
}

/// The state after one epoch of a ``SurfaceRun`` (epoch 0: the start). All values are finite.
public struct SurfaceRecord: Sendable, Equatable {
    /// The epoch, 0 for the start.
    public let epoch: Int
    /// `x` after the epoch.
    public let x: Double
    /// `y` after the epoch.
    public let y: Double
    /// `f(x, y)`.
    public let loss: Double
    /// `‖∇f(x, y)‖₂`.
    public let gradientNorm: Double
}

/// The record of a ``SurfaceRun``: every epoch and why it stopped.
public struct SurfaceHistory: Sendable {
    /// The run.
    public let run: SurfaceRun
    /// One record per epoch, epoch 0 first; never empty.
    public let records: [SurfaceRecord]
    /// Why the run ended.
    public let stopReason: StopReason

    /// The last record.
    public var final: SurfaceRecord { records[records.count - 1] }

    /// Whether the run diverged.
    public var diverged: Bool {
        if case .diverged = stopReason { return true }
        return false
    }

    /// The history as CSV: header `epoch,x,y,loss,grad_norm`, one line per epoch, `\n` line
    /// endings, numbers in Swift's shortest round-trip form (as ``TrainingHistory/csv()``).
    public func csv() -> String {
        var text = "epoch,x,y,loss,grad_norm\n"
        for record in records {
            text += "\(record.epoch),\(record.x),\(record.y),\(record.loss),\(record.gradientNorm)\n"
        }
        return text
    }
}
