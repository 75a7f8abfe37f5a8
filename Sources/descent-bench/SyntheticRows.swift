import Foundation
import Training

/// Synthetic data for the benchmarks, like the notebook's weight → height data but with N rows.
///
/// `weight ~ 𝒩(75, 12²)` kg and `height = 100 + 0.95·weight + 𝒩(0, 6²)` cm, normal deviates by
/// Box–Muller from a `SeededGenerator` (seed 8), so every run measures the same rows. The rows are
/// z-scored by `NormalizedDataset` as the trainer sees them.
enum SyntheticRows {
    /// `count` rows, normalized.
    static func make(count: Int) throws -> NormalizedDataset {
        var generator = SeededGenerator(seed: 8)
        var x = [Double](repeating: 0, count: count)
        var y = [Double](repeating: 0, count: count)
        func normal() -> Double {
            let u1 = Double(generator.next() >> 11 | 1) * 0x1p-53
            let u2 = Double(generator.next() >> 11) * 0x1p-53
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
        for index in 0..<count {
            let weight = 75 + 12 * normal()
            x[index] = weight
            y[index] = 100 + 0.95 * weight + 6 * normal()
        }
        return try NormalizedDataset(Dataset(x: x, y: y, xName: "weight_kg", yName: "height_cm"))
    }
}
