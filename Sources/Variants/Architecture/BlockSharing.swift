import NN
import Tensor

/// The weights of a model whose layers share K unique blocks (`SharingScheme.recursive`).
///
/// Every layer keeps its own block instance (so each keeps its own activations for the
/// backward pass), but its shared parameters are copies: `pull` writes the shared values
/// (plus the layer's LoRA product `B·A` for matrices) into every layer before a forward
/// pass, and `push` adds every layer's gradients back into the shared parameters (and the
/// LoRA factors) after a backward pass. Only the shared parameters, LoRA factors and
/// unshared norms are visited, so the optimizer and checkpoints see each weight once.
final class BlockSharing {
    /// A layer's copy of one shared parameter, and its LoRA factors: A [r, in], B [out, r].
    struct Link {
        let name: String
        let shared: Parameter
        let local: Parameter
        let lora: (a: Parameter, b: Parameter)?
    }

    /// Per unique block: (name relative to the block, shared parameter).
    let shared: [[(name: String, parameter: Parameter)]]
    /// Per layer: the links of its shared parameters.
    let links: [[Link]]
    /// Whether norms are shared too (otherwise each layer visits its own).
    let sharedNorms: Bool
    /// LoRA rank r (0: none).
    let rank: Int

    init(blocks: [TransformerBlock], scheme: SharingScheme, rng: inout RNG) {
        guard case .recursive(_, _, let rank, let sharedNorms) = scheme else { preconditionFailure("no sharing") }
        self.rank = rank
        self.sharedNorms = sharedNorms
        let depth = blocks.count, k = scheme.uniqueBlocks(depth: depth)
        func isShared(_ name: String) -> Bool {
            name.hasPrefix("mixer.") || name.hasPrefix("ffn.") || (sharedNorms && name.hasPrefix("norm"))
        }
        var shared: [[(name: String, parameter: Parameter)]] = Array(repeating: [], count: k)
        for u in 0..<k {
            // The shared weights start as the first layer that uses block u.
            let first = (0..<depth).first { scheme.uniqueIndex(layer: $0, depth: depth) == u }!
            for (name, p) in blocks[first].namedParameters() where isShared(name) {
                let s = Parameter(shape: p.shape, decays: p.decays)
                s.value.assign(p.value)
                shared[u].append((name, s))
            }
        }
        var links: [[Link]] = []
        for (i, block) in blocks.enumerated() {
            let u = scheme.uniqueIndex(layer: i, depth: depth)
            let local = block.namedParameters().filter { isShared($0.0) }
            links.append(zip(shared[u], local).map { s, l in
                precondition(s.name == l.0 && s.parameter.shape == l.1.shape, "blocks of one scheme differ: \(s.name) vs \(l.0)")
                var lora: (Parameter, Parameter)?
                if rank > 0, l.1.shape.count == 2, !s.name.hasPrefix("norm") {
                    let (out, inp) = (l.1.shape[0], l.1.shape[1])
                    let a = Parameter(shape: [rank, inp], decays: true), b = Parameter(shape: [out, rank], decays: true)
                    a.value.fillNormal(std: 1 / Float(inp).squareRoot(), rng: &rng)  // B = 0: starts as pure tying
                    lora = (a, b)
                }
                return Link(name: s.name, shared: s.parameter, local: l.1, lora: lora)
            })
        }
        self.shared = shared
        self.links = links
    }

    /// Visits the shared parameters (`shared.u.…`) of every unique block.
    func visitShared(prefix: String, _ visit: (String, Parameter) -> Void) {
        for (u, params) in shared.enumerated() {
            for (name, p) in params { visit(qualified(prefix, "shared.\(u).\(name)"), p) }
        }
    }

    /// Visits layer `i`'s LoRA factors (`….lora.<name>.A`, `.B`).
    func visitLoRA(layer i: Int, prefix: String, _ visit: (String, Parameter) -> Void) {
        for link in links[i] {
            guard let (a, b) = link.lora else { continue }
            visit(qualified(prefix, "lora.\(link.name).A"), a)
            visit(qualified(prefix, "lora.\(link.name).B"), b)
        }
    }

    /// Writes `W_shared (+ B·A)` into every layer's copy.
    func pull() {
        for layer in links {
            for link in layer {
                link.local.value.assign(link.shared.value)
                if let (a, b) = link.lora {
                    let out = link.local.shape[0], inp = link.local.shape[1]
                    sgemm(.none, .none, m: out, n: inp, k: rank, a: b.value.data, lda: rank, b: a.value.data, ldb: inp,
                          beta: 1, c: link.local.value.data, ldc: inp)
                }
            }
        }
    }

    /// Adds every layer's gradients into the shared parameters and LoRA factors, then clears them.
    func push() {
        for layer in links {
            for link in layer {
                let dW = link.local.grad
                link.shared.grad.add(dW)
                if let (a, b) = link.lora {
                    let out = link.local.shape[0], inp = link.local.shape[1]
                    // dB[out, r] += dW·Aᵀ;  dA[r, in] += Bᵀ·dW
                    sgemm(.none, .transposed, m: out, n: rank, k: inp, a: dW.data, lda: inp, b: a.value.data, ldb: inp,
                          beta: 1, c: b.grad.data, ldc: rank)
                    sgemm(.transposed, .none, m: rank, n: inp, k: out, a: b.value.data, lda: rank, b: dW.data, ldb: inp,
                          beta: 1, c: a.grad.data, ldc: inp)
                }
                dW.fill(0)
            }
        }
    }

    /// The matrix-product FLOPs of one `pull` (the LoRA merges).
    var mergeFLOPs: Int {
        links.joined().reduce(0) { $0 + ($1.lora == nil ? 0 : 2 * $1.local.shape[0] * $1.local.shape[1] * rank) }
    }

    /// The scalars in all LoRA factors.
    var loraParameterCount: Int {
        links.joined().reduce(0) { $0 + ($1.lora.map { $0.a.count + $0.b.count } ?? 0) }
    }
}
