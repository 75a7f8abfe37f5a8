import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LiveServer
import Testing
@testable import descent

/// `descent live`'s API: its histories are `descent train --history`'s, character for character;
/// a bad request is a 400 naming the parameter; the server answers over HTTP and stops on SIGTERM.
@Suite("descent live")
struct LiveAPITests {
    /// Configurations across models, optimizers, schedules and starts, as query parameters.
    static let configurations: [[String: String]] = [
        ["epochs": "25"],
        ["model": "cubic", "optimizer": "adam", "lr": "0.03", "epochs": "40", "init": "-0.5,0.2,0.1,1"],
        ["optimizer": "minibatch", "batch": "3", "lr": "0.05", "epochs": "30", "schedule": "step", "seed": "7"],
        ["optimizer": "momentum", "beta": "0.5", "lr": "0.02", "epochs": "20", "init": "-1.5,2", "schedule": "cosine"],
        ["degree": "2", "optimizer": "gd", "lr": "0.2", "epochs": "50", "no-shuffle": "true", "schedule": "warmup"],
        ["optimizer": "gd", "lr": "1.2", "epochs": "40"],  // past the stable limit: diverges
        ["model": "mlp", "hidden": "3", "optimizer": "adam", "lr": "0.02", "epochs": "15", "seed": "5"],
        // Surfaces: the rows of descent train --surface --history (epoch, x, y, loss, grad_norm).
        ["surface": "rosenbrock", "init": "-1.5,2", "epochs": "300"],
        ["surface": "x^2 + 10*y^2 + sin(3*x)*cos(2*y)", "optimizer": "momentum", "beta": "0.7", "lr": "0.01", "epochs": "60",
         "schedule": "exponential", "schedule-gamma": "0.97"],
        ["surface": "himmelblau", "optimizer": "adam", "lr": "0.1", "epochs": "50", "schedule": "warmup", "init": "0.5,-3"],
        ["surface": "saddle", "lr": "0.9", "epochs": "40"],  // runs away along the saddle's falling direction
    ]

    private func respond(_ endpoint: String, _ parameters: [String: String]) async throws -> (status: Int, body: String) {
        let response = try await LiveAPI().respond(endpoint: endpoint, parameters: parameters)
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test("/api/run gives descent train --history's rows: the same keys, the same numbers as text and bit for bit")
    func runMatchesTrainHistory() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for parameters in Self.configurations {
            let csv = folder.appendingPathComponent("h.csv")
            var arguments = ["train", "--history", csv.path]
            for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
                let option = key == "batch" ? "batch-size" : key
                arguments += value == "true" ? ["--\(option)"] : ["--\(option)=\(value)"]
            }
            let outcome = try ToolRunner.run(arguments)
            #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
            let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }

