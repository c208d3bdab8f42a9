import NN
import Tensor

/// Dynamic Tanh, a statistics-free norm replacement: `y = γ ⊙ tanh(α·x) + β` with one
/// learnable scalar α. x, y [rows, d]; γ, β [d]; α [1].
///
/// The paper's LLM recipe (official code, github.com/jiachenzhu/DyT, `other_tasks/LLaMA`:
/// its README's training commands and `fms_fsdp/models/llama.py`), which differs from its
/// vision default (α₀ = 0.5 everywhere, with β):
/// - α₀ per site, larger before attention than before the FFN and at the final norm, and
///   smaller for wider models: 0.8 / 0.2 / 0.2 (attention / FFN / final) for LLaMA-2 7B
///   (d = 4096), 0.6 / 0.15 / 0.15 for 13B (d = 5120), 0.2 / 0.05 / 0.05 for 34B and 70B
///   (d = 8192): attention 4× the others at every size. `norm.dyt`'s `alpha_mixer`,
///   `alpha_ffn` and `alpha_final` set them (`LayerContext.normSite`).
/// - γ = 1 and no β; no biases in any linear layer (`model.bias: false`).
/// - a learnable scalar after the token embedding, initialized to √d, on embeddings of
///   std 0.02 (`arch.embedding-scale`).
public final class DynamicTanh: Normalization {
    public let alpha: Parameter
    public let gain: Parameter
    public let bias: Parameter?
    public let width: Int
    private var input: Tensor?
    private var tanhBuffer = Buffer()
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// α = `alpha`, γ = 1, β = 0.
    public init(_ width: Int, alpha: Float = 0.5, bias: Bool = true) {
        self.width = width
        self.alpha = Parameter(shape: [1], decays: false)
        self.alpha.value.fill(alpha)
        gain = Parameter(shape: [width], decays: false)
        gain.value.fill(1)
        self.bias = bias ? Parameter(shape: [width], decays: false) : nil
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "alpha"), alpha)
        visit(qualified(prefix, "weight"), gain)
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "DynamicTanh(\(width)) got input \(x.shape)")
        let d = width, rows = x.count / d
        let t = tanhBuffer.get(x.shape), y = output.get(x.shape)
        let a = alpha.value.data[0], g = gain.value.data, b = bias?.value.data
        for i in 0..<x.count {
            // tanh z = 1 − 2/(e^{2z} + 1), with the vectorizable exp.
            t.data[i] = 1 - 2 / (FastMath.exp(2 * a * x.data[i]) + 1)
        }
        for r in 0..<rows {
            let tr = t.data + r &* d, yr = y.data + r &* d
            if let b {
                for i in 0..<d { yr[i] = g[i] * tr[i] + b[i] }
            } else {
                for i in 0..<d { yr[i] = g[i] * tr[i] }
            }
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("DynamicTanh.backward before forward") }
        let d = width, rows = x.count / d
        let t = tanhBuffer.get(x.shape), dx = inputGrad.get(x.shape)
        let a = alpha.value.data[0], g = gain.value.data, dg = gain.grad.data, db = bias?.grad.data
        var dAlpha: Float = 0
        for r in 0..<rows {
            let o = r &* d
            for i in 0..<d {
                let ti = t.data[o + i], u = dy.data[o + i] * g[i], s = 1 - ti * ti
                dx.data[o + i] = a * u * s
                dAlpha += u * x.data[o + i] * s
                dg[i] += dy.data[o + i] * ti
            }
            if let db { Kernels.add(d, dy.data + o, db) }
        }
        alpha.grad.data[0] += dAlpha
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The input row and tanh(αx).
    public func activationBytesPerToken(context: Int) -> Int { 4 * 2 * width }
}
