import Foundation
import Plotting

/// The parts of a ``SlideDeck``'s package, as PowerPoint lays them out (ECMA-376 part 1,
/// PresentationML):
///
/// ```
/// [Content_Types].xml, _rels/.rels, docProps/core.xml, docProps/app.xml
/// ppt/presentation.xml (+ rels: master, notes master, theme, props, slides)
/// ppt/presProps.xml, ppt/viewProps.xml, ppt/tableStyles.xml
/// ppt/theme/theme1.xml (slides), ppt/theme/theme2.xml (notes)
/// ppt/slideMasters/slideMaster1.xml → slideLayout1.xml (Title Slide), slideLayout2.xml (Title Only)
/// ppt/notesMasters/notesMaster1.xml
/// ppt/slides/slideN.xml → its layout, its notes slide, ppt/media/imageN.png and .svg
/// ppt/notesSlides/notesSlideN.xml → the notes master and its slide
/// ```
///
/// Slide 1 is the title slide (layout 1: centred title and subtitle); every other slide has a
/// title placeholder and the picture fitted under it, centred (layout 2).
struct PresentationParts {
    let deck: SlideDeck

    private typealias Relationship = OfficePackage.Relationship
    private typealias Kind = OfficePackage.RelationshipType
    typealias Frame = SlideXML.Frame

    private static let contentType = "application/vnd.openxmlformats-officedocument."
    private static let presentationML = contentType + "presentationml."

    private var language: String { deck.language.text.languageTag }
    private var width: Int { deck.shape.size.width }
    private var height: Int { deck.shape.size.height }
    private var wide: Bool { deck.shape == .wide }

    // MARK: Geometry (EMU)

    private static let sideMargin = 365_760  // 0.4 in
    private static let topMargin = 182_880  // 0.2 in
    private static let titleHeight = 822_960  // 0.9 in
    private static let gap = 91_440  // 0.1 in

    /// The title placeholder of content slides, across the top.
    private var titleFrame: Frame {
        Frame(x: Self.sideMargin, y: Self.topMargin, width: width - 2 * Self.sideMargin, height: Self.titleHeight)
    }

    /// The area under the title.
    private var contentFrame: Frame {
        let top = Self.topMargin + Self.titleHeight + Self.gap
        return Frame(x: Self.sideMargin, y: top, width: width - 2 * Self.sideMargin, height: height - top - Self.topMargin)
    }

    /// The largest frame of `size`'s aspect ratio inside the content area, centred.
    func pictureFrame(_ size: FigureSize) -> Frame {
        Self.fitted(size, in: contentFrame)
    }

