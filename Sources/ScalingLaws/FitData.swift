import Foundation

/// Why a table of points cannot be fitted. Each case names the column and the row.
public enum FitDataError: Error, Equatable, CustomStringConvertible {
    /// A value is NaN or infinite.
    case nonFinite(column: String, row: Int, value: Double)
    /// A value is zero or negative where the form takes its logarithm.
    case nonPositive(column: String, row: Int, value: Double)
    /// A point has the wrong number of inputs.
    case wrongInputCount(row: Int, expected: Int, got: Int)
    /// No more points than the form has parameters.
    case tooFewPoints(form: String, points: Int, parameters: Int)
    /// The data have a different number of inputs than the form takes.
    case inputMismatch(form: String, expected: Int, got: Int)
    /// A group or stratum list does not have one entry per point.
    case groupCount(expected: Int, got: Int)
    /// A held-out selection leaves nothing to fit or nothing to predict.
    case emptySplit(String)

    /// A sentence naming the column, row and value.
    public var description: String {
        switch self {
        case let .nonFinite(c, r, v): return "column '\(c)', row \(r): value \(v) is not a finite number"
        case let .nonPositive(c, r, v):
            return "column '\(c)', row \(r): value \(v) is not positive (the fit takes its logarithm)"
        case let .wrongInputCount(r, e, g): return "row \(r): expected \(e) input values, got \(g)"
        case let .tooFewPoints(f, n, p):
            return "\(f) has \(p) parameters but only \(n) \(n == 1 ? "point was" : "points were") given "
                + "(need at least \(Fitter.minimumPoints(parameters: p)): as many points as parameters fit any law exactly)"
        case let .inputMismatch(f, e, g): return "\(f) takes \(e) input column\(e == 1 ? "" : "s"), got \(g)"
        case let .groupCount(e, g): return "expected one group label per point (\(e)), got \(g)"
        case let .emptySplit(why): return why
        }
    }
}

/// A validated table of points for a fit: inputs x (one or more columns), output y, their logs,
/// and optional group and stratum labels for the bootstrap.
public struct FitData: Sendable {
    /// Names of the input columns, e.g. `["N", "D"]`.
    public let inputNames: [String]
    /// Name of the output column, e.g. `loss`.
    public let outputName: String
    /// Number of points.
    public let count: Int
    /// Number of inputs per point.
    public let inputCount: Int
    /// Inputs, row-major (`count × inputCount`).
    public let x: [Double]
    /// Outputs.
    public let y: [Double]
    /// `log x`, row-major.
    public let logX: [Double]
    /// `log y`.
    public let logY: [Double]
    /// The number of points rounded up to a multiple of 4 (for four-wide evaluation).
    public let paddedCount: Int
    /// `log x` column by column, each column `paddedCount` long (padding holds zeros).
    public let logColumns: [Double]
    /// `log y` padded with zeros to `paddedCount`.
    public let logYPadded: [Double]
    /// The row number of each point in its source (for messages), 1-based by default.
    public let rowNumbers: [Int]
    /// Cluster labels: the bootstrap resamples whole clusters (e.g. one training run or seed).
    public let groups: [Int]?
    /// Stratum labels: clusters are resampled within each stratum (e.g. one configuration).
    public let strata: [Int]?

    /// Validates the points: every value finite and positive, one input row per output.
    public init(x: [[Double]], y: [Double], inputNames: [String], outputName: String = "y",
                rowNumbers: [Int]? = nil, groups: [Int]? = nil, strata: [Int]? = nil) throws {
        precondition(!inputNames.isEmpty, "at least one input column")
        let k = inputNames.count
        let rows = rowNumbers ?? (0..<y.count).map { $0 + 1 }
        precondition(rows.count == y.count && x.count == y.count, "x, y and row numbers must have one entry per point")
        if let g = groups, g.count != y.count { throw FitDataError.groupCount(expected: y.count, got: g.count) }
        if let s = strata, s.count != y.count { throw FitDataError.groupCount(expected: y.count, got: s.count) }
        var flat: [Double] = []
        flat.reserveCapacity(y.count * k)
        for (i, row) in x.enumerated() {
            guard row.count == k else { throw FitDataError.wrongInputCount(row: rows[i], expected: k, got: row.count) }
            for (j, v) in row.enumerated() {
                guard v.isFinite else { throw FitDataError.nonFinite(column: inputNames[j], row: rows[i], value: v) }
                guard v > 0 else { throw FitDataError.nonPositive(column: inputNames[j], row: rows[i], value: v) }
                flat.append(v)
            }
            guard y[i].isFinite else { throw FitDataError.nonFinite(column: outputName, row: rows[i], value: y[i]) }
            guard y[i] > 0 else { throw FitDataError.nonPositive(column: outputName, row: rows[i], value: y[i]) }
        }
        self.inputNames = inputNames
        self.outputName = outputName
        self.count = y.count
        self.inputCount = k
        self.x = flat
        self.y = y
        self.logX = flat.map { Foundation.log($0) }
        self.logY = y.map { Foundation.log($0) }
        self.rowNumbers = rows
        let padded = (y.count + 3) / 4 * 4
        self.paddedCount = padded
        var columns = [Double](repeating: 0, count: k * padded)
        for i in 0..<y.count { for j in 0..<k { columns[j * padded + i] = Foundation.log(flat[i * k + j]) } }
        self.logColumns = columns
        self.logYPadded = y.map { Foundation.log($0) } + [Double](repeating: 0, count: padded - y.count)
        self.groups = groups
        self.strata = strata
    }

    /// The inputs of point `i`.
    public func inputs(_ i: Int) -> [Double] { Array(x[i * inputCount ..< (i + 1) * inputCount]) }

    /// The points at `indices`, in that order, with their labels.
    public func subset(_ indices: [Int]) -> FitData {
        try! FitData(x: indices.map { inputs($0) }, y: indices.map { y[$0] }, inputNames: inputNames,
                     outputName: outputName, rowNumbers: indices.map { rowNumbers[$0] },
                     groups: groups.map { g in indices.map { g[$0] } },
                     strata: strata.map { s in indices.map { s[$0] } })
    }

    /// The scale of point `i`: the product of its inputs (∝ compute for N and D), as a log.
    public func logScale(_ i: Int) -> Double {
        var s = 0.0
        for j in 0..<inputCount { s += logX[i * inputCount + j] }
        return s
    }
}