            let (status, body) = try await respond("run", parameters)
            #expect(status == 200, "\(parameters): \(body)")
            // The text: one object per epoch, its numbers written exactly as the CSV writes them.
            let objects = body.split(separator: "\n").filter { $0.hasPrefix("{\"epoch\"") }
                .map { $0.hasSuffix(",") ? String($0.dropLast()) : String($0) }
            let expected = rows.map { row in "{" + zip(header, row).map { "\"\($0)\":\($1)" }.joined(separator: ",") + "}" }
            #expect(objects == expected, "\(parameters)")
            // The values: decoded as JSON, equal bit for bit to the CSV's numbers read back.
            let history = try JSONDecoder().decode([String: [[String: Double]]].self, from: Data(body.utf8))["history"] ?? []
            #expect(history.count == rows.count && rows.count > 1, "\(parameters)")
            for (object, row) in zip(history, rows) {
                #expect(Set(object.keys) == Set(header))
                for (key, text) in zip(header, row) {
                    #expect(object[key]?.bitPattern == Double(text)?.bitPattern, "\(parameters) \(key) \(text)")
                }
            }
        }
    }

    @Test("a bad, missing, unknown or too large value is a 400 whose JSON error names the parameter")
    func badValuesAreRefusedByName() async throws {
        let cases: [(endpoint: String, parameters: [String: String], names: String)] = [
            ("run", ["lr": "abc"], "lr"),
            ("run", ["lr": "-1"], "lr"),
            ("run", ["lr": ""], "lr"),
            ("run", ["epochs": "0"], "epochs"),
            ("run", ["epochs": "999999"], "epochs"),
            ("run", ["init": "1,2,3"], "init"),
            ("run", ["optimizer": "nesterov"], "optimizer"),
            ("run", ["batch": "0"], "batch"),
            ("run", ["beta": "0.5"], "beta"),
            ("run", ["optimizer": "momentum", "beta": "1"], "beta"),
            ("run", ["degree": "12"], "degree"),
            ("run", ["no-shuffle": "maybe"], "no-shuffle"),
            ("run", ["data": "/etc/passwd"], "data"),
            ("run", ["history": "h.csv"], "history"),
            ("view", ["size": "9999x9999"], "size"),
            ("view", ["params": "w,q"], "q"),
            ("start", ["x": "10"], "y"),
            ("start", ["x": "nan", "y": "1"], "x"),
            ("figure/landscape.png", ["grid": "5000"], "grid"),
            ("figure/landscape.gif", [:], "png"),
            ("figure/nonsense.png", [:], "nonsense"),
            ("figure/fit.png", ["out": "x.png"], "out"),
            ("yaml", ["degree": "5"], "degree"),
            ("run", ["schedule": "linear"], "schedule"),
            ("run", ["schedule-gamma": "0.5"], "schedule-gamma"),
            ("run", ["model": "mlp", "hidden": "0"], "hidden"),
            ("run", ["hidden": "4"], "hidden"),
            ("view", ["model": "mlp"], "model"),
            ("yaml", ["model": "mlp"], "model"),
            // Surfaces: a malformed formula names its column, as descent train --surface does.
            ("run", ["surface": "x^2 +* y"], "surface: expected a number, x, y, a function or '(' before '*' at column 6"),
            ("view", ["surface": "sin(x"], "column"),
            ("run", ["surface": "rosenbrok"], "surface"),
            ("run", ["surface": "saddle", "optimizer": "sgd"], "optimizer"),
            ("run", ["surface": "beale", "init": "1"], "init"),
            ("run", ["surface": "beale", "seed": "1"], "seed"),
            ("run", ["surface": "beale", "epochs": "5001"], "epochs"),
            ("run", ["model": "mlp", "hidden": "64", "epochs": "1555"], "epochs"),
            ("run", ["epochs": "1e3"], "epochs"),
            ("figure/landscape.png", ["model": "mlp", "hidden": "64", "grid": "322"], "grid"),
            ("figure/fit.png", ["surface": "himmelblau"], "surface"),
            ("start", ["surface": "beale", "x": "1", "y": "1"], "x, y"),
            ("figure/fit.png", ["surface": "beale"], "surface"),
            ("figure/landscape.png", ["surface": "beale", "range-x": "1:1"], "x"),
            ("yaml", ["surface": "beale"], "surface"),
        ]
        for (endpoint, parameters, name) in cases {
            let (status, body) = try await respond(endpoint, parameters)
            #expect(status == 400, "\(endpoint) \(parameters): \(body)")
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
            let message = try #require(json?["error"], "\(endpoint) \(parameters): \(body)")
            #expect(message.contains(name), "\(endpoint) \(parameters): \(message)")
            #expect(!message.contains("--"), "\(endpoint) \(parameters): \(message)")
        }
    }

    @Test("a clicked landscape pixel becomes the start whose path begins at that pixel")
    func clickedStartRoundTrips() async throws {
        for parameters in [["init": "0.5,-0.3"], ["model": "cubic", "lr": "0.02", "init": "-0.8,0,0.4,1"],
                           ["surface": "rosenbrock", "init": "-1.5,2"]] {
            let view = try await viewJSON(parameters)
            let first = try #require(((view["frames"] as? [String: Any])?["path"] as? [String])?.first)
            let pixel = first.split(separator: ",").map(String.init)
            var query = parameters
            query["x"] = pixel[0]
            query["y"] = pixel[1]
            let (status, body) = try await respond("start", query)
            #expect(status == 200, "\(body)")
            let start = try #require((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])?["init"])
            let given = try #require(parameters["init"]).split(separator: ",").compactMap { Double($0) }
            let back = start.split(separator: ",").compactMap { Double($0) }
            #expect(back.count == given.count)
            for (a, b) in zip(given, back) { #expect(abs(a - b) < 0.01, "\(given) → \(pixel) → \(back)") }
            // And the view of that start begins at the clicked pixel.
            var again = parameters
            again["init"] = start
            let path = try #require(((try await viewJSON(again))["frames"] as? [String: Any])?["path"] as? [String])
            let here = path[0].split(separator: ",").compactMap { Double($0) }
            #expect(abs(here[0] - (Double(pixel[0]) ?? .nan)) <= 0.2 && abs(here[1] - (Double(pixel[1]) ?? .nan)) <= 0.2, "\(pixel) → \(path[0])")
        }
    }

    private func viewJSON(_ parameters: [String: String]) async throws -> [String: Any] {
        let (status, body) = try await respond("view", parameters)
        #expect(status == 200, "\(body)")
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test("descent live serves the page, the API and figures over HTTP, refuses other methods, and stops on SIGTERM with 143")
    func serverAnswersOverHTTP() async throws {
        let process = Process()
        process.executableURL = ToolRunner.executable
        process.arguments = ["live", "--port", "0"]
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The first line names the URL with the port the system chose.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let printed = String(decoding: line, as: UTF8.self)
        let address = try #require(printed.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init), "\(printed)")

        func get(_ path: String, method: String = "GET") async throws -> (Int, String, Data) {
            var request = URLRequest(url: try #require(URL(string: address + path)))
            request.httpMethod = method
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", data)
        }
        let page = try await get("")
        #expect(page.0 == 200 && page.1.hasPrefix("text/html"))
        #expect(String(decoding: page.2, as: UTF8.self).contains("id=\"overlay\""))
        let run = try await get("api/run?epochs=2&lr=0.01")
        #expect(run.0 == 200 && run.1.hasPrefix("application/json"))
        let png = try await get("api/figure/fit.png?size=320x200")
        #expect(png.0 == 200 && png.1 == "image/png" && png.2.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let surface = try await get("api/figure/landscape.png?surface=himmelblau&size=320x200&grid=60")
        #expect(surface.0 == 200 && surface.1 == "image/png")
        let svg = try await get("api/figure/loss.svg?size=320x200&lang=fi")
        #expect(svg.0 == 200 && svg.1 == "image/svg+xml" && String(decoding: svg.2, as: UTF8.self).contains("<svg"))
        #expect(try await get("api/run", method: "POST").0 == 405)
        #expect(try await get("api/run?lr=1&lr=2").0 == 400)
        #expect(try await get("api/run?seed=" + String(repeating: "1", count: 3000)).0 == 414)
        #expect(try await get("elsewhere").0 == 404)

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let stopped = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stopped == "descent live stopped by SIGTERM.\n")
    }
}
