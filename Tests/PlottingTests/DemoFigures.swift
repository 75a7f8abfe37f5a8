import Foundation
@testable import Plotting

/// Builders for the demo and for tests: the kinds of figures the lecture uses.
enum DemoFigures {
    /// A 1x2 figure: scatter + fitted line + legend + annotation; log-scale loss curve.
    static func fitAndLoss(size: FigureSize, theme: Theme, style: NumberStyle = .english) -> Figure {
        let figure = Figure(size: size, theme: theme, numberStyle: style)
        figure.title = "Linear regression: fit and training loss"
        figure.subtitle = "ŷ = w·x + b, mean squared error"
        let panels = figure.makePanels(rows: 1, columns: 2)
        let fit = panels[0]
        fit.title = "Fitted model"
        fit.xLabel = "Height x (cm)"
        fit.yLabel = "Weight y (kg)"
        var generator = SplitMix(seed: 7)
        let xs = (0..<24).map { 150 + Double($0) * 2.0 }
        let data = xs.map { DataPoint(x: $0, y: 0.9 * $0 - 80 + (generator.nextUnit() - 0.5) * 12) }
        fit.scatter(data, label: "Data (n = 24)")
        fit.line([DataPoint(x: 148, y: 0.9 * 148 - 80), DataPoint(x: 200, y: 0.9 * 200 - 80)], label: "ŷ = 0,90·x − 80")
        fit.annotate("Largest residual", pointingAt: data[5], textAt: DataPoint(x: 185, y: 62))
        let loss = panels[1]
        loss.title = "Loss during training"
        loss.xLabel = "Epoch"
        loss.yLabel = "MSE loss"
        loss.yScale = .log
        let epochs = (0...200).map(Double.init)
        loss.line(epochs.map { DataPoint(x: $0, y: 2500 * exp(-$0 / 18) + 30) }, label: "Training")
        loss.line(epochs.map { DataPoint(x: $0, y: 2700 * exp(-$0 / 20) + 42) }, dash: .dashed, label: "Validation")
        return figure
    }

    /// A loss landscape: heatmap (viridis, log) + labelled contours + a 30-point path + colorbar.
    static func landscape(size: FigureSize, theme: Theme, style: NumberStyle = .english, pathLayer: Layer = .static) -> (Figure, PathMark) {
        let figure = Figure(size: size, theme: theme, numberStyle: style)
        figure.title = "Loss landscape L(w, b)"
        let axes = figure.axes
        axes.xLabel = "Weight w"
        axes.yLabel = "Bias b"
        let xs = (0..<120).map { -2 + 4 * Double($0) / 119 }
        let ys = (0..<100).map { -1.5 + 3 * Double($0) / 99 }
        let grid = ValueGrid(xs: xs, ys: ys) { w, b in 0.05 + 3 * (w - 0.6) * (w - 0.6) + 8 * (b + 0.2) * (b + 0.2) + 2 * (w - 0.6) * (b + 0.2) }
        axes.heatmap(grid, normalization: .log, colorbarLabel: "Loss (log scale)")
        axes.contours(grid, levels: [0.1, 0.3, 1, 3, 10, 30])
        var points: [DataPoint] = []
        var w = -1.7, b = 1.2
        for _ in 0..<30 {
            points.append(DataPoint(x: w, y: b))
            let gw = 6 * (w - 0.6) + 2 * (b + 0.2), gb = 16 * (b + 0.2) + 2 * (w - 0.6)
            w -= 0.05 * gw
            b -= 0.05 * gb
        }
        let path = axes.path(points, label: "Gradient descent", layer: pathLayer)
        return (figure, path)
    }

    /// Signed bars per person with category labels.
    static func bars(size: FigureSize, theme: Theme, style: NumberStyle = .english) -> Figure {
        let figure = Figure(size: size, theme: theme, numberStyle: style)
        figure.title = "Prediction error per person"
        let axes = figure.axes
        axes.yLabel = "Error ŷ − y (kg)"
        axes.xLabel = "Person"
        axes.bars([4.2, -2.5, 0.8, -6.1, 3.3, -0.4, 5.0, -3.7], categories: ["Aino", "Björn", "Chen", "Däna", "Eero", "Fatima", "Göran", "Hilla"],
                  showValues: true)
        return figure
    }
}

extension DemoFigures {
    /// `count` points: two correlated Gaussian clusters and a few uniform outliers (seeded).
    static func cloud(count: Int, seed: UInt64 = 3) -> [DataPoint] {
        var generator = SplitMix(seed: seed)
        func normal() -> Double {
            let u = max(1e-300, generator.nextUnit()), v = generator.nextUnit()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        return (0..<count).map { index in
            if index % 200 == 0 { return DataPoint(x: generator.nextUnit() * 10 - 5, y: generator.nextUnit() * 8 - 4) }
            let a = normal(), b = normal()
            if index % 3 == 0 { return DataPoint(x: 1.8 + 0.5 * a, y: -1 + 0.4 * b) }
            return DataPoint(x: -1 + 1.1 * a, y: 0.8 * a + 0.6 * b + 0.5)
        }
    }

    /// A density scatter of `count` cloud points with a fitted line and a legend.
    static func densityScatter(size: FigureSize, theme: Theme, count: Int) -> Figure {
        let figure = Figure(size: size, theme: theme)
        figure.title = "\(count) points"
        figure.axes.xLabel = "Feature x"
        figure.axes.yLabel = "Target y"
        figure.axes.scatter(cloud(count: count), label: "Samples")
        figure.axes.line([DataPoint(x: -5, y: -3.2), DataPoint(x: 5, y: 3.6)], label: "Trend")
        return figure
    }

    /// 400 labelled points; labels are drawn only where they neither overlap nor cover markers.
    static func labelledCloud(size: FigureSize, theme: Theme) -> Figure {
        let figure = Figure(size: size, theme: theme)
        figure.title = "Point labels where they can be read"
        let points = cloud(count: 400, seed: 8)
        figure.axes.scatter(points, label: "Samples")
        figure.axes.pointLabels(points.indices.map { "P\($0)" }, at: points, offset: DevicePoint(x: 0.6 * figure.metrics.markerSize, y: 0),
                                fontSize: figure.metrics.tickFontSize * 0.85, avoidingMarkers: true)
        return figure
    }
}

/// A tiny seeded generator (SplitMix64) so demo data is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
