import Configuration
import Foundation

extension VariantDescriptor {
    /// The descriptor as a JSON-compatible object: id, family, summary, paper, real cost,
    /// parameters (name, type, default, allowed, unit, summary).
    public var jsonObject: [String: Any] {
        [
            "id": id,
            "family": family?.rawValue ?? "",
            "summary": summary,
            "paper": paper,
            "real_cost": realCost,
            "parameters": parameters.map { p -> [String: Any] in
                var o: [String: Any] = ["name": p.name, "type": p.type.rawValue, "default": p.defaultValue?.jsonObject ?? NSNull(),
                                        "allowed": p.allowedDescription, "summary": p.summary]
                if let u = p.unit { o["unit"] = u }
                return o
            },
        ]
    }
}
