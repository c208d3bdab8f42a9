import XCTest
import NN
import Variants

final class RegistryTests: XCTestCase {
    func testIdsAreUniqueAndNamespaced() {
        let ids = Registry.all.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count)
        for d in Registry.all { XCTAssertNotNil(d.family, d.id) }
    }

    func testEveryStoredFormatDecodesThroughOneTwinType() {
        let types = Dictionary(grouping: Registry.twins, by: { $0.format }).mapValues { Set($0.map(ObjectIdentifier.init)) }
        XCTAssertEqual(types.keys.sorted(), ["dense", "float", "int", "kmeans", "lorc", "lowrank", "nm", "nm-int", "sparse", "tt"])
        for (format, writers) in types { XCTAssertEqual(writers.count, 1, "format \(format) has several twin types") }
    }
}
