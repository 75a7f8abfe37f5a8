import Foundation
import Plotting

/// Text pieces shared by the deck's XML parts: the declaration, namespaces, escaping, colours
/// and text runs.
enum SlideXML {
    /// The XML declaration PowerPoint writes.
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// DrawingML, relationships and PresentationML namespaces, for a root element.
    static let namespaces = #"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#
        + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#
        + #"xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#

    /// `text` escaped for XML character data and attribute values, apostrophes too; characters
    /// XML 1.0 does not allow are dropped.
    static func escape(_ text: String) -> String { XMLText.escaped(text, apostrophes: true) }

    /// `color` as six hex digits (`RRGGBB`), alpha ignored.
    static func hex(_ color: Color) -> String {
        func byte(_ value: Double) -> Int { Int((min(max(value, 0), 1) * 255).rounded()) }
        return String(format: "%02X%02X%02X", byte(color.red), byte(color.green), byte(color.blue))
    }

    /// Paragraphs of `text`, one per line (empty lines kept as empty paragraphs), each one run
    /// tagged with `language`; an empty text gives one empty paragraph.
    static func paragraphs(_ text: String, language: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line -> String in
            let line = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            guard !line.isEmpty else { return #"<a:p><a:endParaRPr lang="\#(language)" dirty="0"/></a:p>"# }
            return #"<a:p><a:r><a:rPr lang="\#(language)" dirty="0"/><a:t>\#(escape(line))</a:t></a:r></a:p>"#
        }.joined()
    }

    /// The group properties every shape tree starts with.
    static let shapeTreeStart = #"<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>"#
        + #"<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#

    /// A rectangle in EMU.
    struct Frame: Equatable {
        let x: Int, y: Int, width: Int, height: Int

        /// `<a:xfrm>` of the rectangle.
        var xfrm: String { #"<a:xfrm><a:off x="\#(x)" y="\#(y)"/><a:ext cx="\#(width)" cy="\#(height)"/></a:xfrm>"# }
    }

    /// A placeholder shape: `type` (and `index`), its name, an optional frame and list style, and its text body.
    static func placeholder(id: Int, name: String, type: String, index: Int? = nil, size: String? = nil, frame: Frame? = nil,
                            bodyProperties: String = "<a:bodyPr/>", listStyle: String = "<a:lstStyle/>", text: String,
                            locks: String = #"<a:spLocks noGrp="1"/>"#) -> String {
        var ph = #"<p:ph type="\#(type)""#
        if let size { ph += #" sz="\#(size)""# }
        if let index { ph += #" idx="\#(index)""# }
        ph += "/>"
        let geometry = frame.map { "<p:spPr>\($0.xfrm)<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>" } ?? "<p:spPr/>"
        return #"<p:sp><p:nvSpPr><p:cNvPr id="\#(id)" name="\#(escape(name))"/><p:cNvSpPr>\#(locks)</p:cNvSpPr><p:nvPr>\#(ph)</p:nvPr></p:nvSpPr>"#
            + geometry + "<p:txBody>\(bodyProperties)\(listStyle)\(text)</p:txBody></p:sp>"
    }

    /// A run's default properties: size in hundredths of a point, a scheme colour, the theme's
    /// major or minor font.
    static func runDefaults(size: Int, color: String, major: Bool) -> String {
        let font = major ? "+mj" : "+mn"
        return #"<a:defRPr sz="\#(size)" kern="1200"><a:solidFill><a:schemeClr val="\#(color)"/></a:solidFill>"#
            + #"<a:latin typeface="\#(font)-lt"/><a:ea typeface="\#(font)-ea"/><a:cs typeface="\#(font)-cs"/></a:defRPr>"#
    }

    /// Nine list levels (`lvl1pPr` … `lvl9pPr`) of plain left-aligned text at `size`, indented by
    /// half an inch per level.
    static func levels(size: Int, color: String = "tx1", spaceBefore: Bool = false) -> String {
        (1...9).map { level in
            let spacing = spaceBefore ? #"<a:spcBef><a:spcPct val="20000"/></a:spcBef><a:buNone/>"# : ""
            return #"<a:lvl\#(level)pPr marL="\#((level - 1) * 457200)" indent="0" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">"#
                + spacing + runDefaults(size: size, color: color, major: false) + "</a:lvl\(level)pPr>"
        }.joined()
    }
}
