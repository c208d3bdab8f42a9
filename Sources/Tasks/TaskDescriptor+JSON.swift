import Configuration
import Foundation
import Metrics

extension ParameterSpec {
    /// The spec as a JSON object (for `--json` listings).
    public var jsonObject: [String: Any] {
        var o: [String: Any] = ["name": name, "type": type.rawValue, "default": defaultValue?.jsonObject ?? NSNull(),
                                "summary": summary, "allowed": allowedDescription]
        if let minimum { o["min"] = type == .int ? Int(minimum) as Any : minimum }
        if let maximum { o["max"] = type == .int ? Int(maximum) as Any : maximum }
        if !choices.isEmpty { o["choices"] = choices }
        if let unit { o["unit"] = unit }
        return o
    }
}

extension MetricSpec {
    public var jsonObject: [String: Any] {
        ["name": name, "unit": unit, "higher_is_better": higherIsBetter, "summary": summary]
    }
}

extension TaskDescriptor {
    public var jsonObject: [String: Any] {
        ["id": id, "summary": summary, "family": family.rawValue, "data_source": dataSource,
         "parameters": parameters.map(\.jsonObject), "metrics": metrics.map(\.jsonObject)]
    }
}
