import Foundation

/// What every section of a benchmark run shares: sizes, runs, the scratch folder and the peers.
struct BenchSettings {
    /// Runs per median (≥ 5 for the full run).
    var runs: Int
    /// Whether `--quick` shrank the sizes.
    var quick: Bool
    /// A scratch folder, removed at the end.
    var work: URL
    /// The Python peers, nil when python3 with numpy and matplotlib is missing or `--no-peers`.
    var peers: PeerRunner?
    /// This executable, started again for the child processes.
    var executable: String

    /// Frames of the frames section: 60 (quick: 12).
    var frameCount: Int { quick ? 12 : 60 }
    /// Rows of the landscape and training sections: 10⁶ (quick: 10⁵).
    var rows: Int { quick ? 100_000 : 1_000_000 }
    /// Landscape grid points per side: 1000 (quick: 300).
    var grid: Int { quick ? 300 : 1000 }

    /// A fresh, empty subfolder of `work` named `name`.
    func freshFolder(_ name: String) throws -> URL {
        let url = work.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
