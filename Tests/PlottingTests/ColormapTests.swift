import Foundation
import Testing
@testable import Plotting

/// CIE L* (D65) of an sRGB colour, 0 (black) to 100 (white).
private func lightness(_ color: Color) -> Double {
    func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
    let luminance = 0.2126 * linear(color.red) + 0.7152 * linear(color.green) + 0.0722 * linear(color.blue)
    return luminance > 216.0 / 24389.0 ? 116 * cbrt(luminance) - 16 : luminance * 24389.0 / 27.0
}

private func close(_ a: Color, _ b: Color, tolerance: Double = 1e-12) -> Bool {
    abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance
        && abs(a.blue - b.blue) <= tolerance && abs(a.alpha - b.alpha) <= tolerance
}

struct ColormapTests {
    @Test func publishedTablesHave256EntriesAndTheirEndpoints() {
        #expect(Colormap.viridis.colors.count == 256)
        #expect(Colormap.magma.colors.count == 256)
        #expect(Colormap.cividis.colors.count == 256)
        #expect(close(Colormap.viridis.color(at: 0), Color(red: 0.267004, green: 0.004874, blue: 0.329415)))
        #expect(close(Colormap.viridis.color(at: 1), Color(red: 0.993248, green: 0.906157, blue: 0.143936)))
        #expect(close(Colormap.magma.color(at: 0), Color(red: 0.001462, green: 0.000466, blue: 0.013866)))
        #expect(close(Colormap.magma.color(at: 1), Color(red: 0.987053, green: 0.991438, blue: 0.749504)))
        #expect(close(Colormap.cividis.color(at: 0), Color(red: 0, green: 0.135112, blue: 0.304751)))
        #expect(close(Colormap.cividis.color(at: 1), Color(red: 0.995737, green: 0.909344, blue: 0.217772)))
        // A mid-table entry: viridis[128].
        #expect(close(Colormap.viridis.colors[128], Color(red: 0.127568, green: 0.566949, blue: 0.550556)))
    }

    @Test func sequentialMapsHaveMonotoneLightness() {
        for map in [Colormap.viridis, .magma, .cividis] {
            let values = map.colors.map(lightness)
            #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 }, "\(map.name) lightness not increasing")
        }
    }

    @Test func clampingInterpolationAndBadColor() {
        let map = Colormap.viridis
        #expect(close(map.color(at: -3), map.colors[0]))
        #expect(close(map.color(at: 7), map.colors[255]))
        #expect(close(map.color(at: .infinity), map.colors[255]))
        #expect(close(map.color(at: -.infinity), map.colors[0]))
        #expect(map.color(at: .nan).alpha == 0)
        let halfway = map.color(at: 0.5 / 255)
        let expected = map.colors[0].interpolated(to: map.colors[1], fraction: 0.5)
        #expect(close(halfway, expected, tolerance: 1e-12))
        #expect(close(map.color(at: 10.0 / 255), map.colors[10], tolerance: 1e-12))
    }

    @Test func divergingMapIsBlueWhiteRed() {
        let map = Colormap.diverging
        let low = map.color(at: 0)
        let middle = map.color(at: 0.5)
        let high = map.color(at: 1)
        #expect(low.blue > low.red)
        #expect(high.red > high.blue)
        #expect(close(middle, Color(hex: 0xF7F7F7)))
        // Lightness rises to the neutral centre and falls symmetrically-ish on both arms.
        #expect(lightness(middle) > 95)
        #expect(abs(lightness(map.color(at: 0.2)) - lightness(map.color(at: 0.8))) < 10)
    }

    @Test func lookupByName() {
        #expect(Colormap.named("viridis")?.name == "viridis")
        #expect(Colormap.named(" Magma ")?.name == "magma")
        let reversed = Colormap.named("viridis_r")
        #expect(reversed?.name == "viridis_r")
        #expect(reversed.map { close($0.color(at: 0), Colormap.viridis.color(at: 1)) } == true)
        #expect(Colormap.named("RdBu_r")?.name == "diverging")
        #expect(Colormap.named("jet") == nil)
        #expect(Colormap.allNames == ["viridis", "magma", "cividis", "diverging"])
        #expect(Colormap.allNames.allSatisfy { Colormap.named($0) != nil && Colormap.named($0 + "_r") != nil })
        #expect(Colormap.viridis.reversed().reversed().name == "viridis")
    }

    @Test func lookupTableIsPremultipliedARGB() {
        let table = Colormap.viridis.lookupTable(count: 256)
        #expect(table.count == 256)
        #expect(table[0] == 0xFF44_0154)   // (0.267004, 0.004874, 0.329415) × 255 rounded
        #expect(table[255] == 0xFFFD_E725) // (0.993248, 0.906157, 0.143936) × 255 rounded
        #expect(Colormap.viridis.lookupTable(count: 0).isEmpty)
        #expect(Colormap.viridis.lookupTable(count: 1) == [table[0]])
        let translucent = Colormap(name: "half", colors: [Color(red: 1, green: 0.5, blue: 0, alpha: 0.5)])
        #expect(translucent.lookupTable(count: 2) == [0x8080_4000, 0x8080_4000])
    }

    @Test func colorBasics() {
        let color = Color(hex: 0x1F77B4)
        #expect(abs(color.red - 31.0 / 255) < 1e-12 && abs(color.green - 119.0 / 255) < 1e-12 && abs(color.blue - 180.0 / 255) < 1e-12)
        #expect(color.alpha == 1)
        #expect(color.withAlpha(0.25).alpha == 0.25)
        let a = Color(red: 0, green: 0, blue: 0)
        let b = Color(red: 1, green: 0.5, blue: 0.25, alpha: 0)
        #expect(close(a.interpolated(to: b, fraction: 0.5), Color(red: 0.5, green: 0.25, blue: 0.125, alpha: 0.5)))
        #expect(close(a.interpolated(to: b, fraction: 2), b))
        #expect(close(a.interpolated(to: b, fraction: .nan), a))
        #expect(Color.clear.premultipliedARGB32 == 0)
        #expect(Color(red: 2, green: -1, blue: .nan).premultipliedARGB32 == 0xFFFF_0000)
    }

    @Test func degenerateMaps() {
        let empty = Colormap(name: "empty", colors: [])
        #expect(empty.color(at: 0.3).alpha == 0)
        let single = Colormap(name: "single", colors: [.white])
        #expect(close(single.color(at: 0.7), .white))
    }
}
