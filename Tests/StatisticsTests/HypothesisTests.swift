import XCTest
import Statistics

/// The hypothesis tests against scipy (and numpy where scipy has no such test).
final class HypothesisTests: XCTestCase {
    func testWelchMatchesScipy() throws {
        // python3 -c "from scipy import stats; r=stats.ttest_ind([10.9, 11.4, 10.6, 11.8], [10.1, 9.8, 10.4, 10.0, 9.7], equal_var=False); ci=r.confidence_interval(0.95); print(r.statistic, r.df, r.pvalue, ci.low, ci.high)"
        let w = try XCTUnwrap(Welch.test(baseline: [10.1, 9.8, 10.4, 10.0, 9.7], candidate: [10.9, 11.4, 10.6, 11.8], level: 0.95))
        XCTAssertEqual(w.statistic, 4.015480991268776, accuracy: 1e-10)
        XCTAssertEqual(w.df, 4.265358684948109, accuracy: 1e-10)
        XCTAssertEqual(w.p, 0.01401321614133668, accuracy: 1e-10)
        XCTAssertEqual(w.interval.low, 0.3821140151896486, accuracy: 1e-9)
        XCTAssertEqual(w.interval.high, 1.9678859848103527, accuracy: 1e-9)
        XCTAssertEqual(w.difference, 1.175, accuracy: 1e-12)
        XCTAssertNil(Welch.test(baseline: [1], candidate: [2, 3]))
        XCTAssertEqual(Welch.test(baseline: [2, 2], candidate: [2, 2])?.p, 1)
        XCTAssertEqual(Welch.test(baseline: [2, 2], candidate: [3, 3])?.p, 0)
    }

    func testMannWhitneyMatchesScipyAsymptotic() {
        // The normal approximation with tie correction and continuity correction, two-sided:
        // python3 -c "from scipy import stats; print(stats.mannwhitneyu([1.2, 3.4, 2.2, 5.1, 2.2, 4.0], [3.3, 6.1, 5.1, 7.0, 4.4, 6.6, 5.9], use_continuity=True, alternative='two-sided', method='asymptotic').pvalue)"
        let a = [1.2, 3.4, 2.2, 5.1, 2.2, 4.0], b = [3.3, 6.1, 5.1, 7.0, 4.4, 6.6, 5.9]
        XCTAssertEqual(MannWhitney.pValue(a, b), 0.02190450548163922, accuracy: 1e-12)
        XCTAssertEqual(MannWhitney.pValue(b, a), 0.02190450548163922, accuracy: 1e-12)
        XCTAssertEqual(MannWhitney.pValue([1, 2, 3], [1, 2, 3]), 1, accuracy: 1e-12)
        XCTAssertEqual(MannWhitney.pValue([], [1]), 1)
    }

    func testWilsonMatchesClosedForm() {
        // statsmodels is not installed; the closed formula in numpy with scipy's normal quantile:
        // python3 -c "import numpy as np; from scipy import stats; k,n=37,50; z=stats.norm.ppf(0.975); p=k/n; c=(p+z*z/(2*n))/(1+z*z/n); h=z*np.sqrt(p*(1-p)/n+z*z/(4*n*n))/(1+z*z/n); print(c-h, c+h)"
        let i = Wilson.interval(successes: 37, trials: 50, level: 0.95)
        XCTAssertEqual(i.low, 0.6044684273515117, accuracy: 1e-12)
        XCTAssertEqual(i.high, 0.8412847250644762, accuracy: 1e-12)
        XCTAssertEqual(Wilson.interval(successes: 0, trials: 0, level: 0.95), Interval(low: 0, high: 1))
        let all = Wilson.interval(successes: 20, trials: 20, level: 0.95)
        XCTAssertEqual(all.high, 1, accuracy: 1e-15)
        XCTAssertLessThan(all.low, 1)
    }

