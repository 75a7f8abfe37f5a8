import Foundation
import Testing
@testable import Plotting

/// The arc length of a polyline.
private func length(_ line: [DevicePoint]) -> Double {
    zip(line, line.dropFirst()).map { $0.distance(to: $1) }.reduce(0, +)
}

/// A circle of `radius` around `centre` with `segments` chords, first point repeated.
private func circle(centre: DevicePoint, radius: Double, segments: Int) -> [DevicePoint] {
    (0...segments).map { index in
        let angle = 2 * Double.pi * Double(index % segments) / Double(segments)
        return DevicePoint(x: centre.x + radius * cos(angle), y: centre.y + radius * sin(angle))
    }
}

struct ContourLabelTests {
    private let straight = (0...30).map { DevicePoint(x: 10 + 10 * Double($0), y: 50) }

    @Test func straightLineGetsTwoUprightSpacedLabels() {
        let placements = ContourLabelPlacer.place(along: straight, labelWidth: 30, labelHeight: 10, minimumSpacing: 60, avoiding: [])
        #expect(placements.count == 2)
        for placement in placements {
            #expect(abs(placement.angle) < 1e-12)
            #expect(abs(placement.position.y - 50) < 1e-9)
            #expect(placement.gapStart < placement.arcLength && placement.arcLength < placement.gapEnd)
            #expect(placement.gapEnd - placement.gapStart >= 30)
            #expect(placement.arcLength >= 30 && placement.arcLength <= 300 - 30)
        }
        if placements.count == 2 {
            #expect(placements[0].position.distance(to: placements[1].position) >= 60)
            #expect(!placements[0].bounds.intersects(placements[1].bounds))
        }
    }

    @Test func shortLinesGetNoLabel() {
        let short = [DevicePoint(x: 0, y: 0), DevicePoint(x: 80, y: 0)]
        #expect(ContourLabelPlacer.place(along: short, labelWidth: 30, labelHeight: 10, minimumSpacing: 0, avoiding: []).isEmpty)
        let enough = [DevicePoint(x: 0, y: 0), DevicePoint(x: 95, y: 0)]
        #expect(ContourLabelPlacer.place(along: enough, labelWidth: 30, labelHeight: 10, minimumSpacing: 0, avoiding: []).count == 1)
        #expect(ContourLabelPlacer.place(along: [], labelWidth: 30, labelHeight: 10, minimumSpacing: 0, avoiding: []).isEmpty)
        #expect(ContourLabelPlacer.place(along: straight, labelWidth: 0, labelHeight: 10, minimumSpacing: 0, avoiding: []).isEmpty)
    }

    @Test func largeSpacingLeavesOneLabel() {
        let placements = ContourLabelPlacer.place(along: straight, labelWidth: 30, labelHeight: 10, minimumSpacing: 1000, avoiding: [])
        #expect(placements.count == 1)
    }

    @Test func occupiedRectanglesAreAvoided() {
        let blocker = DeviceRect(x: 60, y: 0, width: 200, height: 100)
        let placements = ContourLabelPlacer.place(along: straight, labelWidth: 30, labelHeight: 10, minimumSpacing: 0, avoiding: [blocker])
        #expect(!placements.isEmpty)
        #expect(placements.allSatisfy { !$0.bounds.intersects(blocker) })
        let everything = DeviceRect(x: -1000, y: -1000, width: 3000, height: 3000)
        #expect(ContourLabelPlacer.place(along: straight, labelWidth: 30, labelHeight: 10, minimumSpacing: 0, avoiding: [everything]).isEmpty)
    }

    @Test func labelGoesWhereTheLineIsStraightest() {
        // A zigzag from x = 0 to 200, then a straight run from 200 to 320.
        var line = (0...20).map { DevicePoint(x: 10 * Double($0), y: $0 % 2 == 0 ? 100 : 112) }
        line += (1...12).map { DevicePoint(x: 200 + 10 * Double($0), y: 100) }
        let placements = ContourLabelPlacer.place(along: line, labelWidth: 30, labelHeight: 10, minimumSpacing: 0, avoiding: [], maximumCount: 1)
        #expect(placements.count == 1)
        if let placement = placements.first {
            #expect(placement.position.x > 200 + 15 - 1e-9)
            #expect(abs(placement.position.y - 100) < 1e-9)
        }
    }

    @Test func anglesAreAlwaysUpright() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let direction = Double.random(in: -Double.pi...Double.pi, using: &generator)
            let bend = Double.random(in: -0.01...0.01, using: &generator)
            var point = DevicePoint(x: 300, y: 300)
            var heading = direction
            var line = [point]
            for _ in 0..<40 {
                heading += bend
                point = DevicePoint(x: point.x + 8 * cos(heading), y: point.y + 8 * sin(heading))
                line.append(point)
            }
            let placements = ContourLabelPlacer.place(along: line, labelWidth: 40, labelHeight: 12, minimumSpacing: 20, avoiding: [])
            #expect(!placements.isEmpty)
            for placement in placements {
                #expect(placement.angle > -Double.pi / 2 && placement.angle <= Double.pi / 2)
                // The text runs parallel to the line where it sits (modulo a half turn).
                let nearest = line.indices.dropLast().min { a, b in
                    line[a].distance(to: placement.position) < line[b].distance(to: placement.position)
                } ?? 0
                let tangent = atan2(line[nearest + 1].y - line[nearest].y, line[nearest + 1].x - line[nearest].x)
                let difference = remainder(placement.angle - tangent, Double.pi)
                #expect(abs(difference) < 0.05)
            }
        }
    }

    @Test func splitLeavesAGapAroundEachLabel() {
        let placements = ContourLabelPlacer.place(along: straight, labelWidth: 30, labelHeight: 10, minimumSpacing: 60, avoiding: [])
        let pieces = ContourLabelPlacer.split(straight, removing: placements, labelWidth: 30)
        #expect(pieces.count == placements.count + 1)
        let removed = placements.map { $0.gapEnd - $0.gapStart }.reduce(0, +)
        #expect(abs(pieces.map(length).reduce(0, +) - (300 - removed)) < 1e-9)
        for piece in pieces {
            for placement in placements {
                for point in piece {
                    #expect(point.distance(to: placement.position) >= 15 - 1e-9, "stroke under the label")
                }
            }
        }
        #expect(ContourLabelPlacer.split(straight, removing: [], labelWidth: 30) == [straight])
    }

    @Test func closedRingSplitsIntoOneArc() {
        let ring = circle(centre: DevicePoint(x: 200, y: 200), radius: 100, segments: 96)
        let placements = ContourLabelPlacer.place(along: ring, labelWidth: 40, labelHeight: 12, minimumSpacing: 0, avoiding: [], maximumCount: 1)
        #expect(placements.count == 1)
        let pieces = ContourLabelPlacer.split(ring, removing: placements, labelWidth: 40)
        #expect(pieces.count == 1, "the two ends meeting at the ring's start are joined")
        if let piece = pieces.first, let placement = placements.first {
            #expect(abs(length(piece) - (length(ring) - (placement.gapEnd - placement.gapStart))) < 1e-6)
            #expect(piece.allSatisfy { $0.distance(to: placement.position) >= 20 - 1e-9 })
        }
    }
}
