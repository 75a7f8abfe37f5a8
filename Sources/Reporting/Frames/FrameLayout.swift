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
    /// The loss as a shaded 3-D surface with the path so far on it (the camera can orbit).
    case surface

    /// Whether the layout has the fit panel.
    var showsFit: Bool { self == .training || self == .full }
    /// Whether the layout has the loss-curve panel.
    var showsLoss: Bool { self == .training || self == .full }
    /// Whether the layout has the landscape panel.
    var showsLandscape: Bool { self != .training }
}
