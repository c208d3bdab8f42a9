import Foundation
import XCTest
import NN
import Tensor
@testable import Variants

/// The decoder's own internals: the mean log Z of its output softmax and the reporters a
/// recorder reads, by layer.
final class ModelInternalsTests: XCTestCase {
    func testMeanLogZOfKnownLogits() {
        // Rows [0, 0] and [ln 3, 0]: log Z = ln 2 and ln 4; a row with target −1 does not count.
        let logits = Tensor(shape: [3, 2])
        logits.data[2] = Float(log(3.0))
        logits.data[4] = 100
        XCTAssertEqual(ZLoss.meanLogZ(logits: logits, targets: [0, 1, -1])!, 1.5 * log(2.0), accuracy: 1e-6)
        XCTAssertNil(ZLoss.meanLogZ(logits: logits, targets: [-1, -1, -1]))
    }

    func testTheDecoderReportsLogZAndEachBlocksStreamWhenAsked() throws {
        let model = try DecoderLM(ModelTestSupport.spec(depth: 2), seed: 3)
        let data = ModelTestSupport.batch(vocabulary: 12, batch: 2, time: 8)
        model.lossAndBackward(tokens: data.tokens, targets: data.targets, batch: 2, time: 8)
        let reporters = model.internalsReporters
        XCTAssertTrue(reporters.allSatisfy { $0.reporter.takeInternals().isEmpty }, "off: nothing gathered")
        XCTAssertEqual(reporters.map(\.layer), [nil, 0, 0, 1, 1], "the model, then per block its stream probe and attention")

        for r in reporters { r.reporter.recordsInternals = true }
        model.lossAndBackward(tokens: data.tokens, targets: data.targets, batch: 2, time: 8)
        let logits = model.forward(tokens: data.tokens, batch: 2, time: 8)
        XCTAssertEqual(model.takeInternals()["logits.mean_log_z"]!, ZLoss.meanLogZ(logits: logits, targets: data.targets)!, accuracy: 1e-5)
        let stream = reporters[1].reporter.takeInternals()
        XCTAssertEqual(Set(stream.keys), ["residual.rms", "activations.kurtosis", "activations.max_median"])
        XCTAssertEqual(Set(reporters[2].reporter.takeInternals().keys), ["attention.max_logit", "attention.entropy"])
        XCTAssertEqual(model.internalsLayer(ofParameter: "blocks.1.mixer.qkv.weight"), 1)
        XCTAssertNil(model.internalsLayer(ofParameter: "embed.weight"))
    }
}
