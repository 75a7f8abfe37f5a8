import Dispatch

/// Runs `body(thread)` for `thread` in `0..<threads` on the cores and waits for all of them.
///
/// The closures write their results through ``DisjointBuffer``s at indices no other iteration
/// touches, so the work needs no lock; `concurrentPerform` returns only after every iteration
/// finished, which orders those writes before the caller reads them.
func parallelBlocks(threads: Int, _ body: @Sendable (Int) -> Void) {
    if threads > 1 {
        DispatchQueue.concurrentPerform(iterations: threads, execute: body)
    } else {
        body(0)
    }
}

/// A buffer that concurrent iterations write at disjoint indices.
///
/// `@unchecked Sendable` because it only wraps a raw pointer: the memory is owned by the caller,
/// outlives the concurrent section (the caller allocates it before ``parallelBlocks(threads:_:)``
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
