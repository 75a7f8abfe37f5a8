import Foundation
import Plotting
@testable import Reporting
import Testing
import Training

/// `landscape --surface`: the run comes from the store, the colour scale is chosen and named, and
/// undefined points are left blank and counted.
@Suite("Surface landscapes")
struct SurfaceLandscapeTests {
    static func spec(_ surface: Surface, start: (Double, Double), xRange: ClosedRange<Double>? = nil) -> SurfaceLandscapeSpec {
        SurfaceLandscapeSpec(run: SurfaceRun(surface: surface, learningRate: 0.001, epochs: 50, startX: start.0, startY: start.1),
                             xRange: xRange, gridSize: 30)
    }

    @Test("the descent is run by the store; a store without it refuses to draw instead of descending")
    func runComesFromTheStore() async throws {
        let spec = Self.spec(Surface(.rosenbrock), start: (-1.5, 2))
        let catalog = try DataCatalog(dataset: .notebook)
        let empty = try await RunStore.train([], catalog: catalog)
        #expect(throws: ReportingError.self) { try LectureFigures.make(.surfaceLandscape(spec), style: FigureStyle(), store: empty) }
        let store = try await LectureFigures.train([.surfaceLandscape(spec)], catalog: catalog)
        #expect(store.trainedRunCount == 0)
        let history = try store.surfaceHistory(spec.run)
        #expect(history.records.count == 51)
        #expect(FigureSpec.surfaceLandscape(spec).kind == .landscape)
    }

    @Test("log scale where the positive loss spans decades (Rosenbrock), linear with negative values (saddle, Styblinski–Tang); the colourbar says which; undefined points blank and counted")
    func scaleAndBlanks() async throws {
        let cases: [(Surface, (Double, Double), ClosedRange<Double>?, log: Bool, blank: Bool)] = [
            (Surface(.rosenbrock), (-1.5, 2), nil, true, false),
            (Surface(.saddle), (1.5, 0.05), nil, false, false),
            (Surface(.styblinskiTang), (0.5, 4), nil, false, false),
            (try Surface("log(x) + y^2"), (2, 1), -1...3, false, true),
        ]
        for (surface, start, xRange, log, blank) in cases {
            let spec = FigureSpec.surfaceLandscape(Self.spec(surface, start: start, xRange: xRange))
            for language in Language.allCases {
                let product = try await Runs.product(spec, style: FigureStyle(language: language))
                let texts = Runs.texts(product.figure)
                let scaleWords = LectureText(language: language).surfaceColorbar(logScale: log)
                #expect(texts.contains(scaleWords), "\(surface.definition) \(language): \(texts)")
                #expect(product.summary.contains(log ? "log colour scale" : "linear colour scale"))
                let blankWords = language == .english ? "blank where f is undefined" : "tyhjä, missä f ei ole määritelty"
                #expect((product.figure.subtitle ?? "").contains(blankWords) == blank, "\(surface.definition) \(language)")
                let csv = try #require(product.gridCSV())
                #expect(csv.hasPrefix("x,y,loss\n"))
                #expect(csv.contains(",nan\n") == blank)
            }
        }
    }
}
