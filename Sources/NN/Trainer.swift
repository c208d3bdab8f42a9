import Tensor

/// One optimisation step after another: clear gradients, run the caller's forward and
/// backward, clip, update with the scheduled learning rate.
public final class Trainer {
    public let parameters: ParameterSet
    public let optimizer: Optimizer
    public let baseLearningRate: Float
    public let schedule: LearningRateSchedule
    /// Global gradient-norm limit; nil for none.
    public let clipNorm: Float?
    /// Steps taken so far.
    public private(set) var step = 0
    /// The gradient norm before clipping at the last step.
    public private(set) var lastGradientNorm: Float = 0
    /// Called at each step after backward and before clipping, with the step's gradients
    /// (`measurement.internals`); nil normally.
    public var gradientObserver: ((ParameterSet) -> Void)?

    /// Packs `model`'s parameters into one allocation and prepares the optimizer.
    public convenience init(model: ParameterVisitable, optimizer: Optimizer, learningRate: Float,
                            schedule: LearningRateSchedule = .constant, clipNorm: Float? = 1.0) {
        self.init(parameters: ParameterSet(model), optimizer: optimizer, learningRate: learningRate,
                  schedule: schedule, clipNorm: clipNorm)
    }

    /// Trains already packed parameters (e.g. `DataParallel.parameters`).
    public init(parameters: ParameterSet, optimizer: Optimizer, learningRate: Float,
                schedule: LearningRateSchedule = .constant, clipNorm: Float? = 1.0) {
        self.parameters = parameters
        self.optimizer = optimizer
        self.baseLearningRate = learningRate
        self.schedule = schedule
        self.clipNorm = clipNorm
    }

    /// The learning rate the next step will use.
    public var learningRate: Float { baseLearningRate * schedule.multiplier(step: step) }

    /// Runs `lossAndBackward` (which must accumulate gradients and return the loss), then
    /// clips and updates. Returns the loss. A non-finite loss skips the update.
    @discardableResult
    public func step(_ lossAndBackward: () -> Float) -> Float {
        parameters.zeroGradients()
        let loss = lossAndBackward()
        guard loss.isFinite else { return loss }
        gradientObserver?(parameters)
        lastGradientNorm = clipNorm.map { parameters.clipGradients(maxNorm: $0) } ?? parameters.gradientNorm()
        optimizer.step(parameters, learningRate: learningRate)
        step += 1
        return loss
    }
}
