import Foundation

/// One line of the benchmark table: a Descent measurement, optionally beside a peer's, with the
/// ratio `peer / Descent` (how many times faster Descent is) and the target it is judged by.
struct BenchRow: Codable, Sendable {
    /// The section: frames, landscape, training, default run, scaling.
    var section: String
    /// What is measured, e.g. "60 frames 1920x1080, whole sequence".
    var name: String
    /// Descent's value in `unit`.
    var descent: Double
    /// The unit of `descent` and `peerValue`: "s", "ms", "ns/sample", "MiB", ...
    var unit: String
    /// The peer's name ("matplotlib 3.11", "numpy 2.4 (quadratic form)", ...), nil when none.
    var peer: String?
    /// The peer's value in `unit`, nil when the peer did not run.
    var peerValue: Double?
    /// The target as a sentence fragment, e.g. "≥ 40x matplotlib".
    var target: String?
    /// Whether the target is met (nil when there is no target or its peer is missing).
    var met: Bool?
    /// A note shown under the table (e.g. how a value was extrapolated).
    var note: String?

    /// `peerValue / descent`, the speed-up of Descent over the peer (values are costs).
    var ratio: Double? {
        guard let peerValue, descent > 0 else { return nil }
        return peerValue / descent
    }
}
