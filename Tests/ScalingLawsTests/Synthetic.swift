import Foundation
import Statistics
import XCTest
@testable import ScalingLaws

/// Synthetic data for the tests: points on a known law, with optional seeded multiplicative noise.
enum Synthetic {
    /// Values spread evenly in log space from `lo` to `hi`.
    static func logspace(_ lo: Double, _ hi: Double, _ n: Int) -> [Double] {
        (0..<n).map { exp(log(lo) + (log(hi) - log(lo)) * Double($0) / Double(n - 1)) }
    }

    /// A standard normal deviate (Box–Muller) from `rng`.
    static func normal(_ rng: inout SplitMix64) -> Double {
        let u1 = (Double(rng.next() >> 11) + 0.5) * 0x1p-53, u2 = Double(rng.next() >> 11) * 0x1p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Points of `form` at θ on the inputs `xs`, each y multiplied by exp(σ·z) with seeded normal z.
    static func data<F: ScalingLawForm>(_ form: F, _ theta: [Double], xs: [[Double]], names: [String],
                                        sigma: Double = 0, seed: UInt64 = 1) throws -> FitData {
        var rng = SplitMix64(seed: seed)
        let ys = xs.map { form.predict(theta, x: $0) * exp(sigma * normal(&rng)) }
        return try FitData(x: xs, y: ys, inputNames: names)
    }

    /// `../../../shared/data/scaling/<name>` relative to this file, or nil when absent.
    static func sharedFile(_ name: String, file: String = #filePath) -> String? {
        let url = URL(fileURLWithPath: file).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/data/scaling/\(name)").standardized
        return FileManager.default.fileExists(atPath: url.path) ? url.path : nil
    }

    /// A minimal CSV reader for the reference files (no quoted fields in them).
    static func readCSV(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let split = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (split[0], Array(split.dropFirst()))
    }
}

/// Asserts that the analytic gradient of `form`'s objective at θ matches central finite differences.
func assertGradientMatchesFiniteDifferences<F: ScalingLawForm>(_ form: F, data: FitData, at theta: [Double], loss: Loss,
                                                         file: StaticString = #filePath, line: UInt = #line) {
    let objective = FitObjective(form: form, data: data, weights: nil, loss: loss)
    let (_, g) = objective.evaluate(theta)
    for j in 0..<theta.count {
        let h = 1e-6 * max(1, abs(theta[j]))
        var up = theta, down = theta
        up[j] += h
        down[j] -= h
        let fd = (objective.evaluate(up).value - objective.evaluate(down).value) / (2 * h)
        let scale = max(abs(fd), abs(g[j]), 1e-8)
        XCTAssertLessThan(abs(fd - g[j]) / scale, 1e-5,
                          "\(form.id) \(loss) ∂/∂\(form.coordinateNames[j]): analytic \(g[j]) vs finite difference \(fd)",
                          file: file, line: line)
    }
}
