import Foundation
import Plotting

/// How much memory rendering frames takes, and so how many frames may render at once.
///
/// **Estimate** (measured peaks of `descent frames`, rounded up): every job holds its own frame
/// raster (4 bytes a pixel) and the PNG it encodes with its buffers, about 1 byte a pixel more
/// (7 at zlib level 0, whose PNG is the raw RGB); the sequence shares the static layer's raster
/// and its compressed pieces, about 10 bytes a pixel (12 at level 0). A 1920x1080 frame job
/// takes about 10 MB; a 16384x16384 one about 1.3 GB, beside 2.7 GB shared.
///
/// **Budget.** Frames may use half of the machine's memory (`ProcessInfo.physicalMemory`, or a
/// lower limit of the process's control group), so the rest of the system and the encoder's
/// peaks have room. Jobs beyond what fits are not started; a size whose single job does not fit
/// is refused before any work.
public struct FrameMemory: Sendable, Equatable {
    /// Bytes each rendering job needs.
    public let bytesPerJob: UInt64
    /// Bytes the sequence needs once, whatever the number of jobs.
    public let sharedBytes: UInt64
    /// The bytes frames may use: half of `physicalMemory`.
    public let budget: UInt64
    /// The memory the estimate was made for.
    public let physicalMemory: UInt64

    /// The share of the machine's memory frames may use.
    public static let usableFraction = 0.5

    /// The estimate for frames of `size` encoded at zlib `compressionLevel` on a machine with
    /// `physicalMemory` bytes (default: this machine's, see ``machineMemory``).
    public init(size: FigureSize, compressionLevel: Int, physicalMemory: UInt64 = FrameMemory.machineMemory) {
        self.init(width: size.width, height: size.height, compressionLevel: compressionLevel, physicalMemory: physicalMemory)
    }

    /// The estimate for frames of `width` x `height` pixels.
    init(width: Int, height: Int, compressionLevel: Int, physicalMemory: UInt64 = FrameMemory.machineMemory) {
        let pixels = UInt64(max(1, width)) * UInt64(max(1, height))
        let stored = compressionLevel == 0
        bytesPerJob = pixels * (stored ? 11 : 5) + (16 << 20)
        sharedBytes = pixels * (stored ? 12 : 10) + (64 << 20)
        self.physicalMemory = physicalMemory
        budget = UInt64(Double(physicalMemory) * Self.usableFraction)
    }

    /// Whether one job fits the budget beside the shared bytes.
    public var fits: Bool { sharedBytes + bytesPerJob <= budget }

    /// The most jobs that fit the budget (at least 1, even when one does not fit: see ``fits``).
    public var maximumJobs: Int {
        guard budget > sharedBytes + bytesPerJob else { return 1 }
        return Int(min(UInt64(256), (budget - sharedBytes) / bytesPerJob))
    }

    /// `requested` jobs bounded by ``maximumJobs``.
    public func jobs(requested: Int) -> Int { max(1, min(requested, maximumJobs)) }

    /// Throws ``FrameSequenceError/frameTooLarge(size:needed:available:)`` when a single job does not fit.
    public func check(_ size: FigureSize) throws {
        guard fits else {
            throw FrameSequenceError.frameTooLarge(size: size.description, needed: sharedBytes + bytesPerJob, available: budget)
        }
    }

    /// This machine's memory: `ProcessInfo.physicalMemory`, or the memory limit of the process's
    /// control group (cgroup v2 `memory.max`, v1 `memory.limit_in_bytes`) when that is lower.
    public static var machineMemory: UInt64 {
        var memory = ProcessInfo.processInfo.physicalMemory
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let limit = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 else { continue }
            memory = min(memory, limit)
        }
        return memory
    }

    /// Roughly the disk space `frames` frames of `size` take at zlib `compressionLevel`, from
    /// measured frames of the default layouts: about 0.2 bytes a pixel compressed (the frames are
    /// mostly flat colour), 3 at level 0 (raw RGB), plus the manifest's line per frame.
    public static func diskBytes(frames: Int, size: FigureSize, compressionLevel: Int) -> UInt64 {
        let pixels = Double(size.width) * Double(size.height)
        let perFrame = pixels * (compressionLevel == 0 ? 3.0 : 0.2) + 200
        return UInt64(min(Double(UInt64.max / 2), Double(max(0, frames)) * perFrame))
    }

    /// `bytes` for people: "820 MB", "1.9 GB" (powers of 1000, two significant digits from 1 GB).
    public static func describe(_ bytes: UInt64) -> String {
        let value = Double(bytes)
        if value >= 1e9 { return String(format: value >= 1e10 ? "%.0f GB" : "%.1f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.0f MB", value / 1e6) }
        return String(format: "%.0f kB", max(1, value / 1e3))
    }
}
