// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Descent",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "descent", targets: ["descent"]),
        .executable(name: "descent-bench", targets: ["descent-bench"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        .library(name: "Reporting", targets: ["Reporting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .target(name: "CKernels"),
        .target(name: "CPNGWriter", dependencies: ["CPNG"]),
        .target(
            name: "CFontFaces",
            dependencies: ["CCairo"],
            linkerSettings: [.linkedLibrary("fontconfig"), .linkedLibrary("freetype")]
        ),
        .target(
            name: "Training",
            dependencies: ["CKernels", .product(name: "CSV", package: "CSV.swift")],
            exclude: ["README.md"]
        ),
        .target(
            name: "Plotting",
            dependencies: ["CCairo", "CPNG", "CDeflate", "CKernels", "CPNGWriter", "CFontFaces"],
            exclude: ["README.md"]
        ),
        .target(
            name: "Reporting",
            dependencies: [
                "Training", "Plotting", .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "LiveServer",
            dependencies: [
                "Training", "Plotting", "Reporting",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "descent",
            dependencies: [
                "Training", "Plotting", "Reporting", "LiveServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "descent-bench",
            dependencies: [
                "Training", "Plotting", "Reporting", "CKernels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/descent-bench"
        ),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "CKernels"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CKernels", "CDeflate", "CCairo", "CFontFaces"]),
        .testTarget(name: "ReportingTests", dependencies: [
            "Reporting", "Training", "Plotting", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "DescentTests", dependencies: ["descent"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
