import XCTest
import NN
import Tensor
@testable import Variants

/// The norms' forward loops without the optional bias inside them give exactly what the
/// one-loop formula `… + (b?[i] ?? 0)` gave (the content keys of stored trials stay valid).
final class NormKernelTests: XCTestCase {
    func input(_ rows: Int, _ d: Int) -> Tensor {
        var rng = RNG(seed: 7)
        return Tensor(shape: [rows, d], values: (0..<(rows * d)).map { _ in rng.normal(std: 3) })
    }

    func testRMSNormWithoutBiasMatchesTheOneLoopFormula() {
        let (rows, d) = (5, 67)
        let x = input(rows, d)
        let norm = RMSNorm(d, bias: false)
        for i in 0..<d { norm.gain.value.data[i] = 0.5 + Float(i) / Float(d) }
        let y = norm.forward(x)
        let noBias: UnsafeMutablePointer<Float>? = nil
        for r in 0..<rows {
            let xr = x.data + r * d
            let s = 1 / (Float(Kernels.sumOfSquares(d, xr)) / Float(d) + norm.epsilon).squareRoot()
            for i in 0..<d {
                let old = xr[i] * s * norm.gain.value.data[i] + (noBias?[i] ?? 0)
                XCTAssertEqual(y.data[r * d + i], old)
            }
        }
    }

    func testLayerNormNoScaleWithoutBiasMatchesTheOneLoopFormula() {
        let (rows, d) = (4, 33)
        let x = input(rows, d)
        let norm = LayerNormNoScale(d, bias: false)
        let y = norm.forward(x)
        let noBias: UnsafeMutablePointer<Float>? = nil
        for r in 0..<rows {
            let xr = x.data + r * d
            let m = Kernels.sum(d, xr) / Float(d)
            var v: Float = 0
            for i in 0..<d { let c = xr[i] - m; v += c * c }
            let s = 1 / (v / Float(d) + norm.epsilon).squareRoot()
            for i in 0..<d { XCTAssertEqual(y.data[r * d + i], (xr[i] - m) * s + (noBias?[i] ?? 0)) }
        }
    }
}
