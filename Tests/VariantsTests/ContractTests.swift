import XCTest
import TestSupport
import Variants

/// The shipped variant contract (`VariantContract.check`) for every registered variant
/// except the compression methods (`CompressionContractTests`), by iterating the registry,
/// so a variant added later is tested without new test code.
final class ContractTests: XCTestCase {
    func testRegistryHasEveryFamilyAndTrainableVariants() {
        for family in [VariantFamily.norm, .attn, .ffn] {
            XCTAssertFalse(Registry.ids(in: family).isEmpty, "no \(family) variants")
        }
    }

    func testEveryVariantMeetsTheContract() {
        for d in Registry.all where d.family != .compress { VariantContract.check(d) }
    }
}
