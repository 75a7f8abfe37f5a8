import Foundation
import Plotting
import Reporting
import Training

/// The frames section: the whole 60-frame three-panel 1920x1080 sequence of
/// `descent frames --model linear --optimizer gd --lr 0.05 --init -1.5,1.5 --epochs 60`,
/// beside matplotlib drawing the same frames and beside the zlib floor.
///
/// - Descent: `FrameSequence` created (training, plan, landscape grid) and written into an
///   empty folder, timed together: the whole sequence as the command does it, in-process.
/// - matplotlib: `scripts/bench/frames_matplotlib.py` (Agg, one figure, artists updated in
///   place), its own timing after its imports.
/// - floor: `ZlibReference.compress(level: 1)` of one frame's raw scanlines, one core.
struct FramesBench {
    /// The shared settings.
    let settings: BenchSettings

    /// The sequence the section times (also used by `child-frames`).
    static func sequence(frames: Int, size: FigureSize, jobs: Int? = nil) async throws -> FrameSequence {
        var configuration = TrainingConfiguration.notebook(for: .linear)
        configuration.optimizer = .gd
        configuration.learningRate = 0.05
        configuration.maxEpochs = frames
        configuration.initialParameters = [-1.5, 1.5]
        configuration.stopRule = .fixed
        let spec = FramesSpec(run: configuration)
        var options = FrameOptions()
        if let jobs { options.jobs = jobs }
        let store = try await RunStore.train([FrameSequence.runRequest(spec, options: options)], catalog: try DataCatalog(dataset: .notebook))
        return try FrameSequence(spec, style: FigureStyle(size: size), options: options, store: store)
    }

    /// Measures and appends the section's rows.
    func measure(into report: inout BenchReport) async throws {
        let frames = settings.frameCount
        var times: [Double] = []
        var bytes = 0
        for run in 0..<settings.runs {
            let folder = try settings.freshFolder("frames-descent")
            var result: FrameSequenceResult?
            let seconds = try await BenchClock.time {
                let sequence = try await FramesBench.sequence(frames: frames, size: .slide)
                result = try await sequence.write(to: folder)
            }
            times.append(seconds)
            if let fraction = result?.changedTileFraction {
                report.details["frames.descent.changed_tile_fraction"] = fraction
                report.details["frames.descent.changed_tiles_per_frame"] = Double(result?.compressedTiles ?? 0) / Double(frames)
            }
            if run == 0 {
                bytes = (1...frames).reduce(0) { total, number in
                    let name = FrameState.fileName(number: number)
                    let size = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int) ?? 0
                    return total + size
                }
            }
        }
        let descent = BenchClock.median(of: times)
        report.details["frames.descent.bytes_per_frame"] = Double(bytes) / Double(frames)

        var peerSeconds: Double?
        if let peers = settings.peers {
            var peerTimes: [Double] = []
            for _ in 0..<settings.runs {
                let folder = try settings.freshFolder("frames-matplotlib")
                peerTimes.append(try peers.matplotlibFrames(folder: folder, frames: frames))
            }
            peerSeconds = BenchClock.median(of: peerTimes)
        }
        let matplotlib = settings.peers.map { "matplotlib \($0.matplotlibVersion)" } ?? "matplotlib (not run)"
        var row = BenchRow(section: "frames", name: "\(frames) frames 1920x1080, whole sequence", descent: descent, unit: "s",
                           peer: matplotlib, peerValue: peerSeconds, target: "≥ 40x matplotlib")
        row.met = row.ratio.map { $0 >= 40 }
        report.rows.append(row)

        let sequence = try await FramesBench.sequence(frames: frames, size: .slide)
        let middle = sequence.plan.frames[sequence.plan.frames.count / 2]
        let reference = ZlibReference(raster: try sequence.figure(for: middle).renderRaster())
        var floorBytes = 0
        let floor = BenchClock.median(runs: max(settings.runs, 5)) { floorBytes = reference.compress(level: 1) }
        report.details["frames.floor.bytes"] = Double(floorBytes)
        var perFrame = BenchRow(section: "frames", name: "per frame (sequence time / \(frames))", descent: descent / Double(frames),
                                unit: "s", peer: "zlib level 1 floor, 1 frame, 1 core", peerValue: floor, target: "≤ 1.5x the floor")
        perFrame.met = descent / Double(frames) <= 1.5 * floor
        report.rows.append(perFrame)
    }
}
