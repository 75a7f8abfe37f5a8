import Foundation
import Plotting
@testable import Reporting
import Testing
import Training

/// The figures that look inside gradient descent (issue 15): their numbers against formulas
/// computed here, independently of the code that draws them.
@Suite("Inside gradient descent: overshoot, gradient field, SGD noise, optimizer state, surface")
struct DynamicsFigureTests {
    /// The z-scored features `[x, x², …, x^d, 1]` of the notebook's data (population σ), built here.
    static func features(degree: Int) -> [[Double]] {
        let x = Dataset.notebook.x
        let mean = x.reduce(0, +) / Double(x.count)
        let sigma = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x.count)).squareRoot()
        return x.map { value in
            let z = (value - mean) / sigma
            return (1...degree).map { pow(z, Double($0)) } + [1]
        }
    }

    /// The largest eigenvalue of the symmetric positive semidefinite `matrix`, by power iteration.
    static func largestEigenvalue(_ matrix: [[Double]]) -> Double {
        var vector = matrix.indices.map { 1 + 0.1 * Double($0) }
        var value = 0.0
        for _ in 0..<5000 {
            let product = matrix.map { row in zip(row, vector).reduce(0) { $0 + $1.0 * $1.1 } }
            let norm = product.map { $0 * $0 }.reduce(0, +).squareRoot()
            value = norm / vector.map { $0 * $0 }.reduce(0, +).squareRoot()
            vector = product.map { $0 / norm }
        }
        return value
    }

    @Test("overshoot: λ is the top eigenvalue of (2/N)XᵀX, the path follows x ← (1 − ηλ)x on L* + ½λx²",
          arguments: [TrainingConfiguration.notebook(for: .linear), .notebook(for: .cubic)])
    func overshoot(run: TrainingConfiguration) async throws {
        let rows = Self.features(degree: run.model.degree)
        let n = Double(rows.count)
        let hessian = rows[0].indices.map { j in rows[0].indices.map { k in 2 / n * rows.reduce(0) { $0 + $1[j] * $1[k] } } }
        let lambda = Self.largestEigenvalue(hessian)
        let spec = FigureSpec.overshoot(OvershootSpec(run: run))
        let store = try await Runs.store([spec])
        let trained = try store.model(RunRequest(run))
        let line = TopEigendirection(statistics: trained.statistics, optimum: trained.optimum,
                                     initial: run.initialParameters)
        #expect(abs(line.eigenvalue - lambda) <= 1e-9 * lambda, "λ \(line.eigenvalue) vs (2/N)XᵀX's \(lambda)")

        let figure = try LectureFigures.make(spec, style: FigureStyle(), store: store).figure
        let paths = figure.panels[0].marks.compactMap { $0 as? PathMark }
        #expect(paths.count == OvershootSpec.multiples.count)
        for (multiple, path) in zip(OvershootSpec.multiples, paths) {
            let start = path.points[0].x
            #expect(path.points.count == OvershootSpec.steps + 1)
            for (k, point) in path.points.enumerated() {
                let expected = pow(1 - multiple, Double(k)) * start
                #expect(abs(point.x - expected) <= 1e-9 * max(1, abs(start)), "η = \(multiple)/λ, step \(k): \(point.x) vs \(expected)")
                let loss = trained.optimumMeanSquaredError + 0.5 * lambda * expected * expected
                #expect(abs(point.y - loss) <= 1e-9 * max(1, loss), "L(x\(k)) \(point.y) vs L* + ½λx² = \(loss)")
            }
        }
        // The printed factors are the drawn ones.
        let texts = Runs.texts(figure)
        for multiple in OvershootSpec.multiples {
            let factor = FigureStyle().formatter.format(1 - multiple, significantDigits: 4)
            #expect(texts.contains { $0.contains("x ← \(factor)·x") }, "no legend with x ← \(factor)·x")
        }
    }
}

extension DynamicsFigureTests {
    /// The MSE of `parameters` on the notebook's z-scored data, summed here row by row.
    static func directMeanSquaredError(_ parameters: [Double], degree: Int) -> Double {
        let rows = features(degree: degree)
        let y = Dataset.notebook.y
        let mean = y.reduce(0, +) / Double(y.count)
        let sigma = (y.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(y.count)).squareRoot()
        return zip(rows, y).map { row, target in
            let error = zip(row, parameters).reduce(0) { $0 + $1.0 * $1.1 } - (target - mean) / sigma
            return error * error
        }.reduce(0, +) / Double(rows.count)
    }

