import Tensor

/// The order examples are visited in: with a shuffle RNG, endless epochs, each a fresh seeded
/// permutation of `0..<count` (only indices are permuted, never data); without, one pass in order.
public struct BatchOrder: Sequence, IteratorProtocol, Sendable {
    public let count: Int
    public let batchSize: Int
    private let rng: RNG?
    private var order: [Int] = []
    /// The current epoch (0-based) and the position within it.
    public private(set) var epoch = 0
    public private(set) var position = 0
    /// Examples handed out so far.
    public private(set) var examplesSeen = 0

    public init(count: Int, batchSize: Int, shuffleWith rng: RNG?) {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        self.count = count
        self.batchSize = batchSize
        self.rng = rng
        if let rng, count > 0 { order = Self.permutation(rng, epoch: 0, count: count) }
    }

    private static func permutation(_ rng: RNG, epoch: Int, count: Int) -> [Int] {
        var r = rng.derived("epoch \(epoch)")
        return r.permutation(count)
    }

    public mutating func next() -> [Int]? {
        guard count > 0 else { return nil }
        guard let rng else {
            guard position < count else { return nil }
            let end = Swift.min(position + batchSize, count)
            defer { examplesSeen += end - position; position = end }
            return Array(position..<end)
        }
        var batch = [Int]()
        batch.reserveCapacity(batchSize)
        while batch.count < batchSize {
            if position == count {
                epoch += 1
                position = 0
                order = Self.permutation(rng, epoch: epoch, count: count)
            }
            let take = Swift.min(batchSize - batch.count, count - position)
            batch.append(contentsOf: order[position..<(position + take)])
            position += take
        }
        examplesSeen += batch.count
        return batch
    }
}
