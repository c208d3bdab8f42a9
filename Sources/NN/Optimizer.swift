import Foundation
import Tensor

/// Updates a model's packed parameters from their gradients.
public protocol Optimizer: AnyObject {
    /// One update with learning rate `learningRate`.
    func step(_ parameters: ParameterSet, learningRate: Float)
}

/// Stochastic gradient descent with momentum (PyTorch's form: `v = μv + g`, `p −= lr·v`,
/// Nesterov optional) and L2 weight decay added to the gradient of decaying parameters;
/// each parameter's rate is scaled by its `learningRateMultiplier`.
public final class SGD: Optimizer {
    public let momentum: Float
    public let weightDecay: Float
    public let nesterov: Bool
    private var velocity: Tensor?

    public init(momentum: Float = 0.9, weightDecay: Float = 0, nesterov: Bool = false) {
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    public func step(_ parameters: ParameterSet, learningRate lr: Float) {
        let n = parameters.count
        if velocity?.count != n { velocity = Tensor(shape: [n]) }
        let p = parameters.values.data, g = parameters.gradients.data, v = velocity!.data
        let mu = momentum, decayed = parameters.decayCount
        for (range, multiplier) in parameters.learningRateGroups {
            let rate = lr * multiplier, wd = range.lowerBound < decayed ? weightDecay : 0
            for i in range {
                let gi = g[i] + wd * p[i]
                v[i] = mu * v[i] + gi
                p[i] -= rate * (nesterov ? gi + mu * v[i] : v[i])
            }
        }
    }
}

/// Adam with decoupled weight decay (Loshchilov & Hutter), as PyTorch's `AdamW`:
/// `p ← p(1 − lr·wd)` on decaying parameters, then the bias-corrected Adam step; each
/// parameter's `lr` is scaled by its `learningRateMultiplier`.
public final class AdamW: Optimizer {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public private(set) var steps = 0
    private var m: Tensor?
    private var v: Tensor?

    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: ParameterSet, learningRate lr: Float) {
        let n = parameters.count
        if m?.count != n { m = Tensor(shape: [n]); v = Tensor(shape: [n]); steps = 0 }
        steps += 1
        let p = parameters.values.data, g = parameters.gradients.data, mp = m!.data, vp = v!.data
        let b1 = beta1, b2 = beta2, eps = epsilon
        let c1 = 1 - Float(pow(Double(b1), Double(steps))), c2 = 1 - Float(pow(Double(b2), Double(steps)))
        let rootC2 = c2.squareRoot()
        let decayed = parameters.decayCount
        // One flat loop per learning-rate group (a single group unless μP set multipliers);
        // decoupled decay scales with the group's rate, as the update does.
        for (range, multiplier) in parameters.learningRateGroups {
            let rate = lr * multiplier, stepSize = rate / c1
            if range.lowerBound < decayed {
                let decay = 1 - rate * weightDecay
                for i in range { p[i] *= decay }
            }
            for i in range {
                let gi = g[i]
                let mi = b1 * mp[i] + (1 - b1) * gi
                let vi = b2 * vp[i] + (1 - b2) * gi * gi
                mp[i] = mi
                vp[i] = vi
                p[i] -= stepSize * mi / (vi.squareRoot() / rootC2 + eps)
            }
        }
    }
}
