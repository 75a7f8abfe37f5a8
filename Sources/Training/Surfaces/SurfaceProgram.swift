import Foundation

/// A surface formula compiled once into postfix instructions over a value stack.
///
/// Compiling folds every sub-expression without `x` or `y` to one number and turns `u^c` with a
/// constant `c` into ``Instruction/square`` (`c = 2`, computed as `u·u`) or
/// ``Instruction/powerConstant(_:)``. The same instructions are run three ways, each point with
/// the same floating-point operations in the same order:
/// - ``value(x:y:)``: one point in plain doubles;
/// - ``evaluateRow(xs:y:into:scratch:)``: a row of points at once, each instruction a tight loop
///   over the row (what grids use; bit-identical to ``value(x:y:)`` at every point);
/// - ``dual(x:y:)``: one point as a ``SecondOrderDual``, giving the exact gradient and Hessian.
public struct SurfaceProgram: Sendable {
    /// One postfix instruction.
    enum Instruction: Sendable, Equatable {
        case constant(Double)
        case x
        case y
        case negate
        case add
        case subtract
        case multiply
        case divide
        /// `u·u`.
        case square
        /// `pow(u, c)`.
        case powerConstant(Double)
        /// `pow(a, b)`, both varying.
        case power
        case call(SurfaceFunction)
    }

    /// The instructions, in postfix order.
    let instructions: [Instruction]
    /// The most values on the stack at any time.
    let stackDepth: Int

    /// Compiles `node`.
    init(_ node: SurfaceNode) {
        var instructions: [Instruction] = []
        Self.emit(node, into: &instructions)
        self.instructions = instructions
        var depth = 0, deepest = 0
        for instruction in instructions {
            switch instruction {
            case .constant, .x, .y: depth += 1
            case .add, .subtract, .multiply, .divide, .power: depth -= 1
            case .negate, .square, .powerConstant, .call: break
            }
            deepest = max(deepest, depth)
        }
        stackDepth = max(1, deepest)
    }

    private static func emit(_ node: SurfaceNode, into instructions: inout [Instruction]) {
        if let value = node.constantValue {
            instructions.append(.constant(value))
            return
        }
        switch node {
        case .number(let value): instructions.append(.constant(value))
        case .x: instructions.append(.x)
        case .y: instructions.append(.y)
        case .negate(let a):
            emit(a, into: &instructions)
            instructions.append(.negate)
        case let .add(a, b): binary(a, b, .add, into: &instructions)
        case let .subtract(a, b): binary(a, b, .subtract, into: &instructions)
        case let .multiply(a, b): binary(a, b, .multiply, into: &instructions)
        case let .divide(a, b): binary(a, b, .divide, into: &instructions)
        case let .power(a, b):
            if let exponent = b.constantValue {
                emit(a, into: &instructions)
                instructions.append(exponent == 2 ? .square : .powerConstant(exponent))
            } else {
                binary(a, b, .power, into: &instructions)
            }
        case let .call(function, a):
            emit(a, into: &instructions)
            instructions.append(.call(function))
        }
    }

    private static func binary(_ a: SurfaceNode, _ b: SurfaceNode, _ instruction: Instruction, into instructions: inout [Instruction]) {
        emit(a, into: &instructions)
        emit(b, into: &instructions)
        instructions.append(instruction)
    }