    func testTOSTMatchesScipyT() {
        // python3 -c "import numpy as np; from scipy import stats; d=np.array([0.12, -0.05, 0.08, 0.02, -0.01, 0.06, 0.03, 0.09]); m,a=0.15,0.05; n=len(d); se=d.std(ddof=1)/np.sqrt(n); p=max(stats.t.sf((d.mean()+m)/se, n-1), stats.t.cdf((d.mean()-m)/se, n-1)); q=stats.t.ppf(1-a, n-1); print(p, d.mean()-q*se, d.mean()+q*se)"
        let d = [0.12, -0.05, 0.08, 0.02, -0.01, 0.06, 0.03, 0.09]
        let r = TOST.test(differences: d, margin: 0.15, alpha: 0.05)
        XCTAssertEqual(r.p, 0.0004884040521406129, accuracy: 1e-12)
        XCTAssertEqual(r.interval.low, 0.0049909661846827755, accuracy: 1e-10)
        XCTAssertEqual(r.interval.high, 0.08000903381531721, accuracy: 1e-10)
        XCTAssertTrue(r.equivalent)
        // A margin the interval does not fit inside is not shown equivalent.
        XCTAssertFalse(TOST.test(differences: d, margin: 0.05, alpha: 0.05).equivalent)
        XCTAssertFalse(TOST.test(differences: [0.01], margin: 1, alpha: 0.05).equivalent)
    }

    func testBenjaminiHochbergMatchesScipy() {
        // python3 -c "from scipy import stats; print(stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.041], method='bh').tolist())"
        let expected = [0.035, 0.0574, 0.0574, 0.035, 0.23333333333333336, 0.5, 0.0574]
        let q = BenjaminiHochberg.adjust([0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.041])
        for (got, e) in zip(q, expected) { XCTAssertEqual(got!, e, accuracy: 1e-12) }
        // Untested entries stay nil and do not count towards m.
        let withGaps = BenjaminiHochberg.adjust([nil, 0.01, 0.04, nil, 0.03, 0.005, 0.2, 0.5, 0.041])
        XCTAssertNil(withGaps[0])
        XCTAssertNil(withGaps[3])
        XCTAssertEqual(withGaps.compactMap { $0 }, q.compactMap { $0 })
    }

    func testTheilSenMatchesScipyJoint() {
        // The intercept is the median of y - slope·x (scipy's method='joint'):
        // python3 -c "from scipy import stats; r=stats.theilslopes([3.1, 3.4, 2.9, 4.2, 4.4, 5.0, 4.8, 6.1], method='joint'); print(r.slope, r.intercept)"
        let series = TheilSen.line([3.1, 3.4, 2.9, 4.2, 4.4, 5.0, 4.8, 6.1])
        XCTAssertEqual(series.slope, 0.39999999999999997, accuracy: 1e-12)
        XCTAssertEqual(series.intercept, 3.0, accuracy: 1e-12)
        // python3 -c "from scipy import stats; r=stats.theilslopes([1.0, 2.2, 2.9, 5.1, 5.0, 8.3], [0.5, 1, 2, 3.5, 4, 6], method='joint'); print(r.slope, r.intercept)"
        let line = TheilSen.line(x: [0.5, 1, 2, 3.5, 4, 6], y: [1.0, 2.2, 2.9, 5.1, 5.0, 8.3])
        XCTAssertEqual(line.slope, 1.2666666666666666, accuracy: 1e-12)
        XCTAssertEqual(line.intercept, 0.5166666666666664, accuracy: 1e-12)
    }

    func testMannKendallMatchesNumpy() {
        // scipy has no Mann–Kendall test; S, its tie-corrected variance and the continuity-corrected z in numpy:
        // python3 -c "import numpy as np; from scipy import stats; y=np.array([3.1, 3.4, 2.9, 4.2, 4.4, 5.0, 4.8, 6.1, 4.4]); n=len(y); s=sum(np.sign(y[j]-y[i]) for i in range(n) for j in range(i+1,n)); _,t=np.unique(y, return_counts=True); v=(n*(n-1)*(2*n+5)-sum(t*(t-1)*(2*t+5)))/18; print(2*stats.norm.sf((abs(s)-1)/np.sqrt(v)))"
        XCTAssertEqual(MannKendall.pValue([3.1, 3.4, 2.9, 4.2, 4.4, 5.0, 4.8, 6.1, 4.4]), 0.021097971724778362, accuracy: 1e-12)
        XCTAssertEqual(MannKendall.pValue([1, 2, 3]), 1)
        XCTAssertEqual(MannKendall.pValue([2, 2, 2, 2, 2]), 1)
    }
}
