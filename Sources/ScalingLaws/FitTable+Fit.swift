import Foundation

extension FitTable {
    /// Fits `request` to this table's rows: drops the highest-y rows when asked, fits the form
    /// (with bootstrap intervals, a held-out check and residuals as requested), once or per
    /// variant with the crossovers of every pair. `timing` receives each phase's time.
    public func fit(_ request: FitRequest, timing: ((FitPhaseTiming) -> Void)? = nil) throws -> FitOutput {
        try request.checkColumns()
        let xNames = request.x
        var columns = try xNames.map { try numbers($0) }
        var inputNames = xNames
        if let flopsColumn = request.flops {
            guard columns.count == 1 else { throw FitInputError("--flops derives D from one --x column N; got \(xNames.count)") }
            let c = try numbers(flopsColumn), k = request.flopsPerParameterToken
            columns.append(zip(c, columns[0]).map { $0 / (k * $1) })
            inputNames.append("D = \(flopsColumn)/(\(k.formatted())·\(xNames[0]))")
        }
        let yValues = try numbers(request.y)
        let groups = try request.group.map { try labels($0) }
        let strata = try request.stratum.map { try labels($0) }
        let keep = try keptRows(yValues, dropping: request.dropHighestY)
        let data = try FitData(x: keep.map { i in columns.map { $0[i] } }, y: keep.map { yValues[$0] },
                               inputNames: inputNames, outputName: request.y, rowNumbers: keep.map { $0 + 1 },
                               groups: groups.map { g in keep.map { g[$0] } }, strata: strata.map { s in keep.map { s[$0] } })
        guard let form = FormCatalog.form(named: request.formName, inputs: inputNames.count) else {
            throw FitInputError("unknown form '\(request.formName)'; the forms are \(FormCatalog.names.joined(separator: ", "))")
        }
        let options = fitOptions(request, form: form, data: data)
        var mask: [Bool]?
        if case .matching(let column, let value)? = request.holdout {
            let cells = try strings(column)
            mask = keep.map { cells[$0] == value }
        }
        let fitting = FormFit(form: form, request: request, options: options, timing: timing)
        if let column = request.by {
            let labels = try strings(column)
            return .variants(try fitting.variants(data: data, holdoutMask: mask, column: column,
                                                  labels: keep.map { labels[$0] }, source: source))
        }
        return .single(try fitting.report(data: data, holdoutMask: mask, source: source))
    }

    /// The rows fitted: all but the `count` with the highest y (NaN counts as highest).
    private func keptRows(_ y: [Double], dropping count: Int) throws -> [Int] {
        let all = Array(0..<y.count)
        guard count > 0 else { return all }
        guard count < y.count else {
            throw FitInputError("\(source): --drop-highest-y \(count) leaves no rows (the file has \(y.count))")
        }
        // NaN sorts as highest so it is dropped first rather than crashing the sort.
        let order = all.sorted { a, b in
            let ya = y[a].isNaN ? Double.infinity : y[a], yb = y[b].isNaN ? Double.infinity : y[b]
            return ya != yb ? ya > yb : a < b
        }
        let dropped = Set(order.prefix(count))
        return all.filter { !dropped.contains($0) }
    }

    /// The fitter's options for `request`: loss, threads, cost model and compute budgets.
    private func fitOptions(_ request: FitRequest, form: any ScalingLawForm, data: FitData) -> FitOptions {
        var options = FitOptions()
        let loss = request.loss ?? (form is LogLinear ? .squares : .huber)
        options.loss = loss == .squares ? .squares : .huber(delta: request.huberDelta)
        if let t = request.threads { options.threads = t }
        options.derived.cost = TrainingCost(flopsPerParameterToken: request.flopsPerParameterToken)
        if let budgets = request.computeBudgets {
            options.derived.computeBudgets = budgets
        } else if data.inputCount == 2 {
            let largest = (0..<data.count).map {
                options.derived.cost.compute(parameters: data.x[2 * $0], tokens: data.x[2 * $0 + 1])
            }.max()
            options.derived.computeBudgets = largest.map { [$0] } ?? []
        }
        return options
    }
}

