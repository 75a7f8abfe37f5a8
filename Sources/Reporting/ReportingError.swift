import Foundation

/// A setting of a figure, named in errors so that each front end can say it its own way
/// (`descent` as a command-line flag, a build file as a key).
public enum FigureSetting: Hashable, Sendable {
    /// The models (and their training settings) a figure shows.
    case models
    /// Grid points per side of a landscape.
    case gridSize
    /// The two parameters spanning a landscape plane.
    case planeParameters
    /// The axis range of one parameter.
    case range(String)
    /// The epoch shown.
    case epoch
    /// The parameter a slice varies.
    case sliceParameter
    /// The worked example's number of steps.
    case stepCount
    /// The worked example's starting weight.
    case initialWeight
    /// A figure's own learning rate (the worked example's, the slice's step).
    case learningRate
    /// The learning rates of a sweep.
    case learningRates
    /// A 3-D view's camera elevation.
    case elevation
    /// A 3-D view's camera azimuth.
    case azimuth
    /// The polynomial degrees a degree sweep draws.
    case degrees
    /// The sample a chain-rule figure follows.
    case sample
    /// What each frame of a sequence shows.
    case frameLayout

    /// The setting in words, for messages that name no front end.
    public var words: String {
        switch self {
        case .models: return "the models"
        case .gridSize: return "the grid size"
        case .planeParameters: return "the plane's parameters"
        case .range(let name): return "the range of \(name)"
        case .epoch: return "the epoch"
        case .sliceParameter: return "the slice's parameter"
        case .stepCount: return "the number of steps"
        case .initialWeight: return "the starting weight"
        case .learningRate: return "the learning rate"
        case .learningRates: return "the learning rates"
        case .elevation: return "the camera's elevation"
        case .azimuth: return "the camera's azimuth"
        case .degrees: return "the degrees"
        case .sample: return "the sample"
        case .frameLayout: return "the frame layout"
        }
    }
}

/// Errors of the lecture's figures, frames and kits.
///
/// Each case carries the values that make the message, and names settings as ``FigureSetting``s
/// rather than command-line flags; ``description`` words them plainly, and `descent` rewords the
/// same cases with its flags.
public enum ReportingError: Error, CustomStringConvertible, Equatable {
    /// A parameter name the model does not have, given for `setting`.
    case unknownParameter(name: String, model: String, available: [String], setting: FigureSetting)
    /// The wrong number of parameter names for a plane.
    case parameterCount(setting: FigureSetting, expected: Int, got: Int)
    /// The same parameter twice for a plane.
    case repeatedParameter(name: String, model: String, available: [String])
    /// A range whose ends are not finite or not increasing.
    case invalidRange(parameter: String, low: Double, high: Double)
    /// A range narrower than ``LandscapeOptions/minimumWidth(of:)``, `minimumWidth`.
    case rangeTooNarrow(parameter: String, low: Double, high: Double, minimumWidth: Double)
    /// A range of a parameter that is not on the drawn plane.
    case rangeOffPlane(parameter: String, plane: [String])
    /// A parameter range together with the principal plane, whose axes are not parameters.
    case rangeWithPrincipalPlane(parameter: String)
    /// A value outside what a setting allows: the value as given, and what is allowed.
    case outOfRange(setting: FigureSetting, value: String, allowed: String)
    /// An epoch outside the history.
    case epochOutOfRange(epoch: Int, last: Int)
    /// The principal plane of a path that never moves.
    case pathDoesNotMove
    /// A plane asked of a model with a single parameter.
    case singleParameterModel(model: String, parameter: String)
    /// A figure kind that needs a model to train was given none.
    case needsModel(kind: FigureKind)
    /// More than one model where one is drawn (frames animate one model).
    case needsOneModel(count: Int)
    /// More than one model for a figure kind that shows one.
    case kindShowsOneModel(kind: FigureKind, count: Int)
    /// A figure asked the run store for a run it was not built with (a defect, never user input).
    case runNotPlanned(String)
    /// A problem in a build configuration file, at a line and column when known.
    case configuration(file: String, line: Int?, column: Int?, message: String)

    /// The message shown to the user, naming settings in words.
    public var description: String {
        switch self {
        case let .unknownParameter(name, model, available, _):
            return "The \(model) model has no parameter '\(name)'; its parameters are \(available.joined(separator: ", "))."
        case let .parameterCount(setting, expected, got):
            return "\(setting.words.capitalizedFirst) need \(expected) parameter name\(expected == 1 ? "" : "s"), got \(got)."
        case let .repeatedParameter(name, model, available):
            return "The plane names \(name) twice; give two different parameters of the \(model) model: \(available.joined(separator: ", "))."
        case let .invalidRange(parameter, low, high):
            return "The range of \(parameter) (\(low) to \(high)) is not a range: give finite numbers LOW < HIGH, e.g. -2 to 2."
        case let .rangeTooNarrow(parameter, low, high, minimum):
            return "The range of \(parameter) (\(low) to \(high)) is too narrow to draw: make it at least \(String(format: "%g", minimum)) wide "
                + "(the larger of 1e-300 and 1e-12 times its larger bound's size)."
        case let .rangeOffPlane(parameter, plane):
            return "A range is given for \(parameter), which is not on the plane (\(plane.joined(separator: ", "))); add it to the plane's parameters or drop its range."
        case let .rangeWithPrincipalPlane(parameter):
            return "A range of \(parameter) cannot be used with the principal plane: its axes pc1, pc2 are not parameters; drop the range or draw two parameters."
        case let .outOfRange(setting, value, allowed):
            return "\(setting.words.capitalizedFirst) \(value) is out of range: use \(allowed)."
        case let .epochOutOfRange(epoch, last):
            return "Epoch \(epoch) is outside the training history, which has epochs 0 to \(last)."
        case .pathDoesNotMove:
            return "The principal plane needs a path that moves, but every recorded epoch has the same parameters; train for more epochs or with a larger learning rate, or draw two parameters."
        case let .singleParameterModel(model, parameter):
            return "The \(model) model has one parameter (\(parameter)), so it has no loss landscape over a plane; draw a slice instead."
        case let .needsModel(kind):
            return "The \(kind.rawValue) figure needs a model to train: the linear model, the cubic model or both."
        case let .needsOneModel(count):
            return "Frames animate one model at a time, but \(count) were given: choose the linear or the cubic model."
        case let .kindShowsOneModel(kind, count):
            return "The \(kind.rawValue) figure shows one model, but \(count) were given: choose the linear or the cubic model."
        case let .runNotPlanned(run):
            return "Internal error: the run '\(run)' was not trained before drawing; please report this."
        case let .configuration(file, line, column, message):
            var place = "'\(file)'"
            if let line { place += ", line \(line)" + (column.map { ", column \($0)" } ?? "") }
            return "In \(place): \(message)"
        }
    }
}

extension String {
    /// The string with its first character upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
