import Foundation

/// The loss of a ``NetworkModel`` on planes and lines of parameter space, for landscape and
/// interpolation figures.
///
/// - A plane `θ(α, β) = θ* + α·d₁ + β·d₂` through the final parameters `θ*`
///   (``meanSquaredErrors(on:alphas:betas:x:y:)``), with two filter-normalised random directions
///   (``filterNormalizedDirections(around:seed:)``, after Li et al., 2018) or any given pair (the
///   path's principal directions are computed by the caller).
/// - A line `θ(α) = (1 − α)·θ₀ + α·θ_T` (``meanSquaredErrors(fromStart:toEnd:alphas:x:y:)``,
///   Goodfellow et al., 2015).
///
/// Each value is the direct sum `(1/N) Σᵢ (ŷᵢ − yᵢ)²` in sample order (the trainer's record
/// arithmetic), computed independently per point; points are split over the cores in fixed blocks
/// that write only their own slots, so the values are the same bits on any number of cores.
public struct NetworkLandscape: Sendable {
    /// The network.
    public let network: NetworkModel
    /// The inputs (training units).
    public let x: [Double]
    /// The targets (training units).
    public let y: [Double]

    /// The landscape of `network` on the data `x`, `y`.
    ///
    /// - Precondition: `x.count == y.count > 0`.
    public init(network: NetworkModel, x: [Double], y: [Double]) {
        precondition(!x.isEmpty && x.count == y.count, "x and y need the same, non-zero length")
        self.network = network
        self.x = x
        self.y = y
    }

    /// Two filter-normalised random directions around `center` (Li et al., 2018, §4).
    ///
    /// Each direction is drawn entry by entry, `d₁` first, from a standard normal (Box–Muller,
    /// `√(−2 ln u₁)·cos(2π u₂)` with `u₁ ∈ (0, 1]`, `u₂ ∈ [0, 1)` from two draws of a
    /// ``SeededGenerator`` seeded with `seed`). For this network a hidden unit's "filter" is its
    /// incoming weight and bias and its outgoing weight, `(wⱼ, cⱼ, vⱼ)`
    /// (``NetworkModel/unitBlocks``); the output bias `b` is a block of its own. Every block of
    /// each direction is then scaled to the norm of the same block of `center`:
    /// `d_block ← d_block · ‖θ*_block‖ / ‖d_block‖` (a block of `center` that is 0 gives a zero
    /// block). So a step of `α = 1` moves every unit by as much as the unit weighs, and the
    /// picture does not depend on the scale invariances of the units.
    ///
    /// - Precondition: `center.count == network.parameterCount`.
    public func filterNormalizedDirections(around center: [Double], seed: UInt64) -> (first: [Double], second: [Double]) {
        precondition(center.count == network.parameterCount, "expected \(network.parameterCount) parameters")
        var generator = SeededGenerator(seed: seed)
        func normal() -> Double {
            let u1 = (Double(generator.next() >> 11) + 1) * 0x1p-53
            let u2 = Double(generator.next() >> 11) * 0x1p-53
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
        func direction() -> [Double] {
            var d = (0..<center.count).map { _ in normal() }
            for block in network.unitBlocks {
                let target = Self.norm(block.map { center[$0] })
                let current = Self.norm(block.map { d[$0] })
                for index in block { d[index] = current > 0 ? d[index] * (target / current) : 0 }
            }
            return d
        }
        let first = direction()
        return (first, direction())
    }

    /// `‖v‖₂`, summed in order.
    static func norm(_ values: [Double]) -> Double {
        var sum = 0.0
        for value in values { sum += value * value }
        return sum.squareRoot()
    }

    /// The MSE at `center + α·first + β·second` for every `α` of `alphas` and `β` of `betas`, row by
    /// row: entry `r·alphas.count + c` is at `(alphas[c], betas[r])`. Each parameter is
    /// `centerₖ + α·firstₖ + β·secondₖ`, added left to right.
    ///
    /// - Precondition: the three vectors have `network.parameterCount` entries.
    public func meanSquaredErrors(on plane: (center: [Double], first: [Double], second: [Double]),
                                  alphas: [Double], betas: [Double]) -> [Double] {
        let count = network.parameterCount
        precondition(plane.center.count == count && plane.first.count == count && plane.second.count == count,
                     "the plane's vectors need \(count) entries")
        return evaluate(points: alphas.count * betas.count) { point, theta in
            let alpha = alphas[point % alphas.count], beta = betas[point / alphas.count]
            for k in 0..<count { theta[k] = plane.center[k] + alpha * plane.first[k] + beta * plane.second[k] }
        }
    }

    /// The MSE along the straight line `θ(α) = (1 − α)·start + α·end` at each of `alphas`
    /// (Goodfellow, Vinyals & Saxe, 2015): `α = 0` is `start`, `α = 1` is `end`.
    ///
    /// - Precondition: both vectors have `network.parameterCount` entries.
    public func meanSquaredErrors(fromStart start: [Double], toEnd end: [Double], alphas: [Double]) -> [Double] {
        let count = network.parameterCount
        precondition(start.count == count && end.count == count, "the line's ends need \(count) entries")
        return evaluate(points: alphas.count) { point, theta in
            let alpha = alphas[point]
            for k in 0..<count { theta[k] = (1 - alpha) * start[k] + alpha * end[k] }
        }
    }

    /// Points per block of the parallel evaluation (fixed, so the split never depends on the cores).
    static let pointsPerBlock = 64

    /// The MSE at `points` parameter vectors, `fill(point, θ)` writing point `point`'s vector.
    private func evaluate(points: Int, fill: @Sendable (Int, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        guard points > 0 else { return [] }
        let network = self.network
        let blocks = (points + Self.pointsPerBlock - 1) / Self.pointsPerBlock
        let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: points)
        defer { results.deallocate() }
        results.initialize(repeating: 0)
        let output = DisjointBuffer(base: results)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                let sharedX = SharedReadOnlyBuffer(base: xs), sharedY = SharedReadOnlyBuffer(base: ys)
                let threads = min(blocks, ProcessInfo.processInfo.activeProcessorCount)
                parallelIndices(blocks, threads: threads) { block in
                    let theta = UnsafeMutableBufferPointer<Double>.allocate(capacity: network.parameterCount)
                    theta.initialize(repeating: 0)
                    defer { theta.deallocate() }
                    for point in (block * Self.pointsPerBlock)..<min(points, (block + 1) * Self.pointsPerBlock) {
                        fill(point, theta)
                        output[point] = network.meanSquaredError(parameters: theta, x: sharedX.base, y: sharedY.base)
                    }
                }
            }
        }
        return Array(results)
    }
}
