import Foundation
import Plotting
@testable import Reporting
import Testing
import Training

/// `|a − b| ≤ tolerance · max(|a|, |b|)`.
private func relativelyClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b))
}

@Suite("Landscape plane: exact grid, CSV, path, errors")
struct LandscapePlaneTests {
    static func trained(_ configuration: TrainingConfiguration, raw: Bool = false) async throws -> TrainedModel {
        try await Runs.trained(configuration, on: raw ? .raw : .zScored)
    }

    static var linearGD: TrainingConfiguration {
        TrainingConfiguration(model: .linear, optimizer: .gd, learningRate: 0.1, maxEpochs: 50, initialParameters: [-1.5, 1.5])
    }

    /// Every `stride`-th grid value against the direct sum of squared errors at the same parameters,
    /// the parameters built by hand (for parameter planes) from the final values and the grid coordinates.
    func checkGrid(_ plane: LandscapePlane, _ model: TrainedModel, stride: Int = 7, byHand: ((Double, Double) -> [Double])? = nil) {
        let grid = plane.evaluateGrid()
        #expect(grid.values.count == plane.gridSize * plane.gridSize)
        var worst = 0.0
        for index in Swift.stride(from: 0, to: grid.values.count, by: stride) {
            let a = grid.xs[index % grid.columns], b = grid.ys[index / grid.columns]
            let parameters = byHand?(a, b) ?? plane.parameters(a: a, b: b)
            let direct = Loss.meanSquaredError(model: model.model, parameters: parameters, x: model.data.x, y: model.data.y)
            worst = max(worst, abs(grid.values[index] - direct) / direct)
        }
        #expect(worst <= 1e-10, "worst relative error \(worst)")
    }

    @Test("linear (w, b) grid equals direct sums to 1e-10 relative")
    func linearGrid() async throws {
        let model = try await Self.trained(Self.linearGD)
        let plane = try LandscapePlane(model: model, options: LandscapeOptions(ranges: ["w": -2...2, "b": -2...2], gridSize: 101))
        #expect(plane.aName == "w" && plane.bName == "b")
        checkGrid(plane, model, stride: 1) { [$0, $1] }
    }

    @Test("cubic planes hold the other parameters at their final values", arguments: [["w1", "w3"], ["w2", "b"], ["b", "w1"]])
    func cubicSlices(names: [String]) async throws {
        let model = try await Self.trained(.notebook(for: .cubic))
        let plane = try LandscapePlane(model: model, options: LandscapeOptions(parameters: names, gridSize: 60))
        let i = model.model.parameterNames.firstIndex(of: names[0]) ?? -1, j = model.model.parameterNames.firstIndex(of: names[1]) ?? -1
        checkGrid(plane, model) { a, b in
            var theta = model.finalParameters
            theta[i] = a
            theta[j] = b
            return theta
        }
    }

    @Test("the cubic default plane is (w1, w3)")
    func cubicDefault() async throws {
        let plane = try LandscapePlane(model: try await Self.trained(.notebook(for: .cubic)), options: LandscapeOptions(gridSize: 10))
        #expect(plane.aName == "w1" && plane.bName == "w3")
    }

