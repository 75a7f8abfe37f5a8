import CPNG
import Foundation
import Testing
@testable import Plotting

/// PNG chunks by type, parsed directly from the bytes.
func pngChunks(_ data: Data) -> [(type: String, body: Data)] {
    let bytes = [UInt8](data)
    var chunks: [(String, Data)] = []
    var offset = 8
    while offset + 12 <= bytes.count {
        let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
        let body = Data(bytes[(offset + 8)..<(offset + 8 + length)])
        chunks.append((type, body))
        offset += 12 + length
    }
    return chunks
}

@Suite struct PNGExportTests {
    @Test func libpngErrorIsThrownNotAborted() throws {
        let raster = Raster(width: 4, height: 4)
        // libpng's own message comes back through the C writer's setjmp, on this thread.
        #expect { try PNGEncoder.encodeWithInvalidHeaderForTesting(raster) } throws: { error in
            guard case PlottingError.png(let message) = error else { return false }
            return message.contains("IHDR")
        }
        // The encoder still works afterwards.
        let data = try PNGEncoder.encode(raster, options: PNGOptions())
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }
}

@Suite struct PNGRoundTripTests {
    func figure(_ theme: Theme) -> Figure {
        let figure = Figure(size: (try? FigureSize(width: 320, height: 240)) ?? .slide, theme: theme)
        figure.title = "Round trip"
        figure.axes.scatter([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)], label: "points")
        figure.axes.band(xs: [0, 1], lower: [0, 0.5], upper: [0.5, 1], opacity: 0.3)
        return figure
    }

    @Test func opaqueFigureIsRGBAndMatchesTheSurface() throws {
        let f = figure(.light)
        let raster = try f.renderRaster()
        let png = try PNGEncoder.encode(raster, options: PNGOptions())
        let chunks = pngChunks(png)
        let header = try #require(chunks.first { $0.type == "IHDR" })
        #expect(header.body[9] == 2, "colour type RGB")
        let decoded = try PNGDecoder.decode(png)
        for y in 0..<raster.height {
            for x in 0..<raster.width {
                let p = raster.pixel(x: x, y: y)
                let i = (y * raster.width + x) * 4
                #expect(decoded.rgba[i] == UInt8((p >> 16) & 0xFF) && decoded.rgba[i + 1] == UInt8((p >> 8) & 0xFF)
                        && decoded.rgba[i + 2] == UInt8(p & 0xFF) && decoded.rgba[i + 3] == 255)
                if decoded.rgba[i] != UInt8((p >> 16) & 0xFF) { return }
            }
        }
    }

    @Test func transparentThemeIsRGBAUnpremultiplied() throws {
        let raster = try figure(.transparent).renderRaster()
        let png = try PNGEncoder.encode(raster, options: PNGOptions())
        let header = try #require(pngChunks(png).first { $0.type == "IHDR" })
        #expect(header.body[9] == 6, "colour type RGBA")
        let decoded = try PNGDecoder.decode(png)
        #expect(decoded.rgba[3] == 0, "corner alpha 0")
        var checked = 0
        for y in 0..<raster.height {
            for x in 0..<raster.width {
                let p = raster.pixel(x: x, y: y)
                let a = Int(p >> 24)
                guard a > 0 else { continue }
                let i = (y * raster.width + x) * 4
                #expect(Int(decoded.rgba[i + 3]) == a)
                // Re-premultiplying the decoded value must give back Cairo's byte within 1.
                for (offset, shift) in [(0, 16), (1, 8), (2, 0)] {
                    let premultiplied = Int((p >> UInt32(shift)) & 0xFF)
                    let back = (Int(decoded.rgba[i + offset]) * a + 127) / 255
                    if abs(back - premultiplied) > 1 { Issue.record("pixel (\(x), \(y)) channel \(offset): \(back) vs \(premultiplied)"); return }
                }
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test func translucentPixelIsUnpremultipliedExactly() throws {
        let raster = Raster(width: 1, height: 1)
        // 50 % alpha (128) over red 200: premultiplied red = round(200 · 128 / 255) = 100.
        raster.mutableBytes.withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee = 128 << 24 | 100 << 16 }
        let decoded = try PNGDecoder.decode(PNGEncoder.encode(raster, options: PNGOptions()))
        #expect(decoded.rgba == [199, 0, 0, 128])
    }

    @Test func physAndTextChunks() throws {
        let data = try figure(.light).pngData(options: PNGOptions(dpi: 300, description: "Loss ŷ"))
        let chunks = pngChunks(data)
        let phys = try #require(chunks.first { $0.type == "pHYs" })
        let ppm = phys.body.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        #expect(ppm == Int((300 / 0.0254).rounded()))
        #expect(phys.body[8] == 1, "unit: metre")
        let texts = chunks.filter { $0.type == "tEXt" }.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(texts.contains("Software\0Descent"))
        #expect(texts.contains("Title\0Round trip"))
        // "ŷ" is not Latin-1, so the description goes into iTXt.
        #expect(chunks.contains { $0.type == "iTXt" && String(decoding: $0.body, as: UTF8.self).hasPrefix("Description") })
        let defaultPhys = try #require(pngChunks(try figure(.light).pngData()).first { $0.type == "pHYs" })
        #expect(defaultPhys.body.prefix(4).reduce(0) { $0 << 8 | Int($1) } == 5669)
    }

    @Test func sameFigureGivesSameBytesAndFastIsValid() throws {
        let a = try figure(.dark).pngData()
        let b = try figure(.dark).pngData()
        #expect(a == b)
        let fast = try figure(.dark).pngData(options: .fast)
        #expect(try PNGDecoder.decode(fast).rgba == PNGDecoder.decode(a).rgba)
        // libpng's row path (level 0, or a filter): every filter keeps the pixels, opaque and not.
        for theme in [Theme.light, .transparent] {
            let reference = try PNGDecoder.decode(figure(theme).pngData())
            for filter in PNGOptions.Filter.allCases {
                for level in [0, 6] {
                    let png = try figure(theme).pngData(options: PNGOptions(compressionLevel: level, filter: filter))
                    #expect(try PNGDecoder.decode(png).rgba == reference.rgba, "\(filter) at level \(level)")
                }
            }
        }
    }

    /// Unfiltered rows at levels 1...9 are deflated whole by libdeflate, not row by row by
    /// libpng and zlib: the pixels (RGB and un-premultiplied RGBA) must be the same as libpng's
    /// own encoding of the rows, and every scanline unfiltered.
    @Test(arguments: [Theme.light, .dark, .transparent])
    func wholeImageDeflateKeepsThePixels(theme: Theme) throws {
        let raster = try figure(theme).renderRaster()
        let reference = try PNGDecoder.decode(PNGEncoder.encode(raster, options: PNGOptions(compressionLevel: 0, filter: .none)))
        for level in [1, 6, 9] {
            let png = try PNGEncoder.encode(raster, options: PNGOptions(compressionLevel: level, filter: .none))
            let decoded = try PNGDecoder.decode(png)
            #expect(decoded.rgba == reference.rgba, "level \(level)")
            let chunks = pngChunks(png)
            #expect(chunks.map(\.type).suffix(2) == ["IDAT", "IEND"])
            let header = try #require(chunks.first { $0.type == "IHDR" })
            #expect(header.body[9] == (theme == .transparent ? 6 : 2))
            // The zlib stream inflates to one filter byte 0 and the row, row after row.
            let idat = chunks.filter { $0.type == "IDAT" }.reduce(Data()) { $0 + $1.body }
            let rowBytes = 1 + raster.width * (theme == .transparent ? 4 : 3)
            var rows = [UInt8](repeating: 0, count: rowBytes * raster.height + 1)
            var length = uLongf(rows.count)
            let status = idat.withUnsafeBytes { input in
                uncompress(&rows, &length, input.bindMemory(to: Bytef.self).baseAddress, uLong(idat.count))
            }
            #expect(status == Z_OK)
            rows.removeSubrange(Int(length)...)
            #expect(rows.count == rowBytes * raster.height)
            #expect(stride(from: 0, to: rows.count, by: rowBytes).allSatisfy { rows[$0] == 0 })
        }
    }

    @Test func invalidOptionsAreRejectedBeforeLibpng() {
        #expect(throws: PlottingError.self) { try figure(.light).pngData(options: PNGOptions(compressionLevel: 10)) }
        #expect(throws: PlottingError.self) { try figure(.light).pngData(options: PNGOptions(dpi: 0)) }
        #expect(throws: PlottingError.self) { try figure(.light).pngData(options: PNGOptions(dpi: .nan)) }
    }
}