    /// The largest frame of `size`'s aspect ratio inside `area`, centred.
    static func fitted(_ size: FigureSize, in area: Frame) -> Frame {
        let aspect = Double(size.width) / Double(max(1, size.height))
        var pictureWidth = Double(area.width), pictureHeight = pictureWidth / aspect
        if pictureHeight > Double(area.height) {
            pictureHeight = Double(area.height)
            pictureWidth = pictureHeight * aspect
        }
        let w = Int(pictureWidth.rounded(.down)), h = Int(pictureHeight.rounded(.down))
        return Frame(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    /// Title sizes in hundredths of a point: content slides, then the title slide.
    private var titleSizes: (content: Int, cover: Int) { wide ? (2800, 4000) : (2400, 3600) }

    // MARK: Package

    /// Every part with its content type and relationships.
    func package() -> OfficePackage {
        var package = OfficePackage()
        package.addDefault(extension: "png", contentType: "image/png")
        package.addDefault(extension: "svg", contentType: "image/svg+xml")
        package.addRelationships(of: "", [
            Relationship(id: "rId1", type: Kind.officeDocument, target: "ppt/presentation.xml"),
            Relationship(id: "rId2", type: Kind.coreProperties, target: "docProps/core.xml"),
            Relationship(id: "rId3", type: Kind.extendedProperties, target: "docProps/app.xml"),
        ])
        package.add("docProps/core.xml", xml: coreProperties, contentType: "application/vnd.openxmlformats-package.core-properties+xml")
        package.add("docProps/app.xml", xml: appProperties, contentType: Self.contentType + "extended-properties+xml")

        let slideCount = deck.slides.count + 1
        package.add("ppt/presentation.xml", xml: presentation(slideCount: slideCount), contentType: Self.presentationML + "presentation.main+xml")
        package.addRelationships(of: "ppt/presentation.xml", [
            Relationship(id: "rId1", type: Kind.slideMaster, target: "slideMasters/slideMaster1.xml"),
            Relationship(id: "rId2", type: Kind.notesMaster, target: "notesMasters/notesMaster1.xml"),
            Relationship(id: "rId3", type: Kind.theme, target: "theme/theme1.xml"),
            Relationship(id: "rId4", type: Kind.presentationProperties, target: "presProps.xml"),
            Relationship(id: "rId5", type: Kind.viewProperties, target: "viewProps.xml"),
            Relationship(id: "rId6", type: Kind.tableStyles, target: "tableStyles.xml"),
        ] + (1...slideCount).map { Relationship(id: "rId\($0 + 6)", type: Kind.slide, target: "slides/slide\($0).xml") })
        package.add("ppt/presProps.xml", xml: SlideXML.declaration + "<p:presentationPr \(SlideXML.namespaces)/>",
                    contentType: Self.presentationML + "presProps+xml")
        package.add("ppt/viewProps.xml", xml: viewProperties, contentType: Self.presentationML + "viewProps+xml")
        package.add("ppt/tableStyles.xml",
                    xml: SlideXML.declaration + #"<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>"#,
                    contentType: Self.presentationML + "tableStyles+xml")

        let themeType = Self.contentType + "theme+xml"
        package.add("ppt/theme/theme1.xml", xml: theme(name: "Descent", dark: deckIsDark), contentType: themeType)
        package.add("ppt/slideMasters/slideMaster1.xml", xml: slideMaster, contentType: Self.presentationML + "slideMaster+xml")
        package.addRelationships(of: "ppt/slideMasters/slideMaster1.xml", [
            Relationship(id: "rId1", type: Kind.slideLayout, target: "../slideLayouts/slideLayout1.xml"),
            Relationship(id: "rId2", type: Kind.slideLayout, target: "../slideLayouts/slideLayout2.xml"),
            Relationship(id: "rId3", type: Kind.theme, target: "../theme/theme1.xml"),
        ])
        for (index, layout) in [titleLayout, titleOnlyLayout].enumerated() {
            let name = "ppt/slideLayouts/slideLayout\(index + 1).xml"
            package.add(name, xml: layout, contentType: Self.presentationML + "slideLayout+xml")
            package.addRelationships(of: name, [Relationship(id: "rId1", type: Kind.slideMaster, target: "../slideMasters/slideMaster1.xml")])
        }
        package.add("ppt/notesMasters/notesMaster1.xml", xml: notesMaster, contentType: Self.presentationML + "notesMaster+xml")
        package.addRelationships(of: "ppt/notesMasters/notesMaster1.xml", [Relationship(id: "rId1", type: Kind.theme, target: "../theme/theme2.xml")])
        package.add("ppt/theme/theme2.xml", xml: theme(name: "Descent Notes", dark: false), contentType: themeType)

        // Slide 1: the title slide; slide n + 1: content slide n with media imageN.
        for number in 1...slideCount {
            let name = "ppt/slides/slide\(number).xml"
            var relationships = [
                Relationship(id: "rId1", type: Kind.slideLayout, target: "../slideLayouts/slideLayout\(number == 1 ? 1 : 2).xml"),
                Relationship(id: "rId2", type: Kind.notesSlide, target: "../notesSlides/notesSlide\(number).xml"),
            ]
            let notes: String
            if number == 1 {
                if let cover = coverPicture {
                    relationships.append(Relationship(id: "rId3", type: Kind.image, target: "../media/image\(cover.index + 1).png"))
                    if cover.picture.svg != nil {
                        relationships.append(Relationship(id: "rId4", type: Kind.image, target: "../media/image\(cover.index + 1).svg"))
                    }
                }
                package.add(name, xml: titleSlide, contentType: Self.presentationML + "slide+xml")
                notes = deck.titleNotes
            } else {
                let slide = deck.slides[number - 2]
                let image = "image\(number - 1)"
                relationships.append(Relationship(id: "rId3", type: Kind.image, target: "../media/\(image).png"))
                if slide.picture.svg != nil {
                    relationships.append(Relationship(id: "rId4", type: Kind.image, target: "../media/\(image).svg"))
                }
                package.add(name, xml: contentSlide(slide), contentType: Self.presentationML + "slide+xml")
                notes = slide.notes
            }
            package.addRelationships(of: name, relationships)
            let notesName = "ppt/notesSlides/notesSlide\(number).xml"
            package.add(notesName, xml: notesSlide(notes), contentType: Self.presentationML + "notesSlide+xml")
            package.addRelationships(of: notesName, [
                Relationship(id: "rId1", type: Kind.notesMaster, target: "../notesMasters/notesMaster1.xml"),
                Relationship(id: "rId2", type: Kind.slide, target: "../slides/slide\(number).xml"),
            ])
        }
        for (index, slide) in deck.slides.enumerated() {
            package.add("ppt/media/image\(index + 1).png", slide.picture.png)
            if let svg = slide.picture.svg { package.add("ppt/media/image\(index + 1).svg", svg) }
        }
        return package
    }

    // MARK: Document properties

    private var coreProperties: String {
        let date = OfficePackage.fixedDateText
        return SlideXML.declaration
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
            + #"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(SlideXML.escape(deck.title))</dc:title><dc:creator>Descent</dc:creator>"
            + "<cp:lastModifiedBy>Descent</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            + #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(date)</dcterms:created>"#
            + #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(date)</dcterms:modified>"#
            + "<dc:language>\(language)</dc:language></cp:coreProperties>"
    }

    private var appProperties: String {
        let count = deck.slides.count + 1
        return SlideXML.declaration
            + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#
            + #"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
            + "<TotalTime>0</TotalTime><Application>Descent</Application><PresentationFormat>\(deck.shape.formatName)</PresentationFormat>"
            + "<Slides>\(count)</Slides><Notes>\(count)</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
            + "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            + "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
    }

    // MARK: Presentation

    private func presentation(slideCount: Int) -> String {
        let slides = (1...slideCount).map { #"<p:sldId id="\#(255 + $0)" r:id="rId\#($0 + 6)"/>"# }.joined()
        let sizeType = wide ? "" : #" type="screen4x3""#
        return SlideXML.declaration + #"<p:presentation \#(SlideXML.namespaces) saveSubsetFonts="1">"#
            + #"<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>"#
            + #"<p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst>"#
            + "<p:sldIdLst>\(slides)</p:sldIdLst>"
            + #"<p:sldSz cx="\#(width)" cy="\#(height)"\#(sizeType)/><p:notesSz cx="6858000" cy="9144000"/>"#
            + #"<p:defaultTextStyle><a:defPPr><a:defRPr lang="\#(language)"/></a:defPPr>\#(SlideXML.levels(size: 1800))</p:defaultTextStyle>"#
            + "</p:presentation>"
    }

    /// Normal view with the notes pane open (a quarter of the height), so the captions show.
    private var viewProperties: String {
        SlideXML.declaration + #"<p:viewPr \#(SlideXML.namespaces)>"#
            + #"<p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="75000"/></p:normalViewPr>"#
            + #"<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>"#
    }

    // MARK: Theme

    /// Whether the slides are dark (the figures' dark or transparent-dark theme).
    private var deckIsDark: Bool {
        let background = deck.theme.markerEdge
        return 0.2126 * background.red + 0.7152 * background.green + 0.0722 * background.blue < 0.5
    }

    /// The colour map: light slides use the light colours as background, dark ones the dark.
    private static func colorMap(dark: Bool) -> String {
        let (bg1, tx1, bg2, tx2) = dark ? ("dk1", "lt1", "dk2", "lt2") : ("lt1", "dk1", "lt2", "dk2")
        return #"bg1="\#(bg1)" tx1="\#(tx1)" bg2="\#(bg2)" tx2="\#(tx2)" accent1="accent1" accent2="accent2" accent3="accent3" "#
            + #"accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink""#
    }

    /// A complete DrawingML theme: the figures' colours (slide background and ink as dk1/lt1, muted
    /// ink and grid as dk2/lt2, series colours as accents), Calibri, and plain format styles.
    private func theme(name: String, dark: Bool) -> String {
        let figures = dark ? deck.theme : (deckIsDark ? Theme.light : deck.theme)
        let background = dark ? figures.markerEdge : Color.white
        let (dk1, lt1, dk2, lt2) = dark ? (background, figures.ink, figures.grid, figures.mutedInk)
            : (figures.ink, background, figures.mutedInk, figures.grid)
        func color(_ tag: String, _ value: Color) -> String { "<a:\(tag)><a:srgbClr val=\"\(SlideXML.hex(value))\"/></a:\(tag)>" }
        var colors = color("dk1", dk1) + color("lt1", lt1) + color("dk2", dk2) + color("lt2", lt2)
        for index in 0..<6 { colors += color("accent\(index + 1)", figures.seriesColor(index)) }
        colors += color("hlink", figures.seriesColor(0)) + color("folHlink", figures.seriesColor(3))
        let font = #"<a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/>"#
        let solid = #"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#
        func line(_ width: Int) -> String {
            #"<a:ln w="\#(width)" cap="flat" cmpd="sng" algn="ctr">\#(solid)<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>"#
        }
        let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
        return SlideXML.declaration
            + #"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="\#(name)"><a:themeElements>"#
            + #"<a:clrScheme name="\#(name)">\#(colors)</a:clrScheme>"#
            + #"<a:fontScheme name="\#(name)"><a:majorFont>\#(font)</a:majorFont><a:minorFont>\#(font)</a:minorFont></a:fontScheme>"#
            + #"<a:fmtScheme name="\#(name)"><a:fillStyleLst>\#(solid)\#(solid)\#(solid)</a:fillStyleLst>"#
            + "<a:lnStyleLst>\(line(6350))\(line(12700))\(line(19050))</a:lnStyleLst>"
            + "<a:effectStyleLst>\(effect)\(effect)\(effect)</a:effectStyleLst>"
            + "<a:bgFillStyleLst>\(solid)\(solid)\(solid)</a:bgFillStyleLst></a:fmtScheme>"
            + "</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    }

    // MARK: Master and layouts

    private static let background = #"<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>"#
    private static let titleBody = #"<a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0" anchor="ctr"><a:normAutofit/></a:bodyPr>"#
    private static let textBody = #"<a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0"><a:normAutofit/></a:bodyPr>"#

    private var slideMaster: String {
        let title = SlideXML.placeholder(id: 2, name: "Title Placeholder 1", type: "title", frame: titleFrame,
                                         bodyProperties: Self.titleBody, text: SlideXML.paragraphs("Title", language: language))
        let body = SlideXML.placeholder(id: 3, name: "Text Placeholder 2", type: "body", index: 1, frame: contentFrame,
                                        bodyProperties: Self.textBody, text: SlideXML.paragraphs("Text", language: language))
        let titleStyle = #"<a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">"#
            + #"<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>"#
            + SlideXML.runDefaults(size: titleSizes.content, color: "tx1", major: true) + "</a:lvl1pPr>"
        return SlideXML.declaration + "<p:sldMaster \(SlideXML.namespaces)>"
            + "<p:cSld>\(Self.background)\(SlideXML.shapeTreeStart)\(title)\(body)</p:spTree></p:cSld>"
            + "<p:clrMap \(Self.colorMap(dark: deckIsDark))/>"
            + #"<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/><p:sldLayoutId id="2147483650" r:id="rId2"/></p:sldLayoutIdLst>"#
            + "<p:txStyles><p:titleStyle>\(titleStyle)</p:titleStyle>"
            + "<p:bodyStyle>\(SlideXML.levels(size: 2000, spaceBefore: true))</p:bodyStyle>"
            + #"<p:otherStyle><a:defPPr><a:defRPr lang="\#(language)"/></a:defPPr>\#(SlideXML.levels(size: 1800))</p:otherStyle>"#
            + "</p:txStyles></p:sldMaster>"
    }

    /// The title slide's title and subtitle frames.
    private var coverFrames: (title: Frame, subtitle: Frame) {
        let x = width / 10, w = width - 2 * x
        return (Frame(x: x, y: height * 28 / 100, width: w, height: height * 24 / 100),
                Frame(x: x, y: height * 55 / 100, width: w, height: height * 17 / 100))
    }

    private func layout(type: String, name: String, shapes: String) -> String {
        SlideXML.declaration + #"<p:sldLayout \#(SlideXML.namespaces) type="\#(type)" preserve="1">"#
            + #"<p:cSld name="\#(name)">\#(SlideXML.shapeTreeStart)\#(shapes)</p:spTree></p:cSld>"#
            + "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    }

    private var titleLayout: String {
        let frames = coverFrames
        let centred = #"<a:lvl1pPr algn="ctr">\#(SlideXML.runDefaults(size: titleSizes.cover, color: "tx1", major: true))</a:lvl1pPr>"#
        let subtitle = #"<a:lvl1pPr marL="0" indent="0" algn="ctr"><a:buNone/>\#(SlideXML.runDefaults(size: 2000, color: "tx2", major: false))</a:lvl1pPr>"#
        let title = SlideXML.placeholder(id: 2, name: "Title 1", type: "ctrTitle", frame: frames.title,
                                         bodyProperties: #"<a:bodyPr anchor="b"><a:normAutofit/></a:bodyPr>"#,
                                         listStyle: "<a:lstStyle>\(centred)</a:lstStyle>", text: SlideXML.paragraphs("Title", language: language))
        let sub = SlideXML.placeholder(id: 3, name: "Subtitle 2", type: "subTitle", index: 1, frame: frames.subtitle,
                                       bodyProperties: #"<a:bodyPr><a:normAutofit/></a:bodyPr>"#,
                                       listStyle: "<a:lstStyle>\(subtitle)</a:lstStyle>", text: SlideXML.paragraphs("Subtitle", language: language))
        return layout(type: "title", name: "Title Slide", shapes: title + sub)
    }

    private var titleOnlyLayout: String {
        layout(type: "titleOnly", name: "Title Only",
               shapes: SlideXML.placeholder(id: 2, name: "Title 1", type: "title", text: SlideXML.paragraphs("Title", language: language)))
    }

    // MARK: Slides

    private func slide(_ shapes: String) -> String {
        SlideXML.declaration + "<p:sld \(SlideXML.namespaces)><p:cSld>\(SlideXML.shapeTreeStart)\(shapes)</p:spTree></p:cSld>"
            + "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    }

    /// The content slide whose picture the title slide shows, if any.
    private var coverPicture: (index: Int, picture: SlideDeck.Picture)? {
        guard let index = deck.coverSlide, deck.slides.indices.contains(index) else { return nil }
        return (index, deck.slides[index].picture)
    }

    /// The title slide: title and subtitle centred; with a cover picture, they move up and the
    /// picture fills the lower part of the slide.
    private var titleSlide: String {
        guard let cover = coverPicture else {
            return slide(SlideXML.placeholder(id: 2, name: "Title 1", type: "ctrTitle", text: SlideXML.paragraphs(deck.title, language: language))
                + SlideXML.placeholder(id: 3, name: "Subtitle 2", type: "subTitle", index: 1,
                                       text: SlideXML.paragraphs(deck.subtitle, language: language)))
        }
        let x = width / 10, w = width - 2 * x
        let titleFrame = Frame(x: x, y: height * 4 / 100, width: w, height: height * 20 / 100)
        let subtitleFrame = Frame(x: x, y: height * 24 / 100, width: w, height: height * 10 / 100)
        let area = Frame(x: Self.sideMargin, y: height * 36 / 100, width: width - 2 * Self.sideMargin, height: height * 60 / 100)
        return slide(SlideXML.placeholder(id: 2, name: "Title 1", type: "ctrTitle", frame: titleFrame,
                                          text: SlideXML.paragraphs(deck.title, language: language))
            + SlideXML.placeholder(id: 3, name: "Subtitle 2", type: "subTitle", index: 1, frame: subtitleFrame,
                                   text: SlideXML.paragraphs(deck.subtitle, language: language))
            + picture(cover.picture, frame: Self.fitted(cover.picture.size, in: area)))
    }

    /// The SVG extension of `a:blip` (PowerPoint 2016 and later draw the SVG, others the PNG).
    static let svgExtension = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"

    private func contentSlide(_ content: SlideDeck.Slide) -> String {
        let title = SlideXML.placeholder(id: 2, name: "Title 1", type: "title", text: SlideXML.paragraphs(content.title, language: language))
        return slide(title + picture(content.picture, frame: pictureFrame(content.picture.size), id: 3))
    }

    /// A picture shape of the slide's image rId3 (PNG) and, when there is one, rId4 (SVG).
    private func picture(_ picture: SlideDeck.Picture, frame: Frame, id: Int = 4) -> String {
        let svg = picture.svg == nil ? "" : #"<a:extLst><a:ext uri="\#(Self.svgExtension)">"#
            + #"<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rId4"/></a:ext></a:extLst>"#
        return #"<p:pic><p:nvPicPr><p:cNvPr id="\#(id)" name="Picture \#(id - 1)" descr="\#(SlideXML.escape(picture.description))"/>"#
            + #"<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>"#
            + #"<p:blipFill><a:blip r:embed="rId3">\#(svg)</a:blip><a:stretch><a:fillRect/></a:stretch></p:blipFill>"#
            + #"<p:spPr>\#(frame.xfrm)<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#
    }

    // MARK: Notes

    /// The notes page: the slide's picture above, the notes below (portrait, 7.5 × 10 in).
    private var notesFrames: (image: Frame, body: Frame) {
        let imageWidth = wide ? 6_096_000 : 4_572_000
        return (Frame(x: (6_858_000 - imageWidth) / 2, y: 685_800, width: imageWidth, height: 3_429_000),
                Frame(x: 685_800, y: 4_343_400, width: 5_486_400, height: 4_114_800))
    }

    private var notesMaster: String {
        let frames = notesFrames
        let image = SlideXML.placeholder(id: 2, name: "Slide Image Placeholder 1", type: "sldImg", index: 2, frame: frames.image,
                                         text: SlideXML.paragraphs("", language: language),
                                         locks: #"<a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/>"#)
        let body = SlideXML.placeholder(id: 3, name: "Notes Placeholder 2", type: "body", index: 3, size: "quarter", frame: frames.body,
                                        bodyProperties: #"<a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0"/>"#,
                                        text: SlideXML.paragraphs("Notes", language: language))
        return SlideXML.declaration + "<p:notesMaster \(SlideXML.namespaces)>"
            + "<p:cSld>\(Self.background)\(SlideXML.shapeTreeStart)\(image)\(body)</p:spTree></p:cSld>"
            + "<p:clrMap \(Self.colorMap(dark: false))/>"
            + "<p:notesStyle>\(SlideXML.levels(size: 1200))</p:notesStyle></p:notesMaster>"
    }

    private func notesSlide(_ text: String) -> String {
        let image = #"<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr>"#
            + #"<p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"#
        let body = SlideXML.placeholder(id: 3, name: "Notes Placeholder 2", type: "body", index: 1,
                                        text: SlideXML.paragraphs(text, language: language))
        return SlideXML.declaration + "<p:notes \(SlideXML.namespaces)><p:cSld>\(SlideXML.shapeTreeStart)\(image)\(body)</p:spTree></p:cSld>"
            + "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    }
}
