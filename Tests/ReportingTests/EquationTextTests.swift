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

/// Printed equations reproduce the model they describe: read back by an independent parser, the
/// equation's values stay within a thousandth of σ_y of the model's predictions over the range the
/// fit is drawn on, for every degree and for the per-person table.
@Suite("Equations reproduce the model")
struct EquationReproductionTests {
    /// Parses `y = c0 + c1*(x - m) + c2*(x - m)^2 ...` or `y = c0 + c1*x ...` (ASCII notation) into a function.
    static func parse(_ equation: String) throws -> (Double) -> Double {
        let right = try #require(equation.split(separator: "=", maxSplits: 1).last).replacingOccurrences(of: " ", with: "")
        // Split into signed terms at + or - that are not part of an exponent (1e-5) or inside parentheses.
        var terms: [String] = [], current = "", depth = 0
        for (index, character) in right.enumerated() {
            let previous = index > 0 ? Array(right)[index - 1] : " "
            if (character == "+" || character == "-") && depth == 0 && !current.isEmpty && previous != "e" {
                terms.append(current)
                current = ""
            }
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            current.append(character)
        }
        terms.append(current)
        var parsed: [(coefficient: Double, centre: Double, power: Int)] = []
        for term in terms {
            let factors = term.split(separator: "*", maxSplits: 1).map(String.init)
            let coefficient = try #require(Double(factors[0]), "coefficient of \(term)")
            guard factors.count == 2 else { parsed.append((coefficient, 0, 0)); continue }
            var variable = factors[1], power = 1
            if let caret = variable.firstIndex(of: "^") {
                power = try #require(Int(variable[variable.index(after: caret)...]))
                variable = String(variable[..<caret])
            }
            var centre = 0.0
            if variable.hasPrefix("(") {
                let inner = variable.dropFirst().dropLast()
                let minus = try #require(inner.lastIndex(of: "-"))
                centre = try #require(Double(inner[inner.index(after: minus)...]))
            }
            parsed.append((coefficient, centre, power))
        }
        return { x in parsed.reduce(0) { $0 + $1.coefficient * pow(x - $1.centre, Double($1.power)) } }
    }

    static let models: [(PolynomialModel, Optimizer)] = [
        (.linear, .sgd), (.cubic, .sgd), (.cubic, .gd), (.cubic, .defaultAdam),
    ] + (2...9).map { (try! PolynomialModel.polynomial(degree: $0), Optimizer.sgd) }

    @Test("the printed equation reproduces the model over the drawn range", arguments: models.indices)
    func reproduces(index: Int) async throws {
        let (model, optimizer) = Self.models[index]
        var configuration = TrainingConfiguration.notebook(for: model)
        configuration.optimizer = optimizer
        configuration.learningRate = optimizer == .gd ? 0.05 : configuration.learningRate
        let trained = try await Runs.trained(configuration)
        let sigma = trained.data.yScale.standardDeviation
        for parameters in [trained.finalParameters, trained.optimum] {
            let equation = trained.equation(parameters: parameters)
            let function = try Self.parse(equation)
            let domain = trained.equationDomain
            var worst = 0.0
            for k in 0...400 {
                let x = domain.lowerBound + (domain.upperBound - domain.lowerBound) * Double(k) / 400
                worst = max(worst, abs(function(x) - trained.predictOriginal(at: x, parameters: parameters)))
            }
            #expect(worst <= 1e-3 * sigma, "\(model.name): \(equation) is off by \(worst) cm")
        }
        // The per-person table (one decimal) and the equation tell the same story.
        let function = try Self.parse(trained.equation())
        for (x, prediction) in zip(trained.data.original.x, trained.predictions) {
            #expect(abs(function(x) - prediction) < 0.02, "\(model.name) at \(x)")
        }
    }

    @Test("models of degree 2 and more are written around the rounded mean weight, 75.5 kg")
    func centredForm() async throws {
        let cubic = try await Runs.trained(.notebook(for: .cubic))
        let equation = cubic.equation()
        #expect(equation.hasPrefix("height_cm = ") && equation.contains("*(weight_kg - 75.5)^3"))
        let finnish = cubic.equation(EquationText(notation: .typographic, decimalSeparator: ","))
        #expect(finnish.contains("·(weight_kg − 75,5)³"))
        #expect(EquationText.centre(75.5) == 75.5 && EquationText.centre(1234.5) == 1230 && EquationText.centre(0.012345) == 0.0123)
    }
}

@Suite("Column names and the user's labels")
struct ColumnNameTests {
    @Test("a known unit ending is a unit; other underscores are spaces", arguments: [
        ("weight_kg", "weight (kg)", "weight", "kg"), ("hours_studied", "hours studied", "hours studied", nil),
        ("exam_score", "exam score", "exam score", nil), ("temp_c", "temp (c)", "temp", "c"), ("x", "x", "x", nil),
    ])
    func fromColumnNames(column: String, label: String, variable: String, unit: String?) throws {
        let dataset = try Dataset(x: [1, 2], y: [3, 4], xName: column, yName: column)
        let names = ColumnNames(dataset, text: Language.english.text, labels: FigureLabels())
        #expect(names.xLabel == label && names.xVariable == variable && names.yUnit == unit)
    }

    @Test("the user's labels name the axes, the equation's variables and the unit")
    func userLabels() async throws {
        let dataset = try Dataset(x: [1, 2, 3, 5], y: [2, 4, 5, 9], xName: "hours_studied", yName: "exam_score")
        var style = FigureStyle()
        style.labels = FigureLabels(title: "Study time", x: "hours studied (h)", y: "exam score (points)")
        let product = try await Runs.product(.fit(FitSpec(runs: [.notebook(for: .linear)])), style: style, dataset: dataset)
        #expect(product.figure.title == "Study time")
        #expect(product.figure.axes.xLabel == "hours studied (h)" && product.figure.axes.yLabel == "exam score (points)")
        #expect(product.figure.subtitle?.hasSuffix(" points") == true)
        #expect(product.figure.axes.legendEntries.contains { $0.label.hasPrefix("exam score = ") && $0.label.contains("·hours studied") })
    }
}
