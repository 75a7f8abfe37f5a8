import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Plotting
@testable import Reporting
import Testing
import Training
import ZIPFoundation

/// The `.pptx` deck: a complete Open Packaging Conventions package whose XML parts are well
/// formed, whose relationships all resolve, whose parts all have content types, with a picture
/// (PNG + SVG), a title and notes on every figure slide; the same bytes for the same input; build
/// slides that reveal figures from the figures' own runs.
@Suite("Slide deck")
struct SlideDeckTests {
    /// An unzipped package: part names (no leading `/`) and bytes.
    struct Package {
        var parts: [String: Data] = [:]

        init(_ data: Data) throws {
            let archive = try Archive(data: data, accessMode: .read)
            for entry in archive {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                parts[entry.path] = bytes
            }
        }

        func xml(_ name: String) throws -> XMLTree {
            try XMLTree(try #require(parts[name], "no part \(name)"), name: name)
        }
    }

    /// The elements of an XML document in document order, with their attributes and text.
    struct XMLTree {
        struct Element {
            let name: String
            let attributes: [String: String]
            /// The element's own character data.
            var text = ""
            /// Names of the open elements around it, outermost first.
            let path: [String]
        }
        var elements: [Element] = []

        init(_ data: Data, name: String) throws {
            final class Collector: NSObject, XMLParserDelegate {
                var elements: [Element] = []
                var open: [Int] = []
                func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                            attributes: [String: String] = [:]) {
                    elements.append(Element(name: elementName, attributes: attributes, path: open.map { elements[$0].name }))
                    open.append(elements.count - 1)
                }
                func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
                    open.removeLast()
                }
                func parser(_ parser: XMLParser, foundCharacters string: String) {
                    if let last = open.last { elements[last].text += string }
                }
            }
            let parser = XMLParser(data: data)
            let collector = Collector()
            parser.delegate = collector
            guard parser.parse() else {
                throw XMLError(message: "\(name) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
            }
            elements = collector.elements
        }

        func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
        func first(_ name: String) -> Element? { elements.first { $0.name == name } }
    }

    struct XMLError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// A small deck's kit settings: the linear model's fit, training view, landscape and the worked step.
    static func configuration(size: FigureSize) -> KitConfiguration {
        var configuration = KitConfiguration()
        configuration.models = [.notebook(for: .linear)]
        configuration.figures.kinds = [.fit, .training, .landscape, .step]
        configuration.figures.size = size
        configuration.figures.grid = 16
        return configuration
    }

    /// Trains the deck's runs and draws it.
    static func deck(_ configuration: KitConfiguration, builds: Bool = false) async throws -> (SlideDeck, RunStore) {
        let lecture = LectureDeck(configuration: configuration, builds: builds)
        let catalog = try DataCatalog(dataset: .notebook)
        let store = try await RunStore.train(try lecture.runRequests(catalog: catalog), catalog: catalog)
        return (try await lecture.deck(store: store), store)
    }

    /// `relative` resolved against the folder of `source` (`..` steps up).
    static func resolve(_ relative: String, from source: String) -> String {
        var components = source.split(separator: "/").map(String.init).dropLast()
        for component in relative.split(separator: "/").map(String.init) {
            if component == ".." { components = components.dropLast() } else if component != "." { components.append(component) }
        }
        return components.joined(separator: "/")
    }

