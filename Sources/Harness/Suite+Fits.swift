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
    /// The entries of the suite's `fits:` section, in order (entries without form, x and y are skipped).
    public var fits: [SuiteFit] {
        guard case .list(let items)? = document["fits"]?.value else { return [] }
        return items.compactMap { item in
            func text(_ key: String) -> String? {
                if case .string(let s)? = item[key]?.value { return s }
                return nil
            }
            func integer(_ key: String) -> Int? {
                if case .int(let i)? = item[key]?.value { return i }
                return nil
            }
            guard let form = text("form"), let x = text("x"), let y = text("y") else { return nil }
            let axes = x.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var request = FitRequest(x: axes, y: y, form: form)
            request.by = text("by")
            request.bootstrap = max(0, integer("bootstrap") ?? 0)
            request.holdout = integer("holdout_largest").map { .largest($0) }
            return SuiteFit(request: request, label: "fit \(form) of \(y) against \(x)")
        }
    }
}
