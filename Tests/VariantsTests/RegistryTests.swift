import XCTest
import Variants

final class RegistryTests: XCTestCase {
    func testIdsAreUniqueAndNamespaced() {
        let ids = Registry.all.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count)
        for d in Registry.all { XCTAssertNotNil(d.family, d.id) }
    }
}
