// swift-tools-version:6.0
import PackageDescription

/// An out-of-tree variant: ScaleNorm as `norm.scalenorm`, and `ablate-plus`, the `ablate`
/// command with it registered.
let package = Package(
    name: "CustomVariant",
    platforms: [.macOS(.v13)],
    dependencies: [
        // By path: SwiftPM refuses Ablate's `-target-cpu haswell` (an unsafe flag) in a
        // dependency fetched by URL. The name makes `package: "Ablate"` below work whatever
        // the checkout's folder is called.
        .package(name: "Ablate", path: "../.."),
    ],
    targets: [
        .target(
            name: "CustomVariant",
            dependencies: [.product(name: "Ablate", package: "Ablate")]
        ),
        .executableTarget(
            name: "ablate-plus",
            dependencies: ["CustomVariant", .product(name: "Ablate", package: "Ablate"),
                           .product(name: "AblateCLI", package: "Ablate")]
        ),
        .testTarget(
            name: "CustomVariantTests",
            dependencies: ["CustomVariant", .product(name: "Ablate", package: "Ablate"),
                           .product(name: "AblateTestSupport", package: "Ablate")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
