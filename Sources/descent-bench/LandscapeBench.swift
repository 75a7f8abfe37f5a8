import CKernels
import Foundation
import Training

/// The landscape section: the MSE of the linear model on a G×G grid over the `(w, b)` plane
/// (±2 around the least-squares solution) for N synthetic rows.
///
/// Descent does one `O(N)` pass (`SufficientStatistics`: the moments behind `G = XᵀX/N`,
/// `c = Xᵀy/N`, `mean(y²)`) and then `PlaneQuadratic.evaluate`, `O(1)` per grid point:
/// `MSE(θ) = θᵀGθ − 2cᵀθ + mean(y²)` expanded on the plane. numpy does the same with the
/// quadratic form (`X.T @ X`, then the grid vectorized) and, as the naive peer, evaluates
/// `mean((w·x + b − y)²)` directly at every grid point (`O(N·G²)`).
struct LandscapeBench {
    /// The shared settings.
    let settings: BenchSettings

    /// The grid's `a` (and `b`) offsets from the solution: `G` points evenly over `[−2, 2]`.
    static func offsets(_ grid: Int) -> [Double] {
        (0..<grid).map { -2 + 4 * Double($0) / Double(max(1, grid - 1)) }
    }

    /// Seconds of the statistics pass and of the grid, medians over `runs`; also the largest
    /// relative difference between three grid values and direct sums over the rows.
    static func measure(data: NormalizedDataset, grid: Int, runs: Int)
        -> (pass: Double, grid: Double, check: Double) {
        var statistics = SufficientStatistics(model: .linear, x: [0, 1], y: [0, 1])
        let pass = BenchClock.median(runs: runs) {
            statistics = SufficientStatistics(model: .linear, x: data.x, y: data.y)
        }
        let origin = (try? statistics.leastSquaresSolution()) ?? [0, 0]
        let offsets = LandscapeBench.offsets(grid)
        var buffer: [Double] = []
        var quadratic = PlaneQuadratic(statistics: statistics, origin: origin, u: [1, 0], v: [0, 1])
        let gridSeconds = BenchClock.median(runs: runs) {
            quadratic = PlaneQuadratic(statistics: statistics, origin: origin, u: [1, 0], v: [0, 1])
            quadratic.evaluate(aValues: offsets, bValues: offsets, into: &buffer)
        }
        var check = 0.0
        for (row, column) in [(0, 0), (grid / 3, grid - 1), (grid / 2, grid / 2)] {
            let w = origin[0] + offsets[column], b = origin[1] + offsets[row]
            var sum = 0.0
            for index in 0..<data.count {
                let error = w * data.x[index] + b - data.y[index]
                sum += error * error
            }
            let direct = sum / Double(data.count)
            check = max(check, abs(buffer[row * grid + column] - direct) / max(direct, 1e-300))
        }
        return (pass, gridSeconds, check)
    }

    /// Measures and appends the section's rows.
    func measure(into report: inout BenchReport) throws {
        let rows = settings.rows, grid = settings.grid
        let data = try SyntheticRows.make(count: rows)
        let result = LandscapeBench.measure(data: data, grid: grid, runs: settings.runs)
        report.details["landscape.descent.pass_seconds"] = result.pass
        report.details["landscape.descent.grid_seconds"] = result.grid
        report.details["landscape.descent.max_relative_difference_to_direct_sum"] = result.check
        let descent = result.pass + result.grid
        let directRows = 100
        var numbers: [String: Double] = [:]
        if let peers = settings.peers {
            numbers = try peers.numbers(["landscape", String(rows), String(grid), String(settings.runs), String(directRows)])
        }
        let numpy = settings.peers.map { "numpy \($0.numpyVersion)" } ?? "numpy (not run)"
        let size = "\(grid)x\(grid) grid, N = \(BenchFormat.count(rows))"
        var quadraticRow = BenchRow(section: "landscape", name: "\(size): one pass + grid", descent: descent, unit: "s",
                                    peer: "\(numpy), quadratic form", peerValue: numbers["quadratic_seconds"],
                                    target: "≥ 5x numpy's quadratic form")
        quadraticRow.met = quadraticRow.ratio.map { $0 >= 5 }
        report.rows.append(quadraticRow)
        report.rows.append(BenchRow(section: "landscape", name: "\(size): one pass + grid", descent: descent, unit: "s",
                                    peer: "\(numpy), direct sums (extrapolated)", peerValue: numbers["direct_extrapolated_seconds"],
                                    note: "numpy's direct sums were timed over N = \(directRows) rows and scaled by N/\(directRows) "
                                        + "(measured \(BenchFormat.value(numbers["direct_measured_seconds"] ?? 0, unit: "s"))); "
                                        + "at N = \(BenchFormat.count(rows)) they would take that long."))
        // The pass reads x and y once each (16 bytes a row) for the moments and once more for
        // the residuals at the solution; the target counts the data's bytes once.
        let bytesPerSecond = Double(16 * rows) / result.pass
        report.details["landscape.descent.pass_gigabytes_per_second"] = bytesPerSecond / 1e9
        var passRow = BenchRow(section: "landscape", name: "statistics pass, N = \(BenchFormat.count(rows))",
                               descent: result.pass, unit: "s", target: "≥ 4 GB/s (10^6 rows in ≤ 4 ms)",
                               note: "The statistics pass read x and y (16 bytes a row) at "
                                   + "\(BenchFormat.significant(bytesPerSecond / 1e9)) GB/s (counted once; it reads them twice: "
                                   + "moments, then residuals at the solution, both with compensated sums).")
        passRow.met = bytesPerSecond >= 4e9
        report.rows.append(passRow)
        let perPoint = result.grid / Double(grid * grid)
        report.details["landscape.descent.grid_seconds_per_point"] = perPoint
        let avx2 = descent_plane_row_uses_avx2() != 0
        report.details["landscape.descent.grid_kernel_avx2"] = avx2 ? 1 : 0
        var gridRow = BenchRow(section: "landscape", name: "\(size): grid after the pass, per point", descent: perPoint, unit: "s",
                               target: "≤ 1.5 ns a point (independent of N, see scaling)",
                               note: "The grid's rows ran on both cores through CKernels' `descent_plane_row`, "
                                   + (avx2 ? "four points an instruction (this processor has AVX2)."
                                           : "two points an instruction (SSE2; this processor has no AVX2)."))
        gridRow.met = perPoint <= 1.5e-9
        report.rows.append(gridRow)
        try measureSurface(into: &report)
    }

