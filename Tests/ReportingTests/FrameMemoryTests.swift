import Foundation
import Plotting
import Testing
@testable import Reporting

/// Rendering jobs are bounded by memory: the number of jobs is a pure function of the frame
/// size, the zlib level and the machine's memory.
@Suite("Frame memory")
struct FrameMemoryTests {
    static let gigabyte: UInt64 = 1 << 30

    @Test("jobs are bounded by memory")
    func jobsBoundedByMemory() throws {
        let sizes = try ["640x360", "1920x1080", "3840x2160", "8192x8192", "16384x16384"].map { try FigureSize(parsing: $0) }
        for level in [0, 1, 9] {
            for memory in [2, 8, 16, 64, 512].map({ UInt64($0) * Self.gigabyte }) {
                var previous = Int.max
                for size in sizes {
                    let estimate = FrameMemory(size: size, compressionLevel: level, physicalMemory: memory)
                    let jobs = estimate.jobs(requested: 256)
                    #expect((1...256).contains(jobs))
                    #expect(jobs <= previous, "a larger frame never allows more jobs (\(size), level \(level))")
                    previous = jobs
                    #expect(estimate.jobs(requested: 3) == min(3, jobs), "fewer jobs than fit are kept as asked")
                    if estimate.fits {
                        // The jobs started, with what they share, stay within the budget, and one more would not.
                        #expect(estimate.sharedBytes + UInt64(jobs) * estimate.bytesPerJob <= estimate.budget)
                        #expect(jobs == 256 || estimate.sharedBytes + UInt64(jobs + 1) * estimate.bytesPerJob > estimate.budget)
                        #expect(throws: Never.self) { try estimate.check(size) }
                    } else {
                        #expect(jobs == 1)
                        #expect(throws: FrameSequenceError.self) { try estimate.check(size) }
                    }
                    #expect(estimate.budget <= memory, "frames use part of the memory, never more")
                }
            }
        }
        // The case: 16 jobs of 16384x16384 frames on a 16 GB machine are cut down.
        let huge = FrameMemory(size: try FigureSize(parsing: "16384x16384"), compressionLevel: 1, physicalMemory: 16 * Self.gigabyte)
        #expect(huge.jobs(requested: 16) < 16)
        #expect(FrameMemory.machineMemory > 0)
    }
}