    /// The formula's value at `(x, y)` (NaN or ±∞ where it is undefined or overflows).
    public func value(x: Double, y: Double) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: stackDepth) { stack in
            var top = -1
            for instruction in instructions {
                switch instruction {
                case .constant(let value): top += 1; stack[top] = value
                case .x: top += 1; stack[top] = x
                case .y: top += 1; stack[top] = y
                case .negate: stack[top] = -stack[top]
                case .add: top -= 1; stack[top] = stack[top] + stack[top + 1]
                case .subtract: top -= 1; stack[top] = stack[top] - stack[top + 1]
                case .multiply: top -= 1; stack[top] = stack[top] * stack[top + 1]
                case .divide: top -= 1; stack[top] = stack[top] / stack[top + 1]
                case .square: stack[top] = stack[top] * stack[top]
                case .powerConstant(let c): stack[top] = Foundation.pow(stack[top], c)
                case .power: top -= 1; stack[top] = Foundation.pow(stack[top], stack[top + 1])
                case .call(let function): stack[top] = function.apply(stack[top])
                }
            }
            return stack[0]
        }
    }

    /// The formula at `(x, y)` with its exact gradient and Hessian (forward-mode automatic
    /// differentiation; the value is bit-identical to ``value(x:y:)``).
    public func dual(x: Double, y: Double) -> SecondOrderDual {
        withUnsafeTemporaryAllocation(of: SecondOrderDual.self, capacity: stackDepth) { stack in
            var top = -1
            for instruction in instructions {
                switch instruction {
                case .constant(let value): top += 1; stack.initializeElement(at: top, to: SecondOrderDual(value: value))
                case .x: top += 1; stack.initializeElement(at: top, to: .x(x))
                case .y: top += 1; stack.initializeElement(at: top, to: .y(y))
                case .negate: stack[top] = -stack[top]
                case .add: top -= 1; stack[top] = stack[top] + stack[top + 1]
                case .subtract: top -= 1; stack[top] = stack[top] - stack[top + 1]
                case .multiply: top -= 1; stack[top] = stack[top] * stack[top + 1]
                case .divide: top -= 1; stack[top] = stack[top] / stack[top + 1]
                case .square: stack[top] = stack[top].squared()
                case .powerConstant(let c): stack[top] = stack[top].power(c)
                case .power: top -= 1; stack[top] = SecondOrderDual.power(stack[top], stack[top + 1])
                case .call(let function): stack[top] = stack[top].applying(function)
                }
            }
            return stack[0]
        }
    }

    /// The formula at `(xs[i], y)` for every `i`, written to `output[i]`; `scratch` holds at least
    /// ``stackDepth`` × `xs.count` doubles. Each point gets exactly the operations of ``value(x:y:)``.
    func evaluateRow(xs: UnsafeBufferPointer<Double>, y: Double, into output: UnsafeMutableBufferPointer<Double>,
                     scratch: UnsafeMutableBufferPointer<Double>) {
        let width = xs.count
        guard let base = scratch.baseAddress else { return }
        var top = -1
        for instruction in instructions {
            switch instruction {
            case .constant(let value):
                top += 1
                (base + top * width).update(repeating: value, count: width)
            case .x:
                top += 1
                if let source = xs.baseAddress { (base + top * width).update(from: source, count: width) }
            case .y:
                top += 1
                (base + top * width).update(repeating: y, count: width)
            case .negate:
                let a = base + top * width
                for i in 0..<width { a[i] = -a[i] }
            case .add:
                top -= 1
                let a = base + top * width, b = a + width
                for i in 0..<width { a[i] = a[i] + b[i] }
            case .subtract:
                top -= 1
                let a = base + top * width, b = a + width
                for i in 0..<width { a[i] = a[i] - b[i] }
            case .multiply:
                top -= 1
                let a = base + top * width, b = a + width
                for i in 0..<width { a[i] = a[i] * b[i] }
            case .divide:
                top -= 1
                let a = base + top * width, b = a + width
                for i in 0..<width { a[i] = a[i] / b[i] }
            case .square:
                let a = base + top * width
                for i in 0..<width { a[i] = a[i] * a[i] }
            case .powerConstant(let c):
                let a = base + top * width
                for i in 0..<width { a[i] = Foundation.pow(a[i], c) }
            case .power:
                top -= 1
                let a = base + top * width, b = a + width
                for i in 0..<width { a[i] = Foundation.pow(a[i], b[i]) }
            case .call(let function):
                let a = base + top * width
                for i in 0..<width { a[i] = function.apply(a[i]) }
            }
        }
        if let destination = output.baseAddress { destination.update(from: base, count: width) }
    }
}
