import Foundation

extension KitReport {
    /// The figure stems of the reports' ninth section (the figures that look inside gradient descent).
    static let dynamicsStems: [String] = ["overshoot-linear", "overshoot-cubic", "gradient-field-linear", "gradient-field-cubic", "sgd-noise-linear", "sgd-noise-cubic", "optimizer-state-linear", "optimizer-state-cubic", "surface-linear", "surface-cubic", "interpolation-linear", "interpolation-cubic"]
}
