import Foundation
import Plotting
@testable import Reporting
import Testing
import Training

/// The 3-D surface, the gradient field, the comparison and the frames of a `--surface`: each reads
/// its descents from the store and draws what the formulas say.
@Suite("Surface figures and frames")
struct SurfaceFiguresTests {
    static func rosenbrock(_ x: Double, _ y: Double) -> Double { (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) }
    static func himmelblau(_ x: Double, _ y: Double) -> Double {
        (x * x + y - 11) * (x * x + y - 11) + (x + y * y - 7) * (x + y * y - 7)
    }

    static func spec(_ surface: Surface, start: (Double, Double), learningRate: Double = 0.001, epochs: Int = 60,
                     xRange: ClosedRange<Double>? = nil) -> SurfaceLandscapeSpec {
        SurfaceLandscapeSpec(run: SurfaceRun(surface: surface, learningRate: learningRate, epochs: epochs, startX: start.0, startY: start.1),
                             xRange: xRange, gridSize: 30)
    }

    @Test("the 3-D mesh's heights are f at its vertices (log₁₀ on Rosenbrock, linear on a formula), by formulas written here")
    func meshHeights() throws {
        let formula = { (x: Double, y: Double) in x * x - 2 * y * y + sin(3 * x) }
        let cases: [(SurfaceLandscapeSpec, (Double, Double) -> Double, log: Bool)] = [
            (Self.spec(Surface(.rosenbrock), start: (-1.5, 2)), Self.rosenbrock, true),
            (Self.spec(try Surface("x^2 - 2*y^2 + sin(3*x)"), start: (1, 1)), formula, false),
        ]
        for (spec, f, log) in cases {
            let history = try spec.run.run()
            let window = SurfaceWindow(spec, covering: [history])
            let geometry = SurfaceMeshFigure.geometry(window, theme: .light)
            #expect(geometry.logScale == log)
            let n = geometry.heights.count - 1
            let (x0, x1, y0, y1) = (window.xRange.lowerBound, window.xRange.upperBound, window.yRange.lowerBound, window.yRange.upperBound)
            let (low, high) = (geometry.low, geometry.high)
            for j in stride(from: 0, through: n, by: 7) {
                for i in stride(from: 0, through: n, by: 7) {
                    let value = f(x0 + (x1 - x0) * Double(i) / Double(n), y0 + (y1 - y0) * Double(j) / Double(n))
                    let expected = log ? 0.9 * (log10(max(value, low)) - log10(low)) / (log10(high) - log10(low))
                        : 0.9 * (value - low) / (high - low)
                    #expect(abs(geometry.heights[j][i] - expected) <= 1e-12, "\(spec.run.surface.definition) (\(i), \(j))")
                }
            }
        }
    }

