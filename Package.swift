// swift-tools-version:6.0
// AwarenessPlanner: plans a quarter of GP practice patient communication around
// national awareness days. Layers (dependencies point one way):
//   CLibical -> ICalKit (only importer of libical) -> PlannerCore (pure) -> PlannerIO -> planner (CLI)
//   PlannerCore + ICalKit -> PlannerExport (rendering) -> planner (CLI)
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "AwarenessPlanner",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "planner", targets: ["planner"]),
        .library(name: "PlannerCore", targets: ["PlannerCore"]),
        .library(name: "ICalKit", targets: ["ICalKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libical 3.0 from Debian's libical-dev, through pkg-config.
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"]), .brew(["libical"])]
        ),
        // Pure planning core: values and algorithms only. No I/O, no clock, no libical.
        .target(name: "PlannerCore", swiftSettings: strict),
        // Safe wrapper over libical: the only module that imports CLibical.
        .target(name: "ICalKit", dependencies: ["CLibical", "PlannerCore"], swiftSettings: strict),
        // The bundled calendars (top-level Calendars/ folder), shipped as package resources.
        .target(
            name: "BundledCalendars",
            path: "Calendars",
            exclude: ["README.md"],
            sources: ["BundledCalendars.swift"],
            resources: [.copy("uk-health-awareness.ics"), .copy("bank-holidays")],
            swiftSettings: strict
        ),
        // File input and output around the core: profiles (YAML), taxonomy, calendars, atomic writes.
        .target(
            name: "PlannerIO",
            dependencies: ["PlannerCore", "ICalKit", "BundledCalendars", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/taxonomy.yaml")],
            swiftSettings: strict
        ),
        // Everything that renders a plan or a listing: ordered JSON, CSV, plan.json, the summaries.
        // PlannerIO must not depend on it.
        .target(name: "PlannerExport", dependencies: ["PlannerCore", "ICalKit"], swiftSettings: strict),
        // The thin command-line front end.
        .executableTarget(
            name: "planner",
            dependencies: ["PlannerIO", "PlannerExport", "PlannerCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        // libFuzzer target over the reader (`make fuzz`); a no-op executable in normal builds.
        .executableTarget(name: "ReaderFuzz", dependencies: ["ICalKit", "PlannerCore"], swiftSettings: strict),
        // Helpers shared by the test targets (not a product).
        .target(name: "PlannerTestSupport", dependencies: ["PlannerCore"], swiftSettings: strict),
        .testTarget(
            name: "ICalKitTests",
            dependencies: ["ICalKit", "PlannerCore", "PlannerTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PlannerCoreTests", dependencies: ["PlannerCore", "PlannerExport", "PlannerTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "PlannerExportTests", dependencies: ["PlannerExport", "PlannerCore", "ICalKit", "PlannerTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "PlannerIOTests",
            dependencies: ["PlannerIO", "PlannerCore", "ICalKit", "PlannerTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PlannerTestSupportTests", dependencies: ["PlannerTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "PlannerCLITests",
            dependencies: ["planner", "PlannerTestSupport", "PlannerCore"],
            // Golden files of `planner export`, read from the package folder by path.
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ]
)
