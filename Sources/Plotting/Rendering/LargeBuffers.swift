import Foundation
import Synchronization

/// Keeps freed large buffers (rasters, PNG rows) for the next of the same size.
///
/// **Why.** A kit draws dozens of 1920x1080 figures, each needing an 8 MB raster and 6 MB of
/// PNG rows. The allocator returned those to the system and took them back page by page, about
/// 150,000 page faults for the default kit, a tenth of its CPU time in the kernel. A buffer
/// of at least ``minimumBytes`` goes back here instead, at most ``keptPerSize`` of one size and
/// ``keptBytes`` in all (about what the cores draw at once); anything beyond is freed.
/// A buffer handed out holds whatever its last user wrote: callers initialize what they read.
enum LargeBuffers {
    /// Smaller buffers are left to the allocator.
    static let minimumBytes = 1 << 20
    /// The most buffers of one size kept.
    static let keptPerSize = 6
    /// The most bytes kept in all.
    static let keptBytes = 128 << 20

    private struct Kept: ~Copyable {
        /// Free buffers by size, as addresses.
        var bySize: [Int: [UInt]] = [:]
        var bytes = 0
    }

    private static let kept = Mutex(Kept())

    /// A buffer of `bytes` bytes, 64-byte aligned; give it back with ``release(_:bytes:)``.
    static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        if bytes >= minimumBytes {
            let reused = kept.withLock { kept -> UInt? in
                guard let address = kept.bySize[bytes]?.popLast() else { return nil }
                kept.bytes -= bytes
                return address
            }
            if let reused, let pointer = UnsafeMutableRawPointer(bitPattern: reused) { return pointer }
        }
        return UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes), alignment: 64)
    }

    /// Takes back a buffer from ``allocate(bytes:)``: kept for the next request of its size, or freed.
    static func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        if bytes >= minimumBytes {
            let address = UInt(bitPattern: pointer)
            let taken = kept.withLock { kept -> Bool in
                guard kept.bytes + bytes <= keptBytes, kept.bySize[bytes, default: []].count < keptPerSize else { return false }
                kept.bySize[bytes, default: []].append(address)
                kept.bytes += bytes
                return true
            }
            if taken { return }
        }
        pointer.deallocate()
    }
}
