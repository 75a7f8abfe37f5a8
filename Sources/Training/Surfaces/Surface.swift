import Foundation

/// The named test surfaces of optimization, each a function of two parameters `x, y`.
///
/// Definitions (each the standard 2-D form):
/// - `rosenbrock`: Rosenbrock (1960), `f = (1 − x)² + 100(y − x²)²`; minimum `f(1, 1) = 0` at the
///   end of a long curved valley.
/// - `beale`: Beale (1958), `f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²`; minimum
///   `f(3, 0.5) = 0`.
/// - `himmelblau`: Himmelblau (1972), `f = (x² + y − 11)² + (x + y² − 7)²`; four minima of value 0.
/// - `saddle`: `f = x² − y²`, the simplest saddle: a stationary point at the origin that is not a
///   minimum (the function has none; descent leaves along `y`).
/// - `rastrigin`: Rastrigin, 2-D with `A = 10`: `f = 2A + Σ(xᵢ² − A·cos(2πxᵢ))`; global minimum
///   `f(0, 0) = 0` among a lattice of local minima.
/// - `styblinski-tang`: Styblinski & Tang (1990), `f = ½Σ(xᵢ⁴ − 16xᵢ² + 5xᵢ)`; four minima at
///   `xᵢ ∈ {−2.9035…, 2.7468…}`, the global one `f(−2.9035…, −2.9035…) ≈ −78.332`.
public enum NamedSurface: String, Sendable, CaseIterable, Hashable {
    case rosenbrock, beale, himmelblau, saddle, rastrigin
    case styblinskiTang = "styblinski-tang"

    /// The formula in the surface language (what the surface computes, through the same compiler
    /// as a user's own formula).
    public var formula: String {
        switch self {
        case .rosenbrock: return "(1 - x)^2 + 100*(y - x^2)^2"
        case .beale: return "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2"
        case .himmelblau: return "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
        case .saddle: return "x^2 - y^2"
        case .rastrigin: return "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)"
        case .styblinskiTang: return "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)"
        }
    }

    /// The default plotting window `x` range.
    public var xRange: ClosedRange<Double> {
        switch self {
        case .rosenbrock: return -2...2
        case .beale: return -4.5...4.5
        case .himmelblau: return -5...5
        case .saddle: return -2...2
        case .rastrigin: return -5.12...5.12
        case .styblinskiTang: return -5...5
        }
    }

    /// The default plotting window `y` range.
    public var yRange: ClosedRange<Double> {
        switch self {
        case .rosenbrock: return -1...3
        default: return xRange
        }
    }

    /// The default start of a descent.
    public var start: (x: Double, y: Double) {
        switch self {
        case .rosenbrock: return (-1.2, 1)
        case .beale: return (1, 1.5)
        case .himmelblau: return (0, 0)
        case .saddle: return (1.5, 0.05)
        case .rastrigin: return (2.3, 1.7)
        case .styblinskiTang: return (0.5, 4)
        }
    }

    /// The default learning rate of a descent from ``start`` (`gd` converges or makes visible
    /// progress with it).
    public var learningRate: Double {
        switch self {
        case .rosenbrock: return 0.001
        case .beale: return 0.01
        case .himmelblau: return 0.01
        case .saddle: return 0.1
        case .rastrigin: return 0.002
        case .styblinskiTang: return 0.01
        }
    }

    /// The default number of epochs.
    public var epochs: Int {
        switch self {
        case .rosenbrock: return 2000
        case .saddle: return 20
        default: return 200
        }
    }

    /// The known minima (global first), to full double precision; none for the saddle.
    public var minima: [(x: Double, y: Double)] {
        switch self {
        case .rosenbrock: return [(1, 1)]
        case .beale: return [(3, 0.5)]
        case .himmelblau:
            return [(3, 2), (-2.805118086952745, 3.131312518250573), (-3.779310253377747, -3.283185991286169),
                    (3.5844283403304917, -1.8481265269644034)]
        case .saddle: return []
        case .rastrigin: return [(0, 0)]
        case .styblinskiTang:
            let low = -2.903534027771177, high = 2.746802770990837
            return [(low, low), (low, high), (high, low), (high, high)]
        }
    }

    /// Stationary points that are not minima (the saddle's origin).
    public var saddlePoints: [(x: Double, y: Double)] {
        self == .saddle ? [(0, 0)] : []
    }
}

/// A loss surface over two parameters `x, y`: a named test surface or the user's own formula,
/// compiled once (``SurfaceProgram``).
///
/// Equal surfaces have equal ``definition``s (the name, or the formula as typed).
public struct Surface: Sendable, Hashable {
    /// The named surface, or nil for a formula.
    public let named: NamedSurface?
    /// The formula as typed (for a named surface, its ``NamedSurface/formula``).
    public let formula: String
    /// The compiled formula.
    public let program: SurfaceProgram