/// One form fitted as a request asks, on all rows or on each variant's rows.
private struct FormFit {
    let form: any ScalingLawForm
    let request: FitRequest
    let options: FitOptions
    let timing: ((FitPhaseTiming) -> Void)?

    /// Fit, bootstrap, held-out check and residuals of `data`.
    func report(data: FitData, holdoutMask: [Bool]?, source: String) throws -> FitReport {
        try report(form, data: data, holdoutMask: holdoutMask, source: source)
    }

    private func report<F: ScalingLawForm>(_ form: F, data: FitData, holdoutMask: [Bool]?, source: String) throws -> FitReport {
        let fitter = Fitter(options: options), threads = options.threads
        try fitter.validate(form, data)
        let fit = try FitPhaseTiming.measure("fit (\(options.starts?.count ?? form.starts(for: data).count) starts)",
                                            threads: threads, report: timing) {
            try fitter.fit(form, to: data)
        }
        var report = FitReport(source: source, inputs: data.inputNames, output: data.outputName, fit: fit)
        if request.bootstrap > 0 {
            var b = BootstrapOptions()
            b.resamples = request.bootstrap
            b.seed = request.seed
            b.restart = request.bootstrapRestart
            report.bootstrap = FitPhaseTiming.measure("bootstrap (\(request.bootstrap) resamples)", threads: threads, report: timing) {
                fitter.bootstrap(form, data: data, fit: fit, options: b)
            }
        }
        var refit: (() throws -> HoldoutResult)?
        switch request.holdout {
        case .largest(let k)?:
            refit = { try fitter.holdoutLargest(form, data: data, scales: k, tolerance: request.scaleTolerance) }
        case .matching(let column, let value)?:
            if let holdoutMask {
                refit = { try fitter.holdout(form, data: data, heldOut: holdoutMask, selection: "\(column)=\(value)") }
            }
        case nil:
            break
        }
        if let refit {
            // Too few points left to refit skips the check, not the fit.
            do {
                report.holdout = try FitPhaseTiming.measure("held-out refit", threads: threads, report: timing, refit)
            } catch let e as FitDataError {
                guard case .tooFewPoints = e else { throw e }
                report.holdoutSkipped = e.description
            }
        }
        if request.residuals { report.residuals = form.residuals(fit.coordinates, data: data, loss: options.loss) }
        return report
    }

    /// Fits every variant's rows separately, then finds where each pair's curves cross.
    func variants(data: FitData, holdoutMask: [Bool]?, column: String, labels: [String],
                           source: String) throws -> VariantFits {
        try variants(form, data: data, holdoutMask: holdoutMask, column: column, labels: labels, source: source)
    }

    private func variants<F: ScalingLawForm>(_ form: F, data: FitData, holdoutMask: [Bool]?, column: String,
                                             labels: [String], source: String) throws -> VariantFits {
        var order: [String] = []
        var rows: [String: [Int]] = [:]
        for (i, v) in labels.enumerated() {
            if rows[v] == nil { order.append(v) }
            rows[v, default: []].append(i)
        }
        var reports: [VariantFit] = []
        for v in order {
            let idx = rows[v]!
            let sub = data.subset(idx)
            do {
                try Fitter(options: options).validate(form, sub)
            } catch let e as FitDataError {
                throw FitInputError("\(source): \(column) = \(v): \(e.description)")
            }
            var report = try report(form, data: sub, holdoutMask: holdoutMask.map { m in idx.map { m[$0] } }, source: source)
            report.source = "\(source) [\(column) = \(v)]"
            reports.append(VariantFit(value: v, report: report))
        }
        // The crossover search range along the form's scale axis.
        let scales: [Double] = (0..<data.count).map { i in
            data.inputCount == 2 ? options.derived.cost.compute(parameters: data.x[2 * i], tokens: data.x[2 * i + 1]) : data.x[i * data.inputCount]
        }
        let lo = request.crossoverRange?.lower ?? (scales.min() ?? 1) / 10
        let hi = request.crossoverRange?.upper ?? (scales.max() ?? 1) * 1000
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
        return VariantFits(by: column, variants: reports, crossovers: crossovers, axis: form.inputCount == 2
                           ? "compute C along the compute-optimal frontier" : data.inputNames[0], lower: lo, upper: hi)
    }
}
