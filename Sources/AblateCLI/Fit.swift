import ArgumentParser
import Foundation
import ScalingLaws
import Store

/// `ablate fit`: fit a scaling law to a CSV table of points or to a stored sweep's results,
/// with intervals and checks.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a scaling law to a CSV table or a stored sweep (robust multi-start fit, bootstrap intervals, held-out check).",
        discussion: """
            Forms: \(FormCatalog.names.joined(separator: ", ")). Every form is fitted on log residuals
            (Huber by default). Rows in messages are counted from 1 after the header.
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

    @Option(help: "Huber threshold δ on log residuals.")
    var huberDelta: Double = 1e-3

    @Option(help: "Bootstrap resamples B (0: no intervals).")
    var bootstrap: Int = 0

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 0

    @Option(help: "Where bootstrap refits start: optimum (the full-data fit) or grid (every start; slower).")
    var bootstrapRestart: String = "optimum"

    @Option(help: "Column of cluster labels (e.g. seed or run): the bootstrap resamples whole clusters.")
    var group: String?

    @Option(help: "Column of stratum labels (e.g. configuration): clusters are resampled within each stratum.")
    var stratum: String?

    @Option(help: "Refit without the K largest scales (x, or N·D) and report the prediction error there.")
    var holdoutLargest: Int?

    @Option(help: "Refit without the rows where COLUMN=VALUE and report the prediction error there.")
    var holdoutWhere: String?

    @Option(help: "Column naming variants: fit each variant's rows separately and report where their curves cross, with intervals from paired bootstrap draws.")
    var by: String?

    @Option(help: "Scale range LO,HI searched for crossovers with --by (x, or compute C for two inputs; default: 1/10 of the smallest to 1000× the largest in the data).")
    var crossoverRange: String?

    @Option(help: "Compute column C: with a single --x column N, the tokens are D = C/(k·N).")
    var flops: String?

    @Option(help: "FLOPs per parameter per token, k in C = k·N·D.")
    var flopsPerParamToken: Double = 6

    @Option(help: "Compute budgets (comma-separated FLOPs) for compute-optimal N, D and tokens per parameter (default: the largest k·N·D in the data).")
    var compute: String?

    @Option(help: "Drop the K rows with the highest y before fitting (outlier screening, as in the Chinchilla replication).")
    var dropHighestY: Int = 0

    @Option(help: "Threads for the multi-start search and the bootstrap (results do not depend on it).")
    var threads: Int?

    @Flag(help: "Include the residual of every point.")
    var residuals = false

    @Flag(help: "Print the wall and CPU time of each phase (fit, bootstrap, held-out refit) to stderr.")
    var timings = false

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if (sweep == nil) == (csv == nil) { throw ValidationError("give a SWEEP or --csv FILE (exactly one)") }
        if sweep != nil {
            if metric == nil { throw ValidationError("fitting a sweep needs --metric (the metric fitted)") }
            if y != nil { throw ValidationError("--y names a CSV column; with a SWEEP give --metric") }
            for (name, given) in [("--group", group != nil), ("--stratum", stratum != nil), ("--flops", flops != nil)] where given {
                throw ValidationError("\(name) is for --csv; a sweep's points are grouped by seed within each configuration")
            }
        } else {
            if y == nil { throw ValidationError("--csv needs --y (the output column)") }
            if metric != nil { throw ValidationError("--metric is for a SWEEP; with --csv give --y") }
        }
        if bootstrap < 0 { throw ValidationError("--bootstrap must be 0 or more, got \(bootstrap)") }
        if let k = holdoutLargest, k < 1 { throw ValidationError("--holdout-largest must be at least 1, got \(k)") }
        if holdoutLargest != nil && holdoutWhere != nil { throw ValidationError("give --holdout-largest or --holdout-where, not both") }
        if !(huberDelta > 0) { throw ValidationError("--huber-delta must be positive, got \(huberDelta)") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1, got \(t)") }
        if dropHighestY < 0 { throw ValidationError("--drop-highest-y must be 0 or more") }
        if !["optimum", "grid"].contains(bootstrapRestart) {
            throw ValidationError("--bootstrap-restart must be optimum or grid, got '\(bootstrapRestart)'")
        }
        if let l = loss, !["huber", "squares"].contains(l) { throw ValidationError("--loss must be huber or squares, got '\(l)'") }
        if let f = form, FormCatalog.form(named: f, inputs: 1) == nil {
            throw ValidationError("unknown --form '\(f)'; the forms are \(FormCatalog.names.joined(separator: ", "))")
        }
        if !(flopsPerParamToken > 0) { throw ValidationError("--flops-per-param-token must be positive") }
    }

    func run() throws {
        do {
            try execute()
        } catch let e as FitCSV.Problem {
            fail(e.description)
        } catch let e as FitDataError {
            fail("\(source): \(e.description)")
        } catch let e as StoreError {
            fail(e.description)
        }
    }

    /// Where the points come from, in messages and reports.
    private var source: String { sweep.map { "sweep \($0)" } ?? csv ?? "" }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("ablate fit: \(message)\n".utf8))
        Ablate.exit(withError: ExitCode(65))
    }

    /// What one run of `ablate fit` produced: one report, or one per `--by` value with crossovers.
    enum Output {
        case single(FitReport)
        case variants(VariantsOutput)
    }

    private func execute() throws {
        let output = try fitPoints()
        if let sweep { _ = try save(output, sweep: sweep) }
        emit(output)
    }

    /// Fits the points (from the CSV file or the sweep) and returns the reports, printing nothing.
    func fitPoints() throws -> Output {
        let xNames = x.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !xNames.isEmpty else { throw ValidationError("--x names no column") }
        let table: FitCSV
        let y: String, group: String?, stratum: String?
        if let sweep, let metric {
            guard FileManager.default.fileExists(atPath: store) else {
                throw FitCSV.Problem(description: "no store at \(store) (give --store PATH, the file `ablate run` wrote)")
            }
            let opened = try Store(path: store)
            let built = try FitSweep.table(store: opened, sweep: sweep, metric: metric, x: xNames, by: by)
            let formName = form ?? FormCatalog.defaultName(inputs: xNames.count)
            let needed = FormCatalog.form(named: formName, inputs: xNames.count)?.coordinateNames.count ?? 1
            if built.table.rows.count < needed {
                let summary = try opened.summary(sweep: sweep)
                throw FitCSV.Problem(description: "sweep '\(sweep)': \(built.table.rows.count) finished trial\(built.table.rows.count == 1 ? "" : "s") with "
                    + "\(built.yColumn) and \(xNames.joined(separator: ", ")) (of \(summary.total) planned, \(summary.count(.done)) done"
                    + (built.skipped > 0 ? ", \(built.skipped) with a value not measured" : "")
                    + "); the \(formName) form has \(needed) parameters and needs at least that many points. Run more of the sweep or choose a smaller --form")
            }
            if built.skipped > 0 {
                FileHandle.standardError.write(Data("ablate fit: sweep '\(sweep)': left out \(built.skipped) finished trial(s) whose \(built.yColumn) or x value was not measured\n".utf8))
            }
            table = built.table
            y = built.yColumn
            group = "seed"
            stratum = "configuration"
        } else {
            table = try FitCSV(path: csv!)
            y = self.y!
            group = self.group
            stratum = self.stratum
        }
        var columns = try xNames.map { try table.numbers($0) }
        var inputNames = xNames
        if let flopsColumn = flops {
            guard columns.count == 1 else { throw ValidationError("--flops derives D from one --x column N; got \(xNames.count)") }
            let c = try table.numbers(flopsColumn)
            columns.append(zip(c, columns[0]).map { $0 / (flopsPerParamToken * $1) })
            inputNames.append("D = \(flopsColumn)/(\(flopsPerParamToken.formatted())·\(xNames[0]))")
        }
        let yValues = try table.numbers(y)
        let groups = try group.map { try labels(table, $0) }
        let strata = try stratum.map { try labels(table, $0) }

        var keep = Array(0..<yValues.count)
        if dropHighestY > 0 {
            guard dropHighestY < yValues.count else {
                throw FitCSV.Problem(description: "\(source): --drop-highest-y \(dropHighestY) leaves no rows (the file has \(yValues.count))")
            }
            // NaN sorts as highest so it is dropped first rather than crashing the sort.
            let order = keep.sorted { a, b in
                let ya = yValues[a].isNaN ? Double.infinity : yValues[a], yb = yValues[b].isNaN ? Double.infinity : yValues[b]
                return ya != yb ? ya > yb : a < b
            }
            let dropped = Set(order.prefix(dropHighestY))
            keep = keep.filter { !dropped.contains($0) }
        }
        let data = try FitData(x: keep.map { i in columns.map { $0[i] } }, y: keep.map { yValues[$0] },
                               inputNames: inputNames, outputName: y, rowNumbers: keep.map { $0 + 1 },
                               groups: groups.map { g in keep.map { g[$0] } }, strata: strata.map { s in keep.map { s[$0] } })

        let formName = form ?? FormCatalog.defaultName(inputs: inputNames.count)
        guard let chosen = FormCatalog.form(named: formName, inputs: inputNames.count) else {
            throw ValidationError("unknown --form '\(formName)'")
        }
        var options = FitOptions()
        let lossName = loss ?? (chosen is LogLinear ? "squares" : "huber")
        options.loss = lossName == "squares" ? .squares : .huber(delta: huberDelta)
        if let t = threads { options.threads = t }
        options.derived.cost = TrainingCost(flopsPerParameterToken: flopsPerParamToken)
        if let list = compute {
            options.derived.computeBudgets = try list.split(separator: ",").map {
                guard let v = Double($0.trimmingCharacters(in: .whitespaces)), v > 0 else {
                    throw ValidationError("--compute: '\($0)' is not a positive number")
                }
                return v
            }
        } else if inputNames.count == 2 {
            options.derived.computeBudgets = [(0..<data.count).map {
                options.derived.cost.compute(parameters: data.x[2 * $0], tokens: data.x[2 * $0 + 1])
            }.max()!]
        }
        let mask = try holdoutMask(table, keep)
        if let column = by {
            let labels = try table.strings(column)
            return .variants(try runVariants(chosen, data: data, options: options, holdoutMask: mask, column: column,
                                             labels: keep.map { labels[$0] }))
        }
        return .single(try runFit(chosen, data: data, options: options, holdoutMask: mask))
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// Saves every report of `output` in the store's fits table; returns the row ids.
    func save(_ output: Output, sweep: String) throws -> [Int64] {
        let opened = try Store(path: store)
        let reports: [(String, FitReport)]
        switch output {
        case .single(let r): reports = [("", r)]
        case .variants(let v): reports = v.variants.map { ($0.value, $0.report) }
        }
        let compact = JSONEncoder()
        compact.outputFormatting = [.sortedKeys]
        compact.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        func object<T: Encodable>(_ pairs: [(String, T)]) throws -> String {
            String(decoding: try compact.encode(Dictionary(pairs, uniquingKeysWith: { a, _ in a })), as: UTF8.self)
        }
        return try reports.map { value, r in
            let b = r.bootstrap?.parameters ?? []
            return try opened.saveFit(FitRecord(
                sweep: sweep, form: r.fit.form, x: r.inputs.joined(separator: ","), y: r.output,
                parameters: try object(r.fit.parameters.map { ($0.name, $0.value) }),
                standardErrors: try object(b.map { ($0.name, $0.standardError) }),
                intervals: try object(b.map { ($0.name, [$0.lower, $0.upper]) }),
                objective: r.fit.objective, points: r.fit.pointCount,
                heldoutError: r.holdout?.meanAbsoluteRelativeError,
                byKey: by ?? "", byValue: value,
                report: String(decoding: try compact.encode(r), as: UTF8.self)))
        }
    }

    /// Prints `output` as text or JSON.
    func emit(_ output: Output) {
        switch output {
        case .single(let report):
            if json {
                Swift.print(String(decoding: (try? Self.encoder().encode(report)) ?? Data(), as: UTF8.self))
            } else {
                Swift.print(FitText.render(report))
            }
        case .variants(let v):
            printVariants(v)
        }
    }

    /// Fit, bootstrap, held-out check and residuals for one form (opened from the existential).
    private func runFit<F: ScalingLawForm>(_ form: F, data: FitData, options: FitOptions, holdoutMask: [Bool]?) throws -> FitReport {
        let fitter = Fitter(options: options)
        let fit = try timed("fit (\(options.starts?.count ?? form.starts(for: data).count) starts)", options.threads) {
            try fitter.fit(form, to: data)
        }
        var report = FitReport(source: source, inputs: data.inputNames, output: data.outputName, fit: fit)
        if bootstrap > 0 {
            var b = BootstrapOptions()
            b.resamples = bootstrap
            b.seed = seed
            b.restart = bootstrapRestart == "grid" ? .fullGrid : .fromOptimum
            report.bootstrap = timed("bootstrap (\(bootstrap) resamples)", options.threads) {
                fitter.bootstrap(form, data: data, fit: fit, options: b)
            }
        }
        if let k = holdoutLargest {
            report.holdout = try timed("held-out refit", options.threads) { try fitter.holdoutLargest(form, data: data, scales: k) }
        } else if let mask = holdoutMask, let spec = holdoutWhere {
            report.holdout = try timed("held-out refit", options.threads) {
                try fitter.holdout(form, data: data, heldOut: mask, selection: spec)
            }
        }
        if residuals { report.residuals = form.residuals(fit.coordinates, data: data, loss: options.loss) }
        return report
    }

    /// Runs `body`, printing its wall and CPU time to stderr when `--timings` is given.
    private func timed<T>(_ label: String, _ threads: Int, _ body: () throws -> T) rethrows -> T {
        guard timings else { return try body() }
        func cpu() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        }
        let w0 = DispatchTime.now().uptimeNanoseconds, c0 = cpu()
        let result = try body()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - w0) * 1e-9, used = cpu() - c0
        FileHandle.standardError.write(Data(String(format: "timing: %@: %.3f s wall, %.3f s CPU, %d threads\n",
                                                   label, wall, used, threads).utf8))
        return result
    }

    /// One variant's report in `--by` output.
    struct VariantReport: Encodable {
        let value: String
        let report: FitReport
    }

    /// One pair's crossover in `--by` output.
    struct VariantCrossover: Encodable {
        let first: String
        let second: String
        let crossover: CrossoverResult
    }

    /// `--by` output.
    struct VariantsOutput: Encodable {
        let by: String
        let variants: [VariantReport]
        let crossovers: [VariantCrossover]
        /// The crossover search axis and range (text output only).
        let axis: String
        let lower: Double
        let upper: Double

        enum CodingKeys: String, CodingKey { case by, variants, crossovers }
    }

    /// Fits every variant's rows separately, then finds where each pair's curves cross.
    private func runVariants<F: ScalingLawForm>(_ form: F, data: FitData, options: FitOptions, holdoutMask: [Bool]?,
                                                column: String, labels: [String]) throws -> VariantsOutput {
        var order: [String] = []
        var rows: [String: [Int]] = [:]
        for (i, v) in labels.enumerated() {
            if rows[v] == nil { order.append(v) }
            rows[v, default: []].append(i)
        }
        var reports: [VariantReport] = []
        for v in order {
            let idx = rows[v]!
            let sub = data.subset(idx)
            do {
                try Fitter(options: options).validate(form, sub)
            } catch let e as FitDataError {
                throw FitCSV.Problem(description: "\(source): \(column) = \(v): \(e.description)")
            }
            var report = try runFit(form, data: sub, options: options, holdoutMask: holdoutMask.map { m in idx.map { m[$0] } })
            report.source = "\(source) [\(column) = \(v)]"
            reports.append(VariantReport(value: v, report: report))
        }
        // The crossover search range along the form's scale axis.
        let scales: [Double] = (0..<data.count).map { i in
            data.inputCount == 2 ? options.derived.cost.compute(parameters: data.x[2 * i], tokens: data.x[2 * i + 1]) : data.x[i * data.inputCount]
        }
        var lo = (scales.min() ?? 1) / 10, hi = (scales.max() ?? 1) * 1000
        if let spec = crossoverRange {
            let parts = spec.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, parts[0] > 0, parts[1] > parts[0] else {
                throw ValidationError("--crossover-range takes LO,HI with 0 < LO < HI, got '\(spec)'")
            }
            lo = parts[0]; hi = parts[1]
        }
        var crossovers: [VariantCrossover] = []
        if form.inputCount <= 2 {
            for i in 0..<reports.count {
                for j in (i + 1)..<reports.count {
                    let a = reports[i].report, b = reports[j].report
                    let c = Crossover.between(form, a.fit, draws1: a.bootstrap?.coordinateDraws ?? [],
                                              form, b.fit, draws2: b.bootstrap?.coordinateDraws ?? [],
                                              lower: lo, upper: hi, settings: options.derived)
                    crossovers.append(VariantCrossover(first: reports[i].value, second: reports[j].value, crossover: c))
                }
            }
        }
        return VariantsOutput(by: column, variants: reports, crossovers: crossovers, axis: form.inputCount == 2
                              ? "compute C along the compute-optimal frontier" : data.inputNames[0], lower: lo, upper: hi)
    }

    /// Prints a `--by` output as text or JSON.
    private func printVariants(_ output: VariantsOutput) {
        if json {
            Swift.print(String(decoding: (try? Self.encoder().encode(output)) ?? Data(), as: UTF8.self))
            return
        }
        let column = output.by, reports = output.variants, crossovers = output.crossovers
        let axis = output.axis, lo = output.lower, hi = output.upper
        for r in reports {
            print("== \(column) = \(r.value) ==")
            print(FitText.render(r.report))
            print("")
        }
        print(String(format: "crossovers (%@, searched %.3g to %.3g)", axis, lo, hi))
        for c in crossovers {
            let r = c.crossover
            var line = "  \(c.first) vs \(c.second): "
            if let e = r.estimate { line += String(format: "%.4g", e) } else { line += "none in range" }
            if let l = r.lower, let u = r.upper { line += String(format: ", %g%% interval %.4g – %.4g", 95.0, l, u) }
            if let share = r.crossingShare { line += String(format: " (%.0f%% of paired draws cross)", share * 100) }
            print(line)
        }
    }

    /// Integer labels for a column of arbitrary strings (first appearance order).
    private func labels(_ table: FitCSV, _ name: String) throws -> [Int] {
        var ids: [String: Int] = [:]
        return try table.strings(name).map { s in
            if let i = ids[s] { return i }
            ids[s] = ids.count
            return ids.count - 1
        }
    }

    /// The rows (after dropping) selected by `--holdout-where COLUMN=VALUE`.
    private func holdoutMask(_ table: FitCSV, _ keep: [Int]) throws -> [Bool]? {
        guard let spec = holdoutWhere else { return nil }
        guard let eq = spec.firstIndex(of: "=") else { throw ValidationError("--holdout-where takes COLUMN=VALUE, got '\(spec)'") }
        let column = String(spec[..<eq]), value = String(spec[spec.index(after: eq)...])
        let cells = try table.strings(column)
        return keep.map { cells[$0] == value }
    }
}