    /// The surface `text` names or writes: a known name (case-insensitive, spaces around it
    /// ignored) wins; anything else is parsed as a formula in `x` and `y`.
    ///
    /// - Throws: ``TrainingError/invalidSurface(problem:column:text:)`` naming the column.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let named = NamedSurface(rawValue: trimmed.lowercased()) {
            self.init(named)
        } else {
            self.init(named: nil, formula: text, program: SurfaceProgram(try SurfaceParser.parse(text)))
        }
    }

    /// The named surface.
    public init(_ named: NamedSurface) {
        // The built-in formulas parse (a test checks every one).
        self.init(named: named, formula: named.formula,
                  program: SurfaceProgram((try? SurfaceParser.parse(named.formula)) ?? .number(.nan)))
    }

    private init(named: NamedSurface?, formula: String, program: SurfaceProgram) {
        self.named = named
        self.formula = formula
        self.program = program
    }

    /// The name, or the formula.
    public var definition: String { named?.rawValue ?? formula }

    public static func == (a: Surface, b: Surface) -> Bool { a.definition == b.definition }
    public func hash(into hasher: inout Hasher) { hasher.combine(definition) }

    /// The default `x` range: the named surface's, else `−3…3`.
    public var defaultXRange: ClosedRange<Double> { named?.xRange ?? -3...3 }
    /// The default `y` range: the named surface's, else `−3…3`.
    public var defaultYRange: ClosedRange<Double> { named?.yRange ?? -3...3 }
    /// The default start: the named surface's, else `(2, 2)`.
    public var defaultStart: (x: Double, y: Double) { named?.start ?? (2, 2) }
    /// The default learning rate: the named surface's, else 0.01.
    public var defaultLearningRate: Double { named?.learningRate ?? 0.01 }
    /// The default number of epochs: the named surface's, else 200.
    public var defaultEpochs: Int { named?.epochs ?? 200 }
    /// The known minima (none for a formula).
    public var minima: [(x: Double, y: Double)] { named?.minima ?? [] }
    /// Known saddle points (none for a formula).
    public var saddlePoints: [(x: Double, y: Double)] { named?.saddlePoints ?? [] }

    /// `f(x, y)`.
    public func value(x: Double, y: Double) -> Double { program.value(x: x, y: y) }

    /// `f`, `∇f` and `∇²f` at `(x, y)`, exactly (forward-mode automatic differentiation).
    public func dual(x: Double, y: Double) -> SecondOrderDual { program.dual(x: x, y: y) }

    /// The known minimum nearest to `(x, y)` with its distance, nil without known minima.
    public func nearestMinimum(x: Double, y: Double) -> (x: Double, y: Double, distance: Double)? {
        minima.map { (x: $0.x, y: $0.y, distance: ((x - $0.x) * (x - $0.x) + (y - $0.y) * (y - $0.y)).squareRoot()) }
            .min { $0.distance < $1.distance }
    }

    /// The grid coordinates `low + (high − low)·k/(n − 1)`, `k = 0…n−1`, the last exactly `high`.
    public static func samples(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        let low = range.lowerBound, high = range.upperBound
        return (0..<count).map { $0 == count - 1 ? high : low + (high - low) * Double($0) / Double(count - 1) }
    }

    /// `f` on the grid `xs × ys`, row-major with `ys` outer (`values[row·xs.count + column] =
    /// f(xs[column], ys[row])`), bit-identical to ``value(x:y:)`` at every point.
    ///
    /// Rows are split into fixed blocks of 8 evaluated on the cores (each writes only its rows),
    /// each row one instruction at a time over the whole row, so the result does not depend on
    /// the number of cores.
    public func grid(xs: [Double], ys: [Double], threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Double] {
        let width = xs.count, height = ys.count
        guard width > 0, height > 0 else { return [] }
        let rowsPerBlock = 8
        let blocks = (height + rowsPerBlock - 1) / rowsPerBlock
        var values = [Double](repeating: 0, count: width * height)
        let program = self.program
        xs.withUnsafeBufferPointer { xBuffer in
            ys.withUnsafeBufferPointer { yBuffer in
                values.withUnsafeMutableBufferPointer { output in
                    let sharedX = SharedReadOnlyBuffer(base: xBuffer), sharedY = SharedReadOnlyBuffer(base: yBuffer)
                    let target = DisjointBuffer(base: output)
                    let workers = max(1, min(threads, blocks))
                    parallelIndices(blocks, threads: workers) { block in
                        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: program.stackDepth * width)
                        defer { scratch.deallocate() }
                        for row in (block * rowsPerBlock)..<min(height, (block + 1) * rowsPerBlock) {
                            let slice = UnsafeMutableBufferPointer(rebasing: target.base[(row * width)..<((row + 1) * width)])
                            program.evaluateRow(xs: sharedX.base, y: sharedY[row], into: slice, scratch: scratch)
                        }
                    }
                }
            }
        }
        return values
    }
}
