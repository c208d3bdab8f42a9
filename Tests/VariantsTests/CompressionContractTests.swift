import XCTest
import TestSupport
import Variants

/// The shipped variant contract (`VariantContract.check`) for every `compress.*` registry
/// entry, on a small trained LM and an MLP classifier.
final class CompressionContractTests: XCTestCase {
    func testEveryCompressionMethodMeetsTheContract() {
        let methods = Registry.all.filter { $0.family == .compress }
        XCTAssertFalse(methods.isEmpty)
        for m in methods { VariantContract.check(m) }
    }
}