    /// The Rosenbrock function on a G×G grid over x ∈ [−2, 2], y ∈ [−1, 3]: Descent's compiled
    /// formula (`Surface.grid`, rows over the cores, one instruction at a time over a row) beside
    /// numpy's vectorized evaluation of the same formula on `np.meshgrid` arrays.
    func measureSurface(into report: inout BenchReport) throws {
        let grid = settings.grid
        let surface = Surface(.rosenbrock)
        let xs = Surface.samples(-2...2, count: grid), ys = Surface.samples(-1...3, count: grid)
        var values: [Double] = []
        let seconds = BenchClock.median(runs: settings.runs) { values = surface.grid(xs: xs, ys: ys) }
        var worst = 0.0
        for (row, column) in [(0, 0), (grid / 3, grid - 1), (grid / 2, grid / 2), (grid - 1, grid / 7)] {
            let x = xs[column], y = ys[row]
            let direct = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
            worst = max(worst, abs(values[row * grid + column] - direct) / max(abs(direct), 1e-300))
        }
        report.details["surface.descent.rosenbrock_grid_seconds"] = seconds
        report.details["surface.descent.max_relative_difference_to_formula"] = worst
        var numbers: [String: Double] = [:]
        if let peers = settings.peers {
            numbers = try peers.numbers(["surface", String(grid), String(settings.runs)])
        }
        let numpy = settings.peers.map { "numpy \($0.numpyVersion)" } ?? "numpy (not run)"
        var row = BenchRow(section: "landscape", name: "Rosenbrock \(grid)x\(grid) grid (--surface)", descent: seconds, unit: "s",
                           peer: "\(numpy), vectorized", peerValue: numbers["rosenbrock_seconds"],
                           target: "within 2x numpy's vectorized time")
        row.met = row.ratio.map { $0 >= 1.0 / 2 }
        report.rows.append(row)
        measureNetwork(into: &report)
    }

    /// The MLP's loss (8 tanh units) on a 101×101 plane of filter-normalised directions through
    /// its starting point, over 10³ synthetic rows: `NetworkLandscape.meanSquaredErrors`, the
    /// direct sum over the rows at every point (`O(N·G²·H)`, no quadratic form exists), points
    /// over the cores. No peer: the target is absolute.
    func measureNetwork(into report: inout BenchReport) {
        let rows = 1000, grid = 101
        guard let network = try? NetworkModel(hiddenUnits: 8), let data = try? SyntheticRows.make(count: rows) else { return }
        let landscape = NetworkLandscape(network: network, x: data.x, y: data.y)
        let center = network.initialParameters(seed: 42)
        let (first, second) = landscape.filterNormalizedDirections(around: center, seed: 42)
        let alphas = (0..<grid).map { -1 + 2 * Double($0) / Double(grid - 1) }
        var values: [Double] = []
        let seconds = BenchClock.median(runs: settings.runs) {
            values = landscape.meanSquaredErrors(on: (center, first, second), alphas: alphas, betas: alphas)
        }
        report.details["network_landscape.descent.seconds"] = seconds
        report.details["network_landscape.descent.finite_points"] = Double(values.filter(\.isFinite).count)
        var row = BenchRow(section: "landscape", name: "MLP (8 tanh units) landscape \(grid)x\(grid), N = \(BenchFormat.count(rows))",
                           descent: seconds, unit: "s", target: "< 1 s")
        row.met = seconds < 1
        report.rows.append(row)
    }
}
