import Tensor

/// One-dimensional k-means of a set of scalars (weight clustering): k-means++ seeding from a
/// seeded generator, then Lloyd iterations (each point to its nearest centroid, each centroid
/// to the mean of its points) until the assignment stops changing or `maxIterations`.
/// Centroids come out sorted; an emptied cluster keeps its centroid. With at most k distinct
/// values every value is its own centroid (zero error).
public struct ScalarKMeans {
    /// The sorted centroids (k of them; repeated values when fewer distinct inputs exist).
    public private(set) var centroids: [Float]
    /// The centroid index of every input value.
    public private(set) var assignments: [Int]
    /// Lloyd iterations run.
    public private(set) var iterations = 0

    /// Clusters `values` into `k` centroids.
    public init(_ values: UnsafeBufferPointer<Float>, k: Int, maxIterations: Int = 50, rng: inout RNG) {
        precondition(k >= 1 && !values.isEmpty, "k-means: k = \(k) over \(values.count) values")
        assignments = [Int](repeating: -1, count: values.count)
        let distinct = Array(Set(values)).sorted()
        if distinct.count <= k {
            centroids = distinct + [Float](repeating: distinct.last!, count: k - distinct.count)
            _ = assign(values)
            return
        }
        centroids = Self.seed(values, k: k, rng: &rng)
        while iterations < maxIterations {
            iterations += 1
            guard assign(values) else { break }
            var sums = [Double](repeating: 0, count: k), counts = [Int](repeating: 0, count: k)
            for (i, c) in assignments.enumerated() {
                sums[c] += Double(values[i])
                counts[c] += 1
            }
            for c in 0..<k where counts[c] > 0 { centroids[c] = Float(sums[c] / Double(counts[c])) }
            let order = centroids.indices.sorted { centroids[$0] < centroids[$1] }
            if order != Array(centroids.indices) {
                var rank = [Int](repeating: 0, count: k)
                for (r, c) in order.enumerated() { rank[c] = r }
                centroids = order.map { centroids[$0] }
                assignments = assignments.map { rank[$0] }
            }
        }
    }

    /// k-means++: the first centroid uniformly, each next one with probability ∝ D², the
    /// squared distance to the nearest chosen centroid; sorted. When every value is already a
    /// centroid, the remaining ones repeat the last chosen.
    static func seed(_ values: UnsafeBufferPointer<Float>, k: Int, rng: inout RNG) -> [Float] {
        var chosen = [values[rng.int(below: values.count)]]
        var distance = values.map { v -> Double in let d = Double(v - chosen[0]); return d * d }
        while chosen.count < k {
            let total = distance.reduce(0, +)
            guard total > 0 else { chosen.append(chosen.last!); continue }
            var target = rng.uniformDouble() * total, pick = values.count - 1
            for (i, d) in distance.enumerated() {
                target -= d
                if target < 0 { pick = i; break }
            }
            let c = values[pick]
            chosen.append(c)
            for i in distance.indices {
                let d = Double(values[i] - c)
                distance[i] = min(distance[i], d * d)
            }
        }
        return chosen.sorted()
    }

    /// Assigns every value to its nearest centroid (binary search over the midpoints of the
    /// sorted centroids; a tie goes to the lower one). Returns whether anything changed.
    private mutating func assign(_ values: UnsafeBufferPointer<Float>) -> Bool {
        let mids = zip(centroids, centroids.dropFirst()).map { ($0 + $1) / 2 }
        var changed = false
        for i in 0..<values.count {
            let v = values[i]
            var lo = 0, hi = mids.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if v > mids[mid] { lo = mid + 1 } else { hi = mid }
            }
            if assignments[i] != lo { assignments[i] = lo; changed = true }
        }
        return changed
    }
}
