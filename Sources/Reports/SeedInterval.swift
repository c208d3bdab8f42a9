import Foundation
import Metrics
import Statistics

/// The interval of a metric's mean over seeds, as tables print it: the same method as paired
/// effects (bootstrap widened to Student-t, none below three seeds), kept inside the metric's
/// range (a proportion in [0, 1], any catalogue metric at least 0), and exact for a deterministic quantity.
public enum SeedInterval {
    /// The interval of the mean of `values` of metric `name`; nil below `settings.minimumPairs` values.
    public static func of(_ values: [Double], metric name: String, settings: EffectSettings = EffectSettings()) -> Interval? {
        PairedEffect.interval(values.filter(\.isFinite), settings: settings, bounds: MetricSpec.named(name)?.valueRange, salt: 4)
    }

    /// `mean [low, high]` rounded to the interval's precision; the value alone when every seed
    /// gave it; `mean (n = 2)` below three seeds; `–` for none.
    public static func text(_ values: [Double], metric name: String) -> String {
        let v = values.filter(\.isFinite)
        guard !v.isEmpty else { return "–" }
        let mean = Descriptive.mean(v)
        guard let i = of(v, metric: name) else { return "\(NumberFormat.short(mean)) (n = \(v.count))" }
        return NumberFormat.interval(mean, i.low, i.high)
    }
}
