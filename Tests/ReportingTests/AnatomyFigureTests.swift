import Foundation
import Plotting
import Testing
@testable import Reporting
import Training

/// The figures of issue 15 (parameters, schedules, residuals, degree sweep, chain rule), each
/// checked against numbers computed here independently from the notebook's ten people.
@Suite("Anatomy figures")
struct AnatomyFigureTests {
    typealias Hand = TrainingCurveFigureTests

    // MARK: parameters

    @Test("parameters: each parameter line and the gradient norm are full-batch GD by hand, the dashed lines the optimum")
    func parametersMatchHandComputedDescent() async throws {
        let configuration = Hand.configuration(.linear, optimizer: .gd, rate: 0.1, epochs: 30)
        let product = try await Hand.draw(.parameters(ParametersSpec(runs: [configuration])))
        let panels = product.figure.panels
        #expect(panels.count == 2)
        let x = Hand.zscores(Hand.weight), y = Hand.zscores(Hand.height)
        var w = 0.1, b = 0.1
        var weights: [Double] = [], biases: [Double] = [], norms: [Double] = []
        for _ in 0...30 {
            let errors = zip(x, y).map { w * $0 + b - $1 }
            let gw = 2 * zip(errors, x).map(*).reduce(0, +) / 10, gb = 2 * errors.reduce(0, +) / 10
            weights.append(w); biases.append(b); norms.append((gw * gw + gb * gb).squareRoot())
            w -= 0.1 * gw
            b -= 0.1 * gb
        }
        let lines = Hand.lines(panels[0])
        let wLine = try #require(lines.first { $0.label?.hasPrefix("w = ") == true })
        let bLine = try #require(lines.first { $0.label?.hasPrefix("b = ") == true })
        for (drawn, expected) in zip(wLine.points.map(\.y), weights) { #expect(abs(drawn - expected) < 1e-12) }
        for (drawn, expected) in zip(bLine.points.map(\.y), biases) { #expect(abs(drawn - expected) < 1e-12) }
        let dashed = lines.filter { $0.dash == .dashed }.map { $0.points[0].y }
        #expect(dashed.count == 2)
        #expect(abs(dashed[0] - Hand.correlation) < 1e-12 && abs(dashed[1]) < 1e-12)
        #expect(wLine.label == "w = \(String(format: "%.4f", weights[30])) (optimum \(String(format: "%.4f", Hand.correlation)))")
        let normLine = try #require(Hand.lines(panels[1]).first)
        #expect(normLine.points.count == 31)
        for (drawn, expected) in zip(normLine.points.map(\.y), norms) { #expect(abs(drawn - expected) < 1e-12 * max(1, expected)) }
    }
}
