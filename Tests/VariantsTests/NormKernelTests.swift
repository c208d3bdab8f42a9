import XCTest
import NN
import Tensor
@testable import Variants

/// The norms on the shared kernels (`NormAffine`, `NormKernels`): LayerNorm gives bit for bit
/// what its previous loops gave (stored trials keep their keys), and every rewritten norm
/// matches a Double evaluation of its formula (VARIANTS.md, section A), forward and backward,
/// within Float32 rounding.
final class NormKernelTests: XCTestCase {
    /// Allowed |Float − Double| per element, relative to max(1, |Double|).
    let tolerance = 1e-4

    func values(_ count: Int, seed: UInt64, std: Float = 1, mean: Float = 0) -> [Float] {
        var rng = RNG(seed: seed)
        return (0..<count).map { _ in mean + rng.normal(std: std) }
    }

    func tensor(_ rows: Int, _ d: Int, seed: UInt64, std: Float = 3, mean: Float = 0) -> Tensor {
        Tensor(shape: [rows, d], values: values(rows * d, seed: seed, std: std, mean: mean))
    }

    /// Sets γ near 1 and β (when present), zeroes every gradient, and returns their values.
    func randomize(gain: Parameter?, bias: Parameter?, seed: UInt64) -> (gain: [Double]?, bias: [Double]?) {
        if let gain { gain.value.assign(Tensor(shape: gain.value.shape, values: values(gain.value.count, seed: seed, std: 0.3, mean: 1))) }
        if let bias { bias.value.assign(Tensor(shape: bias.value.shape, values: values(bias.value.count, seed: seed + 1, std: 0.5))) }
        gain?.grad.fill(0)
        bias?.grad.fill(0)
        return (gain.map { $0.value.array.map(Double.init) }, bias.map { $0.value.array.map(Double.init) })
    }

