import CKernels
import Foundation

/// Self-contained deflate pieces for the tiles of spliced frames (`PNGBackground`,
/// `SplicedPNGEncoder`), made by CKernels' `descent_fixed_huffman_piece` and
/// `descent_stored_piece`: each piece ends on a byte boundary and never refers back before its
/// first byte, so pieces can be concatenated into one stream (RFC 1951, §3.2.3 to §3.2.6).
///
/// **Fixed Huffman (levels 1...9).** One fixed-Huffman block of literals and greedy matches at
/// distance 1 (a byte repeated: the zeros of `.up`-filtered flat areas) or 3 (a pixel repeated:
/// flat areas without a filter), 3...258 bytes long, then an empty stored block. zlib spends
/// about 4 µs per call on setting up and choosing trees, which dominates pieces of a few hundred
/// bytes; this encoder has no setup, and a frame's changed tiles are a small part of it, so the
/// lower ratio of fixed codes costs little.
///
/// **Stored (level 0).** The bytes in stored blocks of at most 65,535 bytes.
enum DeflatePiece {
    /// Appends the piece for `count` bytes at `input` to `output`: stored blocks at `level` 0,
    /// else a fixed-Huffman block. Returns the piece's length.
    @discardableResult
    static func append(_ input: UnsafePointer<UInt8>, count: Int, level: Int, to output: inout [UInt8]) -> Int {
        let bound = level == 0 ? descent_stored_bound(count) : descent_fixed_huffman_bound(count)
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bound))
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return level == 0 ? descent_stored_piece(input, count, base + start) : descent_fixed_huffman_piece(input, count, base + start)
        }
        output.removeLast(bound - written)
        return written
    }
}
