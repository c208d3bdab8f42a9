import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// `compress.cluster.kmeans`: k-means against uniform round-to-nearest at equal bits, exact
/// stored bytes, packed-index round trips, determinism and the k-means itself.
final class FactorizationClusteringTests: XCTestCase {
    /// Symmetric per-tensor round-to-nearest at b bits: s = max|w|/(2^{b−1}−1), ŵ = s·round(w/s).
    func roundToNearest(_ w: Tensor, bits: Int) -> Tensor {
        let qmax = Float((1 << (bits - 1)) - 1)
        let s = max((0..<w.count).map { abs(w.data[$0]) }.max()! / qmax, .leastNormalMagnitude)
        let out = Tensor(shape: w.shape)
        for i in 0..<w.count { out.data[i] = s * min(max((w.data[i] / s).rounded(.toNearestOrEven), -qmax), qmax) }
        return out
    }

    func testKMeansHasLowerWeightErrorThanRoundToNearestAtEqualBits() {
        let model = CompressionFixture.languageModel().trainedModel()
        for bits in [2, 3, 4] {
            for (name, linear) in model.namedLinears() {
                let w = linear.currentWeight()
                var rng = RNG(seed: 1)
                let twin = WeightClustering.cluster(w, bias: nil, bits: bits, perChannel: false, iterations: 50, rng: &rng).twin
                let kmeans = relativeFrobeniusError(w, twin.decodedWeight())
                let rtn = relativeFrobeniusError(w, roundToNearest(w, bits: bits))
                XCTAssertLessThan(kmeans, rtn, "\(name) at \(bits) bits")
            }
        }
    }

    func testStoredBytesAreThePackedIndicesAndCodebooks() throws {
        let fixture = CompressionFixture.languageModel()
        let method = try XCTUnwrap(Registry.all.first { $0.id == WeightClustering.id })
        for (bits, perChannel) in [(3, false), (2, true), (5, false)] {
            let model = fixture.trainedModel()
            let outcome = try method.compress(try method.resolve(["bits": .int(bits), "per_channel": .bool(perChannel)]),
                                              fixture.context(for: model))
            XCTAssertEqual(outcome.speed, .simulated)
            for (name, twin) in model.compressedLinears {
                let c = try XCTUnwrap(twin as? ClusteredLinear)
                let n = c.inFeatures * c.outFeatures, groups = perChannel ? c.outFeatures : 1
                XCTAssertEqual(c.codeBytes, (n * bits + 7) / 8 + 4 * groups * (1 << bits), name)
                var file = SafeTensors()
                _ = c.encode(prefix: name, into: &file)
                XCTAssertEqual(file.entries.reduce(0) { $0 + $1.bytes.count }, c.codeBytes)
                let w = c.decodedWeight()
                for o in 0..<c.outFeatures {
                    let row = Set((0..<c.inFeatures).map { w.data[o * c.inFeatures + $0] })
                    XCTAssertLessThanOrEqual(row.count, 1 << bits)
                }
            }
        }
    }

    func testPackedIndicesRoundTripForEveryWidth() {
        var rng = RNG(seed: 3)
        for bits in 1...8 {
            for (out, inputs) in [(3, 5), (7, 9), (4, 8)] {
                let indices = (0..<(out * inputs)).map { _ in UInt16(rng.int(below: 1 << bits)) }
                let books = (0..<(1 << bits)).map { Float($0) * 0.5 - 1 }
                let twin = ClusteredLinear(inFeatures: inputs, outFeatures: out, bits: bits, indices: indices, codebooks: books, bias: nil)
                XCTAssertEqual(twin.indices, indices, "\(bits) bits, \(out)×\(inputs)")
                XCTAssertEqual(twin.packedIndices.count, (out * inputs * bits + 7) / 8)
                let w = twin.decodedWeight()
                for i in 0..<indices.count { XCTAssertEqual(w.data[i], books[Int(indices[i])]) }
            }
        }
    }

    func testKernelIsTheDenseProductOfTheDecodedWeight() {
        var rng = RNG(seed: 4)
        let w = GradientCheck.input([12, 20], seed: 6), bias = GradientCheck.input([12], seed: 8)
        let twin = WeightClustering.cluster(w, bias: bias, bits: 3, perChannel: true, iterations: 50, rng: &rng).twin
        let dense = Linear(20, 12)
        dense.weight.value.assign(twin.decodedWeight())
        dense.bias!.value.assign(bias)
        let x = GradientCheck.input([5, 20])
        let reference = dense.forward(x).copy()
        let y = Tensor(shape: [5, 12])
        twin.apply(x, into: y)
        XCTAssertEqual(y.array, reference.array)
    }

    func testKMeansIsSeededAndConvergesToItsOwnFixedPoint() {
        let w = GradientCheck.input([1, 500], seed: 9)
        let values = UnsafeBufferPointer(start: w.data, count: w.count)
        var a = RNG(seed: 1), b = RNG(seed: 1)
        let first = ScalarKMeans(values, k: 8, rng: &a), second = ScalarKMeans(values, k: 8, rng: &b)
        XCTAssertEqual(first.centroids, second.centroids)
        XCTAssertEqual(first.centroids, first.centroids.sorted())
        XCTAssertLessThanOrEqual(first.iterations, 50)
        // At a fixed point every centroid is the mean of its members and every value is nearest its centroid.
        for c in 0..<8 {
            let members = (0..<w.count).filter { first.assignments[$0] == c }.map { Double(w.data[$0]) }
            guard !members.isEmpty else { continue }
            XCTAssertEqual(Double(first.centroids[c]), members.reduce(0, +) / Double(members.count), accuracy: 1e-5)
        }
        for i in 0..<w.count {
            let nearest = first.centroids.map { abs($0 - w.data[i]) }.min()!
            XCTAssertEqual(abs(first.centroids[first.assignments[i]] - w.data[i]), nearest, accuracy: 1e-6)
        }
        let few = Tensor(shape: [6], values: [1, 2, 2, 3, 1, 3])
        let exact = ScalarKMeans(UnsafeBufferPointer(start: few.data, count: 6), k: 4, rng: &a)
        XCTAssertEqual((0..<6).map { exact.centroids[exact.assignments[$0]] }, few.array, "few distinct values are kept exactly")
    }

    func testLossDegradesGracefullyWithFewerBits() throws {
        let fixture = CompressionFixture.languageModel()
        let method = try XCTUnwrap(Registry.all.first { $0.id == WeightClustering.id })
        var losses: [Double] = []
        for bits in [4, 2] {
            let model = fixture.trainedModel()
            _ = try method.compress(try method.resolve(["bits": .int(bits)]), fixture.context(for: model))
            losses.append(fixture.evaluationLoss(model))
        }
        XCTAssertLessThan(losses[0], losses[1])
    }
}
