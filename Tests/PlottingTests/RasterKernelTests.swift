import CKernels
import Foundation
import Testing
@testable import Plotting

/// CKernels' PNG scanlines of opaque rasters: both paths against the pixels' bytes written out,
/// at every width around the vector loop's steps, nothing written past the rows, translucent
/// pixels reported wherever they are.
@Suite struct RasterKernelTests {
    static func raster(width: Int, height: Int, seed: UInt64) -> Raster {
        let raster = Raster(width: width, height: height)
        var state = seed
        for y in 0..<height {
            let row = UnsafeMutableRawPointer(raster.mutableBytes + y * raster.stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                row[x] = 0xFF00_0000 | UInt32(truncatingIfNeeded: state >> 40)
            }
        }
        return raster
    }

    /// Rows `first...`: 0, then R G B of each pixel (the layout PNG's unfiltered rows have).
    static func expected(_ raster: Raster, first: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for y in first..<raster.height {
            bytes.append(0)
            for x in 0..<raster.width {
                let pixel = raster.pixel(x: x, y: y)
                bytes += [UInt8(truncatingIfNeeded: pixel >> 16), UInt8(truncatingIfNeeded: pixel >> 8), UInt8(truncatingIfNeeded: pixel)]
            }
        }
        return bytes
    }

    static func scanlines(_ raster: Raster, first: Int, baseline: Bool) -> (bytes: [UInt8], opaque: Bool, guardIntact: Bool) {
        let count = (raster.height - first) * (1 + 3 * raster.width)
        var buffer = [UInt8](repeating: 0xA5, count: count + 32)
        let opaque = buffer.withUnsafeMutableBufferPointer { output in
            baseline ? descent_rgb_scanlines_baseline(raster.mutableBytes, raster.stride, raster.width, first, raster.height, output.baseAddress)
                : descent_rgb_scanlines(raster.mutableBytes, raster.stride, raster.width, first, raster.height, output.baseAddress)
        }
        return (Array(buffer.prefix(count)), opaque != 0, buffer.suffix(32).allSatisfy { $0 == 0xA5 })
    }

    @Test func rowsAreTheirPixelsBytesOnBothPaths() {
        for width in Array(1...41) + [640, 1919, 1920] {
            let raster = Self.raster(width: width, height: 5, seed: UInt64(width))
            for first in [0, 2] {
                let expected = Self.expected(raster, first: first)
                for baseline in [false, true] {
                    let (bytes, opaque, guardIntact) = Self.scanlines(raster, first: first, baseline: baseline)
                    #expect(bytes == expected && opaque && guardIntact, "width \(width), first \(first), baseline \(baseline)")
                }
            }
        }
    }

    @Test func aTranslucentPixelAnywhereIsReported() {
        for width in [1, 7, 8, 9, 10, 17, 33, 100] {
            for x in Set([0, width / 2, width - 1]) {
                for (y, alpha) in [(0, UInt32(0)), (3, 254), (4, 0x7F)] {
                    let raster = Self.raster(width: width, height: 5, seed: 9)
                    let row = UnsafeMutableRawPointer(raster.mutableBytes + y * raster.stride).assumingMemoryBound(to: UInt32.self)
                    row[x] = alpha << 24
                    for baseline in [false, true] {
                        #expect(!Self.scanlines(raster, first: 0, baseline: baseline).opaque, "width \(width), (\(x), \(y)), baseline \(baseline)")
                        // Rows above the translucent one are not read.
                        #expect(Self.scanlines(raster, first: y + 1 < 5 ? y + 1 : 4, baseline: baseline).opaque == (y != 4))
                    }
                }
            }
        }
    }
}
