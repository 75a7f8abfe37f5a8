import Foundation

/// The default-run section: the whole default kit (`descent build`'s work) as a fresh process,
/// and the peak memory of a 1,000-frame sequence beside a 100-frame one (flat = the frames are
/// streamed, at most `jobs` in memory).
struct KitBench {
    /// The shared settings.
    let settings: BenchSettings

    /// Measures and appends the section's rows.
    func measure(into report: inout BenchReport) throws {
        var times: [Double] = []
        for _ in 0..<settings.runs {
            let folder = try settings.freshFolder("kit")
            let outcome = try ChildProcess(executable: settings.executable, arguments: ["child-kit", "--output", folder.path]).run()
            guard outcome.status == 0 else {
                throw BenchError.descentFailed(arguments: "build", status: outcome.status, detail: outcome.errors)
            }
            times.append(outcome.seconds)
        }
        var kit = BenchRow(section: "default run", name: "the whole default kit (descent build)", descent: BenchClock.median(of: times),
                           unit: "s", target: "< 3 s")
        kit.met = kit.descent < 3
        report.rows.append(kit)

        let (small, large) = settings.quick ? (20, 200) : (100, 1000)
        var peaks: [Int: Double] = [:]
        for frames in [small, large] {
            let folder = try settings.freshFolder("memory-\(frames)")
            let outcome = try ChildProcess(executable: settings.executable,
                                           arguments: ["child-frames", "--frames", String(frames), "--out", folder.path]).run()
            guard outcome.status == 0 else {
                throw BenchError.descentFailed(arguments: "frames --epochs \(frames)", status: outcome.status, detail: outcome.errors)
            }
            peaks[frames] = Double(outcome.peakKiB) / 1024
            report.details["memory.frames_\(frames).seconds"] = outcome.seconds
            try? FileManager.default.removeItem(at: folder)
        }
        let smallPeak = peaks[small] ?? 0, largePeak = peaks[large] ?? 0
        var memory = BenchRow(section: "default run", name: "peak memory, \(BenchFormat.count(large)) frames 1920x1080", descent: largePeak,
                              unit: "MiB", peer: "Descent, \(small) frames", peerValue: smallPeak, target: "flat (≤ 1.1x the \(small)-frame peak)")
        memory.met = largePeak <= 1.1 * smallPeak
        report.rows.append(memory)
    }
}
