import Foundation
import Plotting
@testable import Reporting
import Testing
import Training

/// Figures say only what is true of the data they draw: the notebook's rows are people, a CSV's
/// rows are data points; no unit is printed that the columns do not have.
@Suite("Figure words follow the data")
struct FigureWordsTests {
    /// Hours studied predicting an exam score: no people, no units.
    static let exam = try! Dataset(x: [2, 3.5, 5, 6.5, 8, 9.5, 11, 12.5], y: [48, 55, 57, 64, 70, 71, 80, 83],
                                   labels: ["a", "b", "c", "d", "e", "f", "g", "h"], xName: "hours_studied", yName: "exam_score")

    static func compareTexts(_ dataset: Dataset, language: Language) async throws -> [String] {
        let runs = [TrainingConfiguration.notebook(for: .linear), .notebook(for: .cubic)]
        let product = try await Runs.product(.compareModels(CompareModelsSpec(completing: runs)),
                                             style: FigureStyle(language: language), dataset: dataset)
        return Runs.texts(product.figure)
    }

    @Test("compare names the notebook's rows people and a CSV's rows data points, in both languages", arguments: Language.allCases)
    func compareNamesRows(language: Language) async throws {
        let notebook = try await Self.compareTexts(.notebook, language: language)
        let exam = try await Self.compareTexts(Self.exam, language: language)
        let person = language == .english ? "Error per person" : "Virhe henkilöittäin"
        let point = language == .english ? "Error per data point" : "Virhe datapisteittäin"
        #expect(notebook.contains(person) && !notebook.contains(point))
        #expect(exam.contains(point) && !exam.contains(person))
        // The notebook's errors are in cm; the exam's have no unit, so none is printed.
        #expect(notebook.contains { $0.contains("(cm)") })
        #expect(!exam.contains { $0.contains("(cm)") || $0.contains(" cm") || $0.contains("kg") })
    }
}
