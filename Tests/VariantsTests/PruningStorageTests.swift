import Foundation
import NN
import Tensor
@testable import Variants
import XCTest

/// Exact stored bytes of the sparse formats (CSR, bitmask, N:M) and their kernels against the
/// dense product of the decoded weight.
final class PruningStorageTests: XCTestCase {
    /// The elements of `t` (kept alive while copying).
    func values(_ t: Tensor) -> [Float] { withExtendedLifetime(t) { Array(t.buffer) } }

    func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64 = 3) -> Tensor {
        var rng = RNG(seed: seed)
        let w = Tensor(shape: [rows, columns])
        w.fillNormal(std: 1, rng: &rng)
        return w
    }

    func randomMask(_ count: Int, density: Double, seed: UInt64 = 4) -> [Bool] {
        var rng = RNG(seed: seed)
        return (0..<count).map { _ in Double(rng.nextUInt32()) / 4_294_967_296 < density }
    }

    /// `x · Ŵᵀ + b` with the decoded weight, in Double.
    func reference(_ twin: CompressedLinear, _ x: Tensor) -> [Float] {
        let w = twin.decodedWeight(), (o, i) = (twin.outFeatures, twin.inFeatures), rows = x.count / i
        var y = [Float](repeating: 0, count: rows * o)
        for r in 0..<rows {
            for k in 0..<o {
                var s = Double(twin.bias?.value.data[k] ?? 0)
                for j in 0..<i { s += Double(x.data[r * i + j]) * Double(w.data[k * i + j]) }
                y[r * o + k] = Float(s)
            }
        }
        return y
    }

    func assertKernelMatchesDecoded(_ twin: CompressedLinear, rows: Int = 13, file: StaticString = #filePath, line: UInt = #line) {
        let x = randomMatrix(rows, twin.inFeatures, seed: 9)
        let y = Tensor(shape: [rows, twin.outFeatures])
        twin.apply(x, into: y)
        let expected = reference(twin, x)
        let scale = expected.map(abs).max() ?? 1
        for (a, b) in zip(values(y), expected) { XCTAssertEqual(a, b, accuracy: 1e-5 * max(scale, 1), file: file, line: line) }
    }

    func storedBytes(_ twin: CompressedLinear) -> (Int, SafeTensors, [String: String]) {
        var file = SafeTensors()
        var options = twin.encode(prefix: "w", into: &file)
        options["bias"] = twin.bias == nil ? "0" : "1"
        return (file.entries.reduce(0) { $0 + $1.bytes.count }, file, options)
    }

    func testCSRBytesEqualTheFormulaAndTheKernelTheDenseProduct() throws {
        let (o, i) = (32, 512)  // CSR is smaller than the bitmask below ≈ 5.8% density here
        let keep = randomMask(o * i, density: 0.03)
        let nnz = keep.filter { $0 }.count
        let bias = randomMatrix(1, o, seed: 5).reshaped([o])
        let twin = SparseLinear(weight: randomMatrix(o, i), keep: keep, bias: bias)
        XCTAssertEqual(twin.layout, .csr)
        XCTAssertEqual(twin.codeBytes, 4 * nnz + 2 * nnz + 4 * (o + 1))
        let (bytes, file, options) = storedBytes(twin)
        XCTAssertEqual(bytes, twin.codeBytes)
        XCTAssertEqual(file.entry("w.columns")?.dtype, .I16)
        assertKernelMatchesDecoded(twin)
        let restored = try SparseLinear.decode(file, "w", options)
        restored.bias!.value.assign(bias)
        XCTAssertEqual(values(restored.decodedWeight()), values(twin.decodedWeight()))
        assertKernelMatchesDecoded(restored)
    }

    func testWideCSRUsesInt32Columns() throws {
        let (o, i) = (2, 70_000)
        var keep = [Bool](repeating: false, count: o * i)
        for k in [3, 65_600, 69_999, 70_005, 139_000] { keep[k] = true }
        let twin = SparseLinear(weight: randomMatrix(o, i), keep: keep, bias: nil)
        XCTAssertEqual(twin.layout, .csr)
        XCTAssertEqual(twin.codeBytes, 4 * 5 + 4 * 5 + 4 * 3)
        let (bytes, file, options) = storedBytes(twin)
        XCTAssertEqual(bytes, twin.codeBytes)
        XCTAssertEqual(file.entry("w.columns")?.dtype, .I32)
        XCTAssertEqual(values(try SparseLinear.decode(file, "w", options).decodedWeight()), values(twin.decodedWeight()))
    }

    func testBitmaskBytesEqualTheFormulaAndTheKernelTheDenseProduct() throws {
        let (o, i) = (37, 29)  // o·i not a multiple of 8
        let keep = randomMask(o * i, density: 0.5)
        let nnz = keep.filter { $0 }.count
        let twin = SparseLinear(weight: randomMatrix(o, i), keep: keep, bias: nil)
        XCTAssertEqual(twin.layout, .bitmask)
        XCTAssertEqual(twin.codeBytes, (o * i + 7) / 8 + 4 * nnz)
        XCTAssertLessThan(twin.codeBytes, SparseLinear.bytes(.csr, out: o, in: i, nonzeros: nnz))
        let (bytes, file, options) = storedBytes(twin)
        XCTAssertEqual(bytes, twin.codeBytes)
        assertKernelMatchesDecoded(twin, rows: 17)
        let restored = try SparseLinear.decode(file, "w", options)
        XCTAssertEqual(values(restored.decodedWeight()), values(twin.decodedWeight()))
        XCTAssertEqual(restored.speed, .simulated)
    }

    func testNMPatternsPackIntoThreeBitsAndRoundTrip() {
        XCTAssertEqual(NMPatterns.table(n: 2, m: 4).count, 6)
        XCTAssertEqual(NMPatterns.bits(n: 2, m: 4), 3)
        XCTAssertEqual(NMPatterns.bits(n: 1, m: 4), 2)
        XCTAssertEqual(NMPatterns.bits(n: 4, m: 4), 0)
        let values = (0..<101).map { $0 % 6 }
        let packed = NMPatterns.pack(values, bits: 3)
        XCTAssertEqual(packed.count, (101 * 3 + 7) / 8)
        XCTAssertEqual(NMPatterns.unpack(packed, bits: 3, count: 101), values)
    }

    func testTwoFourBytesEqualTheFormulaAndTheKernelTheDenseProduct() throws {
        let (o, i) = (16, 36)
        let w = randomMatrix(o, i)
        let keep = UnstructuredPruning.rowwiseMask(UnstructuredPruning.scores(w, norms: nil), columns: 4, sparsity: 0.5)
        for g in 0..<(o * i / 4) { XCTAssertEqual(keep[(g * 4)..<(g * 4 + 4)].filter { $0 }.count, 2) }
        let twin = NMSparseLinear(weight: w, keep: keep, n: 2, m: 4, bias: randomMatrix(1, o).reshaped([o]))
        let groups = o * i / 4
        XCTAssertEqual(twin.codeBytes, 4 * 2 * groups + (3 * groups + 7) / 8)
        let (bytes, file, options) = storedBytes(twin)
        XCTAssertEqual(bytes, twin.codeBytes)
        XCTAssertEqual(twin.speed, .simulated)
        assertKernelMatchesDecoded(twin)
        let decoded = twin.decodedWeight()
        for k in 0..<w.count { XCTAssertEqual(decoded.data[k], keep[k] ? w.data[k] : 0) }
        let restored = try NMSparseLinear.decode(file, "w", options)
        XCTAssertEqual(values(restored.decodedWeight()), values(decoded))
    }
}
