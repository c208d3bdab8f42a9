import XCTest
import Foundation
import NN
import Tensor
import Variants

/// Checkpoints exchanged with the reference `safetensors` Python library (what PyTorch users
/// load with). Runs when `$ABLATE_PYTHON` (default `python3`) can import safetensors and
/// numpy; skipped otherwise.
final class SafeTensorsInteropTests: XCTestCase {
    func python() throws -> String {
        let exe = ProcessInfo.processInfo.environment["ABLATE_PYTHON"] ?? "python3"
        let (status, _) = run(exe, ["-c", "import safetensors.numpy, numpy"])
        if status != 0 { throw XCTSkip("\(exe) cannot import safetensors and numpy (pip install safetensors numpy)") }
        return exe
    }

    func run(_ exe: String, _ args: [String]) -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [exe] + args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "\(error)") }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    func testPythonReadsOurFileAndWeReadItsFile() throws {
        let exe = try python()
        let model = try DecoderLM(ModelSpec(vocabulary: 9, context: 4, width: 8, depth: 1, heads: 2), seed: 4)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-interop-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ours = dir.appendingPathComponent("ours.safetensors"), theirs = dir.appendingPathComponent("theirs.safetensors")
        try model.save(to: ours, metadata: ["producer": "ablate"])
        let script = """
            import sys, numpy as np
            from safetensors.numpy import load_file, save_file
            from safetensors import safe_open
            t = load_file(sys.argv[1])
            assert all(v.dtype == np.float32 for v in t.values())
            assert t["blocks.0.mixer.qkv.weight"].shape == (24, 8), t["blocks.0.mixer.qkv.weight"].shape
            with safe_open(sys.argv[1], "np") as f: assert f.metadata()["producer"] == "ablate"
            save_file({k: v * 2 for k, v in t.items()}, sys.argv[2])
            """
        let (status, output) = run(exe, ["-c", script, ours.path, theirs.path])
        XCTAssertEqual(status, 0, output)
        let doubled = try SafeTensors(contentsOf: theirs)
        for (name, p) in model.namedParameters() {
            XCTAssertEqual(try doubled.floats(name), p.value.array.map { $0 * 2 }, name)
        }
    }
}
