import XCTest
@testable import Tensor

final class RNGTests: XCTestCase {
    func testSameSeedSameNumbers() {
        var a = RNG(seed: 42), b = RNG(seed: 42)
        for _ in 0..<1000 { XCTAssertEqual(a.nextUInt32(), b.nextUInt32()) }
    }

    /// Known answer: Philox4x32-10 of counter 0 and key 0 (Random123 test vector).
    func testPhiloxKnownAnswer() {
        let out = RNG.philox((0, 0, 0, 0), key: (0, 0))
        XCTAssertEqual([out.0, out.1, out.2, out.3], [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8])
        let ones = RNG.philox((0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff), key: (0xffff_ffff, 0xffff_ffff))
        XCTAssertEqual([ones.0, ones.1, ones.2, ones.3], [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd])
    }

    func testStreamsDiffer() {
        var a = RNG(seed: 1).derived("init"), b = RNG(seed: 1).derived("data")
        let xs = (0..<8).map { _ in a.nextUInt32() }, ys = (0..<8).map { _ in b.nextUInt32() }
        XCTAssertNotEqual(xs, ys)
    }

    func testUniformNormalAndIntegerMoments() {
        var rng = RNG(seed: 7)
        let n = 200_000
        var su = 0.0, sn = 0.0, sn2 = 0.0
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<n {
            let u = rng.uniform()
            XCTAssert(u >= 0 && u < 1)
            su += Double(u)
            let z = Double(rng.normal())
            sn += z; sn2 += z * z
            counts[rng.int(below: 10)] += 1
        }
        XCTAssertEqual(su / Double(n), 0.5, accuracy: 0.005)
        XCTAssertEqual(sn / Double(n), 0, accuracy: 0.01)
        XCTAssertEqual(sn2 / Double(n), 1, accuracy: 0.02)
        for c in counts { XCTAssertEqual(Double(c) / Double(n), 0.1, accuracy: 0.005) }
    }

    func testPermutationIsAPermutation() {
        var rng = RNG(seed: 3)
        let p = rng.permutation(1000)
        XCTAssertEqual(p.sorted(), Array(0..<1000))
        XCTAssertNotEqual(p, Array(0..<1000))
    }
}
