import NN
import Tensor
import Variants

/// A fixture's model family and data: the model every copy starts from, and batch `index`
/// of its deterministic data stream.
protocol FixtureTask {
    associatedtype Model: TrainableModel & CompressibleModel
    func makeModel() -> Model
    func batch(_ index: Int) -> LabelledInput<Model.Input>
}

/// The synthetic language of the LM fixture, [16, 16] batches over 16 tokens.
struct SyntheticLanguage: FixtureTask {
    static let vocabulary = 16, time = 16, batchSize = 16
    let spec: ModelSpec

    init(width: Int, depth: Int, heads: Int, ffn: String) {
        spec = ModelSpec(vocabulary: Self.vocabulary, context: Self.time, width: width, depth: depth, heads: heads, ffn: VariantChoice(ffn))
    }

    func makeModel() -> DecoderLM { try! DecoderLM(spec, seed: 1) }

    func batch(_ index: Int) -> LabelledInput<TokenBatch> {
        let (vocabulary, time, batchSize) = (Self.vocabulary, Self.time, Self.batchSize)
        var rng = RNG(seed: 99).derived("batch.\(index)")
        var tokens: [Int32] = [], targets: [Int32] = []
        for _ in 0..<batchSize {
            var x = Int(rng.nextUInt32() % UInt32(vocabulary))
            let a = 1 + 2 * (x % 3), b = x % 5
            var seq = [x]
            for _ in 0..<time { x = (a * x + b) % vocabulary; seq.append(x) }
            tokens += seq.dropLast().map { Int32($0) }
            targets += seq.dropFirst().map { Int32($0) }
        }
        return LabelledInput(input: TokenBatch(tokens: tokens, batch: batchSize, time: time), targets: targets)
    }
}

/// The Gaussian clusters of the classifier fixture: 4 classes in 16 dimensions, batches of 64.
struct GaussianClusters: FixtureTask {
    static let inputs = 16, classes = 4, batchSize = 64
    let hidden: [Int]
    let means: [[Float]]

    init(hidden: [Int]) {
        self.hidden = hidden
        var centers = RNG(seed: 5)
        means = (0..<Self.classes).map { _ in (0..<Self.inputs).map { _ in centers.normal() } }
    }

    func makeModel() -> MLPClassifier {
        var rng = RNG(seed: 2)
        return MLPClassifier(inputs: Self.inputs, hidden: hidden, classes: Self.classes, rng: &rng)
    }

    func batch(_ index: Int) -> LabelledInput<Tensor> {
        let (inputs, classes, batchSize) = (Self.inputs, Self.classes, Self.batchSize)
        var rng = RNG(seed: 6).derived("batch.\(index)")
        let x = Tensor(shape: [batchSize, inputs])
        var y: [Int32] = []
        for r in 0..<batchSize {
            let c = Int(rng.nextUInt32() % UInt32(classes))
            y.append(Int32(c))
            for j in 0..<inputs { x.data[r * inputs + j] = means[c][j] + 1.5 * rng.normal() }
        }
        return LabelledInput(input: x, targets: y)
    }
}
