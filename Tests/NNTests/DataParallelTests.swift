import XCTest
import NN
import Tensor
import Variants

final class DataParallelTests: XCTestCase {
    let spec = ModelSpec(vocabulary: 11, context: 6, width: 16, depth: 2, heads: 2)

    func model() -> DecoderLM { try! DecoderLM(spec, seed: 1) }

    func batch() -> (tokens: [Int32], targets: [Int32]) {
        var rng = RNG(seed: 9)
        let tokens = (0..<(5 * 6)).map { _ in Int32(rng.int(below: 11)) }
        var targets = (0..<(5 * 6)).map { _ in Int32(rng.int(below: 11)) }
        for i in [0, 1, 2, 7, 20] { targets[i] = -1 }  // uneven counts per shard
        return (tokens, targets)
    }

    /// Loss and gradient of the whole batch on one model.
    func reference() -> (Float, [Float]) {
        let model = model()
        let set = ParameterSet(model)
        let (tokens, targets) = batch()
        let ce = SoftmaxCrossEntropy()
        let loss = ce.forward(model.forward(tokens: tokens, batch: 5, time: 6), targets: targets)
        model.backward(ce.gradient!)
        return (loss, set.gradients.array)
    }

    func dataParallel(replicas: Int) -> (Float, [Float]) {
        let dp = DataParallel(replicas: replicas) { _ in model() }
        let (tokens, targets) = batch()
        let losses = (0..<replicas).map { _ in SoftmaxCrossEntropy() }
        dp.parameters.zeroGradients()
        let loss = dp.step(batch: 5) { r, model, rows in
            let span = (rows.lowerBound * 6)..<(rows.upperBound * 6)
            let l = losses[r].forward(model.forward(tokens: Array(tokens[span]), batch: rows.count, time: 6),
                                      targets: Array(targets[span]))
            model.backward(losses[r].gradient!)
            return (l, losses[r].counted)
        }
        return (loss, dp.parameters.gradients.array)
    }

    func testMatchesSingleModelLossAndGradient() {
        let (refLoss, refGrad) = reference()
        for replicas in [1, 2, 3] {
            let (loss, grad) = dataParallel(replicas: replicas)
            XCTAssertEqual(loss, refLoss, accuracy: 1e-5 * abs(refLoss))
            var diff: Float = 0, norm: Float = 0
            for i in grad.indices { diff += (grad[i] - refGrad[i]) * (grad[i] - refGrad[i]); norm += refGrad[i] * refGrad[i] }
            XCTAssertLessThan((diff / norm).squareRoot(), 1e-5, "\(replicas) replicas")
        }
    }

    func testReplicasShareOneCopyOfTheWeights() {
        let dp = DataParallel(replicas: 2) { _ in model() }
        let a = dp.replicas[0].namedParameters(), b = dp.replicas[1].namedParameters()
        for ((na, pa), (_, pb)) in zip(a, b) {
            XCTAssertEqual(pa.value.data, pb.value.data, "\(na) is shared")
            XCTAssertNotEqual(pa.grad.data, pb.grad.data, "\(na) has its own gradient")
        }
    }

    func testDeterministic() {
        let (l1, g1) = dataParallel(replicas: 2), (l2, g2) = dataParallel(replicas: 2)
        XCTAssertEqual(l1.bitPattern, l2.bitPattern)
        XCTAssertEqual(g1, g2)
    }
}
