import XCTest
@testable import ScalingLaws

/// Every form recovers the parameters of synthetic data generated from it, exactly without noise
/// and within the noise with it.
final class RecoveryTests: XCTestCase {
    let xs1 = Synthetic.logspace(100, 1e6, 20).map { [$0] }
    let nd = Synthetic.logspace(1e7, 1e10, 6).flatMap { n in Synthetic.logspace(1e8, 1e11, 6).map { [n, $0] } }

    /// A 3^5 start grid around the Chinchilla grid's range (the full grid is for real data).
    let smallChinchilla = ChinchillaLaw(gridA: [0, 10, 20], gridB: [0, 10, 20], gridE: [-1, 0, 1],
                                        gridAlpha: [0, 0.5, 1], gridBeta: [0, 0.5, 1])

    func assertParameters(_ fit: ScalingFit, _ truth: [NamedValue], relative: Double,
                          file: StaticString = #filePath, line: UInt = #line) {
        for (p, t) in zip(fit.parameters, truth) {
            XCTAssertEqual(p.name, t.name, file: file, line: line)
            XCTAssertEqual(p.value, t.value, accuracy: relative * abs(t.value),
                           "\(fit.form) \(p.name): fitted \(p.value), true \(t.value)", file: file, line: line)
        }
    }

    func recover<F: ScalingLawForm>(_ form: F, _ theta: [Double], xs: [[Double]], names: [String],
                                    exact: Double, noisy: Double, loss: Loss = .defaultHuber,
                                    file: StaticString = #filePath, line: UInt = #line) throws {
        var options = FitOptions()
        options.loss = loss
        let fitter = Fitter(options: options)
        let clean = try Synthetic.data(form, theta, xs: xs, names: names)
        let f0 = try fitter.fit(form, to: clean)
        XCTAssertLessThan(f0.objective, 1e-20, "\(form.id): objective on exact data", file: file, line: line)
        assertParameters(f0, form.parameters(theta), relative: exact, file: file, line: line)
        let noisyData = try Synthetic.data(form, theta, xs: xs, names: names, sigma: 0.003, seed: 42)
        let f1 = try fitter.fit(form, to: noisyData)
        assertParameters(f1, form.parameters(theta), relative: noisy, file: file, line: line)
    }

    func testPowerLaw() throws {
        try recover(PowerLaw(), [log(50), 0.3], xs: xs1, names: ["x"], exact: 1e-9, noisy: 0.02)
    }

    func testPowerLawLeastSquaresIsTheClosedForm() throws {
        try recover(PowerLaw(), [log(50), 0.3], xs: xs1, names: ["x"], exact: 1e-9, noisy: 0.02, loss: .squares)
    }

    func testLogLinearTwoInputs() throws {
        try recover(LogLinear(inputs: 2), [log(20), 0.1, 0.2], xs: nd, names: ["N", "D"], exact: 1e-9, noisy: 0.05,
                    loss: .squares)
        try recover(LogLinear(inputs: 2), [log(20), 0.1, 0.2], xs: nd, names: ["N", "D"], exact: 1e-8, noisy: 0.05)
    }

    func testSaturatingPowerLaw() throws {
        try recover(SaturatingPowerLaw(), [log(30), log(1.5), 0.4], xs: xs1, names: ["x"], exact: 1e-6, noisy: 0.1)
    }

    func testChinchilla() throws {
        try recover(smallChinchilla, [log(400), log(1500), log(1.7), 0.34, 0.28], xs: nd, names: ["N", "D"],
                    exact: 1e-6, noisy: 0.25)
    }

    func testBrokenPowerLaw() throws {
        let xs = Synthetic.logspace(20, 2e4, 30).map { [$0] }
        try recover(BrokenPowerLaw(), [log(0.2), log(10), 0.1, 1.5, log(500), log(0.3)], xs: xs, names: ["x"],
                    exact: 1e-4, noisy: 0.3)
    }

    func testMultiStartResultDoesNotDependOnThreads() throws {
        let truth = [log(400), log(1500), log(1.7), 0.34, 0.28]
        let data = try Synthetic.data(smallChinchilla, truth, xs: nd, names: ["N", "D"], sigma: 0.01, seed: 9)
        var options = FitOptions()
        options.threads = 1
        let one = try Fitter(options: options).fit(smallChinchilla, to: data)
        options.threads = 2
        let two = try Fitter(options: options).fit(smallChinchilla, to: data)
        XCTAssertEqual(one.coordinates, two.coordinates)
        XCTAssertEqual(one.objective, two.objective)
        XCTAssertEqual(one.startsAtBest, two.startsAtBest)
        XCTAssertEqual(one.runnerUpGap, two.runnerUpGap)
    }

    func testNoisyChinchillaExponentsAreTight() throws {
        // Exponents and E are well determined even when A and B slide along their valley.
        let truth = [log(400), log(1500), log(1.7), 0.34, 0.28]
        let data = try Synthetic.data(smallChinchilla, truth, xs: nd, names: ["N", "D"], sigma: 0.003, seed: 7)
        let fit = try Fitter().fit(smallChinchilla, to: data)
        XCTAssertEqual(fit.coordinates[3], 0.34, accuracy: 0.02)
        XCTAssertEqual(fit.coordinates[4], 0.28, accuracy: 0.02)
        XCTAssertEqual(exp(fit.coordinates[2]), 1.7, accuracy: 0.02)
    }
}
