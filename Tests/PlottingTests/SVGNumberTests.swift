import Foundation
import Testing
@testable import Plotting

/// SVG's numbers and colours: against C's `%.*f` (trailing zeros and point trimmed, `-0` as
/// `0`) on values that round both ways, and hex colours digit by digit.
@Suite struct SVGNumberTests {
    /// What `SVGSyntax.fixed` must print for `scaled` / 10^`decimals`, from C's formatting of the
    /// exact decimal (the integer and its places never pass through a double).
    static func expected(_ scaled: Int, decimals: Int) -> String {
        let digits = String(scaled.magnitude)
        var text: String
        if decimals == 0 {
            text = digits
        } else {
            let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
            text = String(padded.dropLast(decimals)) + "." + String(padded.suffix(decimals))
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "0" { return "0" }
        return scaled < 0 ? "-" + text : text
    }

    @Test func fixedPrintsTheExactDecimal() {
        var values = [0, 1, -1, 5, 9, 10, 11, 99, 100, 101, 1000, 1250, -1250, 120_000, 7, 70, 700, 123_456_789, -5, -50]
        values += [Int.max, Int.min + 1, Int.min, 999_999_999_999_999_999]
        var state: UInt64 = 99
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let magnitude = Int(state >> (1 + state % 63))
            values.append(state & 1 == 0 ? magnitude : -magnitude)
        }
        for value in values {
            for decimals in [0, 1, 2, 3, 6] {
                #expect(SVGSyntax.fixed(value, decimals: decimals) == Self.expected(value, decimals: decimals), "\(value), \(decimals)")
            }
        }
        #expect(SVGSyntax.fixed(1250, decimals: 2) == "12.5" && SVGSyntax.fixed(-5, decimals: 3) == "-0.005")
    }

    @Test func numbersRoundHalfAwayFromZero() {
        #expect(SVGSyntax.number(12.345) == "12.35" && SVGSyntax.number(-12.345) == "-12.35")
        #expect(SVGSyntax.number(-0.001) == "0" && SVGSyntax.number(-0.0) == "0" && SVGSyntax.number(.nan) == "0")
        #expect(SVGSyntax.number(2.5, decimals: 0) == "3" && SVGSyntax.number(100.0) == "100")
        for value in stride(from: -3.0, through: 3.0, by: 0.0173) {
            let printed = String(format: "%.2f", value)
            let trimmed = printed.contains(".") ? printed.replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
                .replacingOccurrences(of: "\\.$", with: "", options: .regularExpression) : printed
            let expected = trimmed == "-0" ? "0" : trimmed
            // %.2f rounds the binary value half to even; ours rounds half away from zero, so
            // they may differ only where the value is a tie within a hundredth.
            let tie = abs(abs(value * 100) - abs(value * 100).rounded(.down) - 0.5) < 1e-9
            if !tie { #expect(SVGSyntax.number(value) == expected, "\(value)") }
        }
    }

    @Test func coloursAreHexDigits() {
        #expect(SVGSyntax.hex(Color(red: 1, green: 0, blue: 0.5)) == "#ff0080")
        #expect(SVGSyntax.hex(Color(red: -1, green: .nan, blue: 2)) == "#0000ff")
        for byte in 0...255 {
            let component = Double(byte) / 255
            #expect(SVGSyntax.hex(Color(red: component, green: component, blue: component)) == "#" + String(repeating: String(format: "%02x", byte), count: 3))
        }
    }
}

/// SVG's embedded PNGs come from a cache of the last few images by their pixels: a hit is the
/// fresh encoding's bytes, and pixels alike in bytes but not in shape are not confused.
@Suite struct SVGEmbeddedPNGTests {
    func raster(width: Int, height: Int, seed: UInt32) -> Raster {
        let raster = Raster(width: width, height: height)
        var state = seed
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 1_664_525 &+ 1_013_904_223
                UnsafeMutableRawPointer(raster.mutableBytes + y * raster.stride)
                    .storeBytes(of: 0xFF00_0000 | (state >> 8), toByteOffset: 4 * x, as: UInt32.self)
            }
        }
        return raster
    }

    @Test func cachedPNGsAreTheFreshOnes() throws {
        let fresh = { (image: Raster) in try PNGEncoder.encode(image, options: PNGOptions(compressionLevel: 9, filter: .none)) }
        let wide = raster(width: 8, height: 2, seed: 7)
        // The same 64 bytes as a 2 x 8 raster: another image.
        let tall = Raster(width: 2, height: 8)
        tall.mutableBytes.update(from: wide.mutableBytes, count: 64)
        for image in [wide, tall, wide, tall, raster(width: 8, height: 2, seed: 7), raster(width: 8, height: 2, seed: 8)] {
            #expect(try SVGRenderer.embeddedPNG(of: image) == fresh(image))
        }
        #expect(try SVGRenderer.embeddedPNG(of: wide) != SVGRenderer.embeddedPNG(of: tall))
        // More images than the cache keeps, then the first again.
        for seed in 0..<12 { _ = try SVGRenderer.embeddedPNG(of: raster(width: 5, height: 3, seed: UInt32(seed))) }
        #expect(try SVGRenderer.embeddedPNG(of: wide) == fresh(wide))
    }
}
