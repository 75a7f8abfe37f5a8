/// A small, fast, seedable random number generator: SplitMix64 (Steele, Lea & Flood, 2014).
///
/// Each call advances the state by the odd constant `0x9E3779B97F4A7C15` and mixes it:
/// `z = (z ⊕ (z ≫ 30))·0xBF58476D1CE4E5B9`, `z = (z ⊕ (z ≫ 27))·0x94D049BB133111EB`, `z ⊕ (z ≫ 31)`.
/// The same seed gives the same sequence on every platform and Swift version.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The 64-bit state.
    private var state: UInt64

    /// Starts the sequence for `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
