import Foundation
import ZIPFoundation

/// An Open Packaging Conventions package (ECMA-376 part 2): parts with their content types and
/// relationships, zipped through ZIPFoundation.
///
/// Deterministic: `[Content_Types].xml` first, then the parts in the order they were added, every
/// entry dated ``fixedDate`` with permissions 0644, so the same parts give the same bytes.
/// XML parts are deflated; PNG parts (already compressed) are stored.
struct OfficePackage {
    /// A relationship from a part (or the package) to another part, by a target relative to the
    /// source part's folder.
    struct Relationship: Equatable {
        let id: String
        let type: String
        let target: String
    }

    /// The parts' names (without the leading `/`) and bytes, in order.
    private(set) var parts: [(name: String, data: Data)] = []
    /// Content types by extension.
    private var defaults: [(extension: String, contentType: String)] = [
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ]
    /// Content types of single parts.
    private var overrides: [(part: String, contentType: String)] = []

    /// Every entry's date: 2000-01-01 00:00 UTC (the PDF exports' fixed date).
    static let fixedDate = Date(timeIntervalSince1970: 946_684_800)
    /// `fixedDate` as the W3CDTF text of `docProps/core.xml`.
    static let fixedDateText = "2000-01-01T00:00:00Z"

    /// The relationship type URIs the deck uses.
    enum RelationshipType {
        static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
        static let coreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
        static let extendedProperties = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
        private static let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        static let slideMaster = base + "slideMaster"
        static let slideLayout = base + "slideLayout"
        static let slide = base + "slide"
        static let notesMaster = base + "notesMaster"
        static let notesSlide = base + "notesSlide"
        static let theme = base + "theme"
        static let image = base + "image"
        static let presentationProperties = base + "presProps"
        static let viewProperties = base + "viewProps"
        static let tableStyles = base + "tableStyles"
    }

    /// Registers `contentType` for every part whose name ends in `.extension`.
    mutating func addDefault(extension fileExtension: String, contentType: String) {
        guard !defaults.contains(where: { $0.extension == fileExtension }) else { return }
        defaults.append((fileExtension, contentType))
    }

    /// Adds a part; `contentType` overrides the extension's default for this part.
    mutating func add(_ name: String, _ data: Data, contentType: String? = nil) {
        parts.append((name, data))
        if let contentType { overrides.append(("/" + name, contentType)) }
    }

    /// Adds an XML part with its own content type.
    mutating func add(_ name: String, xml: String, contentType: String) {
        add(name, Data(xml.utf8), contentType: contentType)
    }

    /// Adds the relationships part of `source` ("" for the package's own `_rels/.rels`).
    mutating func addRelationships(of source: String, _ relationships: [Relationship]) {
        add(Self.relationshipsPartName(of: source), Data(Self.relationshipsXML(relationships).utf8))
    }

    /// `ppt/slides/slide1.xml` → `ppt/slides/_rels/slide1.xml.rels`; "" → `_rels/.rels`.
    static func relationshipsPartName(of source: String) -> String {
        let folder = (source as NSString).deletingLastPathComponent
        let file = (source as NSString).lastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    }

    static func relationshipsXML(_ relationships: [Relationship]) -> String {
        var xml = SlideXML.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for relationship in relationships {
            xml += #"<Relationship Id="\#(relationship.id)" Type="\#(relationship.type)" Target="\#(SlideXML.escape(relationship.target))"/>"#
        }
        return xml + "</Relationships>"
    }

    /// `[Content_Types].xml`.
    var contentTypesXML: String {
        var xml = SlideXML.declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        for (fileExtension, contentType) in defaults {
            xml += #"<Default Extension="\#(fileExtension)" ContentType="\#(contentType)"/>"#
        }
        for (part, contentType) in overrides {
            xml += #"<Override PartName="\#(SlideXML.escape(part))" ContentType="\#(contentType)"/>"#
        }
        return xml + "</Types>"
    }

    /// The package as ZIP bytes.
    ///
    /// - Throws: ZIPFoundation's errors (the archive is built in memory, so only a defect or a
    ///   lack of memory makes it fail).
    func zipped() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in [("[Content_Types].xml", Data(contentTypesXML.utf8))] + parts {
            let stored = name.hasSuffix(".png")
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.fixedDate,
                                 permissions: 0o644, compressionMethod: stored ? .none : .deflate) { position, size in
                let start = data.startIndex + Int(position)
                return data.subdata(in: start..<min(start + size, data.endIndex))
            }
        }
        return archive.data ?? Data()
    }
}
