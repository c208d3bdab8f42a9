import Foundation
import ScalingLaws
import Store

extension FitRecord {
    /// The fits-table row of `report`, a fit of `sweep` (of the variant `byValue` of `byKey`
    /// when the sweep was fitted per variant): parameters, standard errors and intervals as
    /// JSON objects keyed by name, and the whole report as compact JSON.
    public init(sweep: String, report r: FitReport, byKey: String, byValue: String) throws {
        let compact = JSONCoding.encoder(.sorted)
        func object<T: Encodable>(_ pairs: [(String, T)]) throws -> String {
            String(decoding: try compact.encode(Dictionary(pairs, uniquingKeysWith: { a, _ in a })), as: UTF8.self)
        }
        let b = r.bootstrap?.parameters ?? []
        self.init(sweep: sweep, form: r.fit.form, x: r.inputs.joined(separator: ","), y: r.output,
                  parameters: try object(r.fit.parameters.map { ($0.name, $0.value) }),
                  standardErrors: try object(b.map { ($0.name, $0.standardError) }),
                  intervals: try object(b.map { ($0.name, [$0.lower, $0.upper]) }),
                  objective: r.fit.objective, points: r.fit.pointCount,
                  heldoutError: r.holdout?.meanAbsoluteRelativeError,
                  byKey: byKey, byValue: byValue,
                  report: String(decoding: try compact.encode(r), as: UTF8.self))
    }
}
