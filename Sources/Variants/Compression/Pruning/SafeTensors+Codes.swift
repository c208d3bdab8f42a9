import Foundation
import NN

extension SafeTensors {
    /// Adds `values` as a 1-D entry of the integer `dtype` whose size matches `T`'s.
    mutating func addIntegers<T: FixedWidthInteger>(_ name: String, _ dtype: DType, _ values: [T]) {
        precondition(dtype.size == MemoryLayout<T>.size, "safetensors: \(dtype) does not hold \(T.self)")
        let bytes = values.withUnsafeBufferPointer { Data(buffer: $0) }
        add(name, dtype: dtype, shape: [values.count], bytes: bytes)
    }

    /// The elements of the 1-D integer entry `name`, which must have `dtype` and `count` elements.
    func integers<T: FixedWidthInteger>(_ name: String, _ dtype: DType, count: Int, as: T.Type) throws -> [T] {
        guard let e = entry(name) else { throw SafeTensorsError("no tensor named \(name)") }
        guard e.dtype == dtype, e.shape == [count], dtype.size == MemoryLayout<T>.size else {
            throw SafeTensorsError("\(name): expected \(dtype.rawValue) [\(count)], found \(e.dtype.rawValue) \(e.shape)")
        }
        return e.bytes.withUnsafeBytes { raw in
            (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) }
        }
    }

    /// The Float32 values of the 1-D entry `name`, which must have `count` elements.
    func floats(_ name: String, count: Int) throws -> [Float] {
        guard let e = entry(name), e.dtype == .F32, e.shape == [count] else {
            throw SafeTensorsError("\(name): expected F32 [\(count)], found \(entry(name).map { "\($0.dtype.rawValue) \($0.shape)" } ?? "nothing")")
        }
        return try floats(name)
    }
}

extension Dictionary where Key == String, Value == String {
    /// The integer option `key`, which must be present and at least `minimum`.
    func integer(_ key: String, atLeast minimum: Int = 0, layer: String) throws -> Int {
        guard let v = self[key].flatMap(Int.init), v >= minimum else {
            throw SafeTensorsError("\(layer): option \(key) is missing or below \(minimum)")
        }
        return v
    }
}
