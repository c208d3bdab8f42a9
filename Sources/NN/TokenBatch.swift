/// Token ids [batch, time], row-major: the input of a language model.
public struct TokenBatch {
    public var tokens: [Int32]
    public var batch: Int
    public var time: Int

    public init(tokens: [Int32], batch: Int, time: Int) {
        precondition(tokens.count == batch * time, "\(tokens.count) tokens for a [\(batch), \(time)] batch")
        self.tokens = tokens
        self.batch = batch
        self.time = time
    }
}
