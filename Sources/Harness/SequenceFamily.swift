import Metrics
import NN
import Store
import Tasks
import Tensor
import Variants

/// A decoder LM of the spec's model part on a sequence task: trained on the training
/// split's length, shaped for the longest split, counted in tokens.
struct SequenceFamily: TrialFamily {
    let spec: TrialSpec
    let sequenceTask: any SequenceTask
    /// The model's context: the longest sequence of any split.
    let context: Int
    let modelSpec: ModelSpec

    init(spec: TrialSpec, task: any SequenceTask) {
        self.spec = spec
        sequenceTask = task
        context = DataSplit.allCases.map { task.sequenceLength($0) }.max()!
        modelSpec = spec.modelSpec(vocabulary: task.vocabSize, context: context)
    }

    var task: any AblateTask { sequenceTask }

    func makeModel() throws -> DecoderLM { try DecoderLM(modelSpec, seed: UInt64(spec.seed)) }

    func trainingBatches(batchSize: Int, seed: UInt64) -> SequenceBatchStream {
        sequenceTask.trainingBatches(batchSize: batchSize, seed: seed)
    }

    func evaluationBatches(_ split: DataSplit, batchSize: Int) -> SequenceBatchStream {
        sequenceTask.evaluationBatches(split, batchSize: batchSize)
    }

    var minimumEvaluationBatch: Int { 16 }
    /// 128 calibration sequences in all.
    var calibrationBatch: Int { 16 }
    var unit: TrainingUnit { .token }
    var unitsPerExample: Int { sequenceTask.sequenceLength(.train) }
    var shapeMetrics: [Metric] { [Metric(stage: "eval", .context, value: Double(context))] }
    var distils: Bool { true }

    /// `batch` full-context sequences of uniform random tokens.
    func latencyInput(batch: Int, rng: inout RNG) -> TokenBatch {
        let tokens = (0..<(batch * context)).map { _ in Int32(rng.int(below: sequenceTask.vocabSize)) }
        return TokenBatch(tokens: tokens, batch: batch, time: context)
    }
}
