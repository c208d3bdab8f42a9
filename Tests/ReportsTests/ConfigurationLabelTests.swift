import Reports
import XCTest

/// Configuration labels tell apart every configuration a sweep varies.
final class ConfigurationLabelTests: XCTestCase {
    /// Two configurations of one variant differ in their parameters, and the label shows them
    /// (the lr-sensitivity suite's plain and qk-norm attention used to share `attn.softmax`).
    func testVariantParametersAppearInLabels() {
        let plain = #"{"model.mixer":"attn.softmax","seed":0}"#
        let qk = #"{"model.mixer":{"id":"attn.softmax","params":{"qk_norm":true}},"seed":0}"#
        XCTAssertEqual(SweepData.label(axes: plain), "model.mixer=attn.softmax")
        XCTAssertEqual(SweepData.label(axes: qk), "model.mixer=attn.softmax(qk_norm=true)")
    }

    /// A list of variants reads element by element; an empty list stays `[]`.
    func testVariantListsReadElementByElement() {
        let mup = #"{"model.arch":[{"id":"arch.mup","params":{"base_width":32,"readout":"normal"}}],"seed":1}"#
        XCTAssertEqual(SweepData.label(axes: mup), "model.arch=[arch.mup(base_width=32, readout=normal)]")
        XCTAssertEqual(SweepData.label(axes: #"{"model.arch":[]}"#), "model.arch=[]")
        XCTAssertEqual(SweepData.label(axes: #"{"model.arch":[{"id":"arch.embedding-scale"}]}"#),
                       "model.arch=[arch.embedding-scale]")
    }
}
