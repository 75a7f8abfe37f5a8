import Foundation
import Training

/// Which states of a training run become frames, and the manifest that lists them.
///
/// **Track.** The run as a list of points: per epoch (`epochs[0...E]`, epoch 0 = the start) or,
/// in per-step mode, the start followed by every update (`StepRecord`s). The path and loss curve
/// drawn in a frame are the track up to the frame's point.
///
/// **Frames.** Every point of the track, the start included: `E` epochs give `E + 1` frames
/// (epochs `0...E`), `S` updates give `S + 1`; the first frame shows the starting state. With
/// `every = K` the candidates `c₀, c₁, …, c_T` keep `c₀, c_K, c_2K, …` and always `c_T`. Frames are
/// numbered `1...F` without gaps.
///
/// **Step column.** In per-step mode the update count of the `StepRecord`; per epoch it is
/// `epoch · ⌈N / batch size⌉`, the number of updates done by the end of the epoch.
public struct FramePlan: Sendable {
    /// The model's parameter names, in order (the manifest's parameter columns).
    public let parameterNames: [String]
    /// Whether the track is per update (`true`) or per epoch.
    public let perStep: Bool
    /// Every point of the run at the animation's granularity; `track[0]` is the start.
    public let track: [TrackPoint]
    /// The frames, numbered from 1.
    public let frames: [FrameState]
    /// The manifest's column of the value: `mse` for a model, `loss` for a surface's `f`.
    public let valueName: String

    /// Plans the frames of `history` (trained on `sampleCount` samples).
    ///
    /// - Parameters:
    ///   - every: keep every `every`-th candidate (≥ 1), plus the first and the last.
    ///   - perStep: one candidate per update; needs a history recorded with
    ///     `TrainingConfiguration.recordSteps`.
    /// - Throws: `FrameSequenceError.invalidEvery` for `every < 1`,
    ///   `FrameSequenceError.stepsNotRecorded` when `perStep` is asked of a history without steps
    ///   that ran at least one epoch.
    public init(history: TrainingHistory, sampleCount: Int, every: Int = 1, perStep: Bool = false) throws {
        guard every >= 1 else { throw FrameSequenceError.invalidEvery(every) }
        parameterNames = history.configuration.model.parameterNames
        self.perStep = perStep
        var track: [TrackPoint] = []
        let start = history.epochs.first.map {
            TrackPoint(epoch: 0, step: 0, parameters: $0.parameters, meanSquaredError: $0.meanSquaredError)
        }
        if let start { track.append(start) }
        if perStep {
            if history.steps.isEmpty && history.epochsRun > 0 { throw FrameSequenceError.stepsNotRecorded }
            track += history.steps.map {
                TrackPoint(epoch: $0.epoch, step: $0.step, parameters: $0.parameters, meanSquaredError: $0.meanSquaredError,
                           sampleIndex: $0.sampleIndex)
            }
        } else {
            let batch = history.configuration.optimizer.batchSize(count: max(1, sampleCount))
            let updatesPerEpoch = (max(1, sampleCount) + batch - 1) / batch
            track += history.epochs.dropFirst().map {
                TrackPoint(epoch: $0.epoch, step: $0.epoch * updatesPerEpoch, parameters: $0.parameters,
                           meanSquaredError: $0.meanSquaredError)
            }
        }
        self.track = track
        valueName = "mse"
        frames = Self.frames(of: track, every: every)
    }

    /// Plans the frames of a descent on a surface: one per epoch (one update each), the
    /// parameters `x, y`, the value `f` (the manifest's `loss` column); `every` ≥ 1 as above.
    public init(surface history: SurfaceHistory, every: Int = 1) {
        parameterNames = ["x", "y"]
        perStep = false
        valueName = "loss"
        track = history.records.map { TrackPoint(epoch: $0.epoch, step: $0.epoch, parameters: [$0.x, $0.y], meanSquaredError: $0.loss) }
        frames = Self.frames(of: track, every: max(1, every))
    }

    /// `track[0]`, every `every`-th point after it and the last, numbered from 1.
    private static func frames(of track: [TrackPoint], every: Int) -> [FrameState] {
        var chosen: [Int] = []
        for index in track.indices where index % every == 0 || index == track.count - 1 {
            chosen.append(index)
        }
        return chosen.enumerated().map { FrameState(number: $0.offset + 1, trackIndex: $0.element, point: track[$0.element]) }
    }

    /// The number of frames `candidates` track points give with `every`: `c₀, c_K, c_2K, …` and
    /// always the last, `⌈(candidates − 1) / every⌉ + 1` (0 for an empty track).
    public static func frameCount(candidates: Int, every: Int) -> Int {
        guard candidates > 0 else { return 0 }
        let every = max(1, every)
        return (candidates - 1) / every + ((candidates - 1) % every == 0 ? 1 : 2)
    }

    /// The smallest `every` whose frames of `candidates` track points number at most `limit`
    /// (`⌈(candidates − 1) / (limit − 1)⌉`; a limit below 2 is taken as 2: the first and last are always kept).
    public static func every(toFit candidates: Int, within limit: Int) -> Int {
        max(1, (candidates - 1 + max(1, limit - 1) - 1) / max(1, limit - 1))
    }

    /// The most track points a run of `configuration` on `sampleCount` samples can give: the start
    /// and one per epoch, or per update with `perStep` (`⌈N / batch size⌉` an epoch); the run has
    /// exactly this many unless a stop rule other than `.fixed`, or a divergence, ends it sooner.
    public static func maximumCandidates(_ configuration: TrainingConfiguration, sampleCount: Int, perStep: Bool) -> Int {
        let count = max(1, sampleCount)
        let batch = max(1, configuration.optimizer.batchSize(count: count))
        let perEpoch = perStep ? (count + batch - 1) / batch : 1
        let (updates, overflow) = max(0, configuration.maxEpochs).multipliedReportingOverflow(by: perEpoch)
        return overflow ? Int.max : updates.addingReportingOverflow(1).overflow ? Int.max : updates + 1
    }

    /// Throws ``FrameSequenceError/tooManyFrames(count:limit:certain:every:)`` when `candidates`
    /// track points thinned by `every` give more than `limit` frames (`certain` says whether the
    /// count is the sequence's length or only its most).
    public static func checkLimit(candidates: Int, every: Int, limit: Int, certain: Bool) throws {
        let count = frameCount(candidates: candidates, every: every)
        guard count <= limit else {
            throw FrameSequenceError.tooManyFrames(count: count, limit: limit, certain: certain, every: Self.every(toFit: candidates, within: limit))
        }
    }

    /// The manifest `frames.csv`: header `frame,epoch,step,<parameter names>,mse,file` (per update
    /// also `sample`, the 1-based row the update used, before `file`), one row per frame, `\n` line
    /// endings; numbers in Swift's shortest round-trip form, so `Double(field)` gives back exactly
    /// the history's value.
    public func manifestCSV() -> String {
        let sample = perStep ? ["sample"] : []
        var text = (["frame", "epoch", "step"] + parameterNames + [valueName] + sample + ["file"]).joined(separator: ",") + "\n"
        for frame in frames {
            let point = frame.point
            let sampleField = perStep ? [point.sampleIndex.map { String($0 + 1) } ?? ""] : []
            let fields = [String(frame.number), String(point.epoch), String(point.step)]
                + point.parameters.map { "\($0)" } + ["\(point.meanSquaredError)"] + sampleField + [frame.fileName]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }
}
