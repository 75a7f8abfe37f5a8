import Foundation
import Testing
@testable import Plotting

@Suite("Transparent dark theme") struct TransparentDarkThemeTests {
    @Test func itIsTheDarkInkOnNothing() {
        let theme = Theme.transparentDark
        #expect(theme.name == "transparent-dark")
        #expect(Theme.named("Transparent-Dark") == theme)
        #expect(Theme.all.contains(theme))
        #expect(theme.background.alpha == 0 && theme.panelBackground.alpha == 0)
        #expect(theme.ink == Theme.dark.ink && theme.grid == Theme.dark.grid && theme.seriesColors == Theme.dark.seriesColors)
        // Markers get a dark outline (the slide is dark), the light transparent theme keeps white.
        #expect(theme.markerEdge == Theme.dark.background)
        #expect(Theme.transparent.markerEdge == .white)
    }

    @Test func itsPNGIsRGBAWithTransparentCorners() throws {
        let figure = Figure(size: try FigureSize(width: 320, height: 200), theme: .transparentDark)
        figure.title = "Dark slide"
        figure.axes.line([DataPoint(x: 0, y: 0), DataPoint(x: 1, y: 1)], label: "loss")
        let png = try figure.pngData()
        // IHDR: 8-byte signature, 4-byte length, "IHDR", width, height, bit depth, colour type.
        #expect(png[8 + 4 + 4 + 8 + 1] == 6, "colour type RGBA")
        let decoded = try PNGDecoder.decode(png)
        let w = decoded.width, h = decoded.height
        for (x, y) in [(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)] {
            #expect(decoded.rgba[(y * w + x) * 4 + 3] == 0, "corner (\(x), \(y)) is transparent")
        }
        // The title is drawn in the dark theme's near-white ink.
        let raster = try figure.renderRaster()
        var light = 0
        for y in 0..<40 { for x in 0..<320 where raster.color(x: x, y: y).alpha > 0.9 && raster.color(x: x, y: y).red > 0.8 { light += 1 } }
        #expect(light > 20)
    }
}