    @Test("gradient-field: every arrow is the printed scale times −∇MSE at its tail (central differences of the direct MSE)",
          arguments: [TrainingConfiguration.notebook(for: .linear), .notebook(for: .cubic)])
    func gradientField(run: TrainingConfiguration) async throws {
        let spec = FigureSpec.gradientField(GradientFieldSpec(run: run, plane: LandscapeOptions(gridSize: 30)))
        let store = try await Runs.store([spec])
        let trained = try store.model(RunRequest(run))
        let style = FigureStyle()
        let figure = try LectureFigures.make(spec, style: style, store: store).figure
        let subtitle = try #require(figure.subtitle)
        let printed = try #require(Double(String(subtitle.dropFirst("Each arrow is ".count).prefix { $0 != "·" })))
        let arrows = figure.axes.marks.compactMap { $0 as? ArrowMark }.filter { $0.color == figure.theme.seriesColor(0) }
        #expect(arrows.count > GradientFieldSpec.arrowsPerSide * 4)
        // The plane: w, b (linear) or w1, w3 (cubic), the others at their final values.
        let indices = run.model == .linear ? (0, 1) : (0, 2)
        let final = trained.finalParameters
        for arrow in arrows {
            var gradient = [0.0, 0.0]
            for (slot, index) in [indices.0, indices.1].enumerated() {
                var plus = final, minus = final
                plus[indices.0] = arrow.start.x; plus[indices.1] = arrow.start.y
                minus[indices.0] = arrow.start.x; minus[indices.1] = arrow.start.y
                let h = 1e-5
                plus[index] += h
                minus[index] -= h
                gradient[slot] = (Self.directMeanSquaredError(plus, degree: run.model.degree)
                    - Self.directMeanSquaredError(minus, degree: run.model.degree)) / (2 * h)
            }
            let drawn = (arrow.end.x - arrow.start.x, arrow.end.y - arrow.start.y)
            let expected = (-printed * gradient[0], -printed * gradient[1])
            let size = max(abs(expected.0), abs(expected.1))
            #expect(abs(drawn.0 - expected.0) <= 1e-6 * size && abs(drawn.1 - expected.1) <= 1e-6 * size,
                    "arrow at \(arrow.start): \(drawn) vs \(expected)")
        }
    }
}

extension DynamicsFigureTests {
    /// Every `size`-subset of `0..<n`.
    static func subsets(of n: Int, size: Int) -> [[Int]] {
        guard size > 0 else { return [[]] }
        guard n >= size else { return [] }
        return subsets(of: n - 1, size: size - 1).map { $0 + [n - 1] } + subsets(of: n - 1, size: size)
    }

    @Test("sgd-noise: per-sample gradients average to ∇MSE, minibatch covariance (N − B)/(N − 1)·Σ/B equals all batches enumerated",
          arguments: [TrainingConfiguration.notebook(for: .linear), .notebook(for: .cubic)])
    func gradientNoise(run: TrainingConfiguration) async throws {
        let trained = try await Runs.trained(run)
        let theta = run.initialParameters
        let noise = GradientNoise(model: run.model, parameters: theta, x: trained.data.x, y: trained.data.y)
        let full = trained.statistics.gradient(theta)
        let n = noise.perSample.count
        let p = theta.count
        for k in 0..<p {
            let sum = noise.perSample.reduce(0) { $0 + $1[k] }
            #expect(abs(sum / Double(n) - full[k]) <= 1e-12 * max(1, abs(full[k])), "component \(k): mean \(sum / Double(n)) vs ∇MSE \(full[k])")
        }
        for size in [1, 2, 5, 10] {
            let batches = Self.subsets(of: n, size: size).map { batch in
                (0..<p).map { k in batch.reduce(0) { $0 + noise.perSample[$1][k] } / Double(size) }
            }
            let count = Double(batches.count)
            let mean = (0..<p).map { k in batches.reduce(0) { $0 + $1[k] } / count }
            let formula = noise.batchCovariance(batchSize: size)
            for j in 0..<p {
                #expect(abs(mean[j] - full[j]) <= 1e-12 * max(1, abs(full[j])))
                for k in 0..<p {
                    let enumerated = batches.reduce(0) { $0 + ($1[j] - mean[j]) * ($1[k] - mean[k]) } / count
                    #expect(abs(enumerated - formula[j][k]) <= 1e-10 * max(1, abs(enumerated)),
                            "B = \(size), (\(j), \(k)): enumerated \(enumerated) vs formula \(formula[j][k])")
                }
            }
        }
    }
}

