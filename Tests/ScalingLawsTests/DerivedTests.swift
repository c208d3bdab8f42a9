import XCTest
@testable import ScalingLaws

/// Compute-optimal allocation, crossovers, bootstrap resampling and warnings.
final class DerivedTests: XCTestCase {
    let law = ComputeOptimal(A: 406.4, B: 410.7, E: 1.69, alpha: 0.34, beta: 0.28)

    func testOptimumMinimizesLossOnTheBudget() {
        for c in [1e18, 1e21, 5.76e23] {
            let n = law.optimalN(compute: c), d = law.optimalD(compute: c)
            XCTAssertEqual(6 * n * d, c, accuracy: 1e-9 * c)
            func loss(_ n: Double) -> Double { law.E + law.A * pow(n, -law.alpha) + law.B * pow(c / (6 * n), -law.beta) }
            XCTAssertEqual(loss(n), law.optimalLoss(compute: c), accuracy: 1e-12)
            // Any other split of the same budget is worse.
            for f in [0.5, 0.9, 1.1, 2.0] { XCTAssertGreaterThan(loss(n * f), loss(n)) }
            XCTAssertEqual(law.tokensPerParameter(compute: c), d / n, accuracy: 1e-12 * d / n)
            XCTAssertEqual(law.compute(forReducibleLoss: law.optimalLoss(compute: c) - law.E), c, accuracy: 1e-8 * c)
            XCTAssertEqual(law.optimalD(parameters: n), d, accuracy: 1e-9 * d)
        }
        XCTAssertEqual(law.exponentN + law.exponentD, 1, accuracy: 1e-15)
    }

    func testChinchillaDerivedQuantitiesAreNamedPerBudget() {
        var s = DerivedSettings()
        s.computeBudgets = [1e21]
        let d = ChinchillaLaw().derived([log(406.4), log(410.7), log(1.69), 0.34, 0.28], settings: s)
        XCTAssertEqual(d.map(\.name), ["p_N", "p_D", "G", "N_opt(C=1e+21)", "D_opt(C=1e+21)", "D/N(C=1e+21)", "L_opt(C=1e+21)"])
        XCTAssertEqual(d[3].value, law.optimalN(compute: 1e21), accuracy: 1e-6 * d[3].value)
    }

    func testCrossoverOfTwoPowerLawsWithInterval() throws {
        // y1 = 10·x^-0.2 and y2 = 100·x^-0.4 cross at x = 10^(1/0.2) = 1e5.
        let xs = Synthetic.logspace(10, 1e7, 15).map { [$0] }
        let t1 = [log(10.0), 0.2], t2 = [log(100.0), 0.4]
        let d1 = try Synthetic.data(PowerLaw(), t1, xs: xs, names: ["x"], sigma: 0.01, seed: 1)
        let d2 = try Synthetic.data(PowerLaw(), t2, xs: xs, names: ["x"], sigma: 0.01, seed: 2)
        var options = FitOptions()
        options.loss = .squares
        let fitter = Fitter(options: options)
        let f1 = try fitter.fit(PowerLaw(), to: d1), f2 = try fitter.fit(PowerLaw(), to: d2)
        var b = BootstrapOptions()
        b.resamples = 200
        let b1 = fitter.bootstrap(PowerLaw(), data: d1, fit: f1, options: b)
        let b2 = fitter.bootstrap(PowerLaw(), data: d2, fit: f2, options: b)
        let c = Crossover.between(PowerLaw(), f1, draws1: b1.coordinateDraws, PowerLaw(), f2, draws2: b2.coordinateDraws,
                                  lower: 1, upper: 1e12)
        let exact = try XCTUnwrap(Crossover.find(lower: 1, upper: 1e12, { PowerLaw().predict(t1, x: [$0]) },
                                                 { PowerLaw().predict(t2, x: [$0]) }))
        XCTAssertEqual(exact, 1e5, accuracy: 1e-6 * 1e5)
        let est = try XCTUnwrap(c.estimate)
        XCTAssertEqual(log10(est), 5, accuracy: 0.2)
        XCTAssertLessThan(try XCTUnwrap(c.lower), est)
        XCTAssertGreaterThan(try XCTUnwrap(c.upper), est)
        XCTAssertEqual(try XCTUnwrap(c.crossingShare), 1, accuracy: 1e-12)
        XCTAssertNil(Crossover.find(lower: 1, upper: 1e4, { PowerLaw().predict(t1, x: [$0]) },
                                    { PowerLaw().predict(t2, x: [$0]) }))
    }

    func testGroupResamplingMovesWholeGroups() throws {
        // 4 configurations (strata) × 3 seeds (groups) × 2 checkpoints each.
        var x: [[Double]] = [], groups: [Int] = [], strata: [Int] = []
        for c in 0..<4 { for s in 0..<3 { for k in 0..<2 {
            x.append([Double(10 + c * 10 + k)]); groups.append(c * 3 + s); strata.append(c)
        } } }
        let data = try FitData(x: x, y: x.map { 1 / $0[0] }, inputNames: ["x"], groups: groups, strata: strata)
        for index in 0..<20 {
            let w = Resampler.weights(data, seed: 3, index: index)
            XCTAssertEqual(w, Resampler.weights(data, seed: 3, index: index))
            for c in 0..<4 {
                // Each stratum keeps its size: 3 seeds drawn, 2 checkpoints each.
                XCTAssertEqual((0..<x.count).filter { strata[$0] == c }.reduce(0) { $0 + w[$1] }, 6)
            }
            for g in 0..<12 {
                let members = (0..<x.count).filter { groups[$0] == g }
                XCTAssertEqual(w[members[0]], w[members[1]], "checkpoints of one run move together")
            }
        }
        XCTAssertNotEqual(Resampler.weights(data, seed: 3, index: 0), Resampler.weights(data, seed: 4, index: 0))
    }

    func testWarningsForDegenerateAndUncertainFits() throws {
        // y nearly flat: E takes everything, the power term vanishes or its interval explodes.
        let xs = Synthetic.logspace(10, 1000, 6).map { [$0] }
        let data = try Synthetic.data(SaturatingPowerLaw(), [log(1e-3), log(2), 0.5], xs: xs, names: ["x"], sigma: 0.01, seed: 5)
        let fitter = Fitter()
        let fit = try fitter.fit(SaturatingPowerLaw(), to: data)
        var b = BootstrapOptions()
        b.resamples = 100
        let boot = fitter.bootstrap(SaturatingPowerLaw(), data: data, fit: fit, options: b)
        let all = fit.warnings + boot.warnings
        XCTAssertFalse(all.isEmpty, "a fit to noise around a constant must warn")
        XCTAssertTrue(all.contains { $0.contains("huge") || $0.contains("not determined") || $0.contains("≤ 0") }, "\(all)")
    }
}
