import Foundation

/// `items.map(transform)` in a task group with at most one task per core in flight (each may
/// hold a whole figure in memory); the results keep the items' order, whichever finishes first.
/// `progress` is called after each item with (done, total).
func mapInFlight<Item: Sendable, Value: Sendable>(_ items: [Item], progress: @escaping @Sendable (Int, Int) -> Void,
                                                 _ transform: @escaping @Sendable (Item) throws -> Value) async throws -> [Value] {
    let total = items.count
    let results: [Value?] = try await withThrowingTaskGroup(of: (Int, Value).self) { group in
        var results = [Value?](repeating: nil, count: total)
        var next = 0, finished = 0
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        func addNext() {
            guard next < total else { return }
            let index = next, item = items[index]
            next += 1
            group.addTask { (index, try transform(item)) }
        }
        for _ in 0..<width { addNext() }
        for try await (index, result) in group {
            results[index] = result
            finished += 1
            progress(finished, total)
            addNext()
        }
        return results
    }
    return results.compactMap { $0 }
}
