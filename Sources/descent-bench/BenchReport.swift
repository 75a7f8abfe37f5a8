import Foundation

/// Everything one `descent-bench` run measured: the machine, the rows of the table, the raw
/// scaling series and the peers' environment, written as JSON and printed as a table.
struct BenchReport: Codable, Sendable {
    /// The machine and software the numbers come from.
    struct Machine: Codable, Sendable {
        /// `model name` of the first processor in `/proc/cpuinfo`.
        var cpu: String
        /// Active processor count.
        var cores: Int
        /// `swift --version`'s first line (the toolchain that built the bench, when it can be asked).
        var swift: String
        /// numpy's version, when the peers ran.
        var numpy: String?
        /// matplotlib's version, when the peers ran.
        var matplotlib: String?
        /// The operating system.
        var system: String
    }

    /// One point of a scaling series.
    struct ScalingPoint: Codable, Sendable {
        /// The series: "landscape statistics pass", "landscape grid", "gd epoch linear", ...
        var series: String
        /// Rows N.
        var rows: Int
        /// Grid points per side (0 when the series has no grid).
        var grid: Int
        /// Median seconds.
        var seconds: Double
    }

    /// When the run started (ISO 8601).
    var date: String
    /// Whether `--quick` shrank the sizes and runs.
    var quick: Bool
    /// Runs per median.
    var runs: Int
    /// The machine.
    var machine: Machine
    /// The table.
    var rows: [BenchRow] = []
    /// The scaling series.
    var scaling: [ScalingPoint] = []
    /// Notes printed under the table.
    var notes: [String] = []
    /// Extra numbers (frame encoder statistics, cross-checks).
    var details: [String: Double] = [:]
}
