/// Which weights share one scale (and zero point).
public enum QuantizationGranularity: String, CaseIterable, Sendable {
    /// One scale for the whole matrix.
    case tensor
    /// One scale per output row.
    case channel
    /// One scale per g consecutive inputs of a row (the last group of a row may be shorter).
    case group
}

/// The groups of a [rows, cols] weight matrix under a granularity: group k of row r covers
/// columns `[k·width, min((k+1)·width, cols))`; the tensor granularity has a single group.
public struct QuantizationGroups: Equatable, Sendable {
    /// Output rows of the matrix.
    public let rows: Int
    /// Input columns of the matrix.
    public let cols: Int
    /// The granularity.
    public let granularity: QuantizationGranularity
    /// Columns per group within a row (cols for tensor and channel).
    public let width: Int

    /// The groups of a [rows, cols] matrix; `groupSize` matters for `group` only (0: the
    /// default, 32 inputs when cols ≤ 256, else 128).
    public init(rows: Int, cols: Int, granularity: QuantizationGranularity, groupSize: Int = 0) {
        self.rows = rows
        self.cols = cols
        self.granularity = granularity
        switch granularity {
        case .tensor, .channel: width = cols
        case .group: width = min(cols, groupSize > 0 ? groupSize : Self.defaultGroupSize(inputs: cols))
        }
    }

    /// VARIANTS.md's default group size: 32 for d ≤ 256, else 128.
    public static func defaultGroupSize(inputs: Int) -> Int { inputs <= 256 ? 32 : 128 }

    /// Groups in one row (1 for tensor and channel).
    public var perRow: Int { (cols &+ width &- 1) / width }

    /// Groups stored (scales, zero points).
    public var count: Int { granularity == .tensor ? 1 : rows &* perRow }

    /// The stored index of group `k` of `row`.
    @inline(__always)
    public func index(row: Int, group k: Int) -> Int { granularity == .tensor ? 0 : row &* perRow &+ k }

    /// The columns of group `k` of a row.
    public func columns(_ k: Int) -> Range<Int> { k &* width ..< min(cols, (k &+ 1) &* width) }
}
