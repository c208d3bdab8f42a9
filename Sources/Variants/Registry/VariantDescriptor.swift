import Configuration
import NN
import Tensor

/// The families of variants, the first part of every id (`norm.rmsnorm`).
public enum VariantFamily: String, CaseIterable, Sendable {
    case norm, attn, ffn, arch, compress, merge
}

/// Which position a norm fills in a decoder: the token mixer's sub-layer (norm1), the
/// feed-forward's (norm2), or the final norm before the head. DyT initializes each differently.
public enum NormSite: String, Sendable, CaseIterable {
    case mixer, ffn, final
}

/// Where in a model a layer is built: the shape a factory needs.
public struct LayerContext: Sendable, Equatable {
    /// Model width d.
    public var width: Int
    /// Attention heads.
    public var heads: Int
    /// Feed-forward hidden width.
    public var ffnHidden: Int
    /// Maximum sequence length T.
    public var context: Int
    /// Number of blocks in the model.
    public var depth: Int
    /// This block's index, 0-based.
    public var layerIndex: Int
    /// Whether Linear and norm layers carry biases.
    public var bias: Bool
    /// The position a norm is built for; nil outside a decoder's norm positions (a norm built
    /// alone, or a layer of another family).
    public var normSite: NormSite?

    public init(width: Int, heads: Int, ffnHidden: Int, context: Int, depth: Int, layerIndex: Int = 0, bias: Bool = true,
                normSite: NormSite? = nil) {
        self.width = width
        self.heads = heads
        self.ffnHidden = ffnHidden
        self.context = context
        self.depth = depth
        self.layerIndex = layerIndex
        self.bias = bias
        self.normSite = normSite
    }
}

/// How a variant is built. Trainable layer families carry a typed factory; architecture
/// and compression variants are applied by the model assembler and the compression
/// pipeline, which look them up by id.
public enum VariantFactory {
    case normalization((ParameterValues, LayerContext, inout RNG) throws -> Normalization)
    case tokenMixer((ParameterValues, LayerContext, inout RNG) throws -> TokenMixer)
    case feedForward((ParameterValues, LayerContext, inout RNG) throws -> FeedForward)
    /// Applied by the model assembler (sharing schemes, scaling rules, parametrizations).
    case architecture
    /// Applied by the compression pipeline to a trained model: changes the context's model in
    /// place (swapping Linear layers for compressed twins, removing structure) and reports.
    case compression((ParameterValues, CompressionContext) throws -> CompressionOutcome)
}

/// A registered variant: stable id, one-line summary, typed parameters, source paper,
/// whether it changes real cost on this hardware, and its factory.
public struct VariantDescriptor {
    /// `family.name`, stable across versions (suites name variants by it).
    public let id: String
    /// One line: what the variant is.
    public let summary: String
    /// The source paper's title (and year), as VARIANTS.md gives it.
    public let paper: String
    /// Typed parameters with defaults and allowed values.
    public let parameters: [ParameterSpec]
    /// Whether and how the variant changes real cost (time, memory) on a dense-BLAS CPU,
    /// e.g. "real: fewer FLOPs through smaller GEMMs" or "none: same cost as the baseline".
    public let realCost: String
    /// How to build it.
    public let factory: VariantFactory
    /// The analytic number of trainable scalars of the layer the factory builds, from the
    /// formula (not by visiting the layer): reported without building, and checked against
    /// the visitor's count by the contract tests. Required for trainable families.
    public let parameterCount: ((ParameterValues, LayerContext) -> Int)?
    /// False when the backward pass is a deliberate approximation (PowerNorm): the contract
    /// tests then check gradients in evaluation mode, where the backward is exact.
    public let exactBackward: Bool
    /// Compression only: the options under which the method changes nothing measurable
    /// (full rank, sparsity 0, 16 bits) and the relative output tolerance the contract tests
    /// hold it to; nil for other families.
    public let identity: CompressionIdentity?
    /// Bumped when a fix changes what the variant computes for the same parameters: a trial
    /// spec names it (when above 0), so only that variant's trials get new content keys and run
    /// again, while every other stored trial stays valid (the engine version changes them all).
    public let revision: Int
    /// Compression only: the compressed twin types the method swaps in. Their `format` and
    /// `decode` are how a compressed checkpoint holding them loads; empty for other families.
    public let twins: [any CompressedLinear.Type]

    public init(id: String, summary: String, paper: String, parameters: [ParameterSpec] = [],
                realCost: String, exactBackward: Bool = true, revision: Int = 0,
                parameterCount: ((ParameterValues, LayerContext) -> Int)? = nil,
                identity: CompressionIdentity? = nil, twins: [any CompressedLinear.Type] = [], factory: VariantFactory) {
        self.id = id
        self.summary = summary
        self.paper = paper
        self.parameters = parameters
        self.realCost = realCost
        self.exactBackward = exactBackward
        self.revision = revision
        self.parameterCount = parameterCount
        self.factory = factory
        self.identity = identity
        self.twins = twins
    }

    /// Applies a compression variant to `context`'s model with `values` (already resolved).
    public func compress(_ values: ParameterValues, _ context: CompressionContext) throws -> CompressionOutcome {
        guard case .compression(let apply) = factory else {
            preconditionFailure("\(id) is not a compression variant")
        }
        return try apply(values, context)
    }

    /// Whether the factory builds a trainable layer (normalization, token mixer, feed-forward).
    public var isTrainableLayer: Bool {
        switch factory {
        case .normalization, .tokenMixer, .feedForward: return true
        case .architecture, .compression: return false
        }
    }

    /// Builds the layer at `context` with `values` (already resolved): nil for families the
    /// assembler or the compression pipeline applies.
    public func buildLayer(_ values: ParameterValues, _ context: LayerContext, rng: inout RNG) throws -> (Layer & CostModel)? {
        switch factory {
        case .normalization(let make): return try make(values, context, &rng)
        case .tokenMixer(let make): return try make(values, context, &rng)
        case .feedForward(let make): return try make(values, context, &rng)
        case .architecture, .compression: return nil
        }
    }

    /// The family named by the id's first component.
    public var family: VariantFamily? {
        id.split(separator: ".").first.flatMap { VariantFamily(rawValue: String($0)) }
    }

    /// Validates `given` against the parameters (unknown keys and bad values are errors
    /// naming this variant and the key); missing keys take their defaults.
    public func resolve(_ given: [String: ParameterValue] = [:]) throws -> ParameterValues {
        try ParameterValues(specs: parameters, given: given, owner: id)
    }
}

/// A compression method's do-nothing setting, for the contract tests.
public struct CompressionIdentity {
    /// Parameter values under which the method should reproduce the model's outputs.
    public var parameters: [String: ParameterValue]
    /// The largest allowed `max|y − ŷ| / max|y|` over the test model's logits.
    public var tolerance: Float

    public init(_ parameters: [String: ParameterValue], tolerance: Float) {
        self.parameters = parameters
        self.tolerance = tolerance
    }
}
