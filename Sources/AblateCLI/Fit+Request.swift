import ArgumentParser
import ScalingLaws

extension Fit {
    /// Checks the options that need no data.
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
        if !(holdoutTolerance >= 0 && holdoutTolerance < 1) {
            throw ValidationError("--holdout-tolerance must be at least 0 and below 1, got \(holdoutTolerance)")
        }
        if holdoutLargest != nil && holdoutWhere != nil { throw ValidationError("give --holdout-largest or --holdout-where, not both") }
        if !(huberDelta > 0 && huberDelta.isFinite) { throw ValidationError("--huber-delta must be a positive finite number, got \(huberDelta)") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1, got \(t)") }
        if dropHighestY < 0 { throw ValidationError("--drop-highest-y must be 0 or more") }
        if !["optimum", "grid"].contains(bootstrapRestart) {
            throw ValidationError("--bootstrap-restart must be optimum or grid, got '\(bootstrapRestart)'")
        }
        if let l = loss, !["huber", "squares"].contains(l) { throw ValidationError("--loss must be huber or squares, got '\(l)'") }
        if let f = form, FormCatalog.form(named: f, inputs: 1) == nil {
            throw ValidationError("unknown --form '\(f)'; the forms are \(FormCatalog.names.joined(separator: ", "))")
        }
        if !(flopsPerParamToken > 0 && flopsPerParamToken.isFinite) { throw ValidationError("--flops-per-param-token must be a positive finite number, got \(flopsPerParamToken)") }
        do { try request().checkColumns() } catch let e as FitInputError {
            throw ValidationError("--x/--y/--flops: \(e.description)")
        }
    }

    /// The typed request the options spell (the CSV columns, or the sweep's metric as `y`).
    func request() throws -> FitRequest {
        let xNames = x.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !xNames.isEmpty else { throw ValidationError("--x names no column") }
        if flops != nil && xNames.count != 1 {
            throw ValidationError("--flops derives D from one --x column N; got \(xNames.count)")
        }
        var request = FitRequest(x: xNames, y: metric ?? y ?? "", form: form)
        request.loss = loss.flatMap(FitRequest.LossName.init(rawValue:))
        request.huberDelta = huberDelta
        request.bootstrap = bootstrap
        request.seed = seed
        request.bootstrapRestart = bootstrapRestart == "grid" ? .fullGrid : .fromOptimum
        request.group = group
        request.stratum = stratum
        request.by = by
        request.flops = flops
        request.flopsPerParameterToken = flopsPerParamToken
        request.dropHighestY = dropHighestY
        request.threads = threads
        request.residuals = residuals
        if let k = holdoutLargest {
            request.holdout = .largest(k)
            request.scaleTolerance = holdoutTolerance
        } else if let spec = holdoutWhere {
            guard let eq = spec.firstIndex(of: "=") else { throw ValidationError("--holdout-where takes COLUMN=VALUE, got '\(spec)'") }
            request.holdout = .matching(column: String(spec[..<eq]), value: String(spec[spec.index(after: eq)...]))
        }
        if let list = compute {
            request.computeBudgets = try list.split(separator: ",").map {
                guard let v = FitTable.decimal($0.trimmingCharacters(in: .whitespaces)), v > 0, v.isFinite else {
                    throw ValidationError("--compute: '\($0)' is not a positive number")
                }
                return v
            }
        }
        if by != nil, let spec = crossoverRange {
            let parts = spec.split(separator: ",").compactMap { FitTable.decimal($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, parts[0] > 0, parts[1] > parts[0], parts[1].isFinite else {
                throw ValidationError("--crossover-range takes LO,HI with 0 < LO < HI, got '\(spec)'")
            }
            request.crossoverRange = FitRequest.ScaleRange(lower: parts[0], upper: parts[1])
        }
        return request
    }
}
