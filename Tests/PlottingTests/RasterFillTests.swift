import Foundation
import Testing
@testable import Plotting

/// Rasters whose zero fill is skipped (`Raster(unfilledWidth:height:)`) are written whole before
/// they are read. In debug builds their memory starts as 0xA5 bytes, so a pixel left unwritten
/// would differ from the same drawing on a zero-filled raster.
@Suite struct RasterFillTests {
    func figure(_ theme: Theme, size: FigureSize) -> Figure {
        let figure = Figure(size: size, theme: theme)
        figure.title = "Background in every pixel"
        figure.subtitle = "theme \(theme.background)"
        let axes = figure.makePanels(rows: 1, columns: 2)
        _ = axes[0].line((0..<30).map { DataPoint(x: Double($0), y: sin(Double($0) / 4)) }, label: "sin")
        _ = axes[1].scatter((0..<10).map { DataPoint(x: Double($0), y: Double($0 * $0)) })
        return figure
    }

    @Test(arguments: [Theme.light, .dark, .transparent, .transparentDark])
    func renderedFigureIsTheDrawingOnAZeroedRaster(theme: Theme) throws {
        for size in [FigureSize.slide, .square, try FigureSize(width: 333, height: 211)] {
            let rendered = try figure(theme, size: size).renderRaster()
            let zeroed = Raster(width: size.width, height: size.height)
            let renderer = try CairoRenderer(raster: zeroed)
            figure(theme, size: size).draw(on: renderer)
            renderer.context.surface.flush()
            // Compared as one Bool: a failing comparison of two 8 MB buffers is not diffed.
            let same = rendered.bytes == zeroed.bytes
            #expect(same, "\(size): \(rendered.countDifferentPixels(from: zeroed)) pixels differ")
            // The static layer alone and the dynamic layer alone too (the latter keeps the zero fill).
            for layers in [LayerSelection.staticOnly, .dynamicOnly] {
                let part = try figure(theme, size: size).renderRaster(layers: layers)
                let reference = Raster(width: size.width, height: size.height)
                let partRenderer = try CairoRenderer(raster: reference)
                figure(theme, size: size).draw(on: partRenderer, layers: layers)
                partRenderer.context.surface.flush()
                let samePart = part.bytes == reference.bytes
                #expect(samePart, "\(size) \(layers)")
            }
        }
    }

    @Test func copiesAndRowsAreWholeAndUnfilledMemoryIsMarkedInTests() throws {
        let raster = Raster(width: 7, height: 5)
        for y in 0..<5 {
            for x in 0..<7 {
                UnsafeMutableRawPointer(raster.mutableBytes + y * raster.stride).storeBytes(of: UInt32(x * 31 + y * 1000), toByteOffset: 4 * x, as: UInt32.self)
            }
        }
        let copied = raster.copy().bytes == raster.bytes
        let rows = raster.rows(from: 2).bytes == raster.bytes.suffix(from: 2 * raster.stride)
        #expect(copied && rows)
        #if DEBUG
        let unfilled = Raster(unfilledWidth: 3, height: 2)
        #expect(unfilled.bytes.allSatisfy { $0 == 0xA5 })
        #endif
    }
}
