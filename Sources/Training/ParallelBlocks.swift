import CKernels
import Dispatch

/// Runs `body(index)` once for every index in `0..<count` on up to `threads` threads and waits
/// for all of them. The threads claim `chunk` indices at a time as they finish the last ones
/// (CKernels' `descent_claim`), so a thread slowed down by other work on its core (a shared
/// machine) takes fewer instead of holding up the pass with a fixed half. Which thread runs an
/// index changes no result: `body` writes only that index's slot (``DisjointBuffer``), and the
/// caller combines the slots in index order. `concurrentPerform` returns only after every thread
/// finished, which orders the slots' writes before the caller reads them.
func parallelIndices(_ count: Int, threads: Int, chunk: Int = 1, _ body: @Sendable (Int) -> Void) {
    guard threads > 1, count > chunk else {
        for index in 0..<count { body(index) }
        return
    }
    let counter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    counter.initialize(to: 0)
    defer { counter.deallocate() }
    let next = ClaimCounter(pointer: counter)
    let step = max(1, chunk)
    DispatchQueue.concurrentPerform(iterations: min(threads, (count + step - 1) / step)) { _ in
        while true {
            let start = descent_claim(next.pointer, step)
            guard start < count else { return }
            for index in start..<min(count, start + step) { body(index) }
        }
    }
}

/// The shared counter of ``parallelIndices(_:threads:chunk:_:)``. `@unchecked Sendable` because
/// it only wraps a pointer that the threads change solely through `descent_claim`'s atomic
/// fetch-and-add, and that outlives them (freed after `concurrentPerform` returns).
private struct ClaimCounter: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int>
}
/// A buffer that concurrent iterations write at disjoint indices.
///
/// `@unchecked Sendable` because it only wraps a raw pointer: the memory is owned by the caller,
/// outlives the concurrent section (the caller allocates it before ``parallelIndices(_:threads:chunk:_:)``
/// and frees or reads it after it returns), and every index is written by exactly one iteration,
/// so no two threads touch the same element.
struct DisjointBuffer<Element>: @unchecked Sendable {
    /// The memory written.
    let base: UnsafeMutableBufferPointer<Element>

    /// Element `index`.
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

/// A read-only view of memory that concurrent iterations share.
///
/// `@unchecked Sendable` because it only wraps a raw pointer to memory the caller keeps alive and
/// unchanged for the whole concurrent section; nobody writes through it.
struct SharedReadOnlyBuffer<Element>: @unchecked Sendable {
    /// The memory read.
    let base: UnsafeBufferPointer<Element>

    /// Element `index`.
    subscript(index: Int) -> Element { base[index] }
}
