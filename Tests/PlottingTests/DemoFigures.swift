import Foundation
@testable import Plotting

/// The words of the demo figures: short English ones, or long ones of Finnish length (Finnish
/// words are longer; its decimal comma is the number style's business).
struct DemoLabels: Sendable {
    var fitTitle, fitSubtitle, fitPanel, lossPanel, height, weight, data, fitLine, residual: String
    var epoch, loss, training, validation: String
    var landscapeTitle, w, b, colorbar, path: String
    var barsTitle, error, person: String
    var people: [String]
    var samples, trend, labelsTitle, feature, target: String

    static let short = DemoLabels(
        fitTitle: "Linear regression: fit and training loss", fitSubtitle: "ŷ = w·x + b, mean squared error",
        fitPanel: "Fitted model", lossPanel: "Loss during training", height: "Height x (cm)", weight: "Weight y (kg)",
        data: "Data (n = 24)", fitLine: "ŷ = 0,90·x − 80", residual: "Largest residual",
        epoch: "Epoch", loss: "MSE loss", training: "Training", validation: "Validation",
        landscapeTitle: "Loss landscape L(w, b)", w: "Weight w", b: "Bias b", colorbar: "Loss (log scale)", path: "Gradient descent",
        barsTitle: "Prediction error per person", error: "Error ŷ − y (kg)", person: "Person",
        people: ["Aino", "Björn", "Chen", "Däna", "Eero", "Fatima", "Göran", "Hilla"],
        samples: "Samples", trend: "Trend", labelsTitle: "Point labels where they can be read", feature: "Feature x", target: "Target y")

    static let long = DemoLabels(
        fitTitle: "Lineaarinen regressio: sovitettu malli ja opetusvirheen kehittyminen",
        fitSubtitle: "ŷ = w·x + b, keskimääräinen neliövirhe opetus- ja validointijoukossa",
        fitPanel: "Sovitettu lineaarinen malli", lossPanel: "Virhefunktion arvo opetuksen aikana",
        height: "Henkilön pituus x (senttimetriä)", weight: "Henkilön paino y (kilogrammaa)",
        data: "Havaintoaineisto (n = 24)", fitLine: "Sovite ŷ = 0,90·x − 80", residual: "Suurin jäännösvirhe",
        epoch: "Opetuskierros (epookki)", loss: "Keskimääräinen neliövirhe", training: "Opetusjoukon virhe", validation: "Validointijoukon virhe",
        landscapeTitle: "Virhefunktion pinta L(w, b) ja gradienttimenetelmän kulkema polku", w: "Painokerroin w", b: "Vakiotermi b",
        colorbar: "Virhefunktion arvo (logaritminen asteikko)", path: "Gradienttimenetelmä (oppimisnopeus 0,05)",
        barsTitle: "Ennustevirhe henkilöittäin validointijoukossa", error: "Ennustevirhe ŷ − y (kilogrammaa)", person: "Henkilö",
        people: ["Aino-Maria", "Björn", "Chen", "Däna", "Eero-Pekka", "Fatima", "Göran", "Hilla-Kaisa"],
        samples: "Havainnot", trend: "Suuntaus", labelsTitle: "Pisteiden nimet vain siellä, missä ne voi lukea",
        feature: "Selittävä muuttuja x", target: "Selitettävä muuttuja y")

    static let all: [(name: String, labels: DemoLabels)] = [("short", .short), ("long", .long)]
}

/// Builders for the demo and for tests: the kinds of figures the lecture uses.
enum DemoFigures {
    /// A 1x2 figure: scatter + fitted line + legend + annotation; log-scale loss curve.
    static func fitAndLoss(size: FigureSize, theme: Theme, style: NumberStyle = .english, labels: DemoLabels = .short) -> Figure {
        let figure = Figure(size: size, theme: theme, numberStyle: style)
        figure.title = labels.fitTitle
        figure.subtitle = labels.fitSubtitle
        let panels = figure.makePanels(rows: 1, columns: 2)
        let fit = panels[0]
        fit.title = labels.fitPanel
        fit.xLabel = labels.height
        fit.yLabel = labels.weight
        var generator = SplitMix(seed: 7)
        let xs = (0..<24).map { 150 + Double($0) * 2.0 }
        let data = xs.map { DataPoint(x: $0, y: 0.9 * $0 - 80 + (generator.nextUnit() - 0.5) * 12) }
        fit.scatter(data, label: labels.data)
        fit.line([DataPoint(x: 148, y: 0.9 * 148 - 80), DataPoint(x: 200, y: 0.9 * 200 - 80)], label: labels.fitLine)
        fit.annotate(labels.residual, pointingAt: data[5], textAt: DataPoint(x: 182, y: 54))
        let loss = panels[1]
        loss.title = labels.lossPanel
        loss.xLabel = labels.epoch
        loss.yLabel = labels.loss
        loss.yScale = .log
        let epochs = (0...200).map(Double.init)
        loss.line(epochs.map { DataPoint(x: $0, y: 2500 * exp(-$0 / 18) + 30) }, label: labels.training)
        loss.line(epochs.map { DataPoint(x: $0, y: 2700 * exp(-$0 / 20) + 42) }, dash: .dashed, label: labels.validation)
        return figure
    }

