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
        #expect(throws: PlottingError.self) { try PNGEncoder.encodeWithInvalidHeaderForTesting(raster) }
        // The encoder still works afterwards.
        let data = try PNGEncoder.encode(raster, options: PNGOptions())
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }
}
