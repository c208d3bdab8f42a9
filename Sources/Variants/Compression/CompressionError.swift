/// Why a compression method cannot run as asked.
public struct CompressionError: Error, CustomStringConvertible, Equatable {
    public let description: String

    /// An error with `description` as its message: say what, where and what is allowed.
    public init(_ description: String) { self.description = description }

    /// The method does not apply to this kind of model (e.g. dropping attention sublayers of
    /// an MLP classifier).
    public static func notApplicable(_ method: String, _ reason: String) -> CompressionError {
        CompressionError("\(method) does not apply here: \(reason)")
    }
}
