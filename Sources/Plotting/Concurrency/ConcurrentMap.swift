import Foundation

/// Slots that the iterations of one `DispatchQueue.concurrentPerform` fill, each iteration at
/// its own index.
///
/// **Why `@unchecked Sendable` is safe here.** The box holds only a pointer into a buffer that
/// `concurrentMap` allocates, initializes and owns for the whole call, and it never escapes that
/// call. Iteration `i` writes exactly slot `i` and reads nothing, so no two threads touch the
/// same memory; the slots are read only after `concurrentPerform` has returned, which happens
/// after every iteration has finished (it waits for all of them).
private struct DisjointSlots<Element: Sendable>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element?>
    let count: Int

    /// Stores `value` in slot `index`; each index is written by one iteration only.
    func store(_ value: Element, at index: Int) {
        precondition(index >= 0 && index < count, "Slot \(index) outside 0..<\(count)")
        base[index] = value
    }
}

/// `(0..<count).map(transform)` with the calls spread over the cores
/// (`DispatchQueue.concurrentPerform`); the results keep their order, so the output does not
/// depend on which thread computed what.
///
/// `transform` must not touch shared mutable state: it receives only its index and returns its
/// own value (the compiler checks that it is `@Sendable`).
func concurrentMap<Result: Sendable>(count: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
    guard count > 0 else { return [] }
    if count == 1 { return [transform(0)] }
    let storage = UnsafeMutablePointer<Result?>.allocate(capacity: count)
    storage.initialize(repeating: nil, count: count)
    defer {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
    let slots = DisjointSlots(base: storage, count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        slots.store(transform(index), at: index)
    }
    return (0..<count).map { index in
        guard let value = storage[index] else { preconditionFailure("concurrentPerform skipped iteration \(index)") }
        return value
    }
}
