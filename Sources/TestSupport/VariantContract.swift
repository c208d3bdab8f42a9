import Configuration
import Variants
import XCTest

/// The contract every variant meets, for XCTest in any package: `VariantContract.check(d)`
/// from a test method checks one descriptor. Ablate's own tests call it for every registered
/// variant; an out-of-tree variant gets the same guarantee by calling it on its descriptor.
///
/// Every variant: an id of the form `family.name` and valid parameter defaults. Trainable
/// layers (`norm`, `attn`, `ffn`): the analytic parameter count equals the visitor's count,
/// finite-difference gradients of the input and every parameter, output shape and
/// finiteness, the same output for the same seed, a safetensors round trip, and analytic
/// FLOPs equal to the FLOPs the GEMM calls perform. Compression methods: see
/// `checkCompression`.
public enum VariantContract {
    /// Checks `descriptor` against the contract of its family; failures name its id and are
    /// reported at the caller's `file` and `line`.
    public static func check(_ descriptor: VariantDescriptor, file: StaticString = #filePath, line: UInt = #line) {
        let id = descriptor.id
        XCTAssertNotNil(descriptor.family, "\(id): the id must be family.name with a family of \(VariantFamily.allCases.map(\.rawValue))",
                        file: file, line: line)
        XCTAssertNoThrow(try descriptor.resolve(), "\(id): a parameter default is invalid", file: file, line: line)
        do {
            if descriptor.isTrainableLayer { try checkLayer(descriptor, file: file, line: line) }
            if descriptor.family == .compress { try checkCompression(descriptor, file: file, line: line) }
        } catch {
            XCTFail("\(id): \(error)", file: file, line: line)
        }
    }
}
