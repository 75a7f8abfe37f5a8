import CCairo
import CFontFaces
import Foundation
import Synchronization
import Testing
@testable import Plotting

/// The surfaces' own font faces (`FontFaceSet`) draw and measure exactly what Cairo's toy face
/// draws, and no two live surfaces share one.
@Suite struct FontFaceTests {
    /// Sets `text` at `size` on a new context of `surface` with the renderer's font options, with
    /// the toy face when `face` is nil; returns the text's and the font's extents.
    func draw(_ text: String, size: Double, bold: Bool, face: OpaquePointer?, on surface: OpaquePointer, scale: Double = 1)
        -> [Double] {
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        if scale != 1 { cairo_scale(cr, scale, scale) }
        let options = cairo_font_options_create()!
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
        if let face {
            cairo_set_font_face(cr, face)
        } else {
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        }
        cairo_set_font_size(cr, size)
        var textExtents = cairo_text_extents_t()
        var fontExtents = cairo_font_extents_t()
        cairo_text_extents(cr, text, &textExtents)
        cairo_font_extents(cr, &fontExtents)
        cairo_translate(cr, 3.25, 2)
        cairo_rotate(cr, 0.1)
        cairo_move_to(cr, 0, fontExtents.ascent)
        cairo_set_source_rgb(cr, 0.1, 0.2, 0.7)
        cairo_show_text(cr, text)
        return [textExtents.x_bearing, textExtents.y_bearing, textExtents.width, textExtents.height, textExtents.x_advance,
                textExtents.y_advance, fontExtents.ascent, fontExtents.descent, fontExtents.height, fontExtents.max_x_advance]
    }

    static let samples = ["Loss L(w, b) = 0.1528", "Häviö ŷ − y, ∂L/∂w ≈ −0,37", "Epoch 300 | α = 0.1"]

    /// Pixels and metrics on image surfaces, at sizes on both sides of the configuration's
    /// small-size rule (DejaVu Sans is unhinted below 7.5 pixels), regular and bold.
    @Test(arguments: [5.0, 7.0, 11.5, 24.0, 61.0])
    func rasterTextIsTheToyFacesText(size: Double) throws {
        for bold in [false, true] {
            let own = try #require(descent_font_face_create("DejaVu Sans", bold ? 1 : 0))
            defer { cairo_font_face_destroy(own) }
            for text in Self.samples {
                let toy = Raster(width: 900, height: 120), mine = Raster(width: 900, height: 120)
                let toySurface = try CairoSurface(drawingInto: toy), mySurface = try CairoSurface(drawingInto: mine)
                let toyMetrics = draw(text, size: size, bold: bold, face: nil, on: toySurface.pointer)
                let myMetrics = draw(text, size: size, bold: bold, face: own, on: mySurface.pointer)
                cairo_surface_flush(toySurface.pointer)
                cairo_surface_flush(mySurface.pointer)
                #expect(myMetrics == toyMetrics, "\(text) at \(size), bold \(bold)")
                #expect(memcmp(toy.mutableBytes, mine.mutableBytes, toy.stride * toy.height) == 0, "\(text) at \(size), bold \(bold)")
                #expect(toy.bytes.contains { $0 != 0 }, "something was drawn")
            }
        }
    }

    /// A PDF page (the vector scale of 72 / 144 dpi) and an SVG page with the own face are byte
    /// for byte the pages with the toy face: the same glyphs, the same embedded font.
    @Test func vectorTextIsTheToyFacesText() throws {
        for kind in ["pdf", "svg"] {
            var documents: [Data] = []
            for useOwn in [false, true] {
                let own = try #require(descent_font_face_create("DejaVu Sans", 0))
                let ownBold = try #require(descent_font_face_create("DejaVu Sans", 1))
                defer {
                    cairo_font_face_destroy(own)
                    cairo_font_face_destroy(ownBold)
                }
                let surface = kind == "pdf" ? try CairoSurface(pdfWidth: 400, height: 200, title: "t") : try CairoSurface(svgWidth: 400, height: 200)
                for (index, text) in Self.samples.enumerated() {
                    let bold = index == 1
                    _ = draw(text, size: 14 + Double(index) * 9, bold: bold, face: useOwn ? (bold ? ownBold : own) : nil,
                             on: surface.pointer, scale: 0.5)
                }
                try surface.finish()
                var data = surface.sink?.data ?? Data()
                // Cairo numbers SVG glyph symbols by font: the same per process run, not per face.
                if kind == "svg" { data = SVGNormalizer.normalize(data) }
                documents.append(data)
            }
            #expect(documents[0] == documents[1], "\(kind) differs")
            #expect(documents[0].count > 1000)
        }
    }

    /// Two live surfaces never hold the same set; a set given back is the next one handed out.
    @Test func liveSurfacesHoldSetsOfTheirOwn() throws {
        var first: CairoSurface? = try CairoSurface(drawingInto: Raster(width: 2, height: 2))
        let second = try CairoSurface(drawingInto: Raster(width: 2, height: 2))
        let firstSet = try #require(first?.fonts)
        let secondSet = try #require(second.fonts)
        #expect(firstSet !== secondSet)
        #expect(firstSet.regular != secondSet.regular && firstSet.bold != secondSet.bold && firstSet.regular != firstSet.bold)
        first = nil
        let third = try CairoSurface(drawingInto: Raster(width: 2, height: 2))
        #expect(third.fonts === firstSet)
    }

    /// Figures drawn on several threads at once are the bytes of the same figures drawn one by one.
    @Test func concurrentFiguresAreTheSerialFigures() throws {
        @Sendable func figure(_ index: Int) throws -> Data {
            let figure = Figure(size: index.isMultiple(of: 2) ? .half : .square)
            figure.title = "Loss after \(index) epochs: ŷ − y"
            let axes = figure.makePanels()[0]
            axes.xLabel = "epoch"
            axes.yLabel = "MSE (run \(index))"
            _ = axes.line((0..<20).map { DataPoint(x: Double($0), y: 1 / Double($0 + index + 1)) }, label: "run \(index)")
            return try figure.pngData()
        }
        let serial = try (0..<8).map(figure)
        let slots = Mutex<[Int: Data]>([:])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            if let data = try? figure(index) { slots.withLock { $0[index] = data } }
        }
        let concurrent = slots.withLock { $0 }
        #expect((0..<8).map { concurrent[$0] } == serial.map { Optional($0) })
    }
}
