import Foundation
import NN
import Tensor
@testable import Variants
import XCTest

/// The micro check behind `SparseLinear.breakEvenDensity`: times the sparse kernel against
/// dense `sgemm` on the same product at falling densities. Not a test of speed (timings are
/// never asserted); runs only with `ABLATE_MEASURE_SPARSE=1` and prints a table.
final class PruningKernelTests: XCTestCase {
    func testMeasureSparseBreakEven() throws {
        guard ProcessInfo.processInfo.environment["ABLATE_MEASURE_SPARSE"] == "1" else {
            throw XCTSkip("set ABLATE_MEASURE_SPARSE=1 to measure the sparse kernel against dense sgemm")
        }
        var rng = RNG(seed: 1)
        for (rows, inputs, outputs) in [(2048, 256, 1024), (2048, 1024, 256), (2048, 512, 512)] {
            let x = Tensor(shape: [rows, inputs]), w = Tensor(shape: [outputs, inputs]), y = Tensor(shape: [rows, outputs])
            x.fillNormal(std: 1, rng: &rng)
            w.fillNormal(std: 1, rng: &rng)
            func best(_ body: () -> Void) -> Double {
                body()
                return (0..<7).map { _ in let t = Clock.now(); body(); return Clock.now() - t }.min()!
            }
            let dense = best {
                sgemm(.none, .transposed, m: rows, n: outputs, k: inputs, a: x.data, lda: inputs, b: w.data, ldb: inputs,
                      beta: 0, c: y.data, ldc: outputs)
            }
            print("[\(rows)×\(inputs)]·[\(inputs)×\(outputs)] dense sgemm \(String(format: "%.3f", dense * 1e3)) ms, \(BLAS.threads) threads")
            for density in [0.5, 0.3, 0.2, 0.15, 0.1, 0.05, 0.02] {
                var mask = RNG(seed: 2)
                let keep = (0..<w.count).map { _ in Double(mask.uniform()) < density }
                let twin = SparseLinear(weight: w, keep: keep, bias: nil)
                let sparse = best { twin.apply(x, into: y) }
                print("  density \(density): sparse \(String(format: "%.3f", sparse * 1e3)) ms = \(String(format: "%.2f", sparse / dense))× dense")
            }
        }
    }
}
