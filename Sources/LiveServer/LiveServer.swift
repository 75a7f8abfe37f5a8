import Foundation
import Hummingbird
import Logging

/// `descent live`'s web server: Hummingbird on one address, serving the page and handing every
/// `/api/…` request to a ``LiveResponder`` through a bounded worker pool.
///
/// The server itself decides only what needs no model: the method (GET and HEAD only, else 405),
/// the request line's size (``LiveLimits``), the query's syntax (every key once, percent-decoded,
/// none unknown to the endpoint) and the page's bytes. Everything computed comes from the responder.
public struct LiveServer: Sendable {
    public let host: String
    public let port: Int
    public let responder: any LiveResponder

    public init(host: String, port: Int, responder: any LiveResponder) {
        self.host = host
        self.port = port
        self.responder = responder
    }

    /// Runs until the task is cancelled; `onReady` gets the URL once the socket listens (with the
    /// port the system chose for port 0).
    /// - Throws: NIO's error when the address cannot be bound (a port in use).
    public func run(onReady: @escaping @Sendable (String) -> Void) async throws {
        let pool = WorkerPool(width: max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4)))
        let handler = LiveHandler(responder: responder, pool: pool)
        var logger = Logger(label: "descent-live")
        logger.logLevel = .critical
        let host = self.host
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in
                await handler.respond(request)
            },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil, backlog: 1024),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                onReady("http://\(shown):\(port)/")
            },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [])
    }
}

/// Routes one request: the page, the API through the pool, or an error.
struct LiveHandler: Sendable {
    let responder: any LiveResponder
    let pool: WorkerPool

    func respond(_ request: Request) async -> Response {
        let reply: LiveResponse
        if request.method != .get && request.method != .head {
            reply = .error(405, "only GET is served here (got \(request.method.rawValue)); the API reads its settings from the query string.")
        } else {
            reply = await route(path: request.uri.path, query: request.uri.query)
        }
        var headers: HTTPFields = [.contentType: reply.contentType, .cacheControl: "no-store"]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        if reply.status == 405 { headers[.allow] = "GET, HEAD" }
        if let name = reply.filename { headers[.contentDisposition] = "inline; filename=\"\(name)\"" }
        let body = request.method == .head ? ByteBuffer() : ByteBuffer(bytes: reply.body)
        return Response(status: .init(code: reply.status), headers: headers, body: .init(byteBuffer: body))
    }

    func route(path: String, query: String?) async -> LiveResponse {
        let raw = query ?? ""
        guard path.utf8.count + raw.utf8.count <= LiveLimits.maximumRequestLength else {
            return .error(414, "the request is longer than \(LiveLimits.maximumRequestLength) characters; send only the settings that differ from the defaults.")
        }
        if path == "/" || path == "/index.html" {
            return LiveResponse(status: 200, contentType: "text/html; charset=utf-8", body: Array(LivePage.html.utf8))
        }
        guard path.hasPrefix("/api/") else {
            return .error(404, "no page at \(LiveResponse.quoted(path)); the explorer is at / and the API under /api/ (run, view, start, figure/KIND.png|svg|pdf, yaml).")
        }
        let parameters: [String: String]
        do {
            parameters = try LiveQuery.parse(raw)
        } catch let error as LiveQuery.Failure {
            return .error(400, error.message)
        } catch {
            return .error(400, "\(error)")
        }
        let endpoint = String(path.dropFirst("/api/".count))
        do {
            return try await pool.run { try await responder.respond(endpoint: endpoint, parameters: parameters) }
        } catch is WorkerPool.Busy {
            return .error(503, "the server has \(WorkerPool.maximumWaiting) requests waiting; try again in a moment.")
        } catch {
            return .error(500, "internal error: \(error)")
        }
    }
}
