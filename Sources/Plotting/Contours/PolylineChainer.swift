/// Joins contour segments and polygon edges, given as integer vertex keys, into maximal
/// chains and closed rings. Keys (not coordinates) decide what connects, so joining is exact.
enum PolylineChainer {
    /// Joins undirected segments into maximal chains, in a deterministic order.
    ///
    /// Every key must be shared by at most two segments (true for marching squares, where a
    /// crossing lies on one edge shared by at most two cells). Open chains are walked from
    /// an end; closed rings repeat their first key at the end.
    static func chains(of segments: [(Int, Int)]) -> [[Int]] {
        var neighbours: [Int: [Int]] = [:]
        var order: [Int] = []
        for (a, b) in segments where a != b {
            if neighbours[a] == nil { order.append(a) }
            neighbours[a, default: []].append(b)
            if neighbours[b] == nil { order.append(b) }
            neighbours[b, default: []].append(a)
        }
        func takeStep(from key: Int) -> Int? {
            guard var list = neighbours[key], let next = list.popLast() else { return nil }
            neighbours[key] = list
            if var back = neighbours[next], let index = back.firstIndex(of: key) {
                back.remove(at: index)
                neighbours[next] = back
            }
            return next
        }
        func walk(from start: Int) -> [Int] {
            var chain = [start]
            var current = start
            for _ in 0...segments.count {
                guard let next = takeStep(from: current) else { break }
                chain.append(next)
                current = next
                if next == start { break }
            }
            return chain
        }
        var result: [[Int]] = []
        // Open chains first, from their ends, then whatever is left forms rings.
        for key in order where neighbours[key]?.count == 1 {
            result.append(walk(from: key))
        }
        for key in order where !(neighbours[key]?.isEmpty ?? true) {
            result.append(walk(from: key))
        }
        return result
    }

    /// Chains directed edges, after cancelling each edge against its reverse, into closed
    /// rings (each repeating its first key at the end).
    ///
    /// The input must be a sum of closed cycles (every key has as many incoming as outgoing
    /// edges); then the leftovers are too and always decompose into rings. The order is
    /// deterministic (sorted by keys).
    static func rings(ofDirectedEdges edges: [(Int, Int)]) -> [[Int]] {
        var counts: [EdgeKey: Int] = [:]
        for (a, b) in edges where a != b {
            let reverse = EdgeKey(from: b, to: a)
            if let count = counts[reverse], count > 0 {
                counts[reverse] = count - 1
            } else {
                counts[EdgeKey(from: a, to: b), default: 0] += 1
            }
        }
        var remaining: [EdgeKey] = []
        for (edge, count) in counts where count > 0 {
            remaining.append(contentsOf: repeatElement(edge, count: count))
        }
        remaining.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        var outgoing: [Int: [Int]] = [:]
        for edge in remaining.reversed() { outgoing[edge.from, default: []].append(edge.to) }
        var rings: [[Int]] = []
        for edge in remaining {
            guard var list = outgoing[edge.from], let index = list.lastIndex(of: edge.to) else { continue }
            list.remove(at: index)
            outgoing[edge.from] = list
            var ring = [edge.from, edge.to]
            var current = edge.to
            for _ in 0..<remaining.count {
                if current == edge.from { break }
                guard var next = outgoing[current], let step = next.popLast() else { break }
                outgoing[current] = next
                ring.append(step)
                current = step
            }
            rings.append(ring)
        }
        return rings
    }

    /// A directed edge between two keys.
    struct EdgeKey: Hashable {
        var from: Int
        var to: Int
    }
}