    /// The 30 steps of gradient descent on the landscape's loss.
    static let landscapePath: [DataPoint] = {
        var points: [DataPoint] = []
        var w = -1.7, b = 1.2
        for _ in 0..<30 {
            points.append(DataPoint(x: w, y: b))
            let gw = 6 * (w - 0.6) + 2 * (b + 0.2), gb = 16 * (b + 0.2) + 2 * (w - 0.6)
            w -= 0.05 * gw
            b -= 0.05 * gb
        }
        return points
    }()

    /// A loss landscape: heatmap (viridis, log) + labelled contours + a 30-point path + colorbar.
    static func landscape(size: FigureSize, theme: Theme, style: NumberStyle = .english, pathLayer: Layer = .static,
                          labels: DemoLabels = .short) -> (Figure, PathMark) {
        let figure = Figure(size: size, theme: theme, numberStyle: style)
        figure.title = labels.landscapeTitle
        let axes = figure.axes
        axes.xLabel = labels.w
        axes.yLabel = labels.b
        let xs = (0..<120).map { -2 + 4 * Double($0) / 119 }
        let ys = (0..<100).map { -1.5 + 3 * Double($0) / 99 }
        let grid = ValueGrid(xs: xs, ys: ys) { w, b in 0.05 + 3 * (w - 0.6) * (w - 0.6) + 8 * (b + 0.2) * (b + 0.2) + 2 * (w - 0.6) * (b + 0.2) }
        axes.heatmap(grid, normalization: .log, colorbarLabel: labels.colorbar)
        // A dynamic path changes per frame: its labels keep off its whole trajectory.
        axes.contours(grid, levels: [0.1, 0.3, 1, 3, 10, 30], avoiding: pathLayer == .dynamic ? [landscapePath] : [])
        let path = axes.path(landscapePath, label: labels.path, layer: pathLayer)
        return (figure, path)
    }

    /// Signed bars per person with category labels.
    static func bars(size: FigureSize, theme: Theme, style: NumberStyle = .english, labels: DemoLabels = .short) -> Figure {
        let figure = Figure(size: size, theme: theme, numberStyle: style)
        figure.title = labels.barsTitle
        let axes = figure.axes
        axes.yLabel = labels.error
        axes.xLabel = labels.person
        axes.bars([4.2, -2.5, 0.8, -6.1, 3.3, -0.4, 5.0, -3.7], categories: labels.people, showValues: true)
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
    static func densityScatter(size: FigureSize, theme: Theme, count: Int, labels: DemoLabels = .short) -> Figure {
        let figure = Figure(size: size, theme: theme)
        figure.title = "\(count) points"
        figure.axes.xLabel = labels.feature
        figure.axes.yLabel = labels.target
        figure.axes.scatter(cloud(count: count), label: labels.samples)
        figure.axes.line([DataPoint(x: -5, y: -3.2), DataPoint(x: 5, y: 3.6)], label: labels.trend)
        return figure
    }

    /// 400 labelled points; labels are drawn only where they neither overlap nor cover markers.
    static func labelledCloud(size: FigureSize, theme: Theme, labels: DemoLabels = .short) -> Figure {
        let figure = Figure(size: size, theme: theme)
        figure.title = labels.labelsTitle
        let points = cloud(count: 400, seed: 8)
        figure.axes.scatter(points, label: labels.samples)
        figure.axes.pointLabels(points.indices.map { "P\($0)" }, at: points, offset: DevicePoint(x: 0.75 * figure.metrics.markerSize, y: 0),
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
