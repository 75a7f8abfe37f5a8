import Foundation

/// Computes the API's answers; `descent live` gives the server one that parses the query with
/// `descent`'s own options and draws with its figures.
public protocol LiveResponder: Sendable {
    /// The answer for `/api/ENDPOINT` with decoded, once-each query `parameters`. A bad request
    /// is an answer (400 with ``LiveResponse/error(_:_:)``), not a throw; a throw is a 500.
    func respond(endpoint: String, parameters: [String: String]) async throws -> LiveResponse
}

/// One HTTP answer: status, content type and bytes.
public struct LiveResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// The name a browser saves the body under (exports).
    public var filename: String?

    public init(status: Int, contentType: String, body: [UInt8], filename: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.filename = filename
    }

    /// JSON `{"error": message}` with `status`.
    public static func error(_ status: Int, _ message: String) -> LiveResponse {
        LiveResponse(status: status, contentType: "application/json; charset=utf-8",
                     body: Array("{\"error\":\(jsonString(message))}\n".utf8))
    }

    /// JSON text with content type `application/json`.
    public static func json(_ text: String) -> LiveResponse {
        LiveResponse(status: 200, contentType: "application/json; charset=utf-8", body: Array(text.utf8))
    }

    /// `text` as a JSON string literal.
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // never closes a script element
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// `text` in single quotes, cut to 60 characters with its control characters escaped.
    public static func quoted(_ text: String) -> String {
        let cut = text.count > 60 ? String(text.prefix(57)) + "…" : text
        return "'" + cut.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? String(format: "\\u{%X}", $0.value) : String($0) }.joined() + "'"
    }
}

/// What one request may ask for, so none takes more than about a second or a few MB.
public enum LiveLimits {
    /// Characters in the path and query together.
    public static let maximumRequestLength = 2048
    /// Epochs of one run.
    public static let maximumEpochs = 5000
    /// Updates of one run (epochs × updates per epoch).
    public static let maximumUpdates = 100_000
    /// Updates × parameters of a network's run (64 hidden units: 1,554 epochs; 8: all 5,000).
    public static let maximumParameterUpdates = 3_000_000
    /// Grid points per side of a landscape.
    public static let maximumGrid = 600
    /// Grid points × parameters of a network's landscape (64 hidden units: a 321 grid; 8: 600).
    public static let maximumNetworkGridWork = 20_000_000
    /// The largest figure: 3840×2160 pixels.
    public static let maximumWidth = 3840
    public static let maximumHeight = 2160
}

/// The query string as a dictionary: `&`-separated `key=value` pairs, `+` a space, `%XX` a byte.
public enum LiveQuery {
    public struct Failure: Error {
        public let message: String
    }

    /// - Throws: ``Failure`` for a key given twice, an empty key or bad percent-encoding.
    public static func parse(_ query: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw Failure(message: "the query has bad percent-encoding in \(LiveResponse.quoted(String(pair))); encode values with encodeURIComponent.")
            }
            guard !key.isEmpty else { throw Failure(message: "the query has a value without a name (\(LiveResponse.quoted(String(pair)))); write name=value.") }
            guard result[key] == nil else {
                throw Failure(message: "\(key) is given twice; give each setting once.")
            }
            result[key] = value
        }
        return result
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
