import Foundation

/// Wall-clock timing for the benchmarks: a monotonic clock and medians over repeated runs.
///
/// A measurement is `runs` timed calls of the same closure (after nothing else: no warm-up run
/// is dropped, so a first-call cost shows in the spread, not in the median for `runs ≥ 3`);
/// the reported value is the median, `t₍(runs+1)/2₎` of the sorted times for odd `runs`, the
/// mean of the two middle times for even `runs`.
enum BenchClock {
    /// Seconds on the monotonic clock (`CLOCK_MONOTONIC`).
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// Seconds taken by one call of `body`.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }

    /// The seconds `body` takes.
    static func time(_ body: () async throws -> Void) async rethrows -> Double {
        let start = now()
        try await body()
        return now() - start
    }

    /// The median of `runs` timed calls of `body`, in seconds.
    static func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, runs) { times.append(try time(body)) }
        return median(of: times)
    }

    /// The median of `values` (0 for none).
    static func median(of values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
