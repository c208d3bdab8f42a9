import Tensor

extension Parameter {
    /// A new parameter holding a copy of `value` (nil for nil): how compressed twins take
    /// over a layer's bias or their initial factors.
    public static func copying(_ value: Tensor?, decays: Bool) -> Parameter? {
        guard let value else { return nil }
        let p = Parameter(shape: value.shape, decays: decays)
        p.value.assign(value)
        return p
    }
}