extension DynamicsFigureTests {
    /// The notebook's heights, z-scored here (population σ).
    static var zScoredHeights: [Double] {
        let y = Dataset.notebook.y
        let mean = y.reduce(0, +) / Double(y.count)
        let sigma = (y.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(y.count)).squareRoot()
        return y.map { ($0 - mean) / sigma }
    }

    @Test("optimizer-state: the first three updates' velocity, m̂, v̂ and step are the momentum and Adam formulas worked by hand",
          arguments: [TrainingConfiguration.notebook(for: .linear), .notebook(for: .cubic)])
    func optimizerState(run: TrainingConfiguration) async throws {
        let spec = OptimizerStateSpec(run: run)
        let store = try await Runs.store([.optimizerState(spec)])
        let figure = try LectureFigures.make(.optimizerState(spec), style: FigureStyle(), store: store).figure
        func drawn(_ panel: Int, parameter: Int, update: Int) -> Double? {
            let lines = figure.panels[panel].marks.compactMap { $0 as? LineMark }
            return lines[parameter].points.first { $0.x == Double(update) }?.y
        }
        let rows = Self.features(degree: run.model.degree), targets = Self.zScoredHeights
        let requests = spec.requests(try DataCatalog(dataset: .notebook))
        let eta = run.learningRate
        for (runIndex, request) in requests.enumerated() {
            let history = try store.model(request).history
            let p = run.initialParameters.count
            var theta = run.initialParameters
            var first = [Double](repeating: 0, count: p), second = [Double](repeating: 0, count: p)
            for t in 1...3 {
                let step = history.steps[t - 1]
                let row = rows[try #require(step.sampleIndex)]
                let error = zip(row, theta).reduce(0) { $0 + $1.0 * $1.1 } - targets[step.sampleIndex ?? 0]
                let gradient = row.map { 2 * error * $0 }
                for k in 0..<p {
                    if runIndex == 0 {
                        first[k] = 0.9 * first[k] + gradient[k]
                        theta[k] -= eta * first[k]
                        let shown = try #require(drawn(0, parameter: k, update: t))
                        #expect(abs(shown - first[k]) <= 1e-9 * max(1, abs(first[k])), "momentum v[\(k)] at t = \(t)")
                    } else {
                        first[k] = 0.9 * first[k] + 0.1 * gradient[k]
                        second[k] = 0.999 * second[k] + 0.001 * gradient[k] * gradient[k]
                        let mHat = first[k] / (1 - pow(0.9, Double(t))), vHat = second[k] / (1 - pow(0.999, Double(t)))
                        let change = eta * mHat / (vHat.squareRoot() + 1e-8)
                        theta[k] -= change
                        for (panel, expected) in [(1, mHat), (2, vHat), (3, change)] {
                            let shown = try #require(drawn(panel, parameter: k, update: t))
                            #expect(abs(shown - expected) <= 1e-9 * max(1e-3, abs(expected)), "Adam panel \(panel), parameter \(k), t = \(t)")
                        }
                    }
                    #expect(abs(step.parameters[k] - theta[k]) <= 1e-9, "θ[\(k)] after update \(t)")
                }
            }
        }
    }
}

extension DynamicsFigureTests {
    @Test("surface: points project where worked by hand (elevation 30°, azimuth −60°)")
    func surfaceProjection() {
        let camera = SurfaceProjection(elevation: 30, azimuth: -60)
        let root3 = 3.0.squareRoot()
        // r = (−sin a, cos a, 0), s = (−sin e cos a, −sin e sin a, cos e), c = (cos e cos a, cos e sin a, sin e).
        let cases: [((Double, Double, Double), (Double, Double, Double))] = [
            ((1, 0, 0), (root3 / 2, -0.25, root3 / 4)),
            ((0, 1, 0.5), (0.5, root3 / 2, -0.5)),
            ((0, 0, 1), (0, root3 / 2, 0.5)),
        ]
        for (point, expected) in cases {
            let projected = camera.project(x: point.0, y: point.1, z: point.2)
            #expect(abs(projected.u - expected.0) < 1e-12 && abs(projected.v - expected.1) < 1e-12 && abs(projected.depth - expected.2) < 1e-12,
                    "\(point) → \(projected), expected \(expected)")
        }
    }

