import Foundation
import Testing
@testable import Reporting
import Training

@Suite("Equations in original units")
struct EquationTextTests {
    @Test("the closed-form line of the notebook data reads height_cm = 107.73 + 0.8513*weight_kg")
    func closedFormLine() throws {
        let data = try NormalizedDataset(.notebook)
        let statistics = SufficientStatistics(model: .linear, x: data.x, y: data.y)
        let optimum = try statistics.leastSquaresSolution()
        let text = EquationText().originalUnits(model: .linear, parameters: optimum, xScale: data.xScale,
                                                yScale: data.yScale, xName: "weight_kg", yName: "height_cm")
        #expect(text == "height_cm = 107.73 + 0.8513*weight_kg")
    }

    @Test("typographic Finnish notation uses a decimal comma, a Unicode minus and superscripts")
    func finnishTypography() {
        let writer = EquationText(notation: .typographic, decimalSeparator: ",")
        #expect(writer.polynomial(coefficients: [-1.5, 2, 0, 0.25], variable: "x") == "\u{2212}1,500 + 2,000·x + 0,2500·x³")
    }

    @Test("coefficients keep four significant digits and at least two decimals", arguments: [
        (107.7286, "107.73"), (0.851276, "0.8513"), (1234.5678, "1234.57"), (0.00012346, "0.0001235"), (0.00001234, "1.234e-5"),
    ])
    func significantDigits(value: Double, expected: String) {
        #expect(EquationText().number(value) == expected)
    }

    @Test("misspelt figure kinds get the nearest kind as a suggestion")
    func kindSuggestion() {
        #expect(FigureKind.suggestion(for: "landscap") == .landscape)
        #expect(FigureKind.suggestion(for: "lr_sweep") == .lrSweep)
        #expect(FigureKind.suggestion(for: "zzzzzzzzzz") == nil)
    }
}
