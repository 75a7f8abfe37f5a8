import Foundation

/// The lecture's figure kinds, as `descent figure KIND` names them.
public enum FigureKind: String, Sendable, CaseIterable, Codable {
    /// The data with the fitted model(s) in original units.
    case fit
    /// MSE per epoch with the closed-form minimum.
    case loss
    /// The notebook's two-panel view (fit | MSE so far) at one epoch.
    case training
    /// The MSE over two parameters with the optimizer's path.
    case landscape
    /// Raw vs z-scored landscapes side by side with the Hessian's numbers.
    case normalization
    /// Loss curves for several learning rates.
    case lrSweep = "lr-sweep"
    /// The loss along one parameter with the tangent and the step.
    case slice
    /// The slides' worked gradient step card.
    case step
    /// Linear vs cubic, or optimizers on one landscape.
    case compare
    /// Every parameter and the gradient norm against epochs.
    case parameters
    /// The learning rate of every schedule beside the loss each reaches.
    case schedules
    /// Residuals (actual − predicted) against x, one panel per model.
    case residuals
    /// Training and leave-one-out error of polynomial degrees 1–8 with chosen fits.
    case degreeSweep = "degree-sweep"
    /// One sample's forward and backward pass as a computational graph, with the update.
    case chainRule = "chain-rule"
    /// 1-D gradient descent along the Hessian's top eigenvector at several multiples of 1/λ.
    case overshoot
    /// The negative gradient as arrows over the contours, with the path and the Hessian's eigenvectors.
    case gradientField = "gradient-field"
    /// Every per-sample gradient at one point, their mean, and the minibatch spread.
    case sgdNoise = "sgd-noise"
    /// Momentum's velocity and Adam's m̂, v̂ and effective step per parameter over updates.
    case optimizerState = "optimizer-state"
    /// The loss over two parameters as a shaded 3-D surface with the path.
    case surface
    /// The loss on the straight line from the start θ₀ to the end θ_T of a run (not in the kit).
    case interpolation

    /// The kinds a kit draws when its build file names none: every kind but `interpolation`, which
    /// a build file or `descent slides --kinds` adds by naming it (on the lecture's quadratic losses
    /// it is a parabola; it earns its place with the network).
    public static var kitDefaults: [FigureKind] { allCases.filter { $0 != .interpolation } }

    /// The kind whose name is closest to `name` by edit distance, when it is close enough to be a likely typo.
    public static func suggestion(for name: String) -> FigureKind? {
        let lowered = name.lowercased()
        let scored = allCases.map { ($0, editDistance(lowered, $0.rawValue)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, best.0.rawValue.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance between two strings, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
