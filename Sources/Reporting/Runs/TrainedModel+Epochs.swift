import Foundation
import Training

extension TrainedModel {
    /// The parameters recorded at `epoch`, or nil when the history has no such epoch.
    func parameters(atEpoch epoch: Int?) -> [Double]? {
        guard let epoch else { return finalParameters }
        return record(atEpoch: epoch)?.parameters
    }

    /// The record of `epoch`, or nil.
    func record(atEpoch epoch: Int) -> EpochRecord? {
        let epochs = history.epochs
        if epochs.indices.contains(epoch), epochs[epoch].epoch == epoch { return epochs[epoch] }
        return epochs.first { $0.epoch == epoch }
    }
}
