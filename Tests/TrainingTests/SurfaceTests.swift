import Foundation
import Testing
import Training

/// Surfaces: the formula language (precedence, errors with their columns), exact derivatives by
/// automatic differentiation, grids, and descent on a surface.
@Suite("Surfaces")
struct SurfaceTests {
    static func message(_ text: String) -> String {
        do {
            _ = try Surface(text)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test("precedence and associativity: ^ binds tighter than unary minus and is right-associative; * / before + −")
    func precedence() throws {
        let (x, y) = (1.7, -0.6)
        let cases: [(String, Double)] = [
            ("-x^2", -(x * x)),
            ("2^3^2", pow(2, 9)),
            ("x^-2", pow(x, -2)),
            ("1 - 2 - 3", -4),
            ("8 / 4 / 2", 1),
            ("2 + 3 * x", 2 + 3 * x),
            ("(2 + 3) * x", 5 * x),
            ("-(x + y) * 2", -(x + y) * 2),
            ("--x", x),
            ("2*-y", -2 * y),
            ("1e-3 + .5 + 2.5E+1", 1e-3 + 0.5 + 25),
            ("sin(x)*cos(2*y) + tan(0.3) + exp(y) + log(x) + sqrt(x) + abs(y) + tanh(x)",
             sin(x) * cos(2 * y) + tan(0.3) + exp(y) + log(x) + x.squareRoot() + abs(y) + tanh(x)),
            ("pi * e", Double.pi * M_E),
        ]
        for (text, expected) in cases {
            let value = try Surface(text).value(x: x, y: y)
            #expect(isClose(value, expected, tolerance: 1e-14), "\(text): \(value) vs \(expected)")
        }
        // A known name wins over parsing; names are case-insensitive.
        #expect(try Surface(" Rosenbrock ").named == .rosenbrock)
        #expect(try Surface("styblinski-tang").named == .styblinskiTang)
    }

    @Test("every syntax error names its problem and its 1-based column")
    func syntaxErrors() {
        let cases: [(text: String, column: Int?, words: String)] = [
            ("(x + y * 2", 11, "expected ')' to close the '(' at column 1"),
            ("", nil, "empty"),
            ("   ", nil, "empty"),
            ("rosenbrok", 1, "unknown surface or variable 'rosenbrok'"),
            ("x + foo(y)", 5, "unknown function 'foo'"),
            ("x y", 3, "unexpected 'y' after a complete expression"),
            ("x + 1.2.3", 5, "malformed number '1.2.3'"),
            ("2e + x", 1, "malformed number '2e'"),
            ("3x", 1, "malformed number '3x'"),
            ("x + ", 5, "at the end of the formula"),
            ("x * * y", 5, "before '*'"),
            ("x + $", 5, "unexpected character '$'"),
            ("sin x", 1, "needs its argument in parentheses"),
            ("x)", 2, "unmatched ')'"),
            (String(repeating: "(", count: 250) + "x" + String(repeating: ")", count: 250), 201, "more than 200 deep"),
        ]
        for (text, column, words) in cases {
            let message = Self.message(text)
            #expect(message.contains(words), "\(text): \(message)")
            if let column {
                #expect(message.contains("at column \(column) in \"\(text)\""), "\(text): \(message)")
            } else {
                #expect(!message.contains("column"), "\(text): \(message)")
            }
            #expect(!message.contains("\n"))
        }
        #expect(Self.message("rosenbrok").contains("surfaces: rosenbrock, beale, himmelblau, saddle, rastrigin, styblinski-tang"))
    }

    /// Closed-form gradient and Hessian of each named surface, written out here.
    static func closedForm(_ surface: NamedSurface, _ x: Double, _ y: Double) -> (f: Double, g: [Double], h: [Double]) {
        switch surface {
        case .rosenbrock:
            return ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
                    [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
                    [2 - 400 * (y - x * x) + 800 * x * x, -400 * x, 200])
        case .beale:
            let a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y
            let ax = y - 1, bx = y * y - 1, cx = y * y * y - 1
            let ay = x, by = 2 * x * y, cy = 3 * x * y * y
            let f = a * a + b * b + c * c
            let gx = 2 * (a * ax + b * bx + c * cx), gy = 2 * (a * ay + b * by + c * cy)
            let hxx = 2 * (ax * ax + bx * bx + cx * cx)
            let hxy = 2 * (ax * ay + a * 1 + bx * by + b * 2 * y + cx * cy + c * 3 * y * y)
            let hyy = 2 * (ay * ay + by * by + b * 2 * x + cy * cy + c * 6 * x * y)
            return (f, [gx, gy], [hxx, hxy, hyy])
        case .himmelblau:
            let a = x * x + y - 11, b = x + y * y - 7
            return (a * a + b * b, [4 * x * a + 2 * b, 2 * a + 4 * y * b],
                    [12 * x * x + 4 * y - 42, 4 * x + 4 * y, 4 * x + 12 * y * y - 26])
        case .saddle:
            return (x * x - y * y, [2 * x, -2 * y], [2, 0, -2])
        case .rastrigin:
            let w = 2 * Double.pi
            return (20 + x * x - 10 * cos(w * x) + y * y - 10 * cos(w * y),
                    [2 * x + 10 * w * sin(w * x), 2 * y + 10 * w * sin(w * y)],
                    [2 + 10 * w * w * cos(w * x), 0, 2 + 10 * w * w * cos(w * y)])
        case .styblinskiTang:
            return (0.5 * (pow(x, 4) - 16 * x * x + 5 * x + pow(y, 4) - 16 * y * y + 5 * y),
                    [2 * pow(x, 3) - 16 * x + 2.5, 2 * pow(y, 3) - 16 * y + 2.5],
                    [6 * x * x - 16, 0, 6 * y * y - 16])
        }
    }

    /// Central differences of `f` (gradient from values, Hessian from the AD gradient).
    static func finiteDifferences(_ surface: Surface, _ x: Double, _ y: Double) -> (g: [Double], h: [Double]) {
        let step = 1e-5
        let gx = (surface.value(x: x + step, y: y) - surface.value(x: x - step, y: y)) / (2 * step)
        let gy = (surface.value(x: x, y: y + step) - surface.value(x: x, y: y - step)) / (2 * step)
        let px = surface.dual(x: x + step, y: y), mx = surface.dual(x: x - step, y: y)
        let py = surface.dual(x: x, y: y + step), my = surface.dual(x: x, y: y - step)
        return ([gx, gy], [(px.gx - mx.gx) / (2 * step), (py.gx - my.gx) / (2 * step), (py.gy - my.gy) / (2 * step)])
    }

    @Test("AD gradient and Hessian match the closed forms and central differences on every named surface and random formulas")
    func derivatives() throws {
        var generator = SeededGenerator(seed: 16)
        for named in NamedSurface.allCases {
            let surface = Surface(named)
            #expect(!surface.value(x: 0.3, y: 0.2).isNaN, "\(named) formula parses")
            for _ in 0..<20 {
                let x = Double.random(in: named.xRange, using: &generator) * 0.8
                let y = Double.random(in: named.yRange, using: &generator) * 0.8
                let dual = surface.dual(x: x, y: y)
                let exact = Self.closedForm(named, x, y)
                #expect(dual.value == surface.value(x: x, y: y))
                #expect(isClose(dual.value, exact.f, tolerance: 1e-12), "\(named) f")
                #expect(isClose([dual.gx, dual.gy], exact.g, tolerance: 1e-11), "\(named) ∇f at \(x), \(y)")
                #expect(isClose([dual.hxx, dual.hxy, dual.hyy], exact.h, tolerance: 1e-11), "\(named) ∇²f at \(x), \(y)")
                let numeric = Self.finiteDifferences(surface, x, y)
                #expect(isClose([dual.gx, dual.gy], numeric.g, tolerance: 1e-5), "\(named) ∇f vs differences")
                #expect(isClose([dual.hxx, dual.hxy, dual.hyy], numeric.h, tolerance: 1e-5), "\(named) ∇²f vs differences")
            }
        }
        // Formulas using every operation, including a power with a varying exponent and a quotient.
        let formulas = ["x^2 + 10*y^2 + sin(3*x)*cos(2*y)", "exp(-x^2 - y^2) / (1 + x^2)", "sqrt(x^2 + y^2 + 1) * tanh(x - y)",
                        "log(2 + x*y)^3 - abs(x)^1.5 * tan(y/3)", "(1 + x^2)^(y/2)", "x/y^2 - y/(1 + x^2)"]
        for formula in formulas {
            let surface = try Surface(formula)
            for _ in 0..<10 {
                let x = Double.random(in: 0.2...1.2, using: &generator), y = Double.random(in: 0.5...1.5, using: &generator)
                let dual = surface.dual(x: x, y: y)
                let numeric = Self.finiteDifferences(surface, x, y)
                #expect(dual.value == surface.value(x: x, y: y))
                #expect(isClose([dual.gx, dual.gy], numeric.g, tolerance: 1e-6), "\(formula) ∇f at \(x), \(y)")
                #expect(isClose([dual.hxx, dual.hxy, dual.hyy], numeric.h, tolerance: 1e-6), "\(formula) ∇²f at \(x), \(y)")
            }
        }
    }

    @Test("grid values equal the point-by-point formula bit for bit on any number of threads, NaN where it is undefined")
    func grid() throws {
        let xs = Surface.samples(-2...2, count: 37), ys = Surface.samples(-1...3, count: 29)
        let rosenbrock = Surface(.rosenbrock)
        let values = rosenbrock.grid(xs: xs, ys: ys, threads: 1)
        #expect(rosenbrock.grid(xs: xs, ys: ys, threads: 3) == values)
        for (row, y) in ys.enumerated() {
            for (column, x) in xs.enumerated() {
                let direct = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
                #expect(isRelativelyClose(values[row * xs.count + column], direct, tolerance: 1e-12) || direct == 0)
                #expect(values[row * xs.count + column] == rosenbrock.value(x: x, y: y))
            }
        }
        let logarithm = try Surface("log(x) + y")
        let logValues = logarithm.grid(xs: xs, ys: ys)
        #expect(logValues[0].isNaN)  // log(−2)
        #expect(logValues[xs.count - 1] == log(2) + -1)
    }

    @Test("descent on a surface follows gd, momentum and adam written out here, with schedules; divergence stops before a non-finite record")
    func descent() throws {
        let surface = Surface(.rosenbrock)
        func gradient(_ x: Double, _ y: Double) -> (Double, Double) {
            (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x))
        }
        let optimizers: [Optimizer] = [.gd, .defaultMomentum, .defaultAdam]
        for optimizer in optimizers {
            for schedule in [LearningRateSchedule.constant, .cosine] {
                let run = SurfaceRun(surface: surface, optimizer: optimizer, learningRate: 0.001, epochs: 300, schedule: schedule,
                                     startX: -1.5, startY: 2)
                let history = try run.run()
                #expect(history.records.count == 301)
                var (x, y) = (-1.5, 2.0)
                var (m, v) = ((0.0, 0.0), (0.0, 0.0))
                for epoch in 1...300 {
                    let rate = schedule == .constant ? 0.001 : 0.001 * 0.5 * (1 + cos(Double.pi * Double(epoch - 1) / 300))
                    let (gx, gy) = gradient(x, y)
                    switch optimizer {
                    case .gd:
                        x -= rate * gx; y -= rate * gy
                    case .momentum:
                        m = (0.9 * m.0 + gx, 0.9 * m.1 + gy)
                        x -= rate * m.0; y -= rate * m.1
                    default:
                        m = (0.9 * m.0 + 0.1 * gx, 0.9 * m.1 + 0.1 * gy)
                        v = (0.999 * v.0 + 0.001 * gx * gx, 0.999 * v.1 + 0.001 * gy * gy)
                        let c1 = 1 - pow(0.9, Double(epoch)), c2 = 1 - pow(0.999, Double(epoch))
                        x -= rate * (m.0 / c1) / ((v.0 / c2).squareRoot() + 1e-8)
                        y -= rate * (m.1 / c1) / ((v.1 / c2).squareRoot() + 1e-8)
                    }
                    let record = history.records[epoch]
                    #expect(isClose(record.x, x, tolerance: 1e-10) && isClose(record.y, y, tolerance: 1e-10),
                            "\(optimizer.name) \(schedule.name) epoch \(epoch)")
                    if !(isClose(record.x, x, tolerance: 1e-10)) { break }
                }
                let final = history.final
                let (gx, gy) = gradient(final.x, final.y)
                #expect(isClose(final.gradientNorm, (gx * gx + gy * gy).squareRoot(), tolerance: 1e-10))
            }
        }
        // A step far too large diverges; every record is finite.
        let diverging = try SurfaceRun(surface: surface, optimizer: .gd, learningRate: 0.5, epochs: 100, startX: -1.5, startY: 2).run()
        #expect(diverging.diverged)
        #expect(diverging.records.allSatisfy { $0.x.isFinite && $0.y.isFinite && $0.loss.isFinite && $0.gradientNorm.isFinite })
        #expect(diverging.csv().hasPrefix("epoch,x,y,loss,grad_norm\n0,-1.5,2.0,"))
    }

    @Test("sgd and minibatch, and a start outside the formula's domain, are refused")
    func refusals() throws {
        let surface = Surface(.beale)
        for optimizer in [Optimizer.sgd, .minibatch(batchSize: 4)] {
            #expect(throws: TrainingError.optimizerNeedsSamples(optimizer.name)) {
                try SurfaceRun(surface: surface, optimizer: optimizer, learningRate: 0.01, epochs: 5, startX: 0, startY: 0).run()
            }
        }
        #expect(throws: TrainingError.surfaceStartNotFinite(x: -1, y: 0)) {
            try SurfaceRun(surface: try Surface("log(x) + y"), learningRate: 0.01, epochs: 5, startX: -1, startY: 0).run()
        }
    }
}
