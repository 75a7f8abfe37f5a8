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
