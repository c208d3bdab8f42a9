import Metrics
import NN
import Store
import Tasks
import Tensor
import Variants

/// An MLP of the spec's model part on a classification or multi-label task, counted in examples.
struct ClassifierFamily: TrialFamily {
    let spec: TrialSpec
    let classifierTask: any ClassifierTask
    let inputs: Int
    /// Classes, or labels of a multi-label task.
    let outputs: Int
    let objective: ClassifierObjective

    init(spec: TrialSpec, task: any ClassifierTask) {
        self.spec = spec
        classifierTask = task
        switch task.kind {
        case .classification(let inputs, let classes): (self.inputs, outputs, objective) = (inputs, classes, .singleLabel)
        case .multiLabel(let inputs, let labels): (self.inputs, outputs, objective) = (inputs, labels, .multiLabel)
        case .sequence: preconditionFailure("a sequence task is not a classifier task")
        }
    }

    var task: any AblateTask { classifierTask }

    func makeModel() -> MLPClassifier {
        let m = spec.model
        var rng = RNG(seed: UInt64(spec.seed)).derived("mlp")
        return MLPClassifier(inputs: inputs, hidden: [Int](repeating: m.width, count: m.depth), classes: outputs,
                             activation: m.activation, objective: objective, rng: &rng)
    }

    func trainingBatches(batchSize: Int, seed: UInt64) -> ClassifierBatchStream {
        classifierTask.trainingBatches(batchSize: batchSize, seed: seed)
    }

    func evaluationBatches(_ split: DataSplit, batchSize: Int) -> ClassifierBatchStream {
        classifierTask.evaluationBatches(split, batchSize: batchSize)
    }

    var minimumEvaluationBatch: Int { 64 }
    /// 512 calibration examples in all.
    var calibrationBatch: Int { 64 }
    var unit: TrainingUnit { .example }
    var unitsPerExample: Int { 1 }
    var shapeMetrics: [Metric] { [] }
    var distils: Bool { objective == .singleLabel }

    /// `batch` examples of uniform features in [0, 1).
    func latencyInput(batch: Int, rng: inout RNG) -> Tensor {
        let x = Tensor(shape: [batch, inputs])
        x.fillUniform(0, 1, rng: &rng)
        return x
    }
}
