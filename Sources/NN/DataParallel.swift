import Tensor

/// Data parallelism over the batch on the cores of one machine.
///
/// Holds one replica of a model per worker. Every replica's parameter values are views of
/// the primary's packed values (one copy of the weights); each replica has its own
/// activation buffers and its own gradient buffer. A step splits the batch into fixed
/// contiguous shards, runs forward and backward of each shard on its replica in parallel
/// (BLAS single-threaded meanwhile: one owner of parallelism), then weights each replica's
/// gradient by its share of the counted rows and sums them in replica order, so the result
/// is the gradient of the whole batch's mean loss and does not depend on scheduling.
public final class DataParallel<Model: ParameterVisitable> {
    /// The replicas; `replicas[0]` is the primary, whose `parameters` the optimizer updates.
    public let replicas: [Model]
    /// The primary's packed parameters and gradients.
    public let parameters: ParameterSet
    private let replicaGradients: [Tensor]

    /// `count` replicas built by `make(i)`; they must have identical parameter names and shapes.
    /// The primary's initial values are kept.
    public init(replicas count: Int, make: (Int) -> Model) {
        precondition(count >= 1, "DataParallel needs at least one replica")
        let models = (0..<count).map(make)
        replicas = models
        parameters = ParameterSet(models[0])
        var grads: [Tensor] = []
        let primary = parameters.entries
        for model in models.dropFirst() {
            let flat = Tensor(shape: [parameters.count])
            var seen = Set<ObjectIdentifier>()
            var unique: [(String, Parameter)] = []
            model.visitParameters(prefix: "") { name, p in
                if seen.insert(ObjectIdentifier(p)).inserted { unique.append((name, p)) }
            }
            precondition(unique.count == primary.count, "replicas differ in their parameters")
            let byName = Dictionary(uniqueKeysWithValues: unique)
            var offset = 0
            for (name, p) in primary {
                guard let q = byName[name], q.shape == p.shape else {
                    preconditionFailure("replica parameter \(name) missing or of another shape")
                }
                q.value = p.value
                q.grad = Tensor(viewOf: flat, offset: offset, shape: p.shape)
                offset += p.count
            }
            grads.append(flat)
        }
        replicaGradients = grads
    }

    /// The contiguous shard of `0..<batch` that replica `r` processes.
    public func shard(_ r: Int, of batch: Int) -> Range<Int> {
        let n = replicas.count
        return (r * batch / n)..<((r + 1) * batch / n)
    }

    /// Runs `body(index, replica, shard)` for every replica in parallel. The body does forward and
    /// backward of its shard (batch rows `shard`), accumulating gradients, and returns its mean
    /// loss and the number of rows (targets) it counted. Returns the batch's mean loss, and
    /// leaves the batch-mean gradient in `parameters.gradients`.
    public func step(batch: Int, _ body: (Int, Model, Range<Int>) -> (loss: Float, count: Int)) -> Float {
        for g in replicaGradients { g.fill(0) }
        var results = [(loss: Float, count: Int)](repeating: (0, 0), count: replicas.count)
        results.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(replicas.count, workers: replicas.count) { r, _ in
                let range = shard(r, of: batch)
                out[r] = range.isEmpty ? (0, 0) : body(r, replicas[r], range)
            }
        }
        let total = results.reduce(0) { $0 + $1.count }
        guard total > 0 else { return 0 }
        let primary = parameters.gradients
        primary.scale(by: Float(results[0].count) / Float(total))
        for (r, g) in replicaGradients.enumerated() {
            Kernels.axpy(g.count, Float(results[r + 1].count) / Float(total), g.data, primary.data)
        }
        var loss: Double = 0
        for r in results where r.count > 0 { loss += Double(r.loss) * Double(r.count) }
        return Float(loss / Double(total))
    }
}
