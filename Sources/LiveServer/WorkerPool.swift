import Foundation

/// Runs at most `width` jobs at once, the rest waiting in arrival order (at most
/// ``maximumWaiting``), so a burst of requests shares the cores instead of starving the server's
/// own tasks, and every request is answered.
actor WorkerPool {
    struct Busy: Error {}

    static let maximumWaiting = 2000

    private let width: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) {
        self.width = width
    }

    func run<T: Sendable>(_ job: @Sendable () async throws -> T) async throws -> T {
        if running >= width {
            guard waiting.count < Self.maximumWaiting else { throw Busy() }
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        defer { release() }
        return try await job()
    }

    /// Hands the slot to the first waiter, or frees it.
    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
