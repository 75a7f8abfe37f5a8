import Foundation
import Synchronization
import Training

/// Every training run a command needs, each trained exactly once: the one source of truth that
/// figures, frames, captions, data files and reports read.
///
/// ```swift
/// let catalog = try DataCatalog(dataset: .notebook)
/// let store = try await RunStore.train(requests, catalog: catalog)
/// let linear = try store.model(RunRequest(.notebook(for: .linear)))
/// ```
///
/// `train` collects the distinct ``RunKey``s of the requests, trains them in parallel (a task
/// group; each run is independent and deterministic, so the order does not matter), and then
/// resolves the requests that halve a diverging learning rate, training each further attempt once.
/// The store is an immutable value: asking it for a run it was not built with is an error
/// (``ReportingError/runNotPlanned(_:)``), never a new training.
public struct RunStore: Sendable {
    /// The data the runs were trained on.
    public let catalog: DataCatalog
    /// The trained histories by key (with steps when any request needed them).
    private let histories: [RunKey: TrainingHistory]
    /// The run each request resolved to (differs from its key only after halving).
    private let resolved: [RunRequest: RunKey]
    /// The descents on surfaces (``SurfaceRun``), which read no data.
    private var surfaceHistories: [SurfaceRun: SurfaceHistory] = [:]
    /// The run each surface request resolved to (differs from its run only after halving).
    private var resolvedSurfaces: [SurfaceRequest: SurfaceRun] = [:]

    /// The number of runs trained to build this store.
    public var trainedRunCount: Int { histories.count }

