import XCTest
@testable import ScalingLaws

/// The solver reaches the true minimum of classic test functions.
final class LBFGSTests: XCTestCase {
    struct Rosenbrock: DifferentiableObjective {
        let dimension: Int
        func value(at x: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>) -> Double {
            var f = 0.0
            for i in 0..<dimension { g[i] = 0 }
            for i in 0..<(dimension - 1) {
                let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
                f += 100 * a * a + b * b
                g[i] += -400 * x[i] * a - 2 * b
                g[i + 1] += 200 * a
            }
            return f
        }
    }

    func testRosenbrockToTightTolerance() {
        for n in [2, 5, 10] {
            let start = (0..<n).map { $0 % 2 == 0 ? -1.2 : 1.0 }
            let r = LBFGS.minimize(Rosenbrock(dimension: n), from: start)
            XCTAssertLessThan(r.value, 1e-20, "n=\(n): \(r.stop) after \(r.iterations) iterations")
            for v in r.x { XCTAssertEqual(v, 1, accuracy: 1e-9) }
        }
    }

    struct Quadratic: DifferentiableObjective {
        let scales: [Double]
        var dimension: Int { scales.count }
        func value(at x: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>) -> Double {
            var f = 0.0
            for i in 0..<dimension {
                f += 0.5 * scales[i] * (x[i] - Double(i)) * (x[i] - Double(i))
                g[i] = scales[i] * (x[i] - Double(i))
            }
            return f
        }
    }

    func testIllConditionedQuadraticWithTinyObjective() {
        // Badly scaled and with a minimum value near 0: a relative-decrease test would stop early.
        let r = LBFGS.minimize(Quadratic(scales: [1e-4, 1, 1e4, 3e2]), from: [5, -3, 2, 8])
        XCTAssertLessThanOrEqual(r.gradientNorm, 1e-10)
        for (i, v) in r.x.enumerated() { XCTAssertEqual(v, Double(i), accuracy: 1e-5) }
    }
}
