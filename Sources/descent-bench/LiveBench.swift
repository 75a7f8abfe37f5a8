import Foundation

/// The live section: `descent live`'s `/api/run` for the default linear and cubic runs, one
/// request at a time on a kept-alive connection (`scripts/bench/live_latency.py`, which starts
/// the `descent` next to this executable), p99 against issue 18's 20 ms; `/api/view` (what the
/// page asks when a control changes) beside it for information.
struct LiveBench {
    /// The shared settings.
    let settings: BenchSettings

    /// Measures and appends the section's rows; without the Python peers, a note says why not.
    func measure(into report: inout BenchReport) throws {
        guard let peers = settings.peers else {
            report.notes.append("The live section needs python3 (its client is scripts/bench/live_latency.py); it did not run.")
            return
        }
        let descent = URL(fileURLWithPath: settings.executable).deletingLastPathComponent().appendingPathComponent("descent").path
        guard FileManager.default.isExecutableFile(atPath: descent) else {
            report.notes.append("The live section needs the descent executable beside descent-bench (swift build -c release); it did not run.")
            return
        }
        let count = settings.quick ? 50 : 300
        let output = try peers.run(script: "live_latency.py", [descent, String(count)])
        guard let line = output.split(separator: "\n").last,
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double] else {
            throw BenchError.peerFailed(script: "live_latency.py", status: 0, detail: "no JSON line in its output: \(output.prefix(300))")
        }
        for model in ["linear", "cubic"] {
            guard let p99 = object["\(model)_run_p99_ms"] else { continue }
            var row = BenchRow(section: "live", name: "/api/run p99, default \(model) run, one request at a time", descent: p99 / 1000,
                               unit: "s", target: "< 20 ms")
            row.met = p99 < 20
            report.rows.append(row)
            if let view = object["\(model)_view_p99_ms"] {
                report.rows.append(BenchRow(section: "live", name: "/api/view p99, default \(model) run (the page's request)", descent: view / 1000,
                                            unit: "s", target: nil))
            }
            for (key, value) in object where key.hasPrefix(model) { report.details["live.\(key)"] = value }
        }
        report.notes.append("live: \(count) requests a model, one after another on one kept-alive connection, after 10 to warm up.")
    }
}
