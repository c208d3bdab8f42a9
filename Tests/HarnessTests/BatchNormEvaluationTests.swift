import Foundation
import XCTest
@testable import Harness
import NN
import Tasks
import Tensor

/// BatchNorm's evaluation mode (running statistics) scores the same batches as its training
/// mode (batch statistics) after training on the normalization suite's setting: its poor loss
/// at lr 1e-3 there is the model's, not an evaluation mismatch.
final class BatchNormEvaluationTests: XCTestCase {
    func testEvaluationModeMatchesTrainingModeAfterTraining() throws {
        for lr in [1e-3, 4e-3] {
            let plan = try SweepPlanner.plan(try Suite.parse(text: """
                name: bn
                task: {id: task.text-bytes, params: {seq_len: 32, train_tokens: 200000, validation_fraction: 0.01, test_fraction: 0.01}}
                model: {depth: 2, width: 32, heads: 2, norm: norm.batchnorm, mix_alpha: 0.5}
                training: {steps: 200, batch: 16, lr: \(lr), schedule: cosine, warmup: 20, eval_examples: 128}
                measurement: {latency: false}
                """, file: "batchnorm.yaml"))
            let spec = plan.trials[0].spec
            let task = try XCTUnwrap(try TaskCatalog.make(spec.task.id, parameters: spec.task.params.mapValues(\.parameterValue),
                                                          seed: UInt64(spec.task.seed)) as? any SequenceTask)
            let family = SequenceFamily(spec: spec, task: task)
            let model = try family.makeModel()
            let steps = spec.training.steps!
            let trainer = Trainer(parameters: ParameterSet(model), optimizer: TrialExecution.optimizer(spec.training),
                                  learningRate: Float(lr), schedule: TrialExecution.schedule(spec.training, total: steps), clipNorm: 1)
            var stream = family.trainingBatches(batchSize: spec.training.batch, seed: UInt64(spec.seed))
            for i in 0..<steps {
                let b = stream.next()!
                model.prepare(step: i, of: steps)
                _ = trainer.step { model.lossAndBackward(b.input(rows: 0..<b.batchSize), targets: b.targets(rows: 0..<b.batchSize)).loss }
            }
            var batches = family.evaluationBatches(.validation, batchSize: 16)
            var training = 0.0, evaluation = 0.0, n = 0
            while n < 8, let b = batches.next() {
                let (input, targets) = (b.input(rows: 0..<b.batchSize), b.targets(rows: 0..<b.batchSize))
                model.setTraining(true)
                training += Double(model.loss(input, targets: targets))
                model.setTraining(false)
                evaluation += Double(model.loss(input, targets: targets))
                n += 1
            }
            XCTAssertEqual(evaluation / Double(n), training / Double(n), accuracy: 0.1, "lr \(lr): evaluation vs training mode")
        }
    }
}
