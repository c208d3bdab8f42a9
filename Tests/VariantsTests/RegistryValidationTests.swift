import XCTest
import Configuration
import Variants

final class RegistryValidationTests: XCTestCase {
    func testValidConfigurationResolvesDefaults() throws {
        let r = try Registry.validate(key: "model.norm", id: "norm.rmsnorm", parameters: ["epsilon": .string("1e-6")], family: .norm)
        XCTAssertEqual(r.descriptor.id, "norm.rmsnorm")
        XCTAssertEqual(r.values.double("epsilon"), 1e-6)
        XCTAssertEqual(r.values.bool("bias"), false)
    }

    func testUnknownIdSuggestsNearest() {
        XCTAssertThrowsError(try Registry.validate(key: "model.norm", id: "norm.rmsnrom", family: .norm)) { error in
            guard case RegistryError.unknownVariant(let key, let id, let suggestion, let allowed) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(key, "model.norm")
            XCTAssertEqual(id, "norm.rmsnrom")
            XCTAssertEqual(suggestion, "norm.rmsnorm")
            XCTAssertTrue(allowed.allSatisfy { $0.hasPrefix("norm.") })
            XCTAssertTrue("\(error)".contains("did you mean norm.rmsnorm?"), "\(error)")
        }
        // A bare name finds its id inside the family.
        XCTAssertEqual(Registry.suggestion(for: "rmsnorm", in: .norm), "norm.rmsnorm")
        XCTAssertNil(Registry.suggestion(for: "completely-different-thing", in: .norm))
    }

    func testWrongFamilyNamesExpectedFamily() {
        XCTAssertThrowsError(try Registry.validate(key: "model.mixer", id: "norm.layernorm", family: .attn)) { error in
            guard case RegistryError.wrongFamily(let key, _, let expected, let allowed) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "model.mixer")
            XCTAssertEqual(expected, .attn)
            XCTAssertTrue(allowed.contains("attn.softmax"))
        }
    }

    func testBadParameterNamesKeyValueAndAllowed() {
        XCTAssertThrowsError(try Registry.validate(key: "model.norm", id: "norm.batchnorm", parameters: ["momentum": .double(2)])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("model.norm") && text.contains("momentum") && text.contains("'2.0'") && text.contains("0.0...1.0"), text)
        }
        XCTAssertThrowsError(try Registry.validate(key: "model.norm", id: "norm.batchnorm", parameters: ["momentom": .double(0.2)])) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'momentum'?"), "\(error)")
        }
    }

    func testEveryParameterDefaultIsValid() throws {
        for d in Registry.all { XCTAssertNoThrow(try d.resolve(), d.id) }
    }
}
