import XCTest
@testable import ScalingLaws

/// A form defined outside the library plugs into the fitter: the sparsity scaling law of Frantar
/// et al. (2023), `L(S, N, D) = (a·(1 − S)^b + c)·N^(−d) + e·D^(−f) + g`, checked against its
/// published fit on `../shared/data/scaling/sparsity_t5.csv` (the search reaches a lower minimum than the published refit).
final class UserFormTests: XCTestCase {
    /// Inputs (1 − S, N, D). Coordinates (log a, b, log c, d, log e, f, log g):
    /// `log L = LSE(LSE(log a + b·log(1 − S), log c) − d·log N, log e − f·log D, log g)`.
    struct SparsityLaw: ScalingLawForm {
        var id: String { "test.sparsity" }
        var formula: String { "L = (a*(1-S)^b + c)*N^-d + e*D^-f + g" }
        var inputCount: Int { 3 }
        var coordinateNames: [String] { ["log_a", "b", "log_c", "d", "log_e", "f", "log_g"] }

        func logPrediction(_ t: UnsafePointer<Double>, logX: UnsafePointer<Double>,
                           gradient: UnsafeMutablePointer<Double>?) -> Double {
            let lDense = logX[0], lN = logX[1], lD = logX[2]
            var v0 = 0.0, v1 = 0.0
            let inner = LogSumExp.of(t[0] + t[1] * lDense, t[2], &v0, &v1)
            var w0 = 0.0, w1 = 0.0, w2 = 0.0
            let u = LogSumExp.of(inner - t[3] * lN, t[4] - t[5] * lD, t[6], &w0, &w1, &w2)
            if let g = gradient {
                g[0] = w0 * v0
                g[1] = w0 * v0 * lDense
                g[2] = w0 * v1
                g[3] = -w0 * lN
                g[4] = w1
                g[5] = -w1 * lD
                g[6] = w2
            }
            return u
        }

        func starts(for data: FitData) -> [[Double]] {
            var s: [[Double]] = []
            for la in [-1.0, 0] { for b in [0.5, 1.0] { for lc in [0.0, 0.5] { for d in [0.2, 0.3] {
                for le in [-0.5, 0.0] { for f in [0.2, 0.3] { for lg in [-0.5, 0.0] {
                    s.append([la, b, lc, d, le, f, lg])
                } } }
            } } } }
            return s
        }

        func parameters(_ t: [Double]) -> [NamedValue] {
            [NamedValue("a", exp(t[0])), NamedValue("b", t[1]), NamedValue("c", exp(t[2])), NamedValue("d", t[3]),
             NamedValue("e", exp(t[4])), NamedValue("f", t[5]), NamedValue("g", exp(t[6]))]
        }

        func degeneracies(_ t: [Double], data: FitData) -> [String] { [] }
    }

    func testSparsityLawMatchesThePublishedFit() throws {
        guard let path = Synthetic.sharedFile("sparsity_t5.csv") else {
            throw XCTSkip("../shared/data/scaling/sparsity_t5.csv is absent; skipping the sparsity-law check")
        }
        let (header, rows) = try Synthetic.readCSV(path)
        let iS = header.firstIndex(of: "sparsity")!, iScale = header.firstIndex(of: "scale")!
        let iL = header.firstIndex(of: "val-loss")!, iSteps = header.firstIndex(of: "steps")!
        XCTAssertEqual(rows.count, 48)
        let x = rows.map { r -> [Double] in
            let s = Double(r[iS])!, scale = Double(r[iScale])!
            return [1 - s, 24 * (12 * 768 * 768) * scale * (1 - s) / 1e6, Double(r[iSteps])! / 1e5]
        }
        let data = try FitData(x: x, y: rows.map { Double($0[iL])! }, inputNames: ["1-S", "N", "D"], outputName: "loss")
        let form = SparsityLaw()
        // The published coefficients; their mean Huber objective is 7.6036e-6.
        let published = [log(0.56778512), 0.72161276, log(1.52265016), 0.24513173, log(0.63361517), 0.20270772,
                         log(0.65074219)]
        let objective = FitObjective(form: form, data: data, loss: .defaultHuber)
        XCTAssertEqual(objective.evaluate(published).value / 48, 7.6036e-6, accuracy: 1e-9)
        // The README's "careful refit" stops at 7.5959e-6; a tight solver started at the published
        // coefficients goes further down the flat (e, f, g) valley (only three D values) to a mean
        // objective of 4.8801e-6 (confirmed independently with numpy), and so does the multi-start search.
        let local = LBFGS.minimize(objective, from: published)
        XCTAssertLessThan(local.value / 48, 7.5959e-6)
        let fit = try Fitter().fit(form, to: data)
        XCTAssertLessThanOrEqual(fit.objective, local.value * (1 + 1e-9))
        XCTAssertEqual(fit.objective / 48, 4.880116594656e-6, accuracy: 1e-12)
        XCTAssertEqual(local.value / 48, 4.880116594656e-6, accuracy: 1e-12)
        // The exponent of N stays close to the published one; D's exponent is not determined by 3 values.
        XCTAssertEqual(fit.coordinates[3], 0.24513173, accuracy: 0.02)
        XCTAssertGreaterThan(fit.startsAtBest, 1)
    }

    func testSparsityGradientMatchesFiniteDifferences() throws {
        let x = Synthetic.logspace(0.125, 1, 4).flatMap { s in Synthetic.logspace(1, 1000, 3).map { [s, $0 * s, 5 * $0] } }
        let theta = [log(0.5), 0.7, log(1.5), 0.25, log(0.6), 0.2, log(0.65)]
        let data = try Synthetic.data(SparsityLaw(), theta, xs: x, names: ["1-S", "N", "D"], sigma: 0.05)
        assertGradientMatchesFiniteDifferences(SparsityLaw(), data: data, at: theta.map { $0 + 0.05 }, loss: .squares)
        assertGradientMatchesFiniteDifferences(SparsityLaw(), data: data, at: theta.map { $0 + 0.05 }, loss: .huber(delta: 1e-3))
    }
}
