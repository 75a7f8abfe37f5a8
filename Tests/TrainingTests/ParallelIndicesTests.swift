import CKernels
import Foundation
import Testing
@testable import Training

/// `parallelIndices`: the threads of a pass claim its blocks as they go; every index runs
/// exactly once whatever the count, chunk and number of threads.
@Suite("Parallel indices") struct ParallelIndicesTests {
    @Test("Every index runs exactly once: counts 0…1000, chunks 1, 3 and 8, one to four threads")
    func everyIndexOnce() {
        for count in [0, 1, 2, 7, 8, 9, 64, 1000] {
            for chunk in [1, 3, 8] {
                for threads in 1...4 {
                    let hits = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, count))
                    hits.initialize(repeating: 0)
                    defer { hits.deallocate() }
                    let slots = DisjointBuffer(base: hits)
                    parallelIndices(count, threads: threads, chunk: chunk) { index in slots[index] += 1 }
                    #expect(hits.prefix(count).allSatisfy { $0 == 1 }, "N = \(count), chunk \(chunk), \(threads) threads")
                }
            }
        }
    }

    @Test("descent_claim hands out consecutive ranges and returns the value before the step")
    func claim() {
        var counter = 5
        #expect(descent_claim(&counter, 3) == 5)
        #expect(descent_claim(&counter, 1) == 8)
        #expect(counter == 9)
    }
}
