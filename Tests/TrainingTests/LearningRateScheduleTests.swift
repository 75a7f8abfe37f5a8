import Foundation
import Testing
import Training

/// Learning-rate schedules: each against its formula written out here, full-batch descent with
/// them against a loop written here, and the constant schedule unchanged.
@Suite("Learning-rate schedules")
struct LearningRateScheduleTests {
    static let epochs = 40
    static let base = 0.3
    static let schedules: [LearningRateSchedule] = [.constant, .step(every: 7, gamma: 0.5), .exponential(gamma: 0.9), .cosine,
                                                     .warmup(epochs: 6)]

    /// `ηₜ` for update `t` with `perEpoch` updates an epoch over `Self.epochs` epochs, written out per schedule.
    static func expected(_ schedule: LearningRateSchedule, t: Int, perEpoch: Int) -> Double {
        let epoch = Double(t / perEpoch)
        switch schedule {
        case .constant: return base
        case .step: return base * pow(0.5, (epoch / 7).rounded(.down))
        case .exponential: return base * pow(0.9, epoch)
        case .cosine: return base / 2 * (1 + cos(Double.pi * Double(t) / Double(epochs * perEpoch)))
        case .warmup: return t < 6 * perEpoch ? base * Double(t + 1) / Double(6 * perEpoch) : base
        }
    }

    @Test("full-batch gd: every epoch's lr and parameters follow the schedule's formula, computed here", arguments: schedules.indices)
    func fullBatchFollowsFormula(index: Int) throws {
        let schedule = Self.schedules[index]
        var configuration = TrainingConfiguration(model: .linear, optimizer: .gd, learningRate: Self.base, maxEpochs: Self.epochs,
                                                  initialParameters: [0.1, 0.1], stopRule: .fixed)
        configuration.schedule = schedule
        let data = try notebookData()
        let history = try Trainer(data: data, configuration: configuration).run()
        #expect(history.epochs.count == Self.epochs + 1)
        var w = 0.1, b = 0.1
        #expect(history.epochs[0].learningRate == Self.expected(schedule, t: 0, perEpoch: 1))
        for epoch in 1...Self.epochs {
            let rate = Self.expected(schedule, t: epoch - 1, perEpoch: 1)
            let errors = zip(data.x, data.y).map { w * $0 + b - $1 }
            let gw = 2 * zip(errors, data.x).map(*).reduce(0, +) / Double(data.count)
            let gb = 2 * errors.reduce(0, +) / Double(data.count)
            w -= rate * gw
            b -= rate * gb
            let record = history.epochs[epoch]
            #expect(isClose(record.learningRate, rate, tolerance: 1e-15), "epoch \(epoch)")
            #expect(isClose(record.parameters, [w, b], tolerance: 1e-12), "epoch \(epoch)")
        }
        #expect(history.csv().split(separator: "\n")[0].hasSuffix(",grad_norm,lr"))
    }

    @Test("sgd counts t per update: the cosine rate falls within an epoch and the lr column holds each epoch's first update")
    func stochasticCountsUpdates() throws {
        var configuration = TrainingConfiguration(model: .cubic, optimizer: .sgd, learningRate: Self.base / 30, maxEpochs: Self.epochs,
                                                  initialParameters: [-1, 0, 0, 1], stopRule: .fixed, shuffle: false, recordSteps: true)
        configuration.schedule = .cosine
        let data = try notebookData()
        let history = try Trainer(data: data, configuration: configuration).run()
        let n = data.count
        for epoch in 1...Self.epochs {
            let t = (epoch - 1) * n
            let expected = Self.base / 30 / 2 * (1 + cos(Double.pi * Double(t) / Double(Self.epochs * n)))
            #expect(isClose(history.epochs[epoch].learningRate, expected, tolerance: 1e-15))
        }
        // The first epoch's updates by hand, in file order, each with its own ηₜ.
        var theta = [-1.0, 0, 0, 1]
        for (t, step) in history.steps.prefix(n).enumerated() {
            let x = data.x[t], y = data.y[t]
            let features = [x, x * x, x * x * x, 1]
            let error = zip(theta, features).map(*).reduce(0, +) - y
            let rate = Self.base / 30 / 2 * (1 + cos(Double.pi * Double(t) / Double(Self.epochs * n)))
            theta = zip(theta, features).map { $0 - rate * 2 * error * $1 }
            #expect(isClose(step.parameters, theta, tolerance: 1e-12), "update \(t)")
        }
    }

    @Test("the constant schedule keeps the old arithmetic and the old JSON: the same bits as a schedule that never changes the rate")
    func constantIsUnchanged() throws {
        let data = try notebookData()
        for optimizer in [Optimizer.sgd, .gd, .minibatch(batchSize: 3), .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)] {
            let constant = TrainingConfiguration(model: .cubic, optimizer: optimizer, learningRate: 0.01, maxEpochs: 30,
                                                 initialParameters: [-1, 0, 0, 1], stopRule: .fixed)
            var stepping = constant
            stepping.schedule = .step(every: 1_000, gamma: 0.5)  // through the scheduled path, rate always η
            let a = try Trainer(data: data, configuration: constant).run()
            let b = try Trainer(data: data, configuration: stepping).run()
            #expect(a.csv() == b.csv(), "\(optimizer.name)")
            let json = String(decoding: try a.json(), as: UTF8.self)
            #expect(!json.contains("\"schedule\""))
            #expect(String(decoding: try b.json(), as: UTF8.self).contains("\"schedule\""))
        }
    }

    @Test("schedule settings out of range are refused")
    func invalidSettings() {
        for schedule in [LearningRateSchedule.step(every: 0, gamma: 0.5), .step(every: 2, gamma: 1.5), .exponential(gamma: 0),
                         .exponential(gamma: .nan), .warmup(epochs: 0)] {
            var configuration = TrainingConfiguration.notebook(for: .linear)
            configuration.schedule = schedule
            #expect(throws: TrainingError.self) { try configuration.validated() }
        }
    }
}
