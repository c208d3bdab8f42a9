import Foundation
import Harness

/// A suite's `fits:` section, run by `ablate run` once the sweep has finished: each entry
/// (`form`, `x`, `y`, optionally `by`, `bootstrap`, `holdout_largest`) becomes
/// `ablate fit SWEEP --metric y --x x --form form [--by …] [--bootstrap …] [--holdout-largest …]`,
/// printed and saved.
enum SuiteFits {
    /// The `ablate fit` arguments of each entry of the suite's `fits:` list, in order.
    static func arguments(_ suite: Suite, sweep: String, store: String) -> [[String]] {
        guard case .list(let items)? = suite.document["fits"]?.value else { return [] }
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
            var arguments = [sweep, "--metric", y, "--x", x, "--form", form, "--store", store]
            if let by = text("by") { arguments += ["--by", by] }
            if let b = integer("bootstrap"), b > 0 { arguments += ["--bootstrap", String(b)] }
            if let k = integer("holdout_largest") { arguments += ["--holdout-largest", String(k)] }
            return arguments
        }
    }

    /// Runs every fit; a fit that cannot be made is reported on stderr and the others still run.
    /// Returns how many failed.
    @discardableResult
    static func run(_ suite: Suite, sweep: String, store: String) -> Int {
        var failed = 0
        for args in arguments(suite, sweep: sweep, store: store) {
            let label = "fit \(args[6]) of \(args[2]) against \(args[4])"
            print("\n== \(label) ==")
            do {
                let fit = try Fit.parse(args)
                let output = try fit.fitPoints()
                _ = try fit.save(output, sweep: sweep)
                fit.emit(output)
            } catch {
                failed += 1
                let message = (error as? FitCSV.Problem)?.description ?? "\(error)"
                FileHandle.standardError.write(Data("ablate run: \(label): \(message)\n".utf8))
            }
        }
        return failed
    }
}
