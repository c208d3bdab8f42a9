// swift-tools-version:6.0
import PackageDescription

/// Ablate's hot loops are written for AVX2 + FMA (see README, "CPU requirements");
/// the `ablate` binary checks the CPU flags at start-up and says so on an older CPU.
/// SwiftPM rejects unsafe flags in a dependency fetched by URL but accepts them in a local
/// path dependency (checked with Swift 6.3), so other packages use Ablate by path
/// (Examples/CustomVariant) and every build of these targets keeps the flags.
let native: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]

let package = Package(
    name: "Ablate",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Ablate", targets: ["Tensor", "NN", "Configuration", "Metrics", "Statistics", "Variants", "ScalingLaws", "Tasks"]),
        // The command-line tool as a library, for binaries that register their own variants.
        .library(name: "AblateCLI", targets: ["AblateCLI"]),
        // VariantContract (the registry's contract check), GradientCheck and the compression
        // fixture, for other packages' variant tests.
        .library(name: "AblateTestSupport", targets: ["TestSupport"]),
        .executable(name: "ablate", targets: ["ablate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "pkg-config"])]
        ),
        .target(
            name: "Statistics",
            swiftSettings: native
        ),
        .target(
            name: "Tensor",
            dependencies: ["CBLAS", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: native
        ),
        .target(
            name: "NN",
            dependencies: ["Tensor", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: native
        ),
        .target(
            name: "ScalingLaws",
            dependencies: ["CBLAS", "Statistics", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: native
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "Configuration",
            swiftSettings: native
        ),
        .target(
            name: "Metrics",
            swiftSettings: native
        ),
        .target(
            name: "Variants",
            dependencies: ["Tensor", "NN", "Configuration", "Statistics", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: native
        ),
        .target(
            name: "Tasks",
            dependencies: ["Tensor", "Configuration", "Metrics", "CZlib"],
            swiftSettings: native
        ),
        .target(
            name: "Store",
            dependencies: ["Metrics", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: native
        ),
        .target(
            name: "Harness",
            dependencies: ["Tensor", "NN", "Configuration", "Metrics", "Variants", "Tasks", "Store", "ScalingLaws", "Statistics", "Reports", "Yams"],
            swiftSettings: native
        ),
        .target(
            name: "Reports",
            dependencies: ["Store", "Metrics", "ScalingLaws", "Statistics", "Configuration", "Variants", "Tasks"],
            swiftSettings: native
        ),
        .target(
            name: "AblateCLI",
            dependencies: [
                "Tensor", "NN", "Configuration", "Variants", "ScalingLaws", "Tasks", "Store", "Harness", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: native
        ),
        .executableTarget(name: "ablate", dependencies: ["AblateCLI"], swiftSettings: native),
        .target(name: "TestSupport", dependencies: ["NN", "Tensor", "Configuration", "Variants"], swiftSettings: native),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], swiftSettings: native),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], swiftSettings: native),
        .testTarget(name: "NNTests", dependencies: ["NN", "Tensor", "TestSupport", "Variants"], swiftSettings: native),
        .testTarget(name: "ScalingLawsTests", dependencies: ["ScalingLaws", "Statistics"], swiftSettings: native),
        .testTarget(name: "TasksTests", dependencies: ["Tasks", "Metrics", "NN", "Tensor", "Configuration", "Variants"], swiftSettings: native),
        .testTarget(name: "VariantsTests", dependencies: ["Variants", "NN", "Tensor", "Configuration", "TestSupport"], swiftSettings: native),
        .testTarget(name: "StoreTests", dependencies: ["Store", "AblateCLI", "ScalingLaws", "Harness", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ArgumentParser", package: "swift-argument-parser")], swiftSettings: native),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Store", "Metrics", "ScalingLaws", "Statistics", "AblateCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")], swiftSettings: native),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Store", "Tasks", "Variants", "Configuration"], swiftSettings: native),
    ],
    swiftLanguageModes: [.v5]
)
