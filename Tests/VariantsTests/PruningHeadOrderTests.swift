import NN
import Tensor
import TestSupport
import Variants
import XCTest

/// Removing attention heads equals zeroing the removed heads' output columns: the kept
/// heads' q, k and v rows must stay in the fused qkv layer's segment order.
final class PruningHeadOrderTests: XCTestCase {
    func testRemovingHeadsEqualsZeroingTheirOutputColumns() throws {
        let fixture = CompressionFixture.languageModel()   // 4 heads per block
        let pruned = fixture.trainedModel()
        let method = try XCTUnwrap(Registry.descriptor("compress.prune.heads"))
        _ = try method.compress(try method.resolve(["ratio": .double(0.5), "bias_compensation": .bool(false)]),
                                fixture.context(for: pruned))
        let out = fixture.outputs(pruned)
        let prunedLM = try XCTUnwrap(pruned as? DecoderLM)
        // Find, per block, which heads were kept by matching the pruned proj's columns.
        let reference = fixture.trainedModel() as! DecoderLM
        for (block, prunedBlock) in zip(reference.blocks, prunedLM.blocks) {
            let a = try XCTUnwrap(block.mixer as? MultiHeadAttention)
            let kept = try XCTUnwrap(prunedBlock.mixer as? MultiHeadAttention)
            XCTAssertEqual(kept.heads, 2)
            let hd = a.headWidth, d = a.width
            let w = a.proj.weight.value, keptW = kept.proj.currentWeight()
            func column(_ t: Tensor, _ width: Int, _ c: Int) -> [Float] { (0..<d).map { t.data[$0 * width + c] } }
            var keptHeads: [Int] = []
            for u in 0..<a.heads where keptHeads.count < kept.heads {
                if column(w, d, u * hd) == column(keptW, kept.heads * hd, keptHeads.count * hd) { keptHeads.append(u) }
            }
            XCTAssertEqual(keptHeads.count, kept.heads)
            for u in 0..<a.heads where !keptHeads.contains(u) {
                for r in 0..<d { for c in (u * hd)..<((u + 1) * hd) { w.data[r * d + c] = 0 } }
            }
        }
        let expected = fixture.outputs(reference)
        let scale = expected.map(abs).max()!
        let diff = zip(out, expected).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(diff / scale, 1e-4, "pruned heads do not match zeroed heads")
    }
}
