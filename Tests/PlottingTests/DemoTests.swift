import Foundation
import Testing
@testable import Plotting

/// Writes the demo figures to /tmp/plotting-demo for looking at them (not into the repository).
@Suite struct DemoTests {
    @Test func writeDemoFigures() throws {
        let folder = URL(fileURLWithPath: "/tmp/plotting-demo")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for theme in Theme.all {
            for size in [FigureSize.slide, FigureSize.half] {
                let suffix = "\(theme.name)-\(size)"
                try DemoFigures.fitAndLoss(size: size, theme: theme, style: .finnish).write(to: folder.appendingPathComponent("fit-\(suffix).png"))
                try DemoFigures.landscape(size: size, theme: theme).0.write(to: folder.appendingPathComponent("landscape-\(suffix).png"))
                try DemoFigures.bars(size: size, theme: theme).write(to: folder.appendingPathComponent("bars-\(suffix).png"))
                try DemoFigures.densityScatter(size: size, theme: theme, count: 100_000)
                    .write(to: folder.appendingPathComponent("density-\(suffix).png"))
                try DemoFigures.labelledCloud(size: size, theme: theme).write(to: folder.appendingPathComponent("labels-\(suffix).png"))
            }
        }
        try DemoFigures.landscape(size: .slide, theme: .light).0.write(to: folder.appendingPathComponent("landscape.svg"))
        try DemoFigures.landscape(size: .slide, theme: .light).0.write(to: folder.appendingPathComponent("landscape.pdf"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("fit-light-1920x1080.png").path))
    }
}