    /// Trains every distinct run of `requests` once.
    ///
    /// - Parameter progress: called after each run with (runs trained, runs known so far), from
    ///   any task, one call at a time.
    /// - Throws: `TrainingError` for an invalid configuration or data without a least-squares
    ///   solution.
    /// - Parameter surfaces: descents on surfaces to run too, each once (see ``surfaceHistory(_:)``);
    ///   a request that halves a diverging learning rate runs each further attempt once.
    public static func train(_ requests: [RunRequest], surfaces: [SurfaceRequest] = [], catalog: DataCatalog,
                             progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> RunStore {
        var store = try await train(requests, catalog: catalog, progress: progress)
        for request in surfaces where store.resolvedSurfaces[request] == nil {
            var run = request.run
            var halvings = 0
            while true {
                let history = try store.surfaceHistories[run] ?? run.run()
                store.surfaceHistories[run] = history
                guard case .halveLearningRate(let times) = request.onDivergence, history.diverged, halvings < times,
                      run.learningRate / 2 > 0 else { break }
                run.learningRate /= 2
                halvings += 1
            }
            store.resolvedSurfaces[request] = run
        }
        return store
    }

    /// Trains every distinct run of `requests` once (the model runs).
    private static func train(_ requests: [RunRequest], catalog: DataCatalog,
                              progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) async throws -> RunStore {
        var stepsWanted: [RunKey: Bool] = [:]
        for request in requests { stepsWanted[request.key, default: false] = stepsWanted[request.key, default: false] || request.recordSteps }
        for request in requests { _ = try catalog.facts(request.key.configuration.model, on: request.key.source) }
        var histories: [RunKey: TrainingHistory] = [:]
        let counter = ProgressCounter(progress: progress)
        try await train(Array(stepsWanted.keys), steps: stepsWanted, catalog: catalog, into: &histories, counter: counter)

        // Halving requests: each round trains the next attempt of every request still diverging.
        var resolved: [RunRequest: RunKey] = [:]
        var pending: [(request: RunRequest, key: RunKey, halvings: Int)] = []
        for request in Set(requests) {
            if case .halveLearningRate = request.onDivergence { pending.append((request, request.key, 0)) } else { resolved[request] = request.key }
        }
        while !pending.isEmpty {
            var next: [(request: RunRequest, key: RunKey, halvings: Int)] = []
            var toTrain: [RunKey: Bool] = [:]
            for item in pending {
                guard case .halveLearningRate(let times) = item.request.onDivergence else { continue }
                let diverged = histories[item.key]?.diverged ?? false
                // Halving stops where the rate would underflow to 0 (a start of 5e-324 has no half).
                if diverged && item.halvings < times && item.key.configuration.learningRate / 2 > 0 {
                    var configuration = item.key.configuration
                    configuration.learningRate /= 2
                    let key = RunKey(configuration, on: item.key.source)
                    next.append((item.request, key, item.halvings + 1))
                    if histories[key] == nil { toTrain[key] = (toTrain[key] ?? false) || item.request.recordSteps }
                } else {
                    resolved[item.request] = item.key
                }
            }
            try await train(Array(toTrain.keys), steps: toTrain, catalog: catalog, into: &histories, counter: counter)
            pending = next
        }
        return RunStore(catalog: catalog, histories: histories, resolved: resolved)
    }

    /// Trains `keys` in parallel into `histories`.
    private static func train(_ keys: [RunKey], steps: [RunKey: Bool], catalog: DataCatalog,
                              into histories: inout [RunKey: TrainingHistory], counter: ProgressCounter) async throws {
        counter.add(total: keys.count)
        try await withThrowingTaskGroup(of: (RunKey, TrainingHistory).self) { group in
            for key in keys {
                var configuration = key.configuration
                configuration.recordSteps = steps[key] ?? false
                let data = catalog.data(key.source)
                group.addTask {
                    let history = try Trainer(data: data, configuration: configuration).run()
                    if history.epochs.isEmpty { throw Self.startingLossNotFinite(key) }
                    counter.finishedOne()
                    return (key, history)
                }
            }
            for try await (key, history) in group { histories[key] = history }
        }
    }

    /// The error for a run whose MSE at the start is not a finite number, so its history is
    /// empty: nothing downstream could draw or describe it. Named by the setting that chose the
    /// start (the worked example's `w₀`, or the model's starting parameters).
    private static func startingLossNotFinite(_ key: RunKey) -> Error {
        let configuration = key.configuration
        if key.source == .workedExample, let weight = configuration.initialParameters.first {
            return ReportingError.outOfRange(setting: .initialWeight, value: "\(weight)",
                                             allowed: "a starting weight whose loss (8 − 4·w₀)² at the point (2, 8) is a finite number, such as the slides' 1")
        }
        if let network = configuration.network { return TrainingError.networkStartingLossNotFinite(network: network) }
        return TrainingError.startingLossNotFinite(model: configuration.model, parameters: configuration.initialParameters, raw: key.source == .raw)
    }

    /// The trained model for `request`: the run (after halving, the first attempt that stayed
    /// finite, or the last one tried), with the steps only when the request recorded them.
    ///
    /// - Throws: ``ReportingError/runNotPlanned(_:)`` when the store was built without `request`.
    public func model(_ request: RunRequest) throws -> TrainedModel {
        guard let key = resolved[request] ?? (request.onDivergence == .keep ? request.key : nil),
              let history = histories[key] else {
            throw ReportingError.runNotPlanned(Self.describe(request))
        }
        let facts = try catalog.facts(key.configuration.model, on: key.source)
        var shown = history
        if !request.recordSteps && history.configuration.recordSteps { shown = history.withoutSteps() }
        return TrainedModel(data: catalog.data(key.source), history: shown, facts: facts)
    }

    /// The history of the descent `run` on its surface.
    ///
    /// - Throws: ``ReportingError/runNotPlanned(_:)`` when the store was built without it.
    public func surfaceHistory(_ run: SurfaceRun) throws -> SurfaceHistory {
        guard let history = surfaceHistories[run] else {
            throw ReportingError.runNotPlanned("\(run.optimizer.name) on the surface \(run.surface.definition), learning rate \(run.learningRate), \(run.epochs) epochs")
        }
        return history
    }

    /// The history of the descent `request` resolved to: its run, or after halving the first
    /// attempt that stayed finite (or the last one tried).
    ///
    /// - Throws: ``ReportingError/runNotPlanned(_:)`` when the store was built without it.
    public func surfaceHistory(_ request: SurfaceRequest) throws -> SurfaceHistory {
        try surfaceHistory(resolvedSurfaces[request] ?? request.run)
    }

    /// The trained models of `requests`, in order.
    public func models(_ requests: [RunRequest]) throws -> [TrainedModel] {
        try requests.map(model)
    }

    private static func describe(_ request: RunRequest) -> String {
        let configuration = request.key.configuration
        return "\(configuration.modelName) on \(request.key.source.rawValue) data, \(configuration.optimizer.name), "
            + "learning rate \(configuration.learningRate), \(configuration.maxEpochs) epochs"
    }
}

/// Counts finished runs for the progress callback.
private final class ProgressCounter: Sendable {
    private let state = Mutex((done: 0, total: 0))
    private let progress: (@Sendable (Int, Int) -> Void)?

    init(progress: (@Sendable (Int, Int) -> Void)?) {
        self.progress = progress
    }

    func add(total: Int) {
        state.withLock { $0.total += total }
    }

    func finishedOne() {
        state.withLock { counts in
            counts.done += 1
            progress?(counts.done, counts.total)
        }
    }
}
