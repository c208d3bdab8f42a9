import XCTest
import Foundation
import Tensor

final class KernelTests: XCTestCase {
    func testFastExpAgainstLibm() {
        var worst: Float = 0
        var x: Float = -87
        while x < 88 {
            let want = Foundation.exp(Double(x))
            let got = Double(FastMath.exp(x))
            worst = max(worst, Float(abs(got - want) / want))
            x += 0.0137
        }
        XCTAssertLessThan(worst, 3e-7, "relative error of FastMath.exp")
        XCTAssertEqual(FastMath.exp(-Float.infinity), 0)
        XCTAssertEqual(FastMath.exp(-1000), 0)
        XCTAssertEqual(FastMath.exp(Float.infinity), .infinity)
        XCTAssertTrue(FastMath.exp(Float.nan).isNaN)
        XCTAssertEqual(FastMath.exp(0), 1)
    }

    func testVectorAndScalarExpAgree() {
        let xs = (0..<37).map { Float($0) * 0.7 - 12 } + [-.infinity, .nan, 100, -100]
        var ys = [Float](repeating: 0, count: xs.count)
        FastMath.exp(xs.count, xs, &ys)
        XCTAssertTrue(ys[38].isNaN)
        XCTAssertEqual(Array(ys[39...]), [.infinity, 0])
        for (x, y) in zip(xs, ys) where !x.isNaN { XCTAssertEqual(y, FastMath.exp(x)) }
    }

    func testSoftmaxExtremeInputsStayFinite() {
        let t = Tensor(shape: [3, 4], values: [1e30, -1e30, 3e38, 0,
                                               -.infinity, 2, -.infinity, 2,
                                               -.infinity, -.infinity, -.infinity, -.infinity])
        t.softmaxLastDim()
        XCTAssert(t.array.allSatisfy(\.isFinite))
        XCTAssertEqual(t.array[2], 1)
        XCTAssertEqual(Array(t.array[4..<8]), [0, 0.5, 0, 0.5])
        XCTAssertEqual(Array(t.array[8..<12]), [0, 0, 0, 0])
    }

    func testLogSoftmaxLargeLogits() {
        let t = Tensor(shape: [1, 3], values: [1000, 1000, -.infinity])
        let y = t.logSoftmaxLastDim()
        XCTAssertEqual(y.array[0], -Float(log(2.0)), accuracy: 1e-6)
        XCTAssertEqual(y.array[2], -.infinity)
        let sumProb = y.array.prefix(2).map { Foundation.exp($0) }.reduce(0, +)
        XCTAssertEqual(sumProb, 1, accuracy: 1e-6)
    }

    /// All four transpose combinations and the batched forms against a naive product.
    func testMatmulAgainstNaive() {
        var rng = RNG(seed: 5)
        func naive(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, ta: Bool, tb: Bool) -> [Float] {
            var c = [Float](repeating: 0, count: m * n)
            for i in 0..<m { for j in 0..<n {
                var s: Float = 0
                for p in 0..<k { s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]) }
                c[i * n + j] = s
            } }
            return c
        }
        let (m, n, k) = (5, 3, 4)
        for ta in [false, true] {
            for tb in [false, true] {
                let a = Tensor(shape: ta ? [k, m] : [m, k]), b = Tensor(shape: tb ? [n, k] : [k, n])
                a.fillNormal(std: 1, rng: &rng)
                b.fillNormal(std: 1, rng: &rng)
                let c = Tensor(shape: [m, n])
                Tensor.matmul(a, b, transA: ta ? .transposed : .none, transB: tb ? .transposed : .none, into: c)
                let want = naive(a.array, b.array, m: m, n: n, k: k, ta: ta, tb: tb)
                for i in 0..<(m * n) { XCTAssertEqual(c.array[i], want[i], accuracy: 1e-4) }
            }
        }
        // Batched with a per-batch B and with a shared B.
        let a = Tensor(shape: [3, m, k]), b3 = Tensor(shape: [3, k, n]), b2 = Tensor(shape: [k, n])
        a.fillNormal(std: 1, rng: &rng); b3.fillNormal(std: 1, rng: &rng); b2.fillNormal(std: 1, rng: &rng)
        let c3 = Tensor(shape: [3, m, n]), c2 = Tensor(shape: [3, m, n])
        Tensor.matmul(a, b3, into: c3)
        Tensor.matmul(a, b2, into: c2)
        for i in 0..<3 {
            let ai = Array(a.array[(i * m * k)..<((i + 1) * m * k)])
            let w3 = naive(ai, Array(b3.array[(i * k * n)..<((i + 1) * k * n)]), m: m, n: n, k: k, ta: false, tb: false)
            let w2 = naive(ai, b2.array, m: m, n: n, k: k, ta: false, tb: false)
            for j in 0..<(m * n) {
                XCTAssertEqual(c3.array[i * m * n + j], w3[j], accuracy: 1e-4)
                XCTAssertEqual(c2.array[i * m * n + j], w2[j], accuracy: 1e-4)
            }
        }
    }

    func testReductions() {
        let xs = (1...1000).map { Float($0) }
        XCTAssertEqual(Kernels.sum(xs.count, xs), 500_500)
        XCTAssertEqual(Kernels.max(xs.count, xs), 1000)
        XCTAssertEqual(Kernels.sumOfSquares(xs.count, xs), 333_833_500, accuracy: 1)
        XCTAssertEqual(Kernels.dot(3, [1, 2, 3], [4, 5, 6]), 32)
    }

    func testViewsShareMemory() {
        let base = Tensor(shape: [10])
        let v = Tensor(viewOf: base, offset: 4, shape: [2, 3])
        v.fill(7)
        XCTAssertEqual(base.array, [0, 0, 0, 0, 7, 7, 7, 7, 7, 7])
        XCTAssertEqual(v.reshaped([6]).sum(), 42)
    }
}
