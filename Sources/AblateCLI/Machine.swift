import ArgumentParser
import Foundation
import Tensor

/// `ablate machine`: what this machine is and its measured GEMM peak.
struct Machine: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe this machine and measure its single-precision GEMM peak (the MFU denominator).")

    @Option(help: "BLAS threads for the measurement (default: all cores).")
    var threads: Int?

    @Option(help: "Size n of the n×n×n sgemm used to measure the peak.")
    var size: Int = 2048

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1, got \(t)") }
        if size < 64 { throw ValidationError("--size must be at least 64, got \(size)") }
    }

    func run() throws {
        let t = threads ?? CPU.cores
        BLAS.threads = t
        let peak = GEMMPeak.measure(n: size)
        if json {
            let info: [String: Any] = [
                "cpu": CPU.modelName, "cores": CPU.cores, "blas": BLAS.configuration,
                "blas_core": BLAS.coreName, "threads": t, "gemm_n": size, "gemm_peak_gflops": peak,
            ]
            let data = try JSONSerialization.data(withJSONObject: info, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("cpu:        \(CPU.modelName) (\(CPU.cores) cores)")
            print("blas:       \(BLAS.configuration) [\(BLAS.coreName)]")
            print("threads:    \(t)")
            print(String(format: "gemm peak:  %.1f GFLOP/s (sgemm %d×%d×%d, best of 7)", peak, size, size, size))
        }
    }
}
