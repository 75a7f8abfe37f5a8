import Foundation
import Testing
@testable import Plotting
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct VectorExportTests {
    func landscape() -> Figure { DemoFigures.landscape(size: .half, theme: .light).0 }

    @Test func svgIsWellFormedXMLWithThePageSize() throws {
        let data = try landscape().svgData()
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "SVG must parse as XML")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("width=\"480pt\"") && text.contains("height=\"540pt\""))
        #expect(text.components(separatedBy: "<image").count - 1 == 2, "one heatmap image + one colorbar image")
    }

    @Test func svgAndPDFAreDeterministic() throws {
        #expect(try landscape().svgData() == landscape().svgData())
        #expect(try landscape().pdfData() == landscape().pdfData())
        #expect(try DemoFigures.fitAndLoss(size: .slide, theme: .dark).svgData() == DemoFigures.fitAndLoss(size: .slide, theme: .dark).svgData())
    }

    @Test func pdfHasHeaderAndPages() throws {
        let single = try landscape().pdfData()
        #expect(single.starts(with: Data("%PDF".utf8)))
        let document = try PDFDocument(title: "Handout")
        try document.addPage(landscape())
        try document.addPage(DemoFigures.bars(size: .slide, theme: .light))
        try document.addPage(DemoFigures.fitAndLoss(size: .square, theme: .light))
        #expect(document.pageCount == 3)
        let data = try document.finish()
        let text = String(decoding: data, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
        #expect(pages == 3)
    }

    @Test func unknownExtensionIsRejected() throws {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("figure.jpeg")
        #expect {
            try landscape().write(to: url)
        } throws: { error in
            let message = "\(error)"
            return message.contains("figure.jpeg") && message.contains("png, svg or pdf")
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func writesEachFormatByExtension() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for ext in ["png", "svg", "pdf", "PDF"] {
            let url = folder.appendingPathComponent("figure.\(ext)")
            try landscape().write(to: url)
            let data = try Data(contentsOf: url)
            #expect(data.count > 100)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
