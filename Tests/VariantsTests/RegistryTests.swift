import XCTest
import NN
@testable import Variants

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

    func testRegistrationClosesAtTheFirstRead() throws {
        let base = Array(Registry.builtIn.prefix(2))
        let list = RegistrationList { base }
        let extra = Registry.builtIn[2]
        XCTAssertThrowsError(try list.add(base[0])) { XCTAssertEqual($0 as? RegistrationError, .duplicate(base[0].id)) }
        try list.add(extra)
        XCTAssertThrowsError(try list.add(extra)) { XCTAssertEqual($0 as? RegistrationError, .duplicate(extra.id)) }
        XCTAssertEqual(list.read().map(\.id), (base + [extra]).map(\.id))
        XCTAssertThrowsError(try list.add(Registry.builtIn[3])) {
            XCTAssertEqual($0 as? RegistrationError, .afterFirstRead(Registry.builtIn[3].id))
        }
        XCTAssertEqual(list.read().map(\.id), (base + [extra]).map(\.id))
    }
}
