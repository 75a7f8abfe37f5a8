import Foundation
import Training

/// The scaling section: the landscape's statistics pass and grid, and a gradient-descent epoch,
/// for N = 10³ … 10⁷ rows (grid 1000) and for grids of 100 … 2000 per side (N = 10⁶), showing
/// what grows with N (the pass, the epoch) and what stays flat (the grid for a fixed size).
struct ScalingBench {
    /// The shared settings.
    let settings: BenchSettings

    /// Measures and appends the series and a summary row per series.
    func measure(into report: inout BenchReport) throws {
        let runs = settings.quick ? 1 : 3
        let rowCounts = settings.quick ? [1_000, 10_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000, 10_000_000]
        let grids = settings.quick ? [100, 300] : [100, 500, 1000, 2000]
        let fixedGrid = settings.quick ? 300 : 1000
        for rows in rowCounts {
            let data = try SyntheticRows.make(count: rows)
            let landscape = LandscapeBench.measure(data: data, grid: fixedGrid, runs: runs)
            let epoch = try TrainingBench.gradientDescentEpoch(model: .linear, data: data, runs: runs, epochs: 2)
            report.scaling.append(.init(series: "landscape pass", rows: rows, grid: fixedGrid, seconds: landscape.pass))
            report.scaling.append(.init(series: "landscape grid", rows: rows, grid: fixedGrid, seconds: landscape.grid))
            report.scaling.append(.init(series: "gd epoch linear", rows: rows, grid: 0, seconds: epoch))
        }
        let fixedRows = settings.quick ? 100_000 : 1_000_000
        let data = try SyntheticRows.make(count: fixedRows)
        for grid in grids {
            let landscape = LandscapeBench.measure(data: data, grid: grid, runs: runs)
            report.scaling.append(.init(series: "grid size", rows: fixedRows, grid: grid, seconds: landscape.grid))
        }
    }
}
