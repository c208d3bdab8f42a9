import Foundation

/// The compact JSON text of an array or object with sorted keys (the same value gives the same
/// text), or nil when `value` is not one.
public func canonicalJSONText(_ value: Any) -> String? {
    guard JSONSerialization.isValidJSONObject(value),
          let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
    return String(decoding: data, as: UTF8.self)
}

/// The value at dotted key `key` (`model.norm.params.eps`) of a decoded JSON object, or nil
/// when a part is missing: how the fits and the reports read a trial's stored spec.
public func jsonValue(_ object: Any, atDottedKey key: String) -> Any? {
    var current = object
    for part in key.split(separator: ".") {
        guard let o = current as? [String: Any], let next = o[String(part)] else { return nil }
        current = next
    }
    return current
}