    /// Whether `point` lies inside the polygon `corners` (crossing rule).
    static func contains(_ corners: [DataPoint], _ point: DataPoint) -> Bool {
        var inside = false
        for (a, b) in zip(corners, corners.dropFirst() + [corners[0]]) where (a.y > point.y) != (b.y > point.y) {
            if point.x < a.x + (b.x - a.x) * (point.y - a.y) / (b.y - a.y) { inside.toggle() }
        }
        return inside
    }

    /// Whether the path piece drawn first in `scene` is painted over by a quad drawn after it.
    static func pathIsCovered(_ scene: SurfaceScene) -> Bool? {
        guard let index = scene.items.firstIndex(where: { if case .segment = $0.item { return true } else { return false } }),
              case let .segment(a, b, _) = scene.items[index].item else { return nil }
        let middle = DataPoint(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
        return scene.items[(index + 1)...].contains { placed in
            if case let .quad(corners, _) = placed.item { return contains(corners, middle) }
            return false
        }
    }

    @Test("surface: the bottom of a bowl is hidden behind its front wall from a low camera, and seen from above")
    func surfaceOcclusion() {
        let n = 20
        func bowl(_ x: Double, _ y: Double) -> Double { 0.45 * (x * x + y * y) }
        let heights = (0...n).map { j in (0...n).map { i in bowl(-1 + 2 * Double(i) / Double(n), -1 + 2 * Double(j) / Double(n)) } }
        let colors = [[Color]](repeating: [Color](repeating: .white, count: n), count: n)
        let path = [(0.0, 0.0, bowl(0, 0)), (0.04, 0.0, bowl(0.04, 0))]
        func scene(elevation: Double) -> SurfaceScene {
            SurfaceScene(projection: SurfaceProjection(elevation: elevation, azimuth: -60), heights: heights, colors: colors, path: path,
                         pathColor: .black, markers: [], floor: [], floorZ: -0.1)
        }
        #expect(Self.pathIsCovered(scene(elevation: 5)) == true, "the front wall should hide the bottom from 5°")
        #expect(Self.pathIsCovered(scene(elevation: 60)) == false, "the bottom should be visible from 60°")
    }
}

extension DynamicsFigureTests {
    @Test("frames --layout surface --orbit: frame k of n shows the surface from azimuth −60° + 360°·(k − 1)/n, with the path so far")
    func surfaceOrbit() async throws {
        var options = FrameSequenceTests.options(layout: .surface)
        options.orbit = true
        let sequence = try await FrameSequenceTests.sequence(epochs: 5, options: options)
        let frames = sequence.plan.frames
        let geometry = try #require(sequence.model.surface)
        for frame in frames {
            let figure = sequence.figure(for: frame)
            let mark = try #require(figure.axes.marks.compactMap { $0 as? SurfaceMark }.first)
            let azimuth = -60 + 360 * Double(frame.number - 1) / Double(frames.count)
            let expected = SurfaceProjection(elevation: 30, azimuth: azimuth).project(x: -1, y: -1, z: geometry.heights[0][0])
            let corners = mark.scene.items.compactMap { placed -> [DataPoint]? in
                if case let .quad(corners, _) = placed.item { return corners }
                return nil
            }
            #expect(corners.contains { abs($0[0].x - expected.u) < 1e-12 && abs($0[0].y - expected.v) < 1e-12 },
                    "frame \(frame.number): no quad corner at the projection of (−1, −1) from azimuth \(azimuth)")
            let pieces = mark.scene.items.filter { if case .segment = $0.item { return true } else { return false } }.count
            #expect((pieces == 0) == (frame.trackIndex == 0), "frame \(frame.number): \(pieces) path pieces")
        }
    }
}
