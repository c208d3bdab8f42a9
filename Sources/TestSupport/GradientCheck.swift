import XCTest
import NN
import Tensor

/// Central finite differences against a layer's analytic backward pass, shared by every
/// test target (layers, models and the registry's contract tests): the scalar is L = Σ y ⊙ R (+ the layer's
/// auxiliary loss for feed-forward layers) for a fixed random R, accumulated in Double.
/// With Float32 and step h = 1e-2 the honest relative tolerance per tensor is 1e-2 (rounding
/// noise ~1e-7·|L|/h per derivative; truncation cancelled to O(h⁴) by extrapolation); a
/// missing or mis-scaled term gives errors of order 1.
public enum GradientCheck {
    public static let tolerance = 1e-2

    /// ‖a − b‖ / max(‖a‖, ‖b‖).
    public static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        var diff = 0.0, na = 0.0, nb = 0.0
        for i in a.indices { diff += (a[i] - b[i]) * (a[i] - b[i]); na += a[i] * a[i]; nb += b[i] * b[i] }
        let scale = max(na.squareRoot(), nb.squareRoot())
        return scale == 0 ? 0 : diff.squareRoot() / scale
    }

    /// Checks the input gradient and every parameter gradient of `layer`; `loss` adds any
    /// auxiliary term. Returns the errors by name for further assertions.
    @discardableResult
    public static func check(_ layer: Layer, input x: Tensor, step: Float = 1e-2, seed: UInt64 = 7,
                      auxiliary: @escaping () -> Float = { 0 }, skip: Set<String> = [],
                      file: StaticString = #filePath, line: UInt = #line) -> [String: Double] {
        let y0 = layer.forward(x)
        let r = Tensor(shape: y0.shape)
        var rng = RNG(seed: seed)
        r.fillNormal(std: 1, rng: &rng)
        func loss() -> Double {
            let y = layer.forward(x)
            var s = Double(auxiliary())
            for i in 0..<y.count { s += Double(y.data[i]) * Double(r.data[i]) }
            return s
        }
        func numeric(_ t: Tensor) -> [Double] { GradientCheck.numeric(t, step: step, loss) }
        let params = layer.namedParameters()
        for (_, p) in params { p.grad.fill(0) }
        _ = layer.forward(x)
        let dx = layer.backward(r).copy()
        let analytic = params.map { $0.1.grad.array.map(Double.init) }
        var errors: [String: Double] = [:]
        errors["input"] = relativeError(dx.array.map(Double.init), numeric(x))
        XCTAssertLessThan(errors["input"]!, tolerance, "\(type(of: layer)) input gradient", file: file, line: line)
        for (k, (name, p)) in params.enumerated() where !skip.contains(name) {
            let e = relativeError(analytic[k], numeric(p.value))
            errors[name] = e
            XCTAssertLessThan(e, tolerance, "\(type(of: layer)) parameter \(name)", file: file, line: line)
        }
        return errors
    }

    /// d loss / d t[i] for every element of `t`: central differences at h and h/2 combined by
    /// Richardson extrapolation, (4·D(h/2) − D(h))/3, so the O(h²) truncation term cancels.
    /// Layers with a norm of a small, sign-changing quantity (the group norm of GLA and
    /// retention) are curved enough that plain central differences at h = 1e-2 are off by
    /// several percent.
    public static func numeric(_ t: Tensor, step: Float = 1e-2, _ loss: () -> Double) -> [Double] {
        func central(_ i: Int, _ h: Float) -> Double {
            let saved = t.data[i]
            t.data[i] = saved + h
            let plus = loss()
            t.data[i] = saved - h
            let minus = loss()
            t.data[i] = saved
            return (plus - minus) / Double(2 * h)
        }
        return (0..<t.count).map { i in (4 * central(i, step / 2) - central(i, step)) / 3 }
    }

    /// A [B, T, d] input with N(0, 1) entries.
    public static func input(_ shape: [Int], seed: UInt64 = 3) -> Tensor {
        var rng = RNG(seed: seed)
        let x = Tensor(shape: shape)
        x.fillNormal(std: 1, rng: &rng)
        return x
    }

    /// Fills every parameter with N(0, std²) (gains included, so no gradient is trivially zero).
    public static func randomize(_ layer: Layer, std: Float = 0.3, seed: UInt64 = 11) {
        var rng = RNG(seed: seed)
        for (_, p) in layer.namedParameters() { p.value.fillNormal(std: std, rng: &rng) }
    }

    /// Asserts that changing position `t` of the input leaves outputs before `t` unchanged and
    /// changes some output at or after `t`.
    public static func checkCausal(_ layer: Layer, input x: Tensor, position t: Int, file: StaticString = #filePath, line: UInt = #line) {
        let (batch, time, d) = (x.shape[0], x.shape[1], x.shape[2])
        let before = layer.forward(x).copy()
        let x2 = x.copy()
        for b in 0..<batch { for c in 0..<d { x2.data[(b * time + t) * d + c] += 1.5 } }
        let after = layer.forward(x2)
        let dy = after.shape[2]
        var changedLater = false
        for b in 0..<batch {
            for s in 0..<time {
                for c in 0..<dy {
                    let i = (b * time + s) * dy + c
                    if s < t {
                        XCTAssertEqual(after.data[i], before.data[i], "output at \(s) changed by input at \(t)", file: file, line: line)
                    } else if abs(after.data[i] - before.data[i]) > 1e-6 {
                        changedLater = true
                    }
                }
            }
        }
        XCTAssertTrue(changedLater, "input at \(t) changed no output", file: file, line: line)
    }
}
