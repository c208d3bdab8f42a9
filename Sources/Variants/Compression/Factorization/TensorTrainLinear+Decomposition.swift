import NN
import Tensor

extension TensorTrainLinear {
    /// The TT-SVD of `w` [out, in] into `cores` K cores with bond ranks at most `maxBond`:
    /// the modes come from `TensorTrainShape.modes` (W zero-padded to ∏m × ∏n), W is permuted
    /// to the mode order (i₁ j₁)(i₂ j₂)…(i_K j_K), and for k = 1 … K−1 the unfolding
    /// C [r_{k−1}·m_k·n_k, −1] = UΣVᵀ gives r_k = min(χ, rank keeping `energy` of Σσ², rank C),
    /// core G_k = U[:, :r_k] and the next C = Σ_{:r_k}V[:, :r_k]ᵀ; the last core is the final C.
    /// SVDs in Double (LAPACK `dgesdd`). Exact when χ is at least every unfolding's rank.
    public convenience init(decomposing w: Tensor, bias: Tensor?, cores count: Int, maxBond: Int, energy: Double = 1) {
        precondition(w.rank == 2 && count >= 1 && maxBond >= 1)
        let (out, inputs) = (w.shape[0], w.shape[1])
        let (n, m) = TensorTrainShape.modes(inFeatures: inputs, outFeatures: out, cores: count)
        var c = Self.permuted(w, inFactors: n, outFactors: m)
        var ranks = [1]
        var standard: [[Double]] = []  // core k as (r_{k−1}, m_k, n_k, r_k)
        for k in 0..<(count - 1) {
            let rows = ranks[k] * m[k] * n[k], cols = c.count / rows
            let svd = SingularValueDecomposition<Double>(c, rows: rows, cols: cols)
            let r = max(1, min(maxBond, svd.rank(energy: energy)))
            var core = [Double](repeating: 0, count: rows * r)
            for row in 0..<rows { for b in 0..<r { core[row &* r &+ b] = svd.u[row &* svd.k &+ b] } }
            standard.append(core)
            var next = [Double](repeating: 0, count: r * cols)
            for b in 0..<r {
                let s = svd.singularValues[b]
                for col in 0..<cols { next[b &* cols &+ col] = s * svd.vt[b &* cols &+ col] }
            }
            c = next
            ranks.append(r)
        }
        standard.append(c)
        ranks.append(1)
        let shape = TensorTrainShape(inFactors: n, outFactors: m, ranks: ranks)
        let stored = standard.enumerated().map { k, core in
            Self.storedLayout(core, rankIn: ranks[k], out: m[k], in: n[k], rankOut: ranks[k + 1])
        }
        self.init(shape: shape, inFeatures: inputs, outFeatures: out, cores: stored, bias: bias)
    }

    /// W zero-padded to [∏m, ∏n] with its entries at the mixed-radix position
    /// Σ_k (i_k·n_k + j_k)·∏_{l>k} m_l·n_l.
    static func permuted(_ w: Tensor, inFactors n: [Int], outFactors m: [Int]) -> [Double] {
        let (out, inputs) = (w.shape[0], w.shape[1])
        var stride = [Int](repeating: 1, count: n.count)
        for k in stride.indices.dropLast().reversed() { stride[k] = stride[k + 1] * m[k + 1] * n[k + 1] }
        func offsets(_ count: Int, _ radix: [Int], _ scale: [Int]) -> [Int] {
            (0..<count).map { index in
                var rest = index, total = 0
                for k in radix.indices.reversed() {
                    total += (rest % radix[k]) * scale[k]
                    rest /= radix[k]
                }
                return total
            }
        }
        let rowOffsets = offsets(out, m, zip(stride, n).map { $0 * $1 }), colOffsets = offsets(inputs, n, stride)
        var t = [Double](repeating: 0, count: m.reduce(1, *) * n.reduce(1, *))
        for i in 0..<out {
            let row = w.data + i &* inputs
            for j in 0..<inputs { t[rowOffsets[i] &+ colOffsets[j]] = Double(row[j]) }
        }
        return t
    }

    /// A core (r_{k−1}, m_k, n_k, r_k) rearranged to the stored [m_k, r_k, r_{k−1}, n_k], in Float32.
    static func storedLayout(_ core: [Double], rankIn: Int, out: Int, in inputs: Int, rankOut: Int) -> Tensor {
        let t = Tensor(shape: [out * rankOut * rankIn * inputs])
        for a in 0..<rankIn {
            for i in 0..<out {
                for j in 0..<inputs {
                    for b in 0..<rankOut {
                        t.data[((i &* rankOut &+ b) &* rankIn &+ a) &* inputs &+ j] =
                            Float(core[((a &* out &+ i) &* inputs &+ j) &* rankOut &+ b])
                    }
                }
            }
        }
        return t
    }
}
