import Foundation
import Plotting
import Training

/// Builds any of the lecture's figures from a request.
public enum LectureFigures {
    /// Trains what the request needs and builds its figure.
    public static func make(_ request: FigureRequest) throws -> FigureProduct {
        switch request.kind {
        case .fit:
            return try FitFigure.make(request, models: try request.trainedModels())
        case .loss:
            return try LossFigure.make(request, models: try request.trainedModels())
        case .lrSweep:
            return try LearningRateSweepFigure.make(request)
        case .compare where request.comparison == .models:
            return try CompareModelsFigure.make(request)
        case .compare where request.comparison == .optimizers:
            return try OptimizerComparisonFigure.make(request)
        case .training:
            return try TrainingFigure.make(request, models: try request.trainedModels())
        case .landscape:
            return try LandscapeFigure.make(request)
        case .normalization:
            return try NormalizationFigure.make(request)
        case .slice:
            return try SliceFigure.make(request)
        case .step:
            return try StepFigure.make(request)
        default:
            throw ReportingError.unsupported("The '\(request.kind.rawValue)' figure is not available yet.")
        }
    }

    /// Builds the figure and writes it (format from the extension) and its attachments, each atomically.
    @discardableResult
    public static func write(_ request: FigureRequest, to url: URL) throws -> FigureProduct {
        let product = try make(request)
        for attachment in product.attachments {
            try AtomicFile.write(data: attachment.contents, to: attachment.url)
        }
        let options = request.style.pngOptions(title: product.figure.title, description: product.summary)
        try product.figure.write(to: url, pngOptions: options)
        return product
    }
}
