import CKernels
import Foundation
import Training

/// The training section: a full-batch gradient-descent epoch on N synthetic rows (linear and
/// cubic) beside numpy's vectorized epoch, and SGD's cost per sample beside the notebook's
/// Python loop.
///
/// A Descent epoch is `Trainer.run()` with `maxEpochs = E` divided by `E`: the gradient pass,
/// the update and the epoch's record (MSE, MAE in original units, gradient norm), plus the
/// share of the start's record. SGD: one shuffled epoch of `N` single-sample updates divided by
/// `N`, the records before and after the epoch included (the Python loop's script computes the
/// same record, vectorized, before and after its epoch, so both sides count the same work).
struct TrainingBench {
    /// The shared settings.
    let settings: BenchSettings

    /// Epochs per timed gradient-descent run.
    static let epochs = 5

    /// Median seconds per gradient-descent epoch of `model` on `data`.
    static func gradientDescentEpoch(model: PolynomialModel, data: NormalizedDataset, runs: Int, epochs: Int = epochs) throws -> Double {
        var configuration = TrainingConfiguration(model: model, learningRate: model == .linear ? 0.1 : 0.01, maxEpochs: epochs,
                                                  initialParameters: [Double](repeating: 0.1, count: model.parameterCount),
                                                  stopRule: .fixed)
        configuration.optimizer = .gd
        let trainer = try Trainer(data: data, configuration: configuration)
        return BenchClock.median(runs: runs) { _ = trainer.run() } / Double(epochs)
    }

    /// Median nanoseconds per SGD sample (linear, shuffled, one epoch).
    static func stochasticNanoseconds(data: NormalizedDataset, runs: Int) throws -> Double {
        var configuration = TrainingConfiguration.notebook(for: .linear)
        configuration.maxEpochs = 1
        let trainer = try Trainer(data: data, configuration: configuration)
        return BenchClock.median(runs: runs) { _ = trainer.run() } / Double(data.count) * 1e9
    }

    /// Measures and appends the section's rows.
    func measure(into report: inout BenchReport) throws {
        let rows = settings.rows
        let data = try SyntheticRows.make(count: rows)
        let linear = try TrainingBench.gradientDescentEpoch(model: .linear, data: data, runs: settings.runs)
        let cubic = try TrainingBench.gradientDescentEpoch(model: .cubic, data: data, runs: settings.runs)
        // SGD on the same rows as the Python loop, so both touch the same amount of memory.
        let sgdRows = settings.quick ? 20_000 : 100_000
        let sgd = try TrainingBench.stochasticNanoseconds(data: try SyntheticRows.make(count: sgdRows), runs: settings.runs)
        var numbers: [String: Double] = [:]
        if let peers = settings.peers {
            numbers = try peers.numbers(["training", String(rows), String(settings.runs), String(TrainingBench.epochs), String(sgdRows)])
        }
        let numpy = settings.peers.map { "numpy \($0.numpyVersion), vectorized" } ?? "numpy (not run)"
        for (name, value, key) in [("linear", linear, "gd_linear"), ("cubic", cubic, "gd_cubic")] {
            var row = BenchRow(section: "training", name: "GD epoch, \(name), N = \(BenchFormat.count(rows))", descent: value, unit: "s",
                               peer: numpy, peerValue: numbers[key], target: "≥ 2.5x numpy")
            row.met = row.ratio.map { $0 >= 2.5 }
            report.rows.append(row)
        }
        var row = BenchRow(section: "training", name: "SGD, linear, per sample", descent: sgd, unit: "ns",
                           peer: "notebook's Python loop", peerValue: numbers["sgd_ns_per_sample"], target: "≥ 100x the loop, same work",
                           note: "SGD: both over the same \(BenchFormat.count(sgdRows)) rows, one shuffled epoch, with the same record before "
                               + "and after it (MSE, MAE in original units, gradient norm: Descent's record pass, numpy vectorized "
                               + "in the loop's script), so both count the same work. Descent's epoch ran in CKernels' `descent_sgd_epoch` "
                               + (descent_sgd_uses_fma() != 0 ? "with FMA instructions." : "through the C library's fma (this processor has no FMA)."))
        row.met = row.ratio.map { $0 >= 100 }
        report.rows.append(row)
    }
}