    @Test("every part is well-formed XML with a content type, every relationship resolves, every figure slide has a title, a PNG+SVG picture and notes",
          arguments: [(320, 180, true), (320, 240, false)])
    func packageIsComplete(width: Int, height: Int, wide: Bool) async throws {
        let (deck, _) = try await Self.deck(Self.configuration(size: try FigureSize(width: width, height: height)))
        #expect(deck.shape == (wide ? .wide : .standard))
        let package = try Package(try deck.pptxData())
        let names = Set(package.parts.keys)

        // Content types: a Default for the extension or an Override for the part.
        let types = try package.xml("[Content_Types].xml")
        let defaults = Dictionary(uniqueKeysWithValues: types.all("Default").compactMap { element in
            element.attributes["Extension"].map { ($0.lowercased(), element.attributes["ContentType"] ?? "") }
        })
        let overrides = Dictionary(uniqueKeysWithValues: types.all("Override").compactMap { element in
            element.attributes["PartName"].map { ($0, element.attributes["ContentType"] ?? "") }
        })
        func contentType(_ name: String) -> String? {
            let file = name.split(separator: "/").last.map(String.init) ?? name  // `.rels` has the extension rels
            return overrides["/" + name] ?? file.split(separator: ".").last.flatMap { defaults[$0.lowercased()] }
        }
        for name in names where name != "[Content_Types].xml" {
            #expect(contentType(name) != nil, "\(name) has no content type")
        }
        for part in overrides.keys { #expect(names.contains(String(part.dropFirst())), "an override names a missing part \(part)") }

        // Every XML part parses; every relationship's target exists; every r:id / r:embed is declared.
        var relationships: [String: [String: String]] = [:]  // source part → id → resolved target
        for name in names.sorted() where name.hasSuffix(".rels") {
            let rels = try package.xml(name)
            let folder = (name as NSString).deletingLastPathComponent  // …/_rels
            let source = ((folder as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent(String((name as NSString).lastPathComponent.dropLast(".rels".count)))
            if !source.isEmpty { #expect(names.contains(source), "\(name) belongs to no part") }
            var targets: [String: String] = [:]
            for relationship in rels.all("Relationship") {
                let id = try #require(relationship.attributes["Id"]), target = try #require(relationship.attributes["Target"])
                #expect(targets[id] == nil, "\(name) repeats \(id)")
                let resolved = Self.resolve(target, from: source.isEmpty ? "x" : source)
                #expect(names.contains(resolved), "\(name): \(id) points to \(target), which is not in the package")
                targets[id] = resolved
            }
            relationships[source] = targets
        }
        for name in names.sorted() where name.hasSuffix(".xml") {
            let tree = try package.xml(name)
            for element in tree.elements {
                for (key, value) in element.attributes where ["r:id", "r:embed"].contains(key) {
                    #expect(relationships[name]?[value] != nil, "\(name): \(element.name) refers to \(value), which its relationships lack")
                }
            }
        }

        // The presentation: the size, one slide per figure after the title slide.
        let presentation = try package.xml("ppt/presentation.xml")
        let size = try #require(presentation.first("p:sldSz"))
        #expect(size.attributes["cx"] == (wide ? "12192000" : "9144000") && size.attributes["cy"] == "6858000")
        #expect(presentation.all("p:sldId").count == deck.slides.count + 1)
        #expect(deck.slides.count == Self.configuration(size: .slide).figures.kinds.count)

        for (index, slide) in deck.slides.enumerated() {
            let name = "ppt/slides/slide\(index + 2).xml"
            let tree = try package.xml(name)
            let rels = try #require(relationships[name])
            let title = tree.all("a:t").filter { $0.path.contains("p:sp") }.map(\.text).joined()
            #expect(title == slide.title && !title.isEmpty, "\(name)'s title")
            #expect(tree.elements.contains { $0.name == "p:ph" && $0.attributes["type"] == "title" })
            let blip = try #require(tree.first("a:blip"), "\(name) has no picture")
            let png = try #require(rels[blip.attributes["r:embed"] ?? ""])
            #expect(contentType(png) == "image/png" && package.parts[png]?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true)
            let ext = try #require(tree.elements.first { $0.name == "a:ext" && $0.path.last == "a:extLst" })
            #expect(ext.attributes["uri"] == "{96DAC541-7B7A-43D3-8B79-37D633B846F1}" && ext.path.suffix(2) == ["a:blip", "a:extLst"])
            let svgBlip = try #require(tree.first("asvg:svgBlip"))
            let svg = try #require(rels[svgBlip.attributes["r:embed"] ?? ""])
            #expect(contentType(svg) == "image/svg+xml")
            let svgTree = try XMLTree(try #require(package.parts[svg]), name: svg)
            // SVGRenderer's picture: its labels are <text> a lecturer can edit, not glyph outlines.
            #expect(svgTree.all("text").contains { !$0.text.isEmpty }, "\(svg) has no <text>")
            // The picture is the figure below its title band: the figure's width, a little less than
            // its height, the PNG's own size.
            let pictureSize = slide.picture.size
            #expect(pictureSize.width == width && pictureSize.height < height && pictureSize.height > height * 3 / 4)
            // The PNG's header (IHDR, the first chunk: width and height at bytes 16 and 20).
            let pngBytes = [UInt8](try #require(package.parts[png]))
            let word = { (at: Int) in pngBytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            #expect(word(16) == pictureSize.width && word(20) == pictureSize.height)
            // The picture lies inside the slide, below the title, with the picture's aspect ratio.
            let offset = try #require(tree.all("a:off").last), extent = try #require(tree.all("a:ext").last { $0.path.last == "a:xfrm" })
            let x = Int(offset.attributes["x"] ?? "") ?? -1, y = Int(offset.attributes["y"] ?? "") ?? -1
            let cx = Int(extent.attributes["cx"] ?? "") ?? 0, cy = Int(extent.attributes["cy"] ?? "") ?? 0
            #expect(x >= 0 && y > 0 && x + cx <= Int(size.attributes["cx"] ?? "") ?? 0 && y + cy <= 6_858_000)
            #expect(abs(Double(cx) / Double(cy) - Double(pictureSize.width) / Double(pictureSize.height)) < 0.01)
            // Notes: the slide's notes slide holds the caption.
            let notesName = try #require(rels.values.first { $0.hasPrefix("ppt/notesSlides/") })
            let notes = try package.xml(notesName).all("a:t").map(\.text).joined()
            #expect(notes == slide.notes.replacingOccurrences(of: "\n", with: "") && !notes.isEmpty)
            #expect(relationships[notesName]?.values.contains(name) == true, "\(notesName) points back to its slide")
        }

        // The title slide shows the cover slide's picture (the same image parts, not a copy),
        // below the title and subtitle, inside the slide, with the figure's aspect ratio.
        let coverIndex = try #require(deck.coverSlide)
        let cover = try package.xml("ppt/slides/slide1.xml"), coverRels = try #require(relationships["ppt/slides/slide1.xml"])
        let figureRels = try #require(relationships["ppt/slides/slide\(coverIndex + 2).xml"])
        let coverBlip = try #require(cover.first("a:blip")), coverSVGBlip = try #require(cover.first("asvg:svgBlip"))
        let coverPNG = try #require(coverRels[coverBlip.attributes["r:embed"] ?? ""])
        let coverSVG = try #require(coverRels[coverSVGBlip.attributes["r:embed"] ?? ""])
        #expect(coverPNG == figureRels["rId3"] && coverSVG == figureRels["rId4"], "the cover reuses the figure's image parts")
        #expect(names.filter { $0.hasPrefix("ppt/media/") }.count == 2 * deck.slides.count, "no image part is copied")
        // Offsets and extents of the shapes' own frames (not the shape tree's group frame), in order.
        let placed = cover.elements.filter { $0.path.last == "a:xfrm" && !$0.path.contains("p:grpSpPr") }
        let offsets = placed.filter { $0.name == "a:off" }, extents = placed.filter { $0.name == "a:ext" }
        let frames = zip(offsets, extents).map { off, ext -> (y: Int, bottom: Int, right: Int, aspect: Double) in
            let x = Int(off.attributes["x"] ?? "") ?? -1, y = Int(off.attributes["y"] ?? "") ?? -1
            let cx = Int(ext.attributes["cx"] ?? "") ?? 0, cy = Int(ext.attributes["cy"] ?? "") ?? 0
            return (y, y + cy, x + cx, Double(cx) / Double(max(1, cy)))
        }
        #expect(frames.count == 3, "title, subtitle and picture are placed on the title slide")
        if frames.count == 3 {
            #expect(frames[0].bottom <= frames[1].y && frames[1].bottom <= frames[2].y, "title above subtitle above picture")
            #expect(frames[2].bottom <= 6_858_000 && frames[2].right <= Int(size.attributes["cx"] ?? "") ?? 0)
            let picture = deck.slides[coverIndex].picture.size
            #expect(abs(frames[2].aspect - Double(picture.width) / Double(picture.height)) < 0.01)
        }
    }

    @Test("the same input gives the same bytes: two trainings, two decks")
    func deterministic() async throws {
        var configuration = Self.configuration(size: try FigureSize(width: 240, height: 135))
        configuration.figures.kinds = [.fit, .landscape, .step]  // builds of a landscape frame and of the step
        let first = try await Self.deck(configuration, builds: true).0.pptxData()
        let second = try await Self.deck(configuration, builds: true).0.pptxData()
        #expect(first == second)
    }

    @Test("text is escaped and tagged with its language; characters XML cannot hold are dropped")
    func escaping() throws {
        let title = "A & B <c> \"d\" 'e' ]]> \u{1}ŷ = −0,5"
        var deck = SlideDeck(title: title, subtitle: "x < y", titleNotes: "first\nsecond & third", shape: .wide, theme: .dark,
                             language: .finnish)
        deck.slides = [SlideDeck.Slide(title: title, notes: "n\u{0}otes <b>",
                                       picture: SlideDeck.Picture(png: Data([0x89, 0x50, 0x4E, 0x47]), svg: nil, size: .slide,
                                                                  description: "\"alt\" & <text>"))]
        let package = try Package(try deck.pptxData())
        let cover = try package.xml("ppt/slides/slide1.xml").all("a:t").map(\.text)
        #expect(cover == ["A & B <c> \"d\" 'e' ]]> ŷ = −0,5", "x < y"])
        let coverNotes = try package.xml("ppt/notesSlides/notesSlide1.xml").all("a:t").map(\.text)
        #expect(coverNotes == ["first", "second & third"], "one paragraph per line")
        let slide = try package.xml("ppt/slides/slide2.xml")
        #expect(slide.first("p:cNvPr") != nil && slide.all("p:cNvPr").last?.attributes["descr"] == "\"alt\" & <text>")
        #expect(slide.first("a:rPr")?.attributes["lang"] == "fi-FI")
        #expect(slide.first("asvg:svgBlip") == nil, "no SVG, no SVG extension")
        #expect(try package.xml("ppt/notesSlides/notesSlide2.xml").all("a:t").map(\.text) == ["notes <b>"])
        // A dark deck: the master maps the background to the dark colour.
        #expect(try package.xml("ppt/slideMasters/slideMaster1.xml").first("p:clrMap")?.attributes["bg1"] == "dk1")
    }

    @Test("build slides reveal the worked step one update at a time and the training path at a few epochs, from the figures' own runs")
    func builds() async throws {
        #expect(LectureDeck.buildEpochs(last: 300) == [0, 1, 2, 5, 10, 20, 50])
        #expect(LectureDeck.buildEpochs(last: 4) == [0, 1, 2])
        #expect(LectureDeck.buildEpochs(last: 0).isEmpty)

        let configuration = Self.configuration(size: try FigureSize(width: 240, height: 135))
        let catalog = try DataCatalog(dataset: .notebook)
        let lecture = LectureDeck(configuration: configuration, builds: true)
        let (store, trained) = try await RunStoreTests.traced {
            try await RunStore.train(try lecture.runRequests(catalog: catalog), catalog: catalog)
        }
        let (deck, drawing) = try await RunStoreTests.traced { try await lecture.deck(store: store) }
        #expect(drawing.isEmpty, "drawing the builds trained \(drawing.count) runs")
        #expect(trained.count == store.trainedRunCount && trained.count == 2, "the linear model and the worked step")

        let epochs = LectureDeck.buildEpochs(last: try store.model(RunRequest(.notebook(for: .linear))).history.epochsRun)
        let steps = StepSpec().steps
        // fit; training: its builds, then itself; landscape: the same; step: its builds, then itself.
        #expect(deck.slides.count == 1 + (epochs.count + 1) * 2 + steps + 1)
        let text = Language.english.text
        let stepSlides = deck.slides.suffix(steps + 1)
        for (shown, slide) in stepSlides.dropLast().enumerated() {
            #expect(slide.title.hasSuffix("(\(text.stepBuild(shown: shown, of: steps)))"), "\(slide.title)")
        }
        #expect(Set(stepSlides.map(\.picture.png)).count == steps + 1, "every build draws a different picture")
        let landscape = deck.slides.filter { $0.title.contains("landscape") }
        #expect(landscape.count == epochs.count + 1 && landscape.dropLast().allSatisfy { $0.notes.hasPrefix("Build slide") })

        // The revealed step's table: the first update's numbers, not the second's.
        let partial = try LectureFigures.make(.step(StepSpec(shownSteps: 1)), style: FigureStyle(), store: store).figure
        let texts = Runs.texts(partial)
        #expect(texts.contains("2.6") && !texts.contains("1.64"), "\(texts)")
        #expect(throws: ReportingError.self) { try StepSpec(shownSteps: 4).validate() }
    }
}
