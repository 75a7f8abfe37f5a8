extension MutableCollection where Self: RandomAccessCollection {
    /// Shuffles the elements in place with the Fisher–Yates algorithm, reproducibly.
    ///
    /// For `i` from the last position down to 1, swaps element `i` with a uniformly chosen element
    /// `j ∈ 0...i`. `j` comes from ``uniformRandomIndex(below:using:)``, so unlike the standard
    /// library's `shuffle(using:)` (whose algorithm is not promised stable across Swift versions) the
    /// same generator state always gives the same permutation.
    public mutating func fisherYatesShuffle(using generator: inout some RandomNumberGenerator) {
        guard count > 1 else { return }
        var i = count - 1
        while i > 0 {
            let j = uniformRandomIndex(below: UInt64(i + 1), using: &generator)
            swapAt(index(startIndex, offsetBy: i), index(startIndex, offsetBy: Int(j)))
            i -= 1
        }
    }
}

/// A uniform random integer in `0..<bound` by Lemire's multiply-and-reject method.
///
/// `m = r · bound` as a 128-bit product; the high 64 bits are the result unless the low 64 bits fall
/// below `2⁶⁴ mod bound`, in which case `r` is redrawn, which removes the modulo bias exactly.
/// - Precondition: `bound > 0`.
public func uniformRandomIndex(below bound: UInt64, using generator: inout some RandomNumberGenerator) -> UInt64 {
    precondition(bound > 0, "bound must be positive")
    // Lemire's test first: the threshold 2⁶⁴ mod bound is below `bound`, so a low word of at
    // least `bound` is accepted without computing it (a 64-bit division); the accepted values
    // and the draws consumed are exactly those of the plain rejection loop.
    var product = generator.next().multipliedFullWidth(by: bound)
    if product.low >= bound { return product.high }
    let threshold = (0 &- bound) % bound // 2⁶⁴ mod bound
    while true {
        if product.low >= threshold { return product.high }
        product = generator.next().multipliedFullWidth(by: bound)
    }
}
