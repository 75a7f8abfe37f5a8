import Foundation

/// Everything that can go wrong in the `Training` module, with the context needed to fix it.
///
/// Every case carries the values a user needs: the file, the 1-based physical line (the header is
/// line 1, and a quoted field that contains line breaks advances the count), the column name and its
/// 1-based number. ``description`` turns a case into one sentence that quotes the bad value and says
/// what to do; it is the single place where this module turns errors into messages.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No file exists at `path`.
    case fileNotFound(path: String)
    /// Something exists at `path` but it cannot be read as a file (a directory, no permission, ...).
    case unreadableFile(path: String, reason: String)
    /// The file has zero bytes (or only blank lines).
    case emptyFile(path: String)
    /// The file has a header line but no data rows.
    case headerOnly(path: String)
    /// A requested column is not in the header; `available` lists the header's columns as read
    /// with `delimiter`.
    case missingColumn(path: String, column: String, available: [String], delimiter: CSVFormat.Delimiter = .comma)
    /// A requested column name occurs more than once in the header, at the 1-based `columnNumbers`.
    case duplicateColumn(path: String, column: String, columnNumbers: [Int])
    /// A data row has `found` fields where the header has `expected`, separated by `delimiter`.
    case raggedRow(path: String, line: Int, expected: Int, found: Int, delimiter: CSVFormat.Delimiter = .comma)
    /// A field that must be a number is not a finite decimal number (also `NaN`, `inf`, empty, `1,5`),
    /// read with a decimal point or, when `decimalComma`, a decimal comma.
    case nonNumeric(path: String, line: Int, column: String, columnNumber: Int, value: String, decimalComma: Bool = false)
    /// A number is too large for a `Double` (for example `1e400`), or sums of its squares overflow.
    ///
    /// `line` and `columnNumber` are `nil` when the overflow is found in a statistic of a whole column.
    case overflow(path: String?, line: Int?, column: String, columnNumber: Int?, value: String)
    /// The file is not valid UTF-8 text (binary data, UTF-16, Latin-1 ...); `line` is where decoding failed.
    case invalidEncoding(path: String, line: Int?)
    /// The data has `count` rows, fewer than the operation needs (1 to build a data set, 2 to normalize).
    case tooFewRows(path: String?, count: Int)
    /// A column has zero variance (every value equals `value`), so z-score normalization would divide by 0.
    case zeroVariance(name: String, value: Double, path: String?)
    /// A column's values differ, but their standard deviation is too small for z-scores: below the
    /// smallest normal double, or with a reciprocal that overflows.
    case spreadTooSmall(name: String, standardDeviation: Double, path: String?)
    /// A value given in code (not read from a file) is NaN or infinite; `index` is 0-based.
    case nonFiniteValue(name: String, index: Int, value: Double, path: String?)
    /// `x` and `y` (or `labels`) have different lengths.
    case lengthMismatch(name: String, expected: Int, found: Int)
    /// The number of parameters does not match the model's parameter list `expected`.
    case invalidParameterCount(model: String, expected: [String], got: Int)
    /// An initial parameter is NaN or infinite.
    case nonFiniteParameter(name: String, value: Double)
    /// A polynomial degree outside 1...9.
    case invalidDegree(Int)
    /// A number of hidden units outside 1...64.
    case invalidHiddenUnits(Int)
    /// A list of powers that does not describe a model (empty, negative, above 9 or repeated).
    case invalidPowers([Int])
    /// A learning rate that is not a finite number greater than zero.
    case invalidLearningRate(Double)
    /// An epoch count outside 1...1_000_000.
    case invalidEpochs(Int)
    /// A mini-batch size below 1.
    case invalidBatchSize(Int)
    /// An optimizer setting (`beta`, `beta1`, `beta2`, `epsilon`) outside its valid range.
    case invalidOptimizerSetting(name: String, value: Double, validRange: String)
    /// A stopping tolerance that is not a finite number greater than zero.
    case invalidTolerance(Double)
    /// A learning-rate schedule setting out of range; the text says which and why.
    case invalidSchedule(String)
    /// The normal equations `G θ = c` of the model have no unique solution for this data.
    case singularSystem(model: String, count: Int)
    /// The MSE at the starting parameters overflows double precision (or is not a number), so
    /// not even epoch 0 can be recorded; `raw` when the data is in its original units.
    case startingLossNotFinite(model: PolynomialModel, parameters: [Double], raw: Bool)
    /// A surface formula that cannot be read: what is wrong, the 1-based column (character) where
    /// reading failed (nil for an empty formula) and the formula as given.
    case invalidSurface(problem: String, column: Int?, text: String)
    /// An optimizer that draws samples (`sgd`, `minibatch`) asked to descend a surface, which has none.
    case optimizerNeedsSamples(String)
    /// A surface whose value or gradient at the start `(x, y)` is not a finite number.
    case surfaceStartNotFinite(x: Double, y: Double)
    /// The MSE at a network's starting parameters (`--init`) overflows double precision.
    case networkStartingLossNotFinite(network: NetworkModel)

    /// One sentence that quotes the bad value and says what to do.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "No file exists at '\(path)'; check the path and the working directory."
        case .unreadableFile(let path, let reason):
            return "Cannot read '\(path)': \(reason); pass the path of a readable CSV file."
        case .emptyFile(let path):
            return "The file '\(path)' is empty; it needs a header line and at least one data row."
        case .headerOnly(let path):
            return "The file '\(path)' has a header on line 1 but no data rows; add rows below the header."
        case .missingColumn(let path, let column, let available, let delimiter):
            let shown = available.prefix(Self.columnsShown).map { "'\(MessageText.value($0))'" }
            var list = shown.joined(separator: ", ")
            if available.count > shown.count { list += " and \(available.count - shown.count) more" }
            var text = "The file '\(path)' has no column '\(MessageText.value(column))' in its header (line 1); available columns are \(list)"
            if available.count == 1, let other = CSVFormat.Delimiter.allCases.first(where: { $0 != delimiter && available[0].contains($0.rawValue) }) {
                text += " (the header reads as one column: if the fields are separated by \(other.name)s, say so with --delimiter \(other == .tab ? "tab" : "'\(other.rawValue)'"), or data.delimiter in a build file)"
            }
            return text + "."
        case .duplicateColumn(let path, let column, let numbers):
            let list = numbers.map(String.init).joined(separator: " and ")
            return "The column name '\(MessageText.value(column))' appears more than once in the header (line 1) of '\(path)', as columns \(list); rename one of them."
        case .raggedRow(let path, let line, let expected, let found, let delimiter):
            var text = "Line \(line) of '\(path)' has \(found) field\(found == 1 ? "" : "s") but the header has \(expected); every row needs exactly \(expected) \(delimiter.name)-separated fields"
            if found > expected && delimiter == .comma {
                text += " (a decimal comma as in 1,5 or a thousands separator as in 1,000 splits a number in two: write 1.5 or 1000)"
            }
            return text + "."
        case .nonNumeric(let path, let line, let column, let columnNumber, let value, let decimalComma):
            let place = "line \(line), column \(columnNumber) ('\(MessageText.value(column))') of '\(path)'"
            let shown = MessageText.value(value)
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                return "The value at \(place) is empty; fill in a number or remove the row."
            }
            if Self.isNonFiniteSpelling(trimmed) {
                return "The value '\(shown)' at \(place) is not a finite number; remove the row or fill in a real value."
            }
            if let plain = Self.withoutThousandsSeparators(trimmed, decimalComma: decimalComma) {
                return "The value '\(shown)' at \(place) has thousands separators, which are not read; write it without them, as \(plain)."
            }
            if decimalComma {
                if trimmed.filter({ $0 == "." }).count == 1, NumberParsing.parseDecimal(trimmed) != nil {
                    let comma = trimmed.replacingOccurrences(of: ".", with: ",")
                    return "The value '\(shown)' at \(place) has a dot, but the file is read with decimal commas (--decimal-comma, or data.decimal_comma); write it as \(comma) (or without the dot if it separates thousands)."
                }
                return "The value '\(shown)' at \(place) is not a number; use plain numbers with a decimal comma such as 58 or 58,5."
            }
            if Self.isDecimalCommaNumber(trimmed) {
                let dotted = trimmed.replacingOccurrences(of: ",", with: ".")
                let plain = trimmed.replacingOccurrences(of: ",", with: "")
                let readWithCommas = "--decimal-comma (data.decimal_comma: true in a build file) to read the file's decimal commas"
                if Self.isThousandsGroup(trimmed) {
                    return "The value '\(shown)' at \(place) is ambiguous: \(plain) with a thousands separator, or \(dotted) with a decimal comma; write \(plain) for the first, or \(dotted) for the second (or pass \(readWithCommas))."
                }
                return "The value '\(shown)' at \(place) uses a decimal comma; write it with a dot, as \(dotted), or pass \(readWithCommas)."
            }
            return "The value '\(shown)' at \(place) is not a number; use plain decimal numbers such as 58 or 1.5e3."
        case .overflow(let path, let line, let column, let columnNumber, let value):
            var place = "column '\(column)'"
            if let columnNumber { place = "column \(columnNumber) ('\(column)')" }
            if let line { place = "line \(line), " + place }
            if let path { place += " of '\(path)'" }
            guard line != nil else {
                return "The \(value) of \(place) overflows double precision (its values are too large); rescale the data, for example to other units."
            }
            return "The value '\(value)' at \(place) is too large to compute with in double precision; rescale the data (for example to other units)."
        case .invalidEncoding(let path, let line):
            let place = line.map { "line \($0) of '\(path)'" } ?? "'\(path)'"
            return "The text at \(place) is not valid UTF-8 (is it a binary file, or saved as UTF-16/Latin-1?); save the file as UTF-8 CSV."
        case .tooFewRows(let path, let count):
            let what = path.map { "The file '\($0)'" } ?? "The data set"
            if count == 0 {
                return "\(what) has no data rows; add at least one row."
            }
            return "\(what) has only \(count) row\(count == 1 ? "" : "s"), but normalization needs at least 2 rows; add rows or train on raw values."
        case .zeroVariance(let name, let value, let path):
            let place = path.map { "column '\(name)' in '\($0)'" } ?? "column '\(name)'"
            return "The \(place) is constant (every value is \(Self.format(value))): normalization needs at least two distinct values; add varied rows or train on raw values."
        case .spreadTooSmall(let name, let deviation, let path):
            let place = path.map { "column '\(name)' in '\($0)'" } ?? "column '\(name)'"
            return "The spread of \(place) is too small to normalise: its standard deviation \(String(format: "%.2g", deviation)) is below what double precision can divide by; rescale the column (for example to other units)."
        case .nonFiniteValue(let name, let index, let value, let path):
            let place = path.map { " of '\($0)'" } ?? ""
            return "Value number \(index + 1) of '\(name)'\(place) is \(value), not a finite number; remove it or replace it with a real value."
        case .lengthMismatch(let name, let expected, let found):
            return "'\(name)' has \(found) values but x has \(expected); give exactly one value per data point."
        case .invalidParameterCount(let model, let expected, let got):
            let names = expected.joined(separator: ", ")
            return "The \(model) model has \(expected.count) parameter\(expected.count == 1 ? "" : "s") (\(names)) but \(got) initial value\(got == 1 ? " was" : "s were") given; give one value for each of \(names)."
        case .nonFiniteParameter(let name, let value):
            return "The initial value of parameter '\(name)' is \(value); give a finite number."
        case .invalidHiddenUnits(let units):
            return "The number of hidden units must be between 1 and \(NetworkModel.maximumHiddenUnits), got \(units); try 8."
        case .invalidDegree(let degree):
            return "The polynomial degree \(degree) is not supported; choose a degree from 1 to \(PolynomialModel.maximumPower)."
        case .invalidPowers(let powers):
            return "The powers \(powers) do not describe a model; give distinct powers from 0 to \(PolynomialModel.maximumPower), at least one."
        case .invalidLearningRate(let rate):
            return "The learning rate \(rate) is not valid; choose a finite number greater than 0, such as 0.01."
        case .invalidEpochs(let epochs):
            return "The epoch count \(epochs) is not valid; choose a whole number from 1 to 1000000."
        case .invalidBatchSize(let size):
            return "The batch size \(size) is not valid; choose a whole number of at least 1."
        case .invalidOptimizerSetting(let name, let value, let range):
            return "The optimizer setting \(name) = \(value) is not valid; choose a value in \(range)."
        case .invalidTolerance(let tolerance):
            return "The stopping tolerance \(tolerance) is not valid; choose a finite number greater than 0, such as 1e-6."
        case .startingLossNotFinite(let model, let parameters, let raw):
            let start = zip(model.parameterNames, parameters).map { "\($0) = \(Self.format($1))" }.joined(separator: ", ")
            let usual = TrainingConfiguration.notebook(for: model).initialParameters.map { Self.format($0) }.joined(separator: ", ")
            return "The MSE at the starting parameters \(start) is too large to compute in double precision\(raw ? " on the data's original units" : ""), "
                + "so training cannot start; choose starting values nearer the data (--init, or init in a build file), such as the \(model.name) model's default \(usual)."
        case .networkStartingLossNotFinite(let network):
            return "The MSE of the \(network.name) at its starting parameters is too large to compute in double precision, so training cannot start; "
                + "choose smaller --init values, or leave --init out for the seeded Glorot start."
        case .invalidSchedule(let problem):
            return "The learning-rate schedule is not valid: \(problem)."
        case let .invalidSurface(problem, column, text):
            guard let column else { return "\(problem)." }
            // The problem may end in a list after ';': the place goes before it.
            if let split = problem.range(of: "; ") {
                return "\(problem[..<split.lowerBound]) at column \(column) in \"\(text)\"; \(problem[split.upperBound...])."
            }
            return "\(problem) at column \(column) in \"\(text)\"."
        case .optimizerNeedsSamples(let name):
            return "The \(name) optimizer draws samples, and a surface has none: use gd, momentum or adam, which follow the exact gradient."
        case let .surfaceStartNotFinite(x, y):
            return "The surface's value or gradient at the start x = \(Self.format(x)), y = \(Self.format(y)) is not a finite number "
                + "(outside the formula's domain or too large); choose another start."
        case .singularSystem(let model, let count):
            return "The \(model) model has no unique least-squares solution for these \(count) data points (too few distinct x values for its parameters); use a lower degree or more varied data."
        }
    }

    /// Formats a number without a trailing `.0` for whole values (58 rather than 58.0).
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// `true` for spellings of NaN and infinity that spreadsheets and numpy write.
    static func isNonFiniteSpelling(_ text: String) -> Bool {
        let lowered = text.lowercased()
        let unsigned = lowered.hasPrefix("+") || lowered.hasPrefix("-") ? String(lowered.dropFirst()) : lowered
        return ["nan", "inf", "infinity", "#num!", "#div/0!"].contains(unsigned)
    }

    /// At most this many header columns are listed in a message.
    static let columnsShown = 20

    /// `true` for one comma between 1 to 3 digits and exactly 3 digits (`1,000`, `-12,500`): a
    /// thousands separator or a decimal comma, no way to tell.
    static func isThousandsGroup(_ text: String) -> Bool {
        let unsigned = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ",", omittingEmptySubsequences: false)
        return parts.count == 2 && (1...3).contains(parts[0].count) && parts[1].count == 3
            && parts.allSatisfy { $0.allSatisfy(\.isASCIIDigit) }
    }

    /// `text` without its thousands separators when it can only be a number written with them
    /// (`1,000,000`, `1,234.5`; with decimal commas `1.000.000`, `1.234,5`), else nil.
    static func withoutThousandsSeparators(_ text: String, decimalComma: Bool) -> String? {
        let separator: Character = decimalComma ? "." : ","
        let point: Character = decimalComma ? "," : "."
        let sign = text.first == "-" || text.first == "+" ? String(text.prefix(1)) : ""
        let unsigned = text.dropFirst(sign.count)
        let halves = unsigned.split(separator: point, maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = halves.first else { return nil }
        let groups = whole.split(separator: separator, omittingEmptySubsequences: false)
        let fraction = halves.count == 2 ? halves[1] : nil
        // Two separators, or one together with a decimal separator after the groups.
        guard groups.count >= 3 || (groups.count == 2 && fraction != nil) else { return nil }
        guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              fraction.map({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) ?? true else { return nil }
        return sign + groups.joined() + (fraction.map { "\(point)\($0)" } ?? "")
    }

    /// `true` when `text` reads as a number after replacing its one comma with a dot (`"1,5"`).
    static func isDecimalCommaNumber(_ text: String) -> Bool {
        guard text.filter({ $0 == "," }).count == 1 else { return false }
        return NumberParsing.parseDecimal(text.replacingOccurrences(of: ",", with: ".")) != nil
    }
}

private extension Character {
    /// `true` for 0 to 9.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
