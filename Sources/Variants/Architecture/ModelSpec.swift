import Configuration

/// Everything that defines a decoder-only language model built from the registry: shape,
/// one norm, one placement, one mixer, one feed-forward, a sharing scheme, μP and z-loss.
public struct ModelSpec: Hashable, Sendable {
    public var vocabulary: Int
    public var context: Int
    public var width: Int
    public var depth: Int
    public var heads: Int
    /// Feed-forward hidden width ÷ model width.
    public var ffnRatio: Double
    /// Biases in Linear layers and norms (passed to factories through `LayerContext`).
    public var bias: Bool
    public var norm: VariantChoice
    public var placement: Placement
    public var mixer: VariantChoice
    public var ffn: VariantChoice
    public var sharing: SharingScheme
    /// μP relative to a base width, or nil for the standard parametrization.
    public var mup: MuP?
    /// z-loss coefficient c (0: off): `c·mean_t (log Z_t)²` is added to the loss.
    public var zLoss: Double
    /// Whether a learnable scalar (initialized to √d) multiplies the embedding output.
    public var embeddingScale = false

    public init(vocabulary: Int, context: Int, width: Int, depth: Int, heads: Int, ffnRatio: Double = 4, bias: Bool = true,
                norm: VariantChoice = VariantChoice("norm.layernorm"), placement: Placement = .pre,
                mixer: VariantChoice = VariantChoice("attn.softmax"), ffn: VariantChoice = VariantChoice("ffn.mlp"),
                sharing: SharingScheme = .none, mup: MuP? = nil, zLoss: Double = 0) {
        self.vocabulary = vocabulary
        self.context = context
        self.width = width
        self.depth = depth
        self.heads = heads
        self.ffnRatio = ffnRatio
        self.bias = bias
        self.norm = norm
        self.placement = placement
        self.mixer = mixer
        self.ffn = ffn
        self.sharing = sharing
        self.mup = mup
        self.zLoss = zLoss
    }

    /// The feed-forward hidden width, round(ratio·d).
    public var ffnHidden: Int { max(1, Int((ffnRatio * Double(width)).rounded())) }

    /// The factory context of layer `index` (of the norm at `normSite`, for norms).
    public func layerContext(_ index: Int, normSite: NormSite? = nil) -> LayerContext {
        LayerContext(width: width, heads: heads, ffnHidden: ffnHidden, context: context, depth: depth,
                     layerIndex: index, bias: bias, normSite: normSite)
    }

    /// The non-embedding aspect ratio L/d, a covariate of scaling fits.
    public var aspectRatio: Double { Double(depth) / Double(width) }

    /// The three layer variants checked against the registry; errors name the key
    /// (`model.norm`, `model.mixer`, `model.ffn`), and shape and option errors name theirs.
    public func validated() throws -> (norm: ResolvedVariant, mixer: ResolvedVariant, ffn: ResolvedVariant) {
        try checkShape()
        return (try Registry.validate(key: "model.norm", id: norm.id, parameters: norm.parameters, family: .norm),
                try Registry.validate(key: "model.mixer", id: mixer.id, parameters: mixer.parameters, family: .attn),
                try Registry.validate(key: "model.ffn", id: ffn.id, parameters: ffn.parameters, family: .ffn))
    }

    /// Checks the shape (sizes, heads dividing the width, sharing within the depth) without the
    /// layer variants, for a spec whose variants are already resolved.
    public func checkShape() throws {
        func need(_ ok: Bool, _ key: String, _ value: CustomStringConvertible, _ allowed: String) throws {
            if !ok { throw ParameterError.invalidParameterValue(owner: "model", key: key, value: "\(value)", allowed: allowed) }
        }
        try need(vocabulary > 0, "vocabulary", vocabulary, "a positive integer")
        try need(context > 0, "context", context, "a positive integer")
        try need(depth > 0, "depth", depth, "a positive integer")
        try need(heads > 0 && width % heads == 0, "heads", heads, "a divisor of the width \(width)")
        try need(ffnRatio > 0, "ffn_ratio", ffnRatio, "a positive number")
        try need(zLoss >= 0, "z_loss", zLoss, "a number ≥ 0")
        if case .mix(let a) = placement { try need((0...1).contains(a), "mix_alpha", a, "a number in 0...1") }
        if case .recursive(let k, _, let r, _) = sharing {
            try need(k >= 1 && k <= depth, "unique_blocks", k, "an integer in 1...\(depth) (the depth)")
            try need(r >= 0, "lora_rank", r, "an integer ≥ 0")
        }
        if let mup { try need(mup.baseWidth > 0, "mup_base_width", mup.baseWidth, "a positive integer") }
    }
}
