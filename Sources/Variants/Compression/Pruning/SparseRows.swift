import NN
import Tensor

/// The execution layout of a row-sparse weight [out, in]: the kept values of each output row
/// in column order with their column indices, and where each row starts. Both unstructured
/// (CSR / bitmask) and N:M twins decode their stored form into it and run its kernel.
final class SparseRows {
    /// Output rows.
    let rows: Int
    /// Input columns.
    let columns: Int
    /// Kept values, row-major [nonzeros].
    let values: UnsafeMutablePointer<Float>
    /// The column of each kept value [nonzeros].
    let indices: UnsafeMutablePointer<Int32>
    /// Row o holds entries rowStart[o]..<rowStart[o+1] [rows + 1].
    let rowStart: UnsafeMutablePointer<Int32>
    /// Kept entries.
    let nonzeros: Int
    /// Rows of the input transposed per block of `lanes` input rows, per worker.
    private var scratch = Buffer()

    /// Input rows the kernel processes together (one SIMD lane each).
    static let lanes = 8

    /// The entries of `keep` (row-major [rows, columns]) with their values in `weight`.
    init(weight: UnsafePointer<Float>, keep: [Bool], rows: Int, columns: Int) {
        precondition(keep.count == rows * columns, "SparseRows: mask of \(keep.count) for [\(rows), \(columns)]")
        self.rows = rows
        self.columns = columns
        nonzeros = keep.reduce(0) { $0 + ($1 ? 1 : 0) }
        values = .allocate(capacity: max(1, nonzeros))
        indices = .allocate(capacity: max(1, nonzeros))
        rowStart = .allocate(capacity: rows + 1)
        var k = 0
        for o in 0..<rows {
            rowStart[o] = Int32(k)
            for j in 0..<columns where keep[o &* columns &+ j] {
                values[k] = weight[o &* columns &+ j]
                indices[k] = Int32(j)
                k += 1
            }
        }
        rowStart[rows] = Int32(k)
    }

    /// Entries given directly: `values` and their `indices` row by row, `rowStart` [rows + 1].
    init(rows: Int, columns: Int, values: [Float], indices: [Int32], rowStart: [Int32]) {
        precondition(values.count == indices.count && rowStart.count == rows + 1 && Int(rowStart[rows]) == values.count,
                     "SparseRows: inconsistent entries")
        precondition(indices.allSatisfy { $0 >= 0 && Int($0) < columns }, "SparseRows: column index out of range")
        self.rows = rows
        self.columns = columns
        nonzeros = values.count
        self.values = .allocate(capacity: max(1, nonzeros))
        self.indices = .allocate(capacity: max(1, nonzeros))
        self.rowStart = .allocate(capacity: rows + 1)
        self.values.initialize(from: values, count: nonzeros)
        self.indices.initialize(from: indices, count: nonzeros)
        self.rowStart.initialize(from: rowStart, count: rows + 1)
    }

    deinit {
        values.deallocate()
        indices.deallocate()
        rowStart.deallocate()
    }

    /// Whether entry (o, j) is kept, as a row-major mask [rows, columns].
    var mask: [Bool] {
        var m = [Bool](repeating: false, count: rows * columns)
        for o in 0..<rows {
            for k in Int(rowStart[o])..<Int(rowStart[o + 1]) { m[o &* columns &+ Int(indices[k])] = true }
        }
        return m
    }

    /// The dense weight [rows, columns] with zeros where nothing is kept.
    func dense() -> Tensor {
        let w = Tensor(shape: [rows, columns])
        w.fill(0)
        for o in 0..<rows {
            for k in Int(rowStart[o])..<Int(rowStart[o + 1]) { w.data[o &* columns &+ Int(indices[k])] = values[k] }
        }
        return w
    }

    /// `y[n, rows] = x[n, columns] · Wᵀ (+ bias)`: blocks of 8 input rows are transposed to
    /// [columns, 8], so each kept weight costs one broadcast, one 8-wide load and one FMA;
    /// blocks run in parallel.
    func apply(_ x: Tensor, into y: Tensor, bias: UnsafePointer<Float>?) {
        let n = x.count / columns
        let lanes = Self.lanes, blocks = (n + lanes - 1) / lanes
        let (cols, outs) = (columns, rows)
        let workers = max(1, min(BLAS.threads, blocks))
        let t = scratch.get([workers, cols, lanes])
        let (v, idx, start) = (values, indices, rowStart)
        Parallel.forEach(blocks, workers: workers) { block, worker in
            let r0 = block &* lanes, live = min(lanes, n &- r0)
            let xt = UnsafeMutableRawPointer(t.data + worker &* cols &* lanes)
            let xs = x.data + r0 &* cols
            let stride = MemoryLayout<SIMD8<Float>>.stride
            for j in 0..<cols {
                var lane = SIMD8<Float>(repeating: 0)
                for l in 0..<live { lane[l] = xs[l &* cols &+ j] }
                xt.storeBytes(of: lane, toByteOffset: j &* stride, as: SIMD8<Float>.self)
            }
            let ys = y.data + r0 &* outs
            for o in 0..<outs {
                var acc = SIMD8<Float>(repeating: bias?[o] ?? 0)
                var k = Int(start[o])
                let end = Int(start[o &+ 1])
                while k < end {
                    let column = xt.load(fromByteOffset: Int(idx[k]) &* stride, as: SIMD8<Float>.self)
                    acc.addProduct(SIMD8(repeating: v[k]), column)
                    k &+= 1
                }
                for l in 0..<live { ys[l &* outs &+ o] = acc[l] }
            }
        }
    }
}