    @Test("the gradient field's arrows point along −∇f of Rosenbrock and Himmelblau (gradients written here), one length, coloured by |∇f|")
    func arrowDirections() async throws {
        let gradients: [(NamedSurface, (Double, Double) -> (Double, Double))] = [
            (.rosenbrock, { x, y in (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)) }),
            (.himmelblau, { x, y in (4 * x * (x * x + y - 11) + 2 * (x + y * y - 7), 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7)) }),
        ]
        for (named, gradient) in gradients {
            let arrows = SurfaceGradientFieldFigure.arrows(Surface(named), xRange: named.xRange, yRange: named.yRange)
            #expect(arrows.count >= 160)
            for arrow in arrows {
                let (gx, gy) = gradient(arrow.tail.x, arrow.tail.y)
                let norm = (gx * gx + gy * gy).squareRoot()
                #expect(abs(arrow.direction.x + gx / norm) <= 1e-12 && abs(arrow.direction.y + gy / norm) <= 1e-12, "\(named) \(arrow.tail)")
                #expect(abs(arrow.norm - norm) <= 1e-12 * norm)
            }
            let spec = FigureSpec.surfaceGradientField(SurfaceGradientFieldSpec(landscape: Self.spec(Surface(named), start: named.start)))
            let product = try LectureFigures.make(spec, style: FigureStyle(), store: try await Runs.store([spec]))
            let drawn = product.figure.axes.marks.compactMap { $0 as? ArrowMark }.prefix(arrows.count)
            let lengths = drawn.map { (($0.end.x - $0.start.x) * ($0.end.x - $0.start.x) + ($0.end.y - $0.start.y) * ($0.end.y - $0.start.y)).squareRoot() }
            #expect((lengths.max() ?? 0) - (lengths.min() ?? 1) <= 1e-9 * (lengths.max() ?? 1), "\(named): arrows of one length")
            #expect(Set(drawn.map { "\($0.color)" }).count > 5, "\(named): colour encodes |∇f|")
            #expect((product.figure.subtitle ?? "").contains("at the end (x, y)"))
        }
        // The saddle's Hessian has eigenvalues of both signs: the subtitle says so.
        let saddle = FigureSpec.surfaceGradientField(SurfaceGradientFieldSpec(landscape: Self.spec(Surface(.saddle), start: (1.5, 0.05),
                                                                                                  learningRate: 0.1, epochs: 10)))
        let product = try LectureFigures.make(saddle, style: FigureStyle(), store: try await Runs.store([saddle]))
        #expect((product.figure.subtitle ?? "").contains("a saddle"))
    }

    @Test("compare --surface: gd, momentum and Adam are the store's SurfaceDescent runs from one start, drawn as its paths, named with lr and final f")
    func comparePaths() async throws {
        let landscape = Self.spec(Surface(.himmelblau), start: (0, 0), learningRate: 0.01, epochs: 40)
        let spec = FigureSpec.surfaceCompare(SurfaceCompareSpec(landscape: landscape))
        let store = try await LectureFigures.train([spec], catalog: try DataCatalog(dataset: .notebook))
        let product = try LectureFigures.make(spec, style: FigureStyle(), store: store)
        let paths = product.figure.panels[0].marks.compactMap { $0 as? PathMark }
        #expect(paths.count == SurfaceCompareSpec.optimizers.count)
        let texts = Runs.texts(product.figure)
        for (path, optimizer) in zip(paths, SurfaceCompareSpec.optimizers) {
            var run = landscape.run
            run.optimizer = optimizer
            let expected = try run.run()
            #expect(path.points == expected.records.map { DataPoint(x: $0.x, y: $0.y) }, "\(optimizer.name)")
            #expect(path.points.first == DataPoint(x: 0, y: 0))
            let format = { (value: Double) in FigureStyle().formatter.format(value, significantDigits: 3) }
            #expect(texts.contains { $0.hasPrefix(optimizer.name) && $0.contains("η = \(format(run.learningRate))") && $0.contains("final f \(format(expected.final.loss))") },
                    "\(optimizer.name): \(texts)")
        }
    }

    @Test("frames --surface: one frame per kept epoch, the last frame's path ending at the run's end, in both layouts; full is refused")
    func frames() async throws {
        let landscape = Self.spec(Surface(.rosenbrock), start: (-1.5, 2), epochs: 50)
        let spec = FramesSpec(surface: landscape)
        let store = try await RunStore.train([], surfaces: [SurfaceRequest(landscape.run)], catalog: try DataCatalog(dataset: .notebook))
        let history = try store.surfaceHistory(landscape.run)
        for layout in [FrameLayout.landscape, .surface] {
            var options = FrameOptions()
            options.layout = layout
            options.every = 7
            options.jobs = 1
            let sequence = try FrameSequence(spec, style: FigureStyle(size: .square), options: options, store: store)
            #expect(sequence.plan.frames.count == FramePlan.frameCount(candidates: 51, every: 7))
            let last = try #require(sequence.plan.frames.last)
            #expect(last.point.epoch == history.final.epoch)
            #expect(last.point.parameters == [history.final.x, history.final.y])
            let figure = sequence.figure(for: last)
            if layout == .landscape {
                let path = try #require(figure.axes.marks.compactMap { $0 as? PathMark }.first)
                #expect(path.points.last == DataPoint(x: history.final.x, y: history.final.y))
            } else {
                let mark = try #require(figure.axes.marks.compactMap { $0 as? SurfaceMark }.first)
                let ends = mark.scene.items.compactMap { item -> MarkerShape? in
                    if case .marker(_, let shape, _) = item.item { return shape }
                    return nil
                }
                #expect(ends.contains(.circle))
            }
            #expect(sequence.plan.manifestCSV().hasPrefix("frame,epoch,step,x,y,loss,file\n"))
        }
        var full = FrameOptions()
        full.layout = .full
        #expect(throws: ReportingError.self) { try FrameSequence(spec, style: FigureStyle(), options: full, store: store) }
    }
}
