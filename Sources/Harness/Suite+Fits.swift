import ScalingLaws

/// One entry of a suite's `fits:` section: a fit of the finished sweep that `ablate run` makes,
/// prints and saves, as `ablate fit SWEEP` would with the same request.
public struct SuiteFit: Sendable, Equatable {
    /// The fit: `form` of the metric `y` against `x`, optionally `by` a spec key, with
    /// `bootstrap` resamples and a `holdout_largest` check.
    public let request: FitRequest
    /// `fit FORM of Y against X`, the heading printed above the fit.
    public let label: String
}

extension Suite {
    /// The entries of the suite's `fits:` section, in order.
    public var fits: [SuiteFit] {
        guard case .list(let items)? = document["fits"]?.value else { return [] }
        return items.map { item in
            let entry = SchemaSection("fits", mapping: item, SuiteSchema.fit)
            let (form, x, y) = (entry.string("form"), entry.string("x"), entry.string("y"))
            let axes = x.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var request = FitRequest(x: axes, y: y, form: form)
            request.by = entry.givenString("by")
            request.bootstrap = entry.int("bootstrap")
            request.holdout = entry.givenInt("holdout_largest").map { .largest($0) }
            return SuiteFit(request: request, label: "fit \(form) of \(y) against \(x)")
        }
    }
}
