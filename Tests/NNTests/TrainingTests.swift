import XCTest
import NN
import Tensor
import Variants

final class TrainingTests: XCTestCase {
    /// Trains the tiny LM on a repeating pattern for `steps` and returns every loss.
    func trainRepeatingPattern(steps: Int, seed: UInt64) -> [Float] {
        let rng = RNG(seed: seed)
        let model = try! DecoderLM(ModelSpec(vocabulary: 16, context: 16, width: 32, depth: 2, heads: 2), seed: seed)
        let trainer = Trainer(model: model, optimizer: AdamW(weightDecay: 0), learningRate: 3e-3,
                              schedule: .warmupCosine(warmup: 10, total: steps, minRatio: 0.1))
        let pattern: [Int32] = [3, 1, 4, 15, 9, 2, 6, 5, 8, 7]  // period 10
        let (batch, time) = (8, 16)
        let ce = SoftmaxCrossEntropy()
        var data = rng.derived("data")
        var losses: [Float] = []
        for _ in 0..<steps {
            var tokens: [Int32] = [], targets: [Int32] = []
            for _ in 0..<batch {
                let start = data.int(below: pattern.count)
                let seq = (0...time).map { pattern[(start + $0) % pattern.count] }
                tokens += seq[0..<time]
                targets += seq[1...time]
            }
            losses.append(trainer.step {
                let loss = ce.forward(model.forward(tokens: tokens, batch: batch, time: time), targets: targets)
                model.backward(ce.gradient!)
                return loss
            })
        }
        return losses
    }

    func testTinyTransformerLearnsRepeatingPattern() {
        let losses = trainRepeatingPattern(steps: 150, seed: 1)
        XCTAssertGreaterThan(losses[0], 2.5)  // ≈ ln 16 at initialisation
        XCTAssertLessThan(losses.last!, 0.05)
    }

    func testSameSeedGivesBitwiseIdenticalLoss() {
        let before = BLAS.threads
        defer { BLAS.threads = before }
        BLAS.threads = 2
        let a = trainRepeatingPattern(steps: 50, seed: 7), b = trainRepeatingPattern(steps: 50, seed: 7)
        XCTAssertEqual(a.last!.bitPattern, b.last!.bitPattern)
        XCTAssertEqual(a, b)
        let c = trainRepeatingPattern(steps: 50, seed: 8)
        XCTAssertNotEqual(a.last!, c.last!)
    }

    /// Four Gaussian clusters in 10 dimensions with overlapping tails: an MLP should
    /// classify held-out points far above chance (25%).
    func testMLPLearnsSyntheticClassification() {
        var rng = RNG(seed: 11)
        let (dims, classes) = (10, 4)
        let centres = (0..<classes).map { _ in (0..<dims).map { _ in rng.normal(std: 1.5) } }
        func sample(_ n: Int, _ r: inout RNG) -> (Tensor, [Int32]) {
            let x = Tensor(shape: [n, dims])
            var y: [Int32] = []
            for i in 0..<n {
                let c = r.int(below: classes)
                y.append(Int32(c))
                for j in 0..<dims { x.data[i * dims + j] = centres[c][j] + r.normal() }
            }
            return (x, y)
        }
        var dataRNG = rng.derived("data")
        let (testX, testY) = sample(1000, &dataRNG)
        let model = MLPClassifier(inputs: dims, hidden: [64, 64], classes: classes, activation: .relu, rng: &rng)
        let trainer = Trainer(model: model, optimizer: SGD(momentum: 0.9), learningRate: 0.05)
        let ce = SoftmaxCrossEntropy()
        for _ in 0..<300 {
            let (x, y) = sample(64, &dataRNG)
            trainer.step {
                let loss = ce.forward(model.forward(x), targets: y)
                _ = model.backward(ce.gradient!)
                return loss
            }
        }
        let predictions = argmaxRows(model.forward(testX))
        let accuracy = Double(zip(predictions, testY).filter { $0 == $1 }.count) / Double(testY.count)
        XCTAssertGreaterThan(accuracy, 0.95)
    }
}
