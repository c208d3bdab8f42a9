import XCTest
@testable import ScalingLaws

/// The analytic gradients of every form's objective agree with central finite differences.
final class GradientTests: XCTestCase {
    func check<F: ScalingLawForm>(_ form: F, data: FitData, at theta: [Double], loss: Loss,
                                  file: StaticString = #filePath, line: UInt = #line) {
        assertGradientMatchesFiniteDifferences(form, data: data, at: theta, loss: loss, file: file, line: line)
    }

    func testEveryFormUnderBothLosses() throws {
        let xs1 = Synthetic.logspace(50, 5e4, 15).map { [$0] }
        let saturating = try Synthetic.data(SaturatingPowerLaw(), [log(30), log(1.5), 0.4], xs: xs1, names: ["x"], sigma: 0.05)
        let broken = try Synthetic.data(BrokenPowerLaw(), [log(0.2), log(10), 0.1, 1.5, log(500), log(0.3)],
                                        xs: xs1, names: ["x"], sigma: 0.05)
        let nd = Synthetic.logspace(1e7, 1e10, 5).flatMap { n in Synthetic.logspace(1e8, 1e11, 5).map { [n, $0] } }
        let chin = try Synthetic.data(ChinchillaLaw(), [log(400), log(1500), log(1.7), 0.34, 0.28], xs: nd,
                                      names: ["N", "D"], sigma: 0.05)
        for loss in [Loss.squares, .huber(delta: 1e-3), .huber(delta: 0.3)] {
            check(PowerLaw(), data: saturating, at: [2.0, 0.3], loss: loss)
            check(LogLinear(inputs: 1), data: saturating, at: [1.0, 0.1], loss: loss)
            check(LogLinear(inputs: 2), data: chin, at: [3.0, 0.05, 0.08], loss: loss)
            check(SaturatingPowerLaw(), data: saturating, at: [log(20), log(1.2), 0.5], loss: loss)
            check(BrokenPowerLaw(), data: broken, at: [log(0.3), log(8), 0.2, 1.2, log(800), log(0.5)], loss: loss)
            check(ChinchillaLaw(), data: chin, at: [log(300), log(2000), log(1.5), 0.3, 0.35], loss: loss)
        }
    }

    func testBatchedChinchillaObjectiveMatchesPointByPoint() throws {
        // 23 points (not a multiple of 4), weights, both losses, and θ far enough out that the
        // overflow-safe branch of the batch loop runs too.
        let nd = Synthetic.logspace(1e6, 1e11, 23).enumerated().map { [$1, 1e12 / $1 * Double($0 + 1)] }
        let data = try Synthetic.data(ChinchillaLaw(), [log(400), log(1500), log(1.7), 0.34, 0.28], xs: nd,
                                      names: ["N", "D"], sigma: 0.05)
        let weights = (0..<23).map { Double($0 % 3) }
        for loss in [Loss.squares, .huber(delta: 1e-3)] {
            for w in [nil, weights] {
                let objective = FitObjective(form: ChinchillaLaw(), data: data, weights: w, loss: loss)
                for theta in [[6.0, 7.5, 0.5, 0.35, 0.37], [800.0, 2.0, -1.0, -30.0, 0.1], [-900.0, -5.0, 1.0, 2.0, 2.0]] {
                    let (batch, gBatch) = objective.evaluate(theta)
                    var g = [Double](repeating: 0, count: 5)
                    let plain = theta.withUnsafeBufferPointer { t in
                        g.withUnsafeMutableBufferPointer { objective.pointByPoint(at: t.baseAddress!, gradient: $0.baseAddress!) }
                    }
                    XCTAssertEqual(batch, plain, accuracy: 1e-13 * max(1, abs(plain)), "\(loss) \(theta)")
                    for j in 0..<5 {
                        XCTAssertEqual(gBatch[j], g[j], accuracy: 1e-12 * max(1, abs(g[j])), "\(loss) \(theta) slot \(j)")
                    }
                }
            }
        }
    }

    func testBootstrapWeightsEnterTheGradient() throws {
        let xs = Synthetic.logspace(10, 1e4, 8).map { [$0] }
        let data = try Synthetic.data(SaturatingPowerLaw(), [log(5), log(0.5), 0.3], xs: xs, names: ["x"], sigma: 0.1)
        let w: [Double] = [0, 2, 1, 0, 3, 1, 0, 1]
        let weighted = FitObjective(form: SaturatingPowerLaw(), data: data, weights: w, loss: .huber(delta: 0.05))
        let theta = [log(4.0), log(0.6), 0.25]
        // The weighted objective equals the objective of the explicitly repeated points.
        let repeated = data.subset([1, 1, 2, 4, 4, 4, 5, 7])
        let plain = FitObjective(form: SaturatingPowerLaw(), data: repeated, loss: .huber(delta: 0.05))
        let a = weighted.evaluate(theta), b = plain.evaluate(theta)
        XCTAssertEqual(a.value, b.value, accuracy: 1e-12 * abs(b.value))
        for j in 0..<3 { XCTAssertEqual(a.gradient[j], b.gradient[j], accuracy: 1e-12 * max(1, abs(b.gradient[j]))) }
    }
}
