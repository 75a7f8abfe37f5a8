import Foundation
import Testing
@testable import Plotting
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct VectorExportTests {
    func landscape() -> Figure { DemoFigures.landscape(size: .half, theme: .light).0 }

    @Test("both SVG kinds are well-formed SVG 1.1 of the page size (px with a pixel viewBox, or Cairo's points), one image per heatmap and colorbar")
    func svgIsWellFormedXMLWithThePageSize() throws {
        for (mode, size) in [(SVGTextMode.text, "width=\"640\" height=\"720\" viewBox=\"0 0 960 1080\""),
                             (.paths, "width=\"480pt\" height=\"540pt\"")] {
            let data = try landscape().svgData(text: mode)
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "SVG must parse as XML")
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains(size), "\(mode)")
            #expect(text.contains("xmlns=\"http://www.w3.org/2000/svg\"") && text.contains("xmlns:xlink=\"http://www.w3.org/1999/xlink\""))
            #expect(text.components(separatedBy: "<image").count - 1 == 2, "one heatmap image + one colorbar image")
        }
    }

    @Test func svgAndPDFAreDeterministic() throws {
        for mode in SVGTextMode.allCases {
            #expect(try landscape().svgData(text: mode) == landscape().svgData(text: mode))
            #expect(try DemoFigures.fitAndLoss(size: .slide, theme: .dark).svgData(text: mode) == DemoFigures.fitAndLoss(size: .slide, theme: .dark).svgData(text: mode))
        }
        #expect(try landscape().pdfData() == landscape().pdfData())
    }

    @Test("markers are one symbol per shape, size and colours and one <use> per point; the other renderers draw each marker")
    func markersAreSymbols() throws {
        let figure = Figure(size: .half)
        let points = (0..<40).map { DataPoint(x: Double($0), y: Double($0 % 7)) }
        figure.axes.scatter(points, marker: .diamond, label: "data")
        figure.axes.scatter(points.map { DataPoint(x: $0.x, y: $0.y + 10) }, marker: .cross, label: "shifted")
        let text = String(decoding: try figure.svgData(), as: UTF8.self)
        // One symbol per scatter, and at most one more per legend swatch (when the legend is shrunk).
        let symbols = text.components(separatedBy: "<symbol").count - 1
        #expect((2...4).contains(symbols))
        #expect(text.components(separatedBy: "<use").count - 1 == 2 * points.count + 2)
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        #expect(recorder.fills.count >= points.count && recorder.strokes.count >= points.count)
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
