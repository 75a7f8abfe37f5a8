import Foundation
import Testing
import Training

@Suite("Training history output")
struct HistoryTests {
    func trainedHistory() throws -> TrainingHistory {
        try Trainer(data: notebookData(), configuration: .notebook(for: .cubic)).run()
    }

    @Test("CSV has the documented header and reads back exactly")
    func csvRoundTrip() throws {
        let history = try trainedHistory()
        let lines = history.csv().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "epoch,w1,w2,w3,b,mse,mae_cm,grad_norm,lr")
        #expect(lines.last == "")
        let rows = lines.dropFirst().dropLast()
        #expect(rows.count == history.epochs.count)
        for (row, record) in zip(rows, history.epochs) {
            let fields = row.split(separator: ",").map(String.init)
            #expect(fields.count == 9)
            #expect(Int(fields[0]) == record.epoch)
            let numbers = fields.dropFirst().compactMap(Double.init)
            #expect(numbers.count == 8)
            // Exact: the shortest round-trip description reads back to the same bits.
            #expect(Array(numbers.prefix(4)) == record.parameters)
            #expect(numbers[4] == record.meanSquaredError)
            #expect(numbers[5] == record.meanAbsoluteErrorOriginal)
            #expect(numbers[6] == record.gradientNorm)
            #expect(numbers[7] == record.learningRate && record.learningRate == 0.01)
        }
    }

    @Test("JSON is deterministic, sorted, and decodes back to the same history")
    func jsonRoundTrip() throws {
        let history = try trainedHistory()
        let first = try history.json()
        let second = try trainedHistory().json()
        #expect(first == second)
        let text = try #require(String(data: first, encoding: .utf8))
        #expect(text.contains("\"model\" : \"cubic\""))
        #expect(text.contains("\"optimizerName\" : \"sgd\""))
        #expect(text.contains("\"seed\" : 42"))
        let decoded = try JSONDecoder().decode(TrainingHistory.self, from: first)
        #expect(decoded.epochs == history.epochs)
        #expect(decoded.configuration == history.configuration)
        #expect(decoded.stopReason == history.stopReason)
        #expect(decoded.xScale == history.xScale && decoded.yScale == history.yScale)
        #expect(try decoded.json() == first)
    }

    @Test("Decoding rejects an invalid model or normalizer")
    func decodingValidates() {
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(PolynomialModel.self, from: Data(#"{"powers": [1, 1]}"#.utf8))
        }
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(Normalizer.self, from: Data(#"{"mean": 0, "standardDeviation": 0}"#.utf8))
        }
    }

    @Test("Summary properties follow the records")
    func summary() throws {
        let history = try trainedHistory()
        #expect(history.finalParameters == history.epochs.last?.parameters)
        #expect(history.epochsRun == history.epochs.count - 1)
        #expect(!history.diverged)
        #expect(history.steps.isEmpty)
    }
}
