import XCTest
import NN
import Tensor

/// Central finite differences against the analytic backward pass.
///
/// The scalar under test is `L = Σ y ⊙ R` for a fixed random `R` (or a model's loss),
/// accumulated in Double. With Float32 activations and step h = 1e-2, rounding noise in
/// L is about 1e-7·|L|/h per derivative and truncation error O(h²), so we require the
/// relative error ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖) ≤ 1e-2 per tensor:
/// what Float32 honestly supports, and still far below what a wrong term produces
/// (a missing or mis-scaled term gives errors of order 1).
enum GradientCheck {
    static let step: Float = 1e-2
    static let tolerance = 1e-2

    /// Relative error between two gradient vectors.
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        var diff = 0.0, na = 0.0, nb = 0.0
        for i in a.indices { diff += (a[i] - b[i]) * (a[i] - b[i]); na += a[i] * a[i]; nb += b[i] * b[i] }
        let scale = max(na.squareRoot(), nb.squareRoot())
        return scale == 0 ? 0 : diff.squareRoot() / scale
    }

    /// Numeric derivative of `loss` with respect to every element of `t`.
    static func numeric(_ t: Tensor, _ loss: () -> Double) -> [Double] {
        (0..<t.count).map { i in
            let saved = t.data[i]
            t.data[i] = saved + step
            let plus = loss()
            t.data[i] = saved - step
            let minus = loss()
            t.data[i] = saved
            return (plus - minus) / Double(2 * step)
        }
    }

    /// Checks a layer's input gradient and every parameter gradient under L = Σ y ⊙ R.
    static func checkLayer(_ layer: Layer, input x: Tensor, seed: UInt64 = 99, file: StaticString = #filePath, line: UInt = #line) {
        let y0 = layer.forward(x)
        let r = Tensor(shape: y0.shape)
        var rng = RNG(seed: seed)
        r.fillNormal(std: 1, rng: &rng)
        let params = layer.namedParameters()
        func loss() -> Double {
            let y = layer.forward(x)
            var s = 0.0
            for i in 0..<y.count { s += Double(y.data[i]) * Double(r.data[i]) }
            return s
        }
        for (_, p) in params { p.grad.fill(0) }
        _ = layer.forward(x)
        let dx = layer.backward(r).copy()
        let analyticParams = params.map { $0.1.grad.array.map(Double.init) }
        let err = relativeError(dx.array.map(Double.init), numeric(x, loss))
        XCTAssertLessThan(err, tolerance, "\(type(of: layer)) input gradient", file: file, line: line)
        for (k, (name, p)) in params.enumerated() {
            let e = relativeError(analyticParams[k], numeric(p.value, loss))
            XCTAssertLessThan(e, tolerance, "\(type(of: layer)) parameter \(name)", file: file, line: line)
        }
    }
}
