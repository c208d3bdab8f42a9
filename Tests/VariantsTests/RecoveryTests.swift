import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// The recovery methods: the distillation loss and its logit gradient, which parameters each
/// method trains, and that both lower the evaluation loss after low-rank damage.
final class RecoveryTests: XCTestCase {
    func method(_ id: String) throws -> VariantDescriptor { try XCTUnwrap(Registry.all.first { $0.id == id }) }

    func testDistillationLogitGradientMatchesFiniteDifferences() {
        let student = GradientCheck.input([5, 7], seed: 1), teacher = GradientCheck.input([5, 7], seed: 2)
        let targets: [Int32] = [0, 6, -1, 3, 2]
        for (t, alpha) in [(Float(2), Float(0.5)), (1, 1), (4, 0.2), (0.5, 0)] {
            let loss = DistillationLoss(temperature: t, alpha: alpha)
            _ = loss.forward(student: student, teacher: teacher, targets: targets)
            let analytic = loss.gradient!.array.map(Double.init)
            let numeric = GradientCheck.numeric(student, step: 1e-2) {
                Double(loss.forward(student: student, teacher: teacher, targets: targets, computeGradient: false))
            }
            XCTAssertLessThan(GradientCheck.relativeError(analytic, numeric), 1e-3, "T = \(t), α = \(alpha)")
            XCTAssertEqual(Array(analytic[14..<21]), [Double](repeating: 0, count: 7), "ignored row")
        }
    }

    func testDistillationLossIsItsFormula() {
        let student = Tensor(shape: [1, 3], values: [1, 0, -1]), teacher = Tensor(shape: [1, 3], values: [0, 2, 0])
        let loss = DistillationLoss(temperature: 2, alpha: 0.25)
        let value = loss.forward(student: student, teacher: teacher, targets: [1])
        func softmax(_ z: [Double]) -> [Double] { let e = z.map { Foundation.exp($0) }; let s = e.reduce(0, +); return e.map { $0 / s } }
        let ps = softmax([0.5, 0, -0.5]), pt = softmax([0, 1, 0])
        let kl = zip(pt, ps).map { $0 * Foundation.log($0 / $1) }.reduce(0, +)
        let ce = -Foundation.log(softmax([1, 0, -1])[1])
        XCTAssertEqual(Double(value), 0.75 * ce + 0.25 * 4 * kl, accuracy: 1e-5)
        // Identical logits: no KL, and α = 1 leaves no loss at all.
        let same = DistillationLoss(temperature: 3, alpha: 1)
        XCTAssertEqual(same.forward(student: teacher, teacher: teacher, targets: [0]), 0, accuracy: 1e-6)
        XCTAssertEqual(same.gradient!.array.map { abs($0) }.max()!, 0, accuracy: 1e-6)
    }

    func testNormsAndBiasesTrainOnlyVectors() throws {
        let fixture = CompressionFixture.languageModel()
        let model = fixture.trainedModel()
        let context = fixture.context(for: model)
        _ = try method("compress.lowrank.svd").compress(try method("compress.lowrank.svd").resolve(["energy": .double(0.5)]), context)
        let before = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.0, $0.1.value.array) })
        let m = try method("compress.recover.norms-biases")
        let outcome = try m.compress(try m.resolve(["steps": .int(20)]), context)
        var changedVectors = 0
        for (name, p) in model.namedParameters() {
            if p.shape.count == 1 {
                if p.value.array != before[name]! { changedVectors += 1 }
            } else {
                XCTAssertEqual(p.value.array, before[name]!, "\(name) is not a norm or bias and must stay frozen")
            }
        }
        XCTAssertGreaterThan(changedVectors, 4)
        let fraction = try XCTUnwrap(outcome.metrics["trainable_fraction"])
        XCTAssertGreaterThan(fraction, 0)
        XCTAssertLessThan(fraction, 0.25, "vectors are a small share even of this tiny, heavily factored model")
        XCTAssertEqual(model.namedParameters().filter { $0.1.shape.count == 1 }.reduce(0) { $0 + $1.1.count },
                       Int(outcome.metrics["trainable_parameters"]!))
    }

    /// Low-rank damage at energy 0.5, then each recovery for the same steps on the same
    /// batches; both must lower the evaluation loss, distillation at least as far as the norms.
    func testRecoveryLowersTheLossAfterLowRankDamage() throws {
        let fixture = CompressionFixture.languageModel()
        let svd = try method("compress.lowrank.svd")
        let trainedLoss = fixture.evaluationLoss(fixture.trainedModel())
        var results: [String: Double] = [:]
        var damaged = 0.0
        for id in ["compress.recover.norms-biases", "compress.recover.distill"] {
            let model = fixture.trainedModel()
            let context = fixture.context(for: model, teacher: fixture.trainedModel())
            _ = try svd.compress(try svd.resolve(["energy": .double(0.5)]), context)
            damaged = fixture.evaluationLoss(model)
            let m = try method(id)
            let outcome = try m.compress(try m.resolve(["steps": .int(150)]), context)
            results[id] = fixture.evaluationLoss(model)
            XCTAssertLessThan(outcome.metrics["loss_after"]!, outcome.metrics["loss_before"]!, id)
        }
        XCTAssertGreaterThan(damaged, trainedLoss + 0.05, "energy 0.5 must visibly damage the model")
        XCTAssertLessThan(results["compress.recover.norms-biases"]!, damaged)
        XCTAssertLessThan(results["compress.recover.distill"]!, damaged)
        XCTAssertLessThanOrEqual(results["compress.recover.distill"]!, results["compress.recover.norms-biases"]!)
    }

    func testDistillationKeepsFrozenTwinsFixedAndTrainsTheRest() throws {
        let fixture = CompressionFixture.classifier()
        let model = fixture.trainedModel()
        let context = fixture.context(for: model, teacher: fixture.trainedModel())
        let prune = try method("compress.prune.magnitude")
        _ = try prune.compress(try prune.resolve(["sparsity": .double(0.8)]), context)
        let damaged = fixture.evaluationLoss(model)
        let weights = model.compressedLinears.map { $0.twin.decodedWeight().array }
        let head = model.outputLinear.weight.value.array
        let m = try method("compress.recover.distill")
        _ = try m.compress(try m.resolve(["steps": .int(50)]), context)
        XCTAssertEqual(model.compressedLinears.map { $0.twin.decodedWeight().array }, weights, "pruned weights stay frozen")
        XCTAssertNotEqual(model.outputLinear.weight.value.array, head, "the dense head trains")
        XCTAssertLessThan(fixture.evaluationLoss(model), damaged)
        XCTAssertThrowsError(try m.compress(try m.resolve([:]), fixture.context(for: fixture.trainedModel())),
                             "distillation without a teacher")
    }
}
