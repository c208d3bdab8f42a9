import Foundation

/// A counter-based random number generator (Philox4x32-10): the same seed and
/// stream give the same numbers on every machine, and any position of the
/// sequence can be reached without generating what comes before it.
public struct RNG: RandomNumberGenerator, Sendable {
    /// The seed the generator was created with (the Philox key).
    public let seed: UInt64
    /// The independent stream within the seed.
    public let stream: UInt64
    /// Index of the next 128-bit block to generate.
    public private(set) var counter: UInt64
    private var block: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
    private var used = 4

    /// Creates a generator for `seed`, positioned at the start of `stream`.
    public init(seed: UInt64, stream: UInt64 = 0, counter: UInt64 = 0) {
        self.seed = seed
        self.stream = stream
        self.counter = counter
    }

    /// A generator for an independent stream derived from this seed and a label,
    /// so that each consumer (initialisation, data order, dropout…) draws its own numbers.
    public func derived(_ label: String) -> RNG {
        RNG(seed: seed, stream: RNG.hash(label) ^ stream &* 0x9E37_79B9_7F4A_7C15)
    }

    /// FNV-1a, stable across runs and machines (unlike `Hasher`).
    static func hash(_ label: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }

    /// The Philox4x32-10 bijection of one counter block under the key.
    @inline(__always)
    static func philox(_ ctr: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32))
        -> (UInt32, UInt32, UInt32, UInt32)
    {
        var c = ctr
        var k = key
        for _ in 0..<10 {
            let p0 = UInt64(0xD251_1F53) &* UInt64(c.0)
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(c.2)
            c = (UInt32(truncatingIfNeeded: p1 >> 32) ^ c.1 ^ k.0, UInt32(truncatingIfNeeded: p1),
                 UInt32(truncatingIfNeeded: p0 >> 32) ^ c.3 ^ k.1, UInt32(truncatingIfNeeded: p0))
            k = (k.0 &+ 0x9E37_79B9, k.1 &+ 0xBB67_AE85)
        }
        return c
    }

    /// The next 32 random bits.
    public mutating func nextUInt32() -> UInt32 {
        if used == 4 {
            block = RNG.philox(
                (UInt32(truncatingIfNeeded: counter), UInt32(truncatingIfNeeded: counter >> 32),
                 UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32)),
                key: (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)))
            counter &+= 1
            used = 0
        }
        defer { used += 1 }
        switch used {
        case 0: return block.0
        case 1: return block.1
        case 2: return block.2
        default: return block.3
        }
    }

    /// The next 64 random bits (`RandomNumberGenerator`).
    public mutating func next() -> UInt64 {
        UInt64(nextUInt32()) << 32 | UInt64(nextUInt32())
    }

    /// A uniform Float in [0, 1) with 24 random bits.
    public mutating func uniform() -> Float {
        Float(nextUInt32() >> 8) * 0x1p-24
    }

    /// A uniform Float in [low, high).
    public mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * uniform()
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func uniformDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A normal draw (Box-Muller, computed in Double so every libm rounds it the same way).
    public mutating func normal(mean: Float = 0, std: Float = 1) -> Float {
        let u1 = 1 - uniformDouble()  // (0, 1]
        let u2 = uniformDouble()
        let z = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
        return mean + std * Float(z)
    }

    /// A uniform integer in 0..<bound without modulo bias (Lemire's method).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "RNG.int(below:) needs a positive bound, got \(bound)")
        let b = UInt64(bound)
        while true {
            let x = next()
            let product = x.multipliedFullWidth(by: b)
            if product.low >= (0 &- b) % b { return Int(product.high) }
        }
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: Range<Int>) -> Int {
        range.lowerBound + int(below: range.count)
    }

    /// A seeded Fisher-Yates permutation of 0..<n.
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, int(below: i + 1)) }
        }
        return p
    }
}
