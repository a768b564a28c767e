// swift-tools-version:6.0
// AwarenessPlanner: plans a quarter of GP practice patient communication around
// national awareness days. Each module uses only those below it (README "Layers"):
//   planner (CLI) uses PlannerIO and PlannerExport; PlannerIO (files) and PlannerExport (rendering)
//   use ICalKit (the only importer of libical) and PlannerCore (pure); ICalKit uses CLibical.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libical 3.0 from Debian's libical-dev, through pkg-config.
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"]), .brew(["libical"])]
        ),
        // libcurl from Debian's libcurl4-openssl-dev: SMTP submission for the weekly digest.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        // Pure planning core: values and algorithms only. No I/O, no clock, no libical.
        .target(name: "PlannerCore", swiftSettings: strict),
        // Ready-to-send drafts per channel from mustache templates, each with its checks
        // (PlannerCore's Content checks). Pure: templates are string constants, no I/O.
        .target(
            name: "PlannerDrafts",
            dependencies: ["PlannerCore", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        // Safe wrapper over libical: the only module that imports CLibical.
        .target(name: "ICalKit", dependencies: ["CLibical", "PlannerCore"], swiftSettings: strict),
        // The bundled calendars (top-level Calendars/ folder), shipped as package resources.
        .target(
            name: "BundledCalendars",
            path: "Calendars",
            exclude: ["README.md"],
            sources: ["BundledCalendars.swift"],
            resources: [.copy("uk-health-awareness.ics"), .copy("nhs-programmes.ics"), .copy("bank-holidays")],
            swiftSettings: strict
        ),
        // Writing a whole file without fsync(2), for PlannerIO and PlannerExport alike (they are siblings).
        .target(name: "FileBytes", swiftSettings: strict),
        // File input and output around the core: profiles (YAML), taxonomy, calendars, atomic writes.
        .target(
            name: "PlannerIO",
            dependencies: [
                "FileBytes", "PlannerCore", "ICalKit", "BundledCalendars", "PlannerDrafts", .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/taxonomy.yaml")],
            swiftSettings: strict
        ),
        // Everything that renders a plan or a listing: ordered JSON, CSV, plan.json, the summaries.
        // PlannerIO must not depend on it.
        // The weekly digest's text and HTML come from mustache templates (a practice may override them).
        .target(
            name: "PlannerExport",
            dependencies: ["FileBytes", "PlannerCore", "ICalKit", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict),
        // Sending the weekly digest: the only module that imports CCurl (safe `SMTPClient`), and
        // the outbox and sent record beside the exports.
        .target(name: "PlannerMail", dependencies: ["CCurl", "PlannerIO"], swiftSettings: strict),
        // The thin command-line front end.
        .executableTarget(
            name: "planner",
            dependencies: [
                "PlannerIO", "PlannerExport", "PlannerMail", "PlannerCore", "PlannerDrafts", "ICalKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // libFuzzer target over the reader (`make fuzz`); a no-op executable in normal builds.
        .executableTarget(name: "ReaderFuzz", dependencies: ["ICalKit", "PlannerCore"], swiftSettings: strict),
        // libFuzzer target over the profile loader (`make fuzz-profile`); a no-op executable in normal builds.
        .executableTarget(name: "ProfileFuzz", dependencies: ["PlannerIO", "PlannerCore"], swiftSettings: strict),
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
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "PlannerExportTests",
            dependencies: ["PlannerExport", "PlannerCore", "PlannerIO", "ICalKit", "PlannerTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "PlannerDraftsTests",
            dependencies: ["PlannerDrafts", "PlannerCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PlannerIOTests",
            dependencies: ["PlannerIO", "PlannerExport", "PlannerCore", "ICalKit", "PlannerTestSupport"],
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
