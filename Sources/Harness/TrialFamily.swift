import Metrics
import NN
import Store
import Tasks
import Tensor
import Variants

/// One model family's side of a trial on a task it learns: the seeded model, the task's
/// batches, and the units its cost is counted in. `ModelTrial` runs every family the same way.
protocol TrialFamily {
    associatedtype Model: TrainableModel & CompressibleModel & InternalsSource
    associatedtype Batch: ModelBatch where Batch.Input == Model.Input
    associatedtype Batches: IteratorProtocol where Batches.Element == Batch

    /// The task, for its metrics.
    var task: any AblateTask { get }
    /// A model with the spec's seeded initial weights: every call gives the same weights.
    func makeModel() throws -> Model
    /// Training batches of `batchSize` in the order `seed` gives, without end.
    func trainingBatches(batchSize: Int, seed: UInt64) -> Batches
    /// Every batch of `split` once, in order.
    func evaluationBatches(_ split: DataSplit, batchSize: Int) -> Batches
    /// The smallest evaluation batch.
    var minimumEvaluationBatch: Int { get }
    /// The size of each of the 8 calibration batches compression methods see.
    var calibrationBatch: Int { get }
    /// What the loss and throughput count (`token`, `example`), and how many one example holds.
    var unit: TrainingUnit { get }
    var unitsPerExample: Int { get }
    /// `eval` metrics of the model's shape beyond its cost (an LM's context).
    var shapeMetrics: [Metric] { get }
    /// Whether compression may distil from the uncompressed model (softmax distillation has
    /// no meaning for independent labels).
    var distils: Bool { get }
    /// An input of `batch` examples for timing inference, drawn from `rng`.
    func latencyInput(batch: Int, rng: inout RNG) -> Model.Input
}
