import XCTest
@testable import ScalingLaws

/// The fit of the public Chinchilla reconstruction (../shared/data/scaling, when present)
/// reproduces the known summed-Huber global minimum.
final class ChinchillaDataTests: XCTestCase {
    /// The 240 points: N = Model Size, D = Training FLOP/(6N), without the 5 highest losses.
    static func load() throws -> FitData {
        guard let path = Synthetic.sharedFile("chinchilla_svg_extracted_data.csv") else {
            throw XCTSkip("../shared/data/scaling/chinchilla_svg_extracted_data.csv is absent; skipping the Chinchilla check")
        }
        let (header, rows) = try Synthetic.readCSV(path)
        let iN = header.firstIndex(of: "Model Size")!, iC = header.firstIndex(of: "Training FLOP")!
        let iL = header.firstIndex(of: "loss")!
        var points = rows.map { r -> (n: Double, c: Double, l: Double) in (Double(r[iN])!, Double(r[iC])!, Double(r[iL])!) }
        XCTAssertEqual(points.count, 245)
        let cut = points.map(\.l).sorted(by: >)[4]
        points = points.filter { $0.l < cut }
        XCTAssertEqual(points.count, 240)
        return try FitData(x: points.map { [$0.n, $0.c / (6 * $0.n)] }, y: points.map(\.l), inputNames: ["N", "D"],
                           outputName: "loss")
    }

    func testReproducesTheGlobalMinimum() throws {
        let data = try Self.load()
        // A reduced grid for CI (the CLI uses the full 4,500 starts): a ∈ {0, 5, 10}, b ∈ {5, 10, 15},
        // e ∈ {0, 1}, α, β ∈ {0, 0.5, 1}: 162 starts, of which several reach the global minimum.
        let form = ChinchillaLaw(gridA: [0, 5, 10], gridB: [5, 10, 15], gridE: [0, 1], gridAlpha: [0, 0.5, 1],
                                 gridBeta: [0, 0.5, 1])
        let fit = try Fitter().fit(form, to: data)
        let p = Dictionary(uniqueKeysWithValues: fit.parameters.map { ($0.name, $0.value) })
        XCTAssertEqual(fit.objective, 0.0010182740178006, accuracy: 1e-12)
        XCTAssertEqual(p["E"]!, 1.817218, accuracy: 1e-6 * 1.817218 + 5e-7)
        XCTAssertEqual(p["alpha"]!, 0.3473105, accuracy: 1e-6 * 0.3473105 + 5e-8)
        XCTAssertEqual(p["beta"]!, 0.3671724, accuracy: 1e-6 * 0.3671724 + 5e-8)
        XCTAssertEqual(p["A"]!, 477.83, accuracy: 0.01 * 477.83)
        XCTAssertEqual(p["B"]!, 2143.4, accuracy: 0.01 * 2143.4)
        XCTAssertGreaterThan(fit.startsAtBest, 1)
        XCTAssertTrue(fit.warnings.isEmpty, "\(fit.warnings)")
        // The objective at the original paper's unrounded estimates (section H of VARIANTS.md).
        let paper = FitObjective(form: form, data: data, loss: .defaultHuber)
            .evaluate([6.0073404, 6.0179186, 0.5267228, 0.33917084, 0.2849083]).value
        XCTAssertEqual(paper, 0.0012311626025793456, accuracy: 1e-13)
    }

    func testConvergedStartsCanStallAboveTheMinimum() throws {
        // Why the lowest objective, not a success flag, must pick the answer: many starts stop with
        // a converged status (small gradient or step) far above the global minimum.
        let data = try Self.load()
        let form = ChinchillaLaw(gridA: [0, 10, 20], gridB: [0, 10, 20], gridE: [-1, 1], gridAlpha: [0, 1, 2],
                                 gridBeta: [0, 1, 2])
        let objective = FitObjective(form: form, data: data, loss: .defaultHuber)
        let results = Fitter.minimizeAll(objective, starts: form.starts(for: data), options: LBFGS.Options(), threads: 2)
        let best = results.map(\.value).min()!
        XCTAssertEqual(best, 0.0010182740178006, accuracy: 1e-12)
        let stalled = results.filter { ($0.stop == .gradient || $0.stop == .step) && $0.value > 1.01 * best }
        XCTAssertGreaterThan(stalled.count, 0)
    }

    func testBootstrapIsDeterministicAndIndependentOfThreads() throws {
        let data = try Self.load()
        var options = FitOptions()
        options.starts = [[6.17, 7.67, 0.5973, 0.347, 0.367]]
        var b = BootstrapOptions()
        b.resamples = 40
        b.seed = 11
        options.threads = 1
        let f1 = try Fitter(options: options).fit(ChinchillaLaw(), to: data)
        let one = Fitter(options: options).bootstrap(ChinchillaLaw(), data: data, fit: f1, options: b)
        options.threads = 2
        let two = Fitter(options: options).bootstrap(ChinchillaLaw(), data: data, fit: f1, options: b)
        XCTAssertEqual(one.coordinateDraws, two.coordinateDraws)
        XCTAssertEqual(one.failed, 0)
        let alpha = one.parameters.first { $0.name == "alpha" }!
        // The replication's 95% interval for α is (0.317, 0.373); 40 draws give a rough version.
        XCTAssertGreaterThan(alpha.lower, 0.29)
        XCTAssertLessThan(alpha.upper, 0.40)
        XCTAssertLessThan(alpha.lower, 0.3473105)
        XCTAssertGreaterThan(alpha.upper, 0.3473105)
    }
}
