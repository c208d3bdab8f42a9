import NN
import Reports
import Tasks
import Tensor
import Variants

extension CoordinateCheckRequest {
    /// Builds the model at every width under every parametrization, trains it `steps` steps
    /// with the base's optimizer on the base's task (batches and init from the seed, as a
    /// trial), and records each layer's mean |coordinate| on the batch of every step.
    public func run() throws -> CoordinateCheck {
        try validate()
        let task = try TaskCatalog.make(base.task.id, parameters: base.task.params.mapValues(\.parameterValue),
                                        seed: UInt64(base.task.seed))
        guard let sequenceTask = task as? any SequenceTask else {
            throw CoordinateCheckError.invalid("\(base.task.id) is not a sequence task; the check trains decoder language models")
        }
        let results = try parametrizations.map { p in
            var layers: [CoordinateCheck.Layer] = []
            for (w, width) in widths.enumerated() {
                for k in 0..<seeds {
                    let sizes = try measure(SequenceFamily(spec: try trialSpec(width: width, p, seed: base.seed + k), task: sequenceTask))
                    if layers.isEmpty {
                        layers = sizes.map { .init(name: $0.name, sizes: Array(repeating: Array(repeating: 0, count: steps + 1), count: widths.count)) }
                    }
                    for (i, s) in sizes.enumerated() {
                        for t in 0...steps { layers[i].sizes[w][t] += s.values[t] / Double(seeds) }
                    }
                }
            }
            return CoordinateCheck.Parametrization(name: p.name, label: p.label, layers: layers)
        }
        return CoordinateCheck(widths: widths, steps: steps, seeds: seeds, learningRate: learningRate, threshold: threshold,
                               parametrizations: results)
    }

    /// One model's layer sizes at steps 0…steps, in layer order.
    private func measure(_ family: SequenceFamily) throws -> [(name: String, values: [Double])] {
        let model = try family.makeModel()
        let training = family.spec.training
        let trainer = Trainer(model: model, optimizer: TrialExecution.optimizer(training), learningRate: Float(learningRate),
                              schedule: .constant, clipNorm: nil)
        var recorded: [String: [Double]] = [:]
        func record(_ name: String, _ value: Double) { recorded[name, default: []].append(value) }
        for (i, block) in model.blocks.enumerated() {
            block.streamObserver = { x, r, y in
                if i == 0 { record("embedding", Self.meanAbsolute(x)) }
                record("block\(i).mixer", Self.meanAbsoluteDifference(r, x))
                record("block\(i).ffn", Self.meanAbsoluteDifference(y, r))
                record("block\(i).residual", Self.meanAbsolute(y))
            }
        }
        model.logitsObserver = { record("logits", Self.meanAbsolute($0)) }
        var stream = family.trainingBatches(batchSize: training.batch, seed: UInt64(family.spec.seed))
        model.setTraining(true)
        for step in 0...steps {
            let batch = stream.next()!
            model.prepare(step: step, of: steps + 1)
            let input = batch.input(rows: 0..<batch.batchSize)
            if step < steps {
                trainer.step { model.lossAndBackward(input, targets: batch.targets(rows: 0..<batch.batchSize)).loss }
            } else {
                _ = model.logits(input)
            }
        }
        let order = ["embedding"] + model.blocks.indices.flatMap { i in ["mixer", "ffn", "residual"].map { "block\(i).\($0)" } } + ["logits"]
        return order.map { ($0, recorded[$0]!) }
    }

    /// Mean |a|.
    static func meanAbsolute(_ a: Tensor) -> Double {
        a.buffer.reduce(0.0) { $0 + Double(abs($1)) } / Double(a.count)
    }

    /// Mean |a − b|.
    static func meanAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Double {
        zip(a.buffer, b.buffer).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(a.count)
    }
}
