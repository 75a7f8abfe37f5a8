import Foundation
import Plotting
import Training

/// The report's epoch slider: scrubs through training with the fit, the path and the numbers
/// moving together (plain inline JavaScript over embedded images).
struct KitExplorer {
    let models: [TrainedModel]
    let language: Language
    let configuration: KitConfiguration

    /// The explorer's HTML, or an empty string when there is nothing to explore.
    func html() throws -> String {
        ""
    }
}
