import Foundation

/// The compact JSON text of an array or object with sorted keys (the same value gives the same
/// text), or nil when `value` is not one.
public func canonicalJSONText(_ value: Any) -> String? {
    guard JSONSerialization.isValidJSONObject(value),
          let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
    return String(decoding: data, as: UTF8.self)
}
