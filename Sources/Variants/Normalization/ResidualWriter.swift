import NN

/// A mixer or feed-forward whose output is one Linear writing into the residual stream:
/// what `PreLNConversion` must centre.
public protocol ResidualWriter {
    var outputProjection: Linear { get }
}

extension MultiHeadAttention: ResidualWriter { public var outputProjection: Linear { proj } }
extension LinearAttention: ResidualWriter { public var outputProjection: Linear { proj } }
extension GatedLinearAttention: ResidualWriter { public var outputProjection: Linear { oProj } }
extension GELUFeedForward: ResidualWriter { public var outputProjection: Linear { fc2 } }
extension SwiGLUFeedForward: ResidualWriter { public var outputProjection: Linear { w2 } }
