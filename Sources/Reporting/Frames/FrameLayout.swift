import Foundation

/// What each frame of `descent frames` shows.
public enum FrameLayout: String, Sendable, CaseIterable, Codable {
    /// The notebook's two panels: the fit in original units | the MSE so far, under the title
    /// "Epoch N | y = ... | MSE: ...".
    case training
    /// The loss landscape over a plane of parameter space with the optimizer's path so far.
    case landscape
    /// Three panels: the fit, the MSE so far and the landscape with the path so far.
    case full

    /// Whether the layout has the fit panel.
    var showsFit: Bool { self != .landscape }
    /// Whether the layout has the loss-curve panel.
    var showsLoss: Bool { self != .landscape }
    /// Whether the layout has the landscape panel.
    var showsLandscape: Bool { self != .training }
}
