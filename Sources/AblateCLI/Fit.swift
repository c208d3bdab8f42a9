import ArgumentParser
import Foundation
import Harness
import ScalingLaws
import Store

/// `ablate fit`: fit a scaling law to a CSV table of points or to a stored sweep's results,
/// with intervals and checks.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a scaling law to a CSV table or a stored sweep (robust multi-start fit, bootstrap intervals, held-out check).",
        discussion: """
            Forms: \(FormCatalog.names.joined(separator: ", ")). Every form is fitted on log residuals
            (Huber by default). Rows in messages are counted from 1 after the header. Numbers are
            decimal (1.5, 2e-3); a header with no rows, a column named twice, a control character
            in a cell and CR-only line ends are refused. A fit needs more points than its form has
            parameters and warns below twice as many. --holdout-largest K holds out the K largest
            scales, counting scales within --holdout-tolerance (default \(Fitter.defaultScaleTolerance)) of each other as one.
            Example (the Chinchilla reconstruction, D = C/(6N), 240 points):
              ablate fit --csv chinchilla_svg_extracted_data.csv --x "Model Size" --flops "Training FLOP" \\
                --y loss --drop-highest-y 5 --bootstrap 4000
            From the store (finished trials; x from the recorded metrics, the bootstrap resamples seeds
            within each configuration; every fit is saved in the store's fits table):
              ablate fit my-sweep --metric loss --x params --by model.norm --bootstrap 1000
            Exit codes: 0 success, 64 usage error, 65 bad input data.
            """)

    @Argument(help: "A sweep in the store to fit (give this or --csv).")
    var sweep: String?

    @Option(help: "CSV file with a header row (give this or SWEEP).")
    var csv: String?

    @Option(help: "Input column(s), comma-separated: one (x) or two (N,D). With SWEEP: params, tokens or flops (or a metric STAGE.NAME).")
    var x: String

    @Option(help: "Output column (e.g. loss), with --csv.")
    var y: String?

    @Option(help: "Metric fitted, with SWEEP: NAME (its eval stage, else the one stage recording it) or STAGE.NAME.")
    var metric: String?

    @Option(help: "The SQLite store, with SWEEP.")
    var store: String = "results/ablate.sqlite"

    @Option(help: "Form: \(FormCatalog.names.joined(separator: ", ")) (default: saturating-power for one input, chinchilla for two).")
    var form: String?

    @Option(help: "Loss on log residuals: huber or squares (default: huber; squares for log-linear).")
    var loss: String?

    @Option(parsing: .unconditional, help: "Huber threshold δ on log residuals.")
    var huberDelta: Double = 1e-3

    @Option(parsing: .unconditional, help: "Bootstrap resamples B (0: no intervals).")
    var bootstrap: Int = 0

    @Option(parsing: .unconditional, help: "Seed of the bootstrap.")
    var seed: UInt64 = 0

    @Option(help: "Where bootstrap refits start: optimum (the full-data fit) or grid (every start; slower).")
    var bootstrapRestart: String = "optimum"

    @Option(help: "Column of cluster labels (e.g. seed or run): the bootstrap resamples whole clusters.")
    var group: String?

    @Option(help: "Column of stratum labels (e.g. configuration): clusters are resampled within each stratum.")
    var stratum: String?

    @Option(parsing: .unconditional, help: "Refit without the K largest scales (x, or N·D) and report the prediction error there.")
    var holdoutLargest: Int?

    @Option(parsing: .unconditional, help: "With --holdout-largest, scales within this relative difference of each other count as one (rounding of one budget).")
    var holdoutTolerance: Double = Fitter.defaultScaleTolerance

    @Option(help: "Refit without the rows where COLUMN=VALUE and report the prediction error there.")
    var holdoutWhere: String?

    @Option(help: "Column naming variants: fit each variant's rows separately and report where their curves cross, with intervals from paired bootstrap draws.")
    var by: String?

    @Option(parsing: .unconditional, help: "Scale range LO,HI searched for crossovers with --by (x, or compute C for two inputs; default: 1/10 of the smallest to 1000× the largest in the data).")
    var crossoverRange: String?

    @Option(help: "Compute column C: with a single --x column N, the tokens are D = C/(k·N).")
    var flops: String?

    @Option(parsing: .unconditional, help: "FLOPs per parameter per token, k in C = k·N·D.")
    var flopsPerParamToken: Double = 6

    @Option(parsing: .unconditional, help: "Compute budgets (comma-separated FLOPs) for compute-optimal N, D and tokens per parameter (default: the largest k·N·D in the data).")
    var compute: String?

    @Option(parsing: .unconditional, help: "Drop the K rows with the highest y before fitting (outlier screening, as in the Chinchilla replication).")
    var dropHighestY: Int = 0

    @Option(parsing: .unconditional, help: "Threads for the multi-start search and the bootstrap (results do not depend on it).")
    var threads: Int?

    @Flag(help: "Include the residual of every point.")
    var residuals = false

    @Flag(help: "Print the wall and CPU time of each phase (fit, bootstrap, held-out refit) to stderr.")
    var timings = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let request = try self.request()
        let timing: ((FitPhaseTiming) -> Void)? = timings ? { FileHandle.standardError.write(Data(($0.text + "\n").utf8)) } : nil
        let output: FitOutput
        do {
            if let sweep {
                guard FileManager.default.fileExists(atPath: store) else {
                    fail("no store at \(store) (give --store PATH, the file `ablate run` wrote)")
                }
                output = try SweepFit.run(request, sweep: sweep, store: try Store(path: store), warning: {
                    FileHandle.standardError.write(Data("ablate fit: \($0)\n".utf8))
                }, timing: timing).output
            } else {
                output = try FitTable(csvPath: csv!).fit(request, timing: timing)
            }
        } catch let e as FitInputError {
            fail(e.description)
        } catch let e as FitDataError {
            fail("\(source): \(e.description)")
        } catch let e as StoreError {
            fail(e.description)
        }
        print(json ? output.json : output.text)
    }

    /// Where the points come from, in messages and reports.
    private var source: String { sweep.map { "sweep \($0)" } ?? csv ?? "" }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("ablate fit: \(message)\n".utf8))
        Ablate.exit(withError: ExitCode(65))
    }
}
