import Foundation
import Testing

/// `descent slides` through the built executable, read back by real clients: python-pptx reads
/// every slide's title, picture and notes, and LibreOffice Impress prints one PDF page per slide.
/// Each check is skipped, saying why, only when its client is not installed.
@Suite("descent slides")
struct SlidesCommandTests {
    /// Runs `program` (looked up on PATH) with `arguments`; its exit status and standard output.
    static func run(_ program: String, _ arguments: [String], in directory: URL? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return (-1, "") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let pythonPPTX = run("python3", ["-c", "import pptx"]).status == 0
    static let libreOffice = run("soffice", ["--version"]).status == 0

    /// Writes a deck with `arguments` into a fresh folder; the folder and the slide count printed.
    static func deck(_ arguments: [String]) throws -> (folder: URL, slides: Int) {
        let folder = try ToolRunner.temporaryFolder()
        let outcome = try ToolRunner.run(["slides", "--out", "deck.pptx"] + arguments, in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let count = try #require(outcome.standardOutput.firstMatch(of: /Wrote deck\.pptx: ([0-9]+) slides/), "\(outcome.standardOutput)")
        return (folder, Int(count.1) ?? 0)
    }

    @Test("python-pptx reads the deck: a title slide with the lecture's picture, then every figure slide with a title, a PNG picture and notes",
          .enabled(if: pythonPPTX, "python-pptx cannot be imported here: pip install python-pptx to run this check"))
    func pythonPPTXReadsTheDeck() throws {
        // The default deck's figures (both models, every kind), drawn small.
        let (folder, count) = try Self.deck(["--size", "480x270", "--grid", "24"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
            import json, pptx
            deck = pptx.Presentation("deck.pptx")
            slides = []
            for slide in deck.slides:
                pictures = [shape for shape in slide.shapes if shape.shape_type == pptx.enum.shapes.MSO_SHAPE_TYPE.PICTURE]
                slides.append({
                    "layout": slide.slide_layout.name,
                    "title": slide.shapes.title.text if slide.shapes.title is not None else "",
                    "pictures": [picture.image.content_type for picture in pictures],
                    "notes": slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "",
                })
            print(json.dumps({"width": deck.slide_width, "height": deck.slide_height, "slides": slides}))
            """
        let result = Self.run("python3", ["-c", script], in: folder)
        #expect(result.status == 0, "python-pptx could not read the deck")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["width"] as? Int == 12_192_000 && json["height"] as? Int == 6_858_000, "16:9 slides")
        let slides = try #require(json["slides"] as? [[String: Any]])
        #expect(slides.count == count && count >= 16, "one slide per figure of the default kit after the title slide")
        let cover = try #require(slides.first)
        #expect(cover["layout"] as? String == "Title Slide" && !(cover["title"] as? String ?? "").isEmpty)
        #expect(cover["pictures"] as? [String] == ["image/png"], "the title slide shows the lecture's picture: \(cover["pictures"] ?? "")")
        for (index, slide) in slides.enumerated().dropFirst() {
            #expect(slide["layout"] as? String == "Title Only", "slide \(index + 1)")
            #expect(!(slide["title"] as? String ?? "").isEmpty, "slide \(index + 1) has no title")
            #expect(slide["pictures"] as? [String] == ["image/png"], "slide \(index + 1): \(slide["pictures"] ?? "")")
            #expect((slide["notes"] as? String ?? "").count > 20, "slide \(index + 1) has no caption in its notes")
        }
    }

    @Test("LibreOffice Impress converts a 4:3 deck with build slides to a PDF of one page per slide",
          .enabled(if: libreOffice, "LibreOffice is not installed here: apt-get install libreoffice-impress to run this check"))
    func libreOfficeConvertsTheDeck() throws {
        let (folder, count) = try Self.deck(["--model", "linear", "--kinds", "fit,step", "--builds", "--size", "320x240", "--grid", "16"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(count == 1 + 1 + 3 + 1, "title, fit, the step's builds (the start and two of its three updates), the step")
        // A profile of its own, so a LibreOffice already running elsewhere does not take the job.
        let profile = folder.appendingPathComponent("profile").absoluteString
        let conversion = Self.run("soffice", ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf",
                                              "--outdir", folder.path, folder.appendingPathComponent("deck.pptx").path])
        #expect(conversion.status == 0)
        let pdf = try String(decoding: Data(contentsOf: folder.appendingPathComponent("deck.pdf")), as: UTF8.self)
        let pages = pdf.matches(of: /\/Type\s*\/Page[^s]/).count
        #expect(pages == count, "\(pages) pages for \(count) slides")
        let box = try #require(pdf.firstMatch(of: /\/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]/))
        let ratio = (Double(box.1) ?? 0) / (Double(box.2) ?? 1)
        #expect(abs(ratio - 4.0 / 3.0) < 0.01, "4:3 pages, got \(box.1) x \(box.2)")
    }
}