    func assertClose(_ actual: [Float], _ expected: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
        let worst = zip(actual, expected).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst, tolerance, "\(what): largest error \(worst)", file: file, line: line)
    }

    // MARK: LayerNorm keeps its bits

    /// An FNV-style hash of the bit patterns.
    func fingerprint(_ values: [Float]) -> UInt64 {
        values.reduce(1_469_598_103_934_665_603 as UInt64) { ($0 ^ UInt64($1.bitPattern)) &* 1_099_511_628_211 }
    }

    /// The fingerprints of y, dx and dγ below were taken from LayerNorm's previous loops (commit
    /// c838e1c) compiled in NN, as these are: a copy of those loops compiled here, in the test
    /// target, is vectorized differently and differs in the last bit.
    func testLayerNormIsBitForBitItsPreviousLoops() {
        let previous: [Int: (bias: UInt64, noBias: UInt64)] = [
            67: (1_288_468_007_882_189_877, 4_683_096_224_641_366_754),
            1024: (8_652_501_672_742_308_976, 8_180_316_266_338_246_567),
        ]
        for (d, expected) in previous {
            for bias in [true, false] {
                var rng = RNG(seed: 1)
                let rows = 9
                let x = Tensor(shape: [rows, d], values: (0..<(rows * d)).map { _ in rng.normal(std: 3) })
                let dy = Tensor(shape: [rows, d], values: (0..<(rows * d)).map { _ in rng.normal() })
                let norm = LayerNorm(d, bias: bias)
                for i in 0..<d { norm.gain.value.data[i] = 1 + 0.3 * rng.normal() }
                if let b = norm.bias { for i in 0..<d { b.value.data[i] = 0.3 * rng.normal() } }
                let y = norm.forward(x).array, dx = norm.backward(dy).array
                XCTAssertEqual(fingerprint(y + dx + norm.gain.grad.array), bias ? expected.bias : expected.noBias, "d \(d), bias \(bias)")
            }
        }
    }

    // MARK: Row norms against Double

    /// `y = γ ⊙ (x − μ)·r + β` per row (μ the row mean when `centred`, else 0; r = 1/√(mean((x−μ)²)+ε))
    /// and its backward `dx = r·(g − mean(g) − x̂·mean(g ⊙ x̂))` (no mean(g) when not centred), g = γ ⊙ dy.
    func rowNormReference(_ x: Tensor, _ dy: Tensor, gain: [Double]?, bias: [Double]?, centred: Bool, epsilon: Double)
        -> (y: [Double], dx: [Double], dGain: [Double], dBias: [Double]) {
        let d = x.shape.last!, rows = x.count / d
        var y = [Double](repeating: 0, count: x.count), dx = y
        var dGain = [Double](repeating: 0, count: d), dBias = dGain
        for r in 0..<rows {
            let xr = (0..<d).map { Double(x.data[r * d + $0]) }, dyr = (0..<d).map { Double(dy.data[r * d + $0]) }
            let mu = centred ? xr.reduce(0, +) / Double(d) : 0
            let rs = 1 / (xr.map { ($0 - mu) * ($0 - mu) }.reduce(0, +) / Double(d) + epsilon).squareRoot()
            let xh = xr.map { ($0 - mu) * rs }
            let g = (0..<d).map { dyr[$0] * (gain?[$0] ?? 1) }
            let meanG = centred ? g.reduce(0, +) / Double(d) : 0
            let meanGX = (0..<d).map { g[$0] * xh[$0] }.reduce(0, +) / Double(d)
            for i in 0..<d {
                y[r * d + i] = (gain?[i] ?? 1) * xh[i] + (bias?[i] ?? 0)
                dx[r * d + i] = rs * (g[i] - meanG - xh[i] * meanGX)
                dGain[i] += dyr[i] * xh[i]
                dBias[i] += dyr[i]
            }
        }
        return (y, dx, dGain, dBias)
    }

    /// `norm` (a row norm with a gain γ and optional shift β) against `rowNormReference` on
    /// x and dy, after randomizing γ and β from `seed`: y, dx, dγ and dβ.
    func assertRowNormMatchesFormula(_ name: String, _ norm: Layer, gain: Parameter, bias: Parameter?, centred: Bool,
                                     epsilon: Float, x: Tensor, dy: Tensor, seed: UInt64,
                                     file: StaticString = #filePath, line: UInt = #line) {
        let (g, b) = randomize(gain: gain, bias: bias, seed: seed)
        let ref = rowNormReference(x, dy, gain: g, bias: b, centred: centred, epsilon: Double(epsilon))
        let what = "\(name), bias \(bias != nil)"
        assertClose(norm.forward(x).array, ref.y, "\(what) y", file: file, line: line)
        assertClose(norm.backward(dy).array, ref.dx, "\(what) dx", file: file, line: line)
        assertClose(gain.grad.array, ref.dGain, "\(what) dγ", file: file, line: line)
        if let bias { assertClose(bias.grad.array, ref.dBias, "\(what) dβ", file: file, line: line) }
    }

    func testLayerNormMatchesItsFormula() {
        for bias in [true, false] {
            let norm = LayerNorm(67, bias: bias)
            assertRowNormMatchesFormula("LayerNorm", norm, gain: norm.gain, bias: norm.bias, centred: true, epsilon: norm.epsilon,
                                        x: tensor(6, 67, seed: 16, mean: 1), dy: tensor(6, 67, seed: 17, std: 1), seed: 18)
        }
    }

    func testRMSNormMatchesItsFormula() {
        for bias in [false, true] {
            let norm = RMSNorm(67, bias: bias)
            assertRowNormMatchesFormula("RMSNorm", norm, gain: norm.gain, bias: norm.bias, centred: false, epsilon: norm.epsilon,
                                        x: tensor(6, 67, seed: 4), dy: tensor(6, 67, seed: 5, std: 1), seed: 6)
        }
    }

    func testLayerNormNoScaleMatchesItsFormula() {
        for bias in [true, false] {
            let (rows, d) = (5, 130)
            let x = tensor(rows, d, seed: 7, mean: 2), dy = tensor(rows, d, seed: 8, std: 1)
            let norm = LayerNormNoScale(d, bias: bias)
            let (_, beta) = randomize(gain: nil, bias: norm.bias, seed: 9)
            let ref = rowNormReference(x, dy, gain: nil, bias: beta, centred: true, epsilon: Double(norm.epsilon))
            assertClose(norm.forward(x).array, ref.y, "LayerNormNoScale y, bias \(bias)")
            assertClose(norm.backward(dy).array, ref.dx, "LayerNormNoScale dx, bias \(bias)")
            if let b = norm.bias { assertClose(b.grad.array, ref.dBias, "LayerNormNoScale dβ") }
        }
    }

    // MARK: Batch-statistic norms against Double

    /// Column j of a [rows, d] tensor in Double.
    func column(_ t: Tensor, _ j: Int) -> [Double] {
        let d = t.shape.last!
        return (0..<(t.count / d)).map { Double(t.data[$0 * d + j]) }
    }

    /// BatchNorm in training mode: each feature standardized over the rows; the LayerNorm
    /// backward with means over rows. Also the running statistics after one step from (μ_r, v_r).
    func batchNormReference(_ x: Tensor, _ dy: Tensor, gain: [Double], bias: [Double]?, momentum: Double, epsilon: Double,
                            runningMean: [Double], runningVariance: [Double])
        -> (y: [Double], dx: [Double], dGain: [Double], dBias: [Double], runningMean: [Double], runningVariance: [Double]) {
        let d = x.shape.last!, rows = x.count / d, n = Double(rows)
        var y = [Double](repeating: 0, count: x.count), dx = y
        var dGain = [Double](repeating: 0, count: d), dBias = dGain, newMean = dGain, newVariance = dGain
        for j in 0..<d {
            let xc = column(x, j), dyc = column(dy, j)
            let mu = xc.reduce(0, +) / n, v = xc.map { ($0 - mu) * ($0 - mu) }.reduce(0, +) / n
            let rs = 1 / (v + epsilon).squareRoot()
            let xh = xc.map { ($0 - mu) * rs }, g = dyc.map { $0 * gain[j] }
            let meanG = g.reduce(0, +) / n, meanGX = (0..<rows).map { g[$0] * xh[$0] }.reduce(0, +) / n
            for r in 0..<rows {
                y[r * d + j] = gain[j] * xh[r] + (bias?[j] ?? 0)
                dx[r * d + j] = rs * (g[r] - meanG - xh[r] * meanGX)
                dGain[j] += dyc[r] * xh[r]
                dBias[j] += dyc[r]
            }
            newMean[j] = (1 - momentum) * runningMean[j] + momentum * mu
            newVariance[j] = (1 - momentum) * runningVariance[j] + momentum * v * n / (n - 1)
        }
        return (y, dx, dGain, dBias, newMean, newVariance)
    }

    func testBatchNormMatchesItsFormulaInTrainingAndEvaluation() {
        let (rows, d) = (24, 37)
        let x = tensor(rows, d, seed: 10, mean: 1.5), dy = tensor(rows, d, seed: 11, std: 1)
        let bn = BatchNorm(d, momentum: 0.3)
        bn.runningMean = values(d, seed: 12)
        bn.runningVariance = values(d, seed: 13, std: 0.2, mean: 2)
        let (gain, beta) = randomize(gain: bn.gain, bias: bn.bias, seed: 14)
        let ref = batchNormReference(x, dy, gain: gain!, bias: beta, momentum: 0.3, epsilon: Double(bn.epsilon),
                                     runningMean: bn.runningMean.map(Double.init), runningVariance: bn.runningVariance.map(Double.init))
        assertClose(bn.forward(x).array, ref.y, "BatchNorm y")
        assertClose(bn.runningMean, ref.runningMean, "BatchNorm running mean")
        assertClose(bn.runningVariance, ref.runningVariance, "BatchNorm running variance")
        assertClose(bn.backward(dy).array, ref.dx, "BatchNorm dx")
        assertClose(bn.gain.grad.array, ref.dGain, "BatchNorm dγ")
        assertClose(bn.bias!.grad.array, ref.dBias, "BatchNorm dβ")
        // Evaluation: y = γ ⊙ (x − μ_r)/√(v_r+ε) + β, dx = γ ⊙ dy/√(v_r+ε).
        bn.isTraining = false
        _ = randomize(gain: bn.gain, bias: bn.bias, seed: 15)
        let rs = bn.runningVariance.map { 1 / (Double($0) + Double(bn.epsilon)).squareRoot() }
        let y = bn.forward(x).array, dx = bn.backward(dy).array
        var expectedY = [Double](repeating: 0, count: x.count), expectedDX = expectedY
        for r in 0..<rows {
            for j in 0..<d {
                let k = r * d + j, g = Double(bn.gain.value.data[j])
                expectedY[k] = g * (Double(x.data[k]) - Double(bn.runningMean[j])) * rs[j] + Double(bn.bias!.value.data[j])
                expectedDX[k] = g * rs[j] * Double(dy.data[k])
            }
        }
        assertClose(y, expectedY, "BatchNorm evaluation y")
        assertClose(dx, expectedDX, "BatchNorm evaluation dx")
    }

    /// PowerNorm's state (ψ², ν) and one training or evaluation step of its formula
    /// (row scaling u = x/√(mean(x²)+ε), then the per-feature quadratic mean; approximate backward).
    struct PowerNormReference {
        var phi: [Double]
        var nu: [Double]
        var iteration = 0
        let warmupSteps: Int, alphaForward: Double, alphaBackward: Double, epsilon: Double

        mutating func step(_ x: Tensor, _ dy: Tensor, gain: [Double], bias: [Double], training: Bool)
            -> (y: [Double], dx: [Double], dGain: [Double], dBias: [Double]) {
            let d = x.shape.last!, rows = x.count / d, n = Double(rows), eps = epsilon
            var u = [[Double]](), s = [Double]()
            for r in 0..<rows {
                let row = (0..<d).map { Double(x.data[r * d + $0]) }
                s.append(1 / (row.map { $0 * $0 }.reduce(0, +) / Double(d) + eps).squareRoot())
                u.append(row.map { $0 * s[r] })
            }
            let q = (0..<d).map { j in (0..<rows).map { u[$0][j] * u[$0][j] }.reduce(0, +) / n }
            var divisor = phi.map { 1 / ($0 + eps).squareRoot() }
            if training {
                if iteration < warmupSteps {
                    divisor = q.map { 1 / ($0 + eps).squareRoot() }
                    phi = (0..<d).map { (phi[$0] * Double(iteration) + q[$0]) / Double(iteration + 1) }
                } else {
                    phi = (0..<d).map { alphaForward * phi[$0] + (1 - alphaForward) * q[$0] }
                }
                iteration += 1
            }
            var y = [Double](repeating: 0, count: x.count), dx = y
            var dGain = [Double](repeating: 0, count: d), dBias = dGain, correction = dGain
            for r in 0..<rows {
                var du = [Double](repeating: 0, count: d)
                for j in 0..<d {
                    let xh = u[r][j] * divisor[j], g = Double(dy.data[r * d + j])
                    y[r * d + j] = gain[j] * xh + bias[j]
                    dGain[j] += g * xh
                    dBias[j] += g
                    if training {
                        let gh = gain[j] * g - (1 - alphaBackward) * nu[j] * xh
                        du[j] = gh / (q[j] + eps).squareRoot()
                        correction[j] += gh * xh
                    } else {
                        du[j] = gain[j] * g * divisor[j]
                    }
                }
                let m = (0..<d).map { du[$0] * u[r][$0] }.reduce(0, +) / Double(d)
                for j in 0..<d { dx[r * d + j] = s[r] * (du[j] - u[r][j] * m) }
            }
            if training { nu = (0..<d).map { nu[$0] + correction[$0] / n } }
            return (y, dx, dGain, dBias)
        }
    }

    func testPowerNormMatchesItsFormulaThroughWarmUpRunningStatisticsAndEvaluation() {
        let (rows, d) = (20, 33)
        let pn = PowerNorm(d, alphaForward: 0.8, alphaBackward: 0.7, warmupFraction: 0.5)
        pn.prepare(step: 0, of: 2)  // one warm-up step
        var ref = PowerNormReference(phi: [Double](repeating: 1, count: d), nu: [Double](repeating: 0, count: d),
                                     warmupSteps: 1, alphaForward: 0.8, alphaBackward: 0.7, epsilon: Double(pn.epsilon))
        for (step, training) in [true, true, true, false].enumerated() {
            pn.isTraining = training
            let x = tensor(rows, d, seed: 20 + UInt64(step), mean: 0.5), dy = tensor(rows, d, seed: 30 + UInt64(step), std: 1)
            let (gain, beta) = randomize(gain: pn.gain, bias: pn.bias, seed: 40 + UInt64(step))
            let expected = ref.step(x, dy, gain: gain!, bias: beta!, training: training)
            let label = "step \(step) (\(training ? "training" : "evaluation"))"
            assertClose(pn.forward(x).array, expected.y, "PowerNorm y, \(label)")
            assertClose(pn.backward(dy).array, expected.dx, "PowerNorm dx, \(label)")
            assertClose(pn.gain.grad.array, expected.dGain, "PowerNorm dγ, \(label)")
            assertClose(pn.bias!.grad.array, expected.dBias, "PowerNorm dβ, \(label)")
            assertClose(pn.runningPhi, ref.phi, "PowerNorm ψ², \(label)")
            assertClose(pn.gradientCorrection, ref.nu, "PowerNorm ν, \(label)")
        }
    }

    func testPRepBNMatchesItsFormulaInTrainingAndFoldedEvaluation() {
        let (rows, d) = (16, 40)
        let x = tensor(rows, d, seed: 50, mean: 1), dy = tensor(rows, d, seed: 51, std: 1)
        let n = PRepBN(d, warmupFraction: 0, decayFraction: 1)
        n.prepare(step: 3, of: 10)  // λ = 0.7
        n.eta.value.fill(0.6)
        let (lnGain, lnBias) = randomize(gain: n.layerNorm.gain, bias: n.layerNorm.bias, seed: 52)
        let (bnGain, bnBias) = randomize(gain: n.batchNorm.gain, bias: n.batchNorm.bias, seed: 54)
        n.eta.grad.fill(0)
        let l = Double(n.lambda), eta = 0.6
        let lnDY = Tensor(shape: dy.shape, values: dy.array.map { Float(l) * $0 })
        let bnDY = Tensor(shape: dy.shape, values: dy.array.map { Float(1 - l) * $0 })
        let ln = rowNormReference(x, lnDY, gain: lnGain, bias: lnBias, centred: true, epsilon: 1e-5)
        let bn = batchNormReference(x, bnDY, gain: bnGain!, bias: bnBias, momentum: 0.1, epsilon: 1e-5,
                                    runningMean: [Double](repeating: 0, count: d), runningVariance: [Double](repeating: 1, count: d))
        // out = λ·LN(x) + (1−λ)·(BN(x) + η·x); dx = λ-weighted LN and BN backwards + (1−λ)·η·dy.
        let xs = x.array.map(Double.init), dys = dy.array.map(Double.init)
        assertClose(n.forward(x).array, (0..<x.count).map { l * ln.y[$0] + (1 - l) * (bn.y[$0] + eta * xs[$0]) }, "PRepBN y")
        assertClose(n.backward(dy).array, (0..<x.count).map { ln.dx[$0] + bn.dx[$0] + eta * (1 - l) * dys[$0] }, "PRepBN dx")
        assertClose(n.batchNorm.gain.grad.array, bn.dGain, "PRepBN BN dγ")
        assertClose(n.layerNorm.gain.grad.array, ln.dGain, "PRepBN LN dγ")
        assertClose(n.eta.grad.array, [(0..<x.count).map { (1 - l) * dys[$0] * xs[$0] }.reduce(0, +)], "PRepBN dη")
        // Folded evaluation: y = a ⊙ x + c, a = γ/√(v_r+ε) + η, c = β − γ·μ_r/√(v_r+ε).
        n.isTraining = false
        _ = randomize(gain: n.batchNorm.gain, bias: n.batchNorm.bias, seed: 56)
        n.eta.grad.fill(0)
        let b = n.batchNorm
        let rs = b.runningVariance.map { 1 / (Double($0) + 1e-5).squareRoot() }
        var expectedY = [Double](repeating: 0, count: x.count), expectedDX = expectedY
        var dGain = [Double](repeating: 0, count: d), dBias = dGain
        for r in 0..<rows {
            for j in 0..<d {
                let k = r * d + j, g = Double(b.gain.value.data[j]), mu = Double(b.runningMean[j])
                expectedY[k] = (g * rs[j] + eta) * xs[k] + Double(b.bias!.value.data[j]) - g * mu * rs[j]
                expectedDX[k] = (g * rs[j] + eta) * dys[k]
                dGain[j] += dys[k] * (xs[k] - mu) * rs[j]
                dBias[j] += dys[k]
            }
        }
        assertClose(n.forward(x).array, expectedY, "PRepBN folded y")
        assertClose(n.backward(dy).array, expectedDX, "PRepBN folded dx")
        assertClose(b.gain.grad.array, dGain, "PRepBN folded dγ")
        assertClose(b.bias!.grad.array, dBias, "PRepBN folded dβ")
        assertClose(n.eta.grad.array, [(0..<x.count).map { dys[$0] * xs[$0] }.reduce(0, +)], "PRepBN folded dη")
    }
}
