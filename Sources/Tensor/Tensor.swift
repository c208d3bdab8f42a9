import Foundation

/// Contiguous, row-major Float32 storage with a shape.
///
/// A tensor either owns its memory (64-byte aligned, zero-filled) or is a view
/// into another tensor's memory, which it keeps alive. Views are how one flat
/// allocation holds all parameters (or all gradients) of a model.
public final class Tensor: @unchecked Sendable {
    /// The extent of each dimension, outermost first.
    public let shape: [Int]
    /// The number of elements (the product of `shape`).
    public let count: Int
    /// The first element; `count` elements follow contiguously.
    public let data: UnsafeMutablePointer<Float>
    private let owner: Tensor?
    private let owns: Bool

    /// A zero-filled tensor of `shape`.
    public init(shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        self.data = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        self.owner = nil
        self.owns = true
    }

    /// A tensor of `shape` holding `values` (row-major).
    public convenience init(shape: [Int], values: [Float]) {
        self.init(shape: shape)
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }

    /// A view of `shape` into `base`'s memory starting at element `offset`.
    public init(viewOf base: Tensor, offset: Int = 0, shape: [Int]) {
        let n = shape.reduce(1, *)
        precondition(offset >= 0 && offset + n <= base.count,
                     "view [\(offset), \(offset + n)) outside a tensor of \(base.count) elements")
        self.shape = shape
        self.count = n
        self.data = base.data + offset
        self.owner = base.owner ?? base
        self.owns = false
    }

    deinit {
        if owns { UnsafeMutableRawPointer(data).deallocate() }
    }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// The elements as an array (a copy).
    public var array: [Float] { Array(buffer) }

    /// The elements as a mutable buffer over the tensor's memory.
    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: data, count: count)
    }

    /// A view of the same memory with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(newShape.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        return Tensor(viewOf: self, offset: 0, shape: newShape)
    }

    /// Element `i` of the flat storage.
    public subscript(i: Int) -> Float {
        get { precondition(i >= 0 && i < count); return data[i] }
        set { precondition(i >= 0 && i < count); data[i] = newValue }
    }

    /// A new tensor with a copy of these elements.
    public func copy() -> Tensor {
        let t = Tensor(shape: shape)
        t.data.update(from: data, count: count)
        return t
    }

    /// Sets every element to `value`.
    public func fill(_ value: Float) {
        if value == 0 {
            UnsafeMutableRawPointer(data).initializeMemory(as: UInt8.self, repeating: 0, count: count * 4)
        } else {
            data.update(repeating: value, count: count)
        }
    }

    /// Copies `other`'s elements (same count) into this tensor.
    public func assign(_ other: Tensor) {
        precondition(other.count == count, "assign: \(other.shape) into \(shape)")
        data.update(from: other.data, count: count)
    }

    /// Fills with uniform draws in [low, high).
    public func fillUniform(_ low: Float, _ high: Float, rng: inout RNG) {
        for i in 0..<count { data[i] = rng.uniform(low, high) }
    }

    /// Fills with normal draws.
    public func fillNormal(mean: Float = 0, std: Float, rng: inout RNG) {
        for i in 0..<count { data[i] = rng.normal(mean: mean, std: std) }
    }
}

extension Tensor: CustomStringConvertible {
    /// The shape and the first few elements.
    public var description: String {
        let head = (0..<min(count, 8)).map { String(data[$0]) }.joined(separator: ", ")
        return "Tensor\(shape)[\(head)\(count > 8 ? ", …" : "")]"
    }
}
