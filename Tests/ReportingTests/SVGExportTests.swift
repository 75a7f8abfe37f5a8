import Foundation
@testable import Plotting
@testable import Reporting
import Testing
import Training
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The lecture's figures as SVG with text kept as text, and as PDF with its text readable:
/// every label is a `<text>`, the SVG renders like the PNG, is small and deterministic, and the
/// PDF's words read back with `pdftotext`.
@Suite("SVG and PDF keep text")
struct SVGExportTests {
    /// One figure of the lecture in one look.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var spec: FigureSpec
        var language: Language
        var theme: FigureTheme
        var title: String?

        var testDescription: String { "\(name) \(language.rawValue) \(theme.rawValue)" }

        func product() async throws -> FigureProduct {
            var style = FigureStyle(theme: theme, language: language)
            style.labels = FigureLabels(title: title)
            return try await Runs.product(spec, style: style)
        }
    }

    static let linear = TrainingConfiguration.notebook(for: .linear)
    static let cubic = TrainingConfiguration.notebook(for: .cubic)

    /// The kinds of the issue (fit with both models, landscape, loss, lr-sweep, normalization,
    /// compare, step) in English on the light theme and in Finnish on dark and transparent ones; one
    /// title with characters XML must escape and spaces it would collapse.
    static let cases: [Case] = {
        let kinds: [(String, FigureSpec)] = [
            ("fit", .fit(FitSpec(runs: [linear, cubic], residuals: true, labels: true))),
            ("landscape", .landscape(LandscapeSpec(run: linear, plane: LandscapeOptions(gridSize: 60)))),
            ("loss", .loss(LossSpec(runs: [linear, cubic]))),
            ("lr-sweep", .lrSweep(LearningRateSweepSpec(runs: [linear, cubic]))),
            ("normalization", .normalization(NormalizationSpec(run: linear, plane: LandscapeOptions(gridSize: 60)))),
            ("compare", .compareModels(CompareModelsSpec(completing: [linear]))),
            ("step", .step(StepSpec())),
        ]
        var cases: [Case] = []
        for (index, (name, spec)) in kinds.enumerated() {
            cases.append(Case(name: name, spec: spec, language: .english, theme: .light,
                              title: name == "step" ? "  w < 2 & \"b\" > 'c'  twice  spaced " : nil))
            cases.append(Case(name: name, spec: spec, language: .finnish, theme: index.isMultiple(of: 2) ? .dark : .transparentDark))
        }
        return cases
    }()

    /// The character data of every `<text>` element, in document order.
    static func svgTexts(_ data: Data) throws -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var texts: [String] = []
            var current: String?
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "text" { current = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "text", let current { texts.append(current) }
                current = nil
            }
        }
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        try #require(parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))")
        return collector.texts
    }

    @Test("every text the figure draws is a <text> of the SVG; the SVG is deterministic and at most a third of Cairo's",
          arguments: cases)
    func textsSizeAndDeterminism(_ item: Case) async throws {
        let figure = try await item.product().figure
        let svg = try figure.svgData()
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let drawn = recorder.texts.map(\.text)
        #expect(!drawn.isEmpty)
        #expect(try Self.svgTexts(svg).sorted() == drawn.sorted())
        if let title = item.title { #expect(drawn.contains(title)) }
        #expect(try figure.svgData() == svg, "the same figure gives the same bytes")
        let cairo = try figure.svgData(text: .paths)
        #expect(svg.count * 3 <= cairo.count, "\(svg.count) bytes of SVG, Cairo's \(cairo.count)")
    }

    @Test("the landscape at the command's 400-point grid is under 400 KB and a third of Cairo's SVG")
    func landscapeSize() async throws {
        let figure = try await Runs.product(.landscape(LandscapeSpec(run: Self.linear))).figure
        let svg = try figure.svgData(), cairo = try figure.svgData(text: .paths)
        #expect(svg.count < 400_000 && svg.count * 3 <= cairo.count, "\(svg.count) bytes of SVG, Cairo's \(cairo.count)")
    }

    static let rsvg = ExternalTool.find("rsvg-convert")
    static let pdftotext = ExternalTool.find("pdftotext")

    @Test("the SVG renders like the PNG in rsvg-convert, its texts too", .enabled(if: rsvg != nil, "rsvg-convert is not installed (scripts/install-system-packages --checks, or apt-get install librsvg2-bin); the SVG is not rendered"),
          arguments: cases)
    func rendersLikeThePNG(_ item: Case) async throws {
        let figure = try await item.product().figure
        let raster = try figure.renderRaster()
        let recorder = RecordingRenderer()
        figure.draw(on: recorder)
        let rendered = try ExternalTool.run(try #require(Self.rsvg), ["-w", "\(raster.width)", "-h", "\(raster.height)"],
                                            input: try figure.svgData(), inputName: "figure.svg", outputName: "figure.png")
        let image = try PNGDecoder.decode(rendered)
        try #require(image.width == raster.width && image.height == raster.height)
        // The lecture's figures come to at most 0.5 % mean, 2 % of the pixels and 8 % of the text
        // pixels (glyph edges antialiased differently); text in another font or 3 px off puts
        // 12 to 30 % of the text pixels off.
        let difference = Self.difference(raster, image, texts: recorder.recordedTexts.map(\.box))
        #expect(difference.mean < 0.01, "\(difference)")
        #expect(difference.offShare < 0.03, "\(difference)")
        #expect(difference.textOffShare < 0.10, "\(difference)")
    }

    /// How far an image is from the PNG's raster.
    struct Difference: CustomStringConvertible {
        /// The mean absolute difference of the premultiplied channels (0...1).
        var mean: Double
        /// The share of pixels with a channel more than an eighth (32 of 255) off.
        var offShare: Double
        /// The share of the pixels inside the texts' boxes with a channel more than a quarter
        /// (64 of 255) off.
        var textOffShare: Double

        var description: String {
            "mean difference \(mean * 100) %, \(offShare * 100) % of the pixels more than an eighth off, "
                + "\(textOffShare * 100) % of the text pixels more than a quarter off"
        }
    }

    /// The difference of `image` from `raster`: every third pixel of each row, shifted by one per
    /// row (so every row and column is sampled, and the debug build's loop stays short), and
    /// every pixel inside `texts`.
    static func difference(_ raster: Raster, _ image: PNGDecoder.Image, texts: [DeviceRect]) -> Difference {
        let width = raster.width, height = raster.height
        var inText = [Bool](repeating: false, count: width * height)
        for box in texts {
            let x0 = max(0, Int(box.minX.rounded(.down))), x1 = min(width, Int(box.maxX.rounded(.up)))
            let y0 = max(0, Int(box.minY.rounded(.down))), y1 = min(height, Int(box.maxY.rounded(.up)))
            guard x0 < x1, y0 < y1 else { continue }
            for y in y0..<y1 { for x in x0..<x1 { inText[y * width + x] = true } }
        }
        let pixels = UnsafeRawPointer(raster.mutableBytes)
        var total = 0, off = 0, sampled = 0, textOff = 0, textPixels = 0
        image.rgba.withUnsafeBufferPointer { buffer in
            guard let rgba = buffer.baseAddress else { return }
            for y in 0..<height {
                for x in 0..<width {
                    let text = inText[y * width + x], sample = (x + y) % 3 == 0
                    guard text || sample else { continue }
                    let p = Int(pixels.load(fromByteOffset: y * raster.stride + x * 4, as: UInt32.self))
                    let q = rgba + (y * image.width + x) * 4
                    let alpha = Int(q[3])
                    let dr = abs((p >> 16 & 0xFF) - (Int(q[0]) * alpha + 127) / 255)
                    let dg = abs((p >> 8 & 0xFF) - (Int(q[1]) * alpha + 127) / 255)
                    let db = abs((p & 0xFF) - (Int(q[2]) * alpha + 127) / 255)
                    let da = abs((p >> 24) - alpha)
                    let largest = max(dr, dg, db, da)
                    if sample {
                        total += dr + dg + db + da
                        if largest > 32 { off += 1 }
                        sampled += 1
                    }
                    if text {
                        if largest > 64 { textOff += 1 }
                        textPixels += 1
                    }
                }
            }
        }
        return Difference(mean: Double(total) / Double(max(1, sampled) * 4 * 255), offShare: Double(off) / Double(max(1, sampled)),
                          textOffShare: Double(textOff) / Double(max(1, textPixels)))
    }

    @Test("the PDF's words read back with pdftotext, Finnish ä, ö, −, ², λ included",
          .enabled(if: pdftotext != nil, "pdftotext is not installed (scripts/install-system-packages --checks, or apt-get install poppler-utils); the PDF text is not read"))
    func pdfKeepsText() async throws {
        let figures: [(FigureSpec, Language)] = [
            (.normalization(NormalizationSpec(run: Self.linear, plane: LandscapeOptions(gridSize: 60))), .english),
            (.normalization(NormalizationSpec(run: Self.linear, plane: LandscapeOptions(gridSize: 60))), .finnish),
            (.lrSweep(LearningRateSweepSpec(runs: [Self.linear, Self.cubic])), .finnish),
        ]
        var finnish = ""
        for (spec, language) in figures {
            let figure = try await Runs.product(spec, style: FigureStyle(language: language)).figure
            let text = String(decoding: try ExternalTool.run(try #require(Self.pdftotext), ["-enc", "UTF-8"], input: try figure.pdfData(),
                                                             inputName: "figure.pdf", outputName: "figure.txt"), as: UTF8.self)
            let words = Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
            let recorder = RecordingRenderer()
            figure.draw(on: recorder)
            // Turned texts (axis labels, contour labels) come back letter by letter; the level ones word by word.
            let level = recorder.recordedTexts.filter { $0.angle == 0 }.flatMap { $0.text.split(whereSeparator: \.isWhitespace).map(String.init) }
            #expect(level.count > 20)
            let missing = level.filter { !words.contains($0) }
            #expect(missing.isEmpty, "\(language) words not in the PDF's text: \(missing)")
            if language == .finnish { finnish += text }
        }
        for character in ["ä", "ö", "−", "²", "λ"] {
            #expect(finnish.contains(character), "\(character) is not in the Finnish PDFs' text")
        }
    }
}

/// Finds and runs a program the tests use when it is installed.
enum ExternalTool {
    /// The program `name` on the `PATH`, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `program` with `arguments` followed by an input file holding `input` and an output
    /// file (in a fresh temporary folder) and returns the output file's bytes.
    static func run(_ program: String, _ arguments: [String], input: Data, inputName: String, outputName: String) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputURL = folder.appendingPathComponent(inputName), outputURL = folder.appendingPathComponent(outputName)
        try input.write(to: inputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        let outputArguments = program.hasSuffix("rsvg-convert") ? ["-o", outputURL.path, inputURL.path] : [inputURL.path, outputURL.path]
        process.arguments = arguments + outputArguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(program) \(process.arguments ?? []) exited with \(process.terminationStatus)")
        return try Data(contentsOf: outputURL)
    }
}
