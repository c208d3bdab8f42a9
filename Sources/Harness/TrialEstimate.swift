import NN
import Tasks
import Variants

/// Rough training compute of planned trials, for `--dry-run`.
struct TrialEstimate {
    /// The tasks built so far, by task spec: a dataset task loads its files once per dry run.
    private var tasks: [TrialSpec.TaskPart: any AblateTask] = [:]

    /// 3 × forward FLOPs per token (or example) × training tokens (or examples), or nil when it
    /// cannot be told without running (time budgets, tasks that fail to build).
    mutating func trainingFLOPs(_ spec: TrialSpec) -> Double? {
        guard let task = task(spec) else { return nil }
        let perUnit: Double, unitsPerStep: Double
        switch task.kind {
        case .sequence:
            guard spec.model.family == .transformer, let task = task as? any SequenceTask else { return nil }
            let context = DataSplit.allCases.map { task.sequenceLength($0) }.max()!
            guard let model = try? DecoderLM(spec.modelSpec(vocabulary: task.vocabSize, context: context), seed: 0) else { return nil }
            perUnit = Double(model.forwardFLOPsPerToken)
            unitsPerStep = Double(spec.training.batch * task.sequenceLength(.train))
        case .classification(let inputs, let outputs), .multiLabel(let inputs, let outputs):
            let hidden = [Int](repeating: spec.model.width, count: spec.model.depth)
            perUnit = Double(MLPClassifier.forwardFLOPsPerExample(inputs: inputs, hidden: hidden, classes: outputs))
            unitsPerStep = Double(spec.training.batch)
        }
        if let steps = spec.training.steps { return 3 * perUnit * unitsPerStep * Double(steps) }
        if let tokens = spec.training.budget?.tokens { return 3 * perUnit * Double(tokens) }
        return spec.training.budget?.flops
    }

    private mutating func task(_ spec: TrialSpec) -> (any AblateTask)? {
        if let t = tasks[spec.task] { return t }
        guard let t = try? TaskCatalog.make(spec.task.id, parameters: spec.task.params.mapValues(\.parameterValue),
                                            seed: UInt64(spec.task.seed)) else { return nil }
        tasks[spec.task] = t
        return t
    }
}
