import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// Integer quantization after N:M pruning stores only the kept weights' codes and the
/// patterns (`NMQuantizedLinear`), not codes for every weight.
final class QuantizationSparseTests: XCTestCase {
    func values(_ t: Tensor) -> [Float] { withExtendedLifetime(t) { Array(t.buffer) } }

    func twoFour(out o: Int, in i: Int) -> NMSparseLinear {
        var rng = RNG(seed: 5)
        let w = Tensor(shape: [o, i]), b = Tensor(shape: [o])
        w.fillNormal(std: 1, rng: &rng)
        b.fillNormal(std: 1, rng: &rng)
        let keep = UnstructuredPruning.rowwiseMask(UnstructuredPruning.scores(w, norms: nil), columns: 4, sparsity: 0.5)
        return NMSparseLinear(weight: w, keep: keep, n: 2, m: 4, bias: b)
    }

    func testKeptWeightsAreQuantizedAndTheRestStayZero() throws {
        let (o, i) = (12, 40)
        let sparse = twoFour(out: o, in: i)
        let grid = IntegerGrid(bits: 4, symmetric: true)
        let twin = NMQuantizedLinear(sparse) {
            IntQuantizedLinear(roundingToNearest: $0, bias: nil, grid: grid, granularity: .channel)
        }
        // Bytes: 4-bit codes of the o·i/2 kept weights, one F32 scale per row, 3-bit patterns.
        let groups = o * i / 4
        XCTAssertEqual(twin.codeBytes, (o * i / 2 * 4 + 7) / 8 + 4 * o + (groups * 3 + 7) / 8)
        let dense = IntQuantizedLinear(roundingToNearest: sparse.decodedWeight(), bias: nil, grid: grid, granularity: .channel)
        XCTAssertLessThan(twin.codeBytes, dense.codeBytes, "int4 of every weight stores the zeros too")
        XCTAssertEqual(twin.effectiveWeightCount, o * i / 2)

        let before = values(sparse.decodedWeight()), after = values(twin.decodedWeight())
        for r in 0..<o {
            let row = before[(r * i)..<((r + 1) * i)]
            let step = row.map(abs).max()! / 7  // symmetric 4-bit: q_max = 7
            for j in 0..<i {
                let k = r * i + j
                if before[k] == 0 { XCTAssertEqual(after[k], 0, "pruned weight \(k) came back") }
                else { XCTAssertEqual(after[k], before[k], accuracy: step / 2 + 1e-6) }
            }
        }

        // The stored entries are exactly codeBytes, and they decode to the same twin.
        var file = SafeTensors()
        var options = twin.encode(prefix: "w", into: &file)
        options["bias"] = "1"
        XCTAssertEqual(file.entries.reduce(0) { $0 + $1.bytes.count }, twin.codeBytes)
        let restored = try NMQuantizedLinear.decode(file, "w", options)
        XCTAssertEqual(values(restored.decodedWeight()), after)
        XCTAssertEqual(restored.codeBytes, twin.codeBytes)

        // The kernel computes x·Ŵᵀ + b with the decoded weight.
        var rng = RNG(seed: 8)
        let x = Tensor(shape: [7, i]), y = Tensor(shape: [7, o])
        x.fillNormal(std: 1, rng: &rng)
        twin.apply(x, into: y)
        let b = values(twin.bias!.value)
        for r in 0..<7 {
            for k in 0..<o {
                var s = Double(b[k])
                for j in 0..<i { s += Double(x.data[r * i + j]) * Double(after[k * i + j]) }
                XCTAssertEqual(y.data[r * o + k], Float(s), accuracy: 1e-4)
            }
        }
    }

    /// The chain 2:4 → int4 through the registry on a trained LM: every pruned layer becomes
    /// an `nm-int` twin, the model is smaller than int4 alone, and its compressed checkpoint
    /// loads into a fresh model with identical outputs.
    func testTheChainThroughTheRegistryIsSmallerAndRoundTrips() throws {
        let fixture = CompressionFixture.languageModel()
        func run(_ ids: [String]) throws -> CompressibleModel {
            let model = fixture.trainedModel()
            let context = fixture.context(for: model, teacher: fixture.trainedModel())
            for id in ids {
                let method = try XCTUnwrap(Registry.descriptor(id))
                _ = try method.compress(try method.resolve([:]), context)
            }
            return model
        }
        let chain = try run(["compress.prune.nm", "compress.quant.int4"])
        let int4 = try run(["compress.quant.int4"])
        let formats = Set(chain.compressedLinears.map(\.twin.format))
        XCTAssertEqual(formats, ["nm-int"])
        XCTAssertLessThan(chain.modelBytes, int4.modelBytes)
        let out = fixture.outputs(chain)
        XCTAssertTrue(out.allSatisfy(\.isFinite))
        let restored = fixture.untrainedModel()
        try restored.loadCompressed(SafeTensors(data: chain.compressedCheckpoint().serialized()))
        XCTAssertEqual(fixture.outputs(restored), out)
        XCTAssertEqual(restored.modelBytes, chain.modelBytes)
    }
}
