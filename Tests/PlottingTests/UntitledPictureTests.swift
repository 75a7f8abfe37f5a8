import Foundation
import Testing
@testable import Plotting

/// A slide's picture is its figure without the title band, made from the figure's own
/// rendering: the PNG of the rows under the title from the same deflated piece as the figure's
/// PNG, the SVG with the viewBox starting there and no title.
@Suite struct UntitledPictureTests {
    /// A figure with a title of `lines` words-worth of text, a subtitle and a legend.
    func figure(size: FigureSize, theme: Theme = .light, title: String?, subtitle: String? = "a subtitle under the title, in muted ink") -> Figure {
        let figure = Figure(size: size, theme: theme)
        figure.title = title
        figure.subtitle = subtitle
        figure.axes.line((0...40).map { DataPoint(x: Double($0) / 4, y: sin(Double($0) / 4)) }, label: "sin x")
        figure.axes.scatter([DataPoint(x: 1, y: 0.5), DataPoint(x: 9, y: -0.5)], label: "points")
        return figure
    }

    static let titles = ["Gradient descent on the loss", "Gyp jäägy, Qjpg; descenders þ ç ŷ", String(repeating: "A long title that wraps onto more lines ", count: 4)]

    /// The title's ink stays above the cut: the titled rendering's rows from the cut down equal
    /// a rendering that leaves the title out (any pixel of a descender or of antialiasing below
    /// the cut would be a sliver of the title on the slide).
    @Test(arguments: titles)
    func titleInkStaysAboveTheCut(title: String) throws {
        for size in [FigureSize.slide, try FigureSize(width: 960, height: 1080), try FigureSize(width: 640, height: 360)] {
            let f = figure(size: size, title: title)
            let (titled, layout) = try f.renderRasterAndLayout()
            let (untitled, _) = try f.renderRasterAndLayout(untitled: true)
            let cut = layout.titleBandRow
            #expect(cut > 0 && Double(cut) < (layout.subtitleTop ?? 0), "\(size): the cut \(cut) lies between the title and the subtitle")
            #expect(titled.rows(from: cut).hasSamePixels(as: untitled.rows(from: cut)), "\(size), \(title)")
            // The title band itself is not blank in the titled rendering (the title is there).
            #expect(!titled.rows(from: 0).hasSamePixels(as: untitled), "\(size)")
        }
    }

    /// The picture's PNG is byte for byte the PNG of the rows under the cut, and the figure's
    /// PNG made alongside it is `pngData`'s, decoding to the figure's pixels.
    @Test(arguments: [Theme.light, .dark])
    func pictureIsTheRowsUnderTheTitle(theme: Theme) throws {
        let f = figure(size: try FigureSize(width: 800, height: 450), theme: theme, title: "Loss landscape")
        let options = PNGOptions(compressionLevel: 6, filter: .none, title: "Loss landscape", description: "a caption")
        let pngs = try f.pngs(options: options, untitled: options)
        let png = pngs.png, picture = try #require(pngs.untitled)
        #expect(png == (try f.pngData(options: options)))
        let (raster, layout) = try f.renderRasterAndLayout()
        let cut = layout.titleBandRow
        #expect(picture.size.width == 800 && picture.size.height == 450 - cut)
        #expect(picture.png == (try PNGEncoder.encode(raster.rows(from: cut), options: options)))
        #expect(picture.png == (try f.untitledPicture(options: options).png))
        let whole = try PNGDecoder.decode(png)
        let reference = try PNGDecoder.decode(PNGEncoder.encode(raster, options: PNGOptions(compressionLevel: 0, filter: .none)))
        #expect(whole.rgba == reference.rgba)
        let lower = try PNGDecoder.decode(picture.png)
        #expect(lower.height == 450 - cut && lower.rgba == Array(reference.rgba[(cut * 800 * 4)...]))
    }

    /// The two-piece stream: with the cut at 0 it is libdeflate's one stream (the bytes the plain
    /// encoder writes); translucent rasters and other filters take the plain encoder for both.
    @Test func splitEncodingAgreesWithThePlainEncoder() throws {
        let f = figure(size: try FigureSize(width: 320, height: 240), title: "Split")
        let raster = try f.renderRaster()
        let options = PNGOptions(compressionLevel: 6, filter: .none)
        let (whole, lower) = try PNGEncoder.encode(raster, split: 0, options: options, lowerOptions: options)
        #expect(whole == (try PNGEncoder.encode(raster, options: options)) && lower == whole)
        for level in [1, 4, 9] {
            let options = PNGOptions(compressionLevel: level, filter: .none)
            let (whole, lower) = try PNGEncoder.encode(raster, split: 57, options: options, lowerOptions: options)
            #expect(try PNGDecoder.decode(#require(whole)).rgba == PNGDecoder.decode(PNGEncoder.encode(raster, options: options)).rgba)
            #expect(lower == (try PNGEncoder.encode(raster.rows(from: 57), options: options)), "level \(level)")
        }
        let clear = try figure(size: try FigureSize(width: 320, height: 240), theme: .transparent, title: "Split").renderRaster()
        let (clearWhole, clearLower) = try PNGEncoder.encode(clear, split: 40, options: options, lowerOptions: options)
        #expect(clearWhole == (try PNGEncoder.encode(clear, options: options)))
        #expect(clearLower == (try PNGEncoder.encode(clear.rows(from: 40), options: options)))
        let adaptive = PNGOptions(compressionLevel: 6, filter: .adaptive)
        #expect(try PNGEncoder.encode(raster, split: 40, options: adaptive, lowerOptions: nil).whole == PNGEncoder.encode(raster, options: adaptive))
    }

    /// The picture's SVG starts its viewBox at the cut, is as much shorter, keeps the subtitle
    /// and the plot, and has no title; its background starts at the cut too.
    @Test(arguments: [SVGTextMode.text, .paths])
    func svgStartsAtTheCut(text: SVGTextMode) throws {
        let f = figure(size: .slide, title: "Titled figure")
        let options = PNGOptions(compressionLevel: 6, filter: .none)
        let picture = try f.untitledPicture(options: options, svgText: text)
        let cut = try f.renderRasterAndLayout().layout.titleBandRow
        let svg = String(decoding: picture.svg, as: UTF8.self)
        let full = String(decoding: try f.svgData(text: text), as: UTF8.self)
        if text == .text {
            #expect(svg.contains("viewBox=\"0 \(cut) 1920 \(1080 - cut)\""))
            #expect(!svg.contains("Titled figure") && full.contains("Titled figure"))
            #expect(svg.contains("a subtitle under the title"))
        } else {
            // Cairo's page is the picture's height in points (144 dpi: pixels / 2).
            let height = try #require(svg.firstMatch(of: /height="([0-9.]+)(pt)?"/)).1
            #expect(abs((Double(height) ?? 0) - Double(1080 - cut) / 2) < 0.01, "page height \(height)")
            #expect(svg.count < full.count, "the title's glyphs are gone")
        }
    }

    /// Without a title there is no band: the picture is the whole figure.
    @Test func untitledFigureIsWhole() throws {
        let f = figure(size: try FigureSize(width: 640, height: 360), title: nil)
        let options = PNGOptions(compressionLevel: 6, filter: .none)
        let picture = try f.untitledPicture(options: options)
        #expect(picture.size.height == 360)
        #expect(picture.png == (try f.pngData(options: options)))
    }
}
