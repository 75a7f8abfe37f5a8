import CPNG
import Foundation
import Testing
@testable import Plotting

/// The spliced frame encoder: every frame decodes (through libpng's reader) to exactly the pixels
/// drawn, the bytes do not depend on which canvas or order encodes a frame, and only the changed
/// tiles are compressed anew.
@Suite struct SplicedPNGTests {
    /// Decoded RGBA bytes equal the raster's straight colours, pixel for pixel (opaque raster).
    static func samePixels(_ decoded: PNGDecoder.Image, _ raster: Raster) -> Int {
        var differing = 0
        for y in 0..<raster.height {
            for x in 0..<raster.width {
                let pixel = raster.pixel(x: x, y: y)
                let offset = 4 * (y * raster.width + x)
                if decoded.rgba[offset] != UInt8(truncatingIfNeeded: pixel >> 16)
                    || decoded.rgba[offset + 1] != UInt8(truncatingIfNeeded: pixel >> 8)
                    || decoded.rgba[offset + 2] != UInt8(truncatingIfNeeded: pixel)
                    || decoded.rgba[offset + 3] != 255 {
                    differing += 1
                }
            }
        }
        return differing
    }

    @Test(arguments: [PNGOptions.fast, PNGOptions(compressionLevel: 1, filter: .none),
                      PNGOptions(compressionLevel: 0, filter: .up), PNGOptions(compressionLevel: 6, filter: .up)])
    func everyFrameDecodesToTheDirectRender(options: PNGOptions) throws {
        let (figure, path) = DemoFigures.landscape(size: .half, theme: .dark, pathLayer: .dynamic)
        let all = path.points
        let canvas = try FrameCanvas(figure: figure)
        for count in [1, 2, 9, all.count] {
            path.points = Array(all.prefix(count))
            let png = try canvas.framePNG(options: options)
            let splicing = try #require(canvas.lastSplicing, "frame \(count) was not spliced")
            #expect(splicing.compressedTiles > 0 && splicing.compressedTiles < splicing.totalTiles / 2)
            let decoded = try PNGDecoder.decode(png)
            let reference = try figure.renderRaster(layers: .all)
            #expect(decoded.width == reference.width && decoded.height == reference.height)
            #expect(Self.samePixels(decoded, reference) == 0, "frame \(count)")
        }
    }

    @Test func framesAreTheSameBytesWhicheverCanvasAndOrderEncodesThem() throws {
        let (first, firstPath) = DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic)
        let (second, secondPath) = DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic)
        let all = firstPath.points
        let background = try #require(PNGBackground(raster: try FrameCanvas.renderBackground(of: first), options: .fast, threads: 1))
        let twoThreaded = try #require(PNGBackground(raster: background.raster, options: .fast, threads: 2))
        #expect(background.pieces == twoThreaded.pieces && background.rowOffsets == twoThreaded.rowOffsets
                && background.tileOffsets == twoThreaded.tileOffsets)
        let forward = try FrameCanvas(figure: first, background: nil, encodedBackground: background)
        let backward = try FrameCanvas(figure: second, background: nil, encodedBackground: twoThreaded)
        let counts = [3, 10, 20, all.count]
        var forwardBytes: [Int: Data] = [:]
        for count in counts {
            firstPath.points = Array(all.prefix(count))
            forwardBytes[count] = try forward.framePNG()
        }
        for count in counts.reversed() {
            secondPath.points = Array(all.prefix(count))
            #expect(try backward.framePNG() == forwardBytes[count], "frame \(count)")
        }
    }

    @Test func theImageDataIsOneValidZlibStream() throws {
        let (figure, path) = DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic)
        path.points = Array(path.points.prefix(7))
        let canvas = try FrameCanvas(figure: figure)
        let png = try canvas.framePNG()
        let chunks = pngChunks(png)
        #expect(chunks.map(\.type).first == "IHDR" && chunks.map(\.type).last == "IEND")
        let idat = chunks.filter { $0.type == "IDAT" }
        #expect(idat.count == 1)
        let stream = try #require(idat.first).body
        #expect(Array(stream.prefix(2)) == [0x78, 0x01])
        // zlib's own inflate checks the blocks and the Adler-32 and gives the filtered rows.
        var size = uLong(1 + 3 * 960) * 1080
        var raw = [UInt8](repeating: 0, count: Int(size))
        let status = stream.withUnsafeBytes { input in
            uncompress(&raw, &size, input.bindMemory(to: UInt8.self).baseAddress, uLong(stream.count))
        }
        #expect(status == Z_OK && size == uLong(raw.count))
        #expect((0..<1080).allSatisfy { raw[$0 * (1 + 3 * 960)] == 2 })  // the up filter on every row
    }

    @Test func fixedHuffmanPiecesInflateToTheirInput() throws {
        var generator = SystemRandomNumberGenerator()
        for length in [1, 2, 3, 4, 200, 259, 600, 5000] {
            var input = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Runs of one byte and of one pixel, as flat areas give.
            if length > 300 {
                for i in 20..<280 { input[i] = 0 }
                for i in 300..<min(length, 560) { input[i] = [7, 200, 13][i % 3] }
            }
            var piece: [UInt8] = [0x78, 0x01]
            input.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { DeflatePiece.append(base, count: length, level: 1, to: &piece) }
            }
            piece += [0x03, 0x00]
            let sum = UInt32(input.withUnsafeBufferPointer { adler32(1, $0.baseAddress, UInt32(length)) })
            piece += [UInt8(sum >> 24), UInt8(truncatingIfNeeded: sum >> 16), UInt8(truncatingIfNeeded: sum >> 8), UInt8(truncatingIfNeeded: sum)]
            var size = uLong(length)
            var output = [UInt8](repeating: 0, count: length)
            let status = uncompress(&output, &size, piece, uLong(piece.count))
            #expect(status == Z_OK && output == input, "length \(length)")
        }
    }

    @Test func translucentBackgroundsAndOtherFiltersFallBackToTheWholeFrameEncoder() throws {
        let translucent = Raster(width: 64, height: 32)
        #expect(PNGBackground(raster: translucent, options: .fast) == nil)
        let (figure, path) = DemoFigures.landscape(size: .half, theme: .light, pathLayer: .dynamic)
        path.points = Array(path.points.prefix(4))
        let canvas = try FrameCanvas(figure: figure)
        let png = try canvas.framePNG(options: PNGOptions(compressionLevel: 1, filter: .paeth))
        #expect(canvas.lastSplicing == nil)
        #expect(Self.samePixels(try PNGDecoder.decode(png), try figure.renderRaster()) == 0)
    }
}
