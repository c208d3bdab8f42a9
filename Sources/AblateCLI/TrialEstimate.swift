import Harness
import Tasks
import Variants

/// Rough training compute of a planned trial, for `--dry-run`.
enum TrialEstimate {
    /// 3 × forward FLOPs per token × training tokens, or nil when it cannot be told
    /// without running (time budgets, tasks that fail to build).
    static func trainingFLOPs(_ spec: TrialSpec) -> Double? {
        guard spec.model.family == .transformer,
              let task = try? TaskCatalog.make(spec.task.id, parameters: spec.task.params.mapValues(\.parameterValue),
                                               seed: UInt64(spec.task.seed)) as? any SequenceTask else { return nil }
        let context = DataSplit.allCases.map { task.sequenceLength($0) }.max()!
        guard let model = try? DecoderLM(spec.modelSpec(vocabulary: task.vocabSize, context: context), seed: 0) else { return nil }
        let perToken = Double(model.forwardFLOPsPerToken)
        let tokensPerStep = Double(spec.training.batch * task.sequenceLength(.train))
        if let steps = spec.training.steps { return 3 * perToken * tokensPerStep * Double(steps) }
        if let tokens = spec.training.budget?.tokens { return 3 * perToken * Double(tokens) }
        return spec.training.budget?.flops
    }
}
