import Foundation
import ScalingLaws
import Store

extension FitOutput {
    /// The JSON output of `ablate fit --json` (Ablate's one JSON set-up, indented).
    public var json: String {
        let text: String?
        switch self {
        case .single(let report): text = try? JSONCoding.text(report, .pretty)
        case .variants(let v): text = try? JSONCoding.text(v, .pretty)
        }
        return text ?? ""
    }
}