    @Test("PCA plane: orthonormal directions, exact grid, explained variance")
    func principalPlane() async throws {
        let model = try await Self.trained(.notebook(for: .cubic))
        let plane = try LandscapePlane(model: model, options: LandscapeOptions(principalPlane: true, gridSize: 50))
        #expect(plane.aName == "pc1" && plane.bName == "pc2")
        let dot = zip(plane.u, plane.v).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(dot) < 1e-12)
        #expect(abs(plane.u.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12 && abs(plane.v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        checkGrid(plane, model)
        guard case let .principal(ratios) = plane.kind else { Issue.record("not a principal plane"); return }
        #expect(ratios[0] >= ratios[1] && ratios[0] + ratios[1] <= 1 + 1e-12 && ratios[0] > 0.5)
        // The end is the origin; the start lies left (a < 0).
        let end = plane.coordinates(of: model.finalParameters)
        #expect(abs(end.x) < 1e-12 && abs(end.y) < 1e-12)
        #expect(plane.coordinates(of: model.history.epochs[0].parameters).x < 0)
    }

    @Test("raw (unnormalised) data: the grid is still exact")
    func rawGrid() async throws {
        var configuration = Self.linearGD
        configuration.learningRate = 1.5e-4
        configuration.initialParameters = [0.1, 0.1]
        let model = try await Self.trained(configuration, raw: true)
        #expect(model.data.xScale == .identity)
        let plane = try LandscapePlane(model: model, options: LandscapeOptions(gridSize: 80))
        checkGrid(plane, model, stride: 3) { [$0, $1] }
    }

    @Test("grid CSV: header, N×N rows, b outer and w inner, exact end coordinates, values read back exactly")
    func csv() async throws {
        let model = try await Self.trained(Self.linearGD)
        let plane = try LandscapePlane(model: model, options: LandscapeOptions(ranges: ["w": -2...2, "b": -2...2], gridSize: 101))
        let grid = plane.evaluateGrid()
        let lines = plane.csv(grid).split(separator: "\n").map(String.init)
        #expect(lines.first == "w,b,mse")
        #expect(lines.count == 1 + 101 * 101)
        let rows = lines.dropFirst().map { $0.split(separator: ",").compactMap { Double(String($0)) } }
        #expect(rows.allSatisfy { $0.count == 3 })
        #expect(rows.first == [-2, -2, grid.values[0]])
        #expect(rows.last?[0] == 2 && rows.last?[1] == 2)
        // Row 1 advances w (inner), row 101 advances b (outer); coordinates are low + (high − low)·k/(N − 1).
        #expect(rows[1][0] == -2 + 4 * 1.0 / 100 && rows[1][1] == -2)
        #expect(rows[101][0] == -2 && rows[101][1] == -2 + 4 * 1.0 / 100)
        for (index, row) in rows.enumerated() where index % 97 == 0 {
            #expect(row[2] == grid.values[index])
            let direct = Loss.meanSquaredError(model: .linear, parameters: [row[0], row[1]], x: model.data.x, y: model.data.y)
            #expect(relativelyClose(row[2], direct, 1e-10))
        }
    }

    @Test("default ranges cover the whole path and the optimum")
    func defaultRanges() async throws {
        let model = try await Self.trained(.notebook(for: .linear))
        let plane = try LandscapePlane(model: model, options: LandscapeOptions(gridSize: 20))
        for point in plane.pathPoints(model.history) + [plane.coordinates(of: model.optimum)] {
            #expect(plane.aRange.contains(point.x) && plane.bRange.contains(point.y))
        }
    }

    @Test("the drawn path goes through the recorded parameters; start, end and optimum are in the legend")
    func pathThroughHistory() async throws {
        let model = try await Self.trained(Self.linearGD)
        let product = try LandscapeFigure.make(LandscapeSpec(run: Self.linearGD, plane: LandscapeOptions(gridSize: 40)),
                                               style: FigureStyle(), model: model)
        let paths = product.figure.axes.marks.compactMap { $0 as? PathMark }
        #expect(paths.count == 1)
        let points = paths.first?.points ?? []
        #expect(points.count == model.history.epochs.count)
        for (point, record) in zip(points, model.history.epochs) {
            #expect(point.x == record.parameters[0] && point.y == record.parameters[1])
        }
        let labels = product.figure.axes.legendEntries.map(\.label)
        #expect(labels == ["gd path", "start", "end", "closed-form minimum"])
        let recorder = RecordingRenderer()
        product.figure.draw(on: recorder)
        let texts = recorder.texts.map(\.text)
        #expect(texts.contains("MSE (normalised)") && texts.contains("w") && texts.contains("b"))
    }

    @Test("errors: unknown parameter, wrong count, repeated name, grid size, ranges")
    func errors() async throws {
        let model = try await Self.trained(Self.linearGD)
        #expect(throws: ReportingError.unknownParameter(name: "w2", model: "linear", available: ["w", "b"], setting: .planeParameters)) {
            try LandscapePlane(model: model, options: LandscapeOptions(parameters: ["w", "w2"]))
        }
        #expect(throws: ReportingError.parameterCount(setting: .planeParameters, expected: 2, got: 1)) {
            try LandscapePlane(model: model, options: LandscapeOptions(parameters: ["w"]))
        }
        for size in [1, 4097] {
            do {
                _ = try LandscapePlane(model: model, options: LandscapeOptions(gridSize: size))
                Issue.record("grid size \(size) was accepted")
            } catch let ReportingError.outOfRange(setting, value, _) {
                #expect(setting == .gridSize && value == "\(size)")
            }
        }
        #expect(throws: ReportingError.unknownParameter(name: "w3", model: "linear", available: ["w", "b"], setting: .range("w3"))) {
            try LandscapePlane(model: model, options: LandscapeOptions(ranges: ["w3": 0...1]))
        }
        #expect(throws: ReportingError.invalidRange(parameter: "w", low: 1, high: 1)) {
            try LandscapePlane(model: model, options: LandscapeOptions(ranges: ["w": 1...1]))
        }
        do {
            _ = try LandscapePlane(model: model, options: LandscapeOptions(parameters: ["b", "b"]))
            Issue.record("a repeated parameter was accepted")
        } catch let error as ReportingError {
            #expect(error.description.contains("twice"))
        }
        let cubic = try await Self.trained(.notebook(for: .cubic))
        do {
            _ = try LandscapePlane(model: cubic, options: LandscapeOptions(parameters: ["w1", "w3"], ranges: ["w2": 0...1]))
            Issue.record("a range off the plane was accepted")
        } catch let error as ReportingError {
            #expect(error == .rangeOffPlane(parameter: "w2", plane: ["w1", "w3"]))
            #expect(error.description.contains("w2") && error.description.contains("not on the plane") && !error.description.contains("--"))
        }
        let unknown = ReportingError.unknownParameter(name: "w9", model: "cubic", available: ["w1", "w2", "w3", "b"], setting: .planeParameters)
        #expect(unknown.description.contains("w1, w2, w3, b"))
    }

    @Test("contour levels are round log-spaced values strictly inside the range")
    func contourLevels() {
        #expect(LandscapePlane.contourLevels(minimum: 0.15, maximum: 12.7) == [0.2, 0.5, 1, 2, 5, 10])
        let wide = LandscapePlane.contourLevels(minimum: 22, maximum: 60_000)
        #expect(wide.count <= 11 && wide.count >= 4)
        #expect(wide.allSatisfy { $0 > 22 && $0 < 60_000 })
        let narrow = LandscapePlane.contourLevels(minimum: 0.0446, maximum: 0.05)
        #expect(narrow.count == 8 && narrow.allSatisfy { $0 > 0.0446 && $0 < 0.05 })
        #expect(LandscapePlane.contourLevels(minimum: 0, maximum: 1).isEmpty)
    }

    @Test("principal directions of points on a line: one direction carries all the variance")
    func principalDirections() {
        let points = (0..<10).map { t -> [Double] in [1 + 2 * Double(t), -1 + Double(t), 3] }
        let principal = PrincipalDirections(points: points)
        let norm = 5.0.squareRoot()
        #expect(abs(abs(principal.directions[0][0]) - 2 / norm) < 1e-12 && abs(abs(principal.directions[0][1]) - 1 / norm) < 1e-12)
        #expect(abs(principal.explainedVarianceRatio[0] - 1) < 1e-12)
    }
}
