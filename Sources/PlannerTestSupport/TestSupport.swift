import Foundation

/// Paths used by the tests, relative to this package (never absolute machine paths).
public enum TestPaths {
    /// The package root, found from this source file's location.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `../shared` beside the package (read-only reference material), when present. Only tests
    /// that are skipped without it may read from here (the bench calendars and their baselines).
    public static var shared: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// A file of the labelled matching spec kept in the repository (the dev set, its labels and
    /// the canonical ids of taxonomy.md): `Tests/PlannerIOTests/Fixtures/spec/<name>`.
    public static func spec(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/PlannerIOTests/Fixtures/spec").appendingPathComponent(name)
    }
}

/// The result of running the built `planner` binary.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `planner` executable (next to the test bundle) with `arguments`,
/// in `directory` (default: the package root), with extra environment variables.
/// `executable` runs another program instead (a wrapper such as setpriv, given the planner's
/// path among `arguments`).
public func runPlanner(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], executable: String? = nil
) throws -> CommandResult {
    let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var candidates = [binDir.appendingPathComponent("planner")]
    // xctest bundles sit one or more levels below the build folder on some platforms.
    candidates.append(binDir.deletingLastPathComponent().appendingPathComponent("planner"))
    if let executable { candidates = [URL(fileURLWithPath: executable)] }
    guard let exe = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
    }
    let p = Process()
    p.executableURL = exe
    p.arguments = arguments
    p.currentDirectoryURL = directory ?? TestPaths.packageRoot
    var env = ProcessInfo.processInfo.environment
    env["COLUMNS"] = "120"
    for (k, v) in environment { env[k] = v }
    p.environment = env
    // Output goes to temporary files, so a large output can never block the child.
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("planner-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: tmp) }
    let outURL = tmp.appendingPathComponent("stdout"), errURL = tmp.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    try out.close()
    try err.close()
    let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
    return CommandResult(
        status: p.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary folder (`dir`, named `name-<uuid>`) holding a `profiles` folder with copies
/// of both sample profiles, and the `out` folder a many-practices run writes into (not made).
public func sampleProfilesFolder(_ name: String) throws -> (dir: URL, profiles: URL, out: URL) {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    let profiles = dir.appendingPathComponent("profiles")
    try fm.createDirectory(at: profiles, withIntermediateDirectories: true)
    let root = TestPaths.packageRoot.appendingPathComponent("Profiles")
    for file in ["urban-young.yaml", "coastal-older.yaml"] {
        try fm.copyItem(at: root.appendingPathComponent(file), to: profiles.appendingPathComponent(file))
    }
    return (dir, profiles, dir.appendingPathComponent("out"))
}

/// Calls `body` with every combination that takes one entry of each of `options`, in a fixed
/// order (the first list changing fastest): an exhaustive search for the optimality tests.
public func forEachCombination<T>(of options: [[T]], _ body: ([T]) -> Void) {
    guard options.allSatisfy({ !$0.isEmpty }) else { return }
    var index = Array(repeating: 0, count: options.count)
    while true {
        body(zip(options, index).map { $0[$1] })
        var k = 0
        while k < options.count {
            index[k] += 1
            if index[k] < options[k].count { break }
            index[k] = 0
            k += 1
        }
        if k == options.count { return }
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny deterministic generator, so the
/// instances are the same on every run and every machine. No system randomness.
public struct SplitMix64: Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
    public mutating func chance(_ p: Double) -> Bool { unit() < p }
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, int(0...i)) }
    }
}

/// python3 for the tests that call the solver scripts (tools/verify-plan), found on PATH.
public enum Python {
    /// The first python3 on PATH, or nil.
    public static var path: String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/python3" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs python3 with `args`, output discarded; its exit status.
    public static func run(_ args: [String]) throws -> Int32 {
        guard let path else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "python3"]) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Whether python3 has HiGHS (`make test` installs highspy: tools/ensure-deps.sh test).
    public static var hasHiGHS: Bool { path != nil && (try? run(["-c", "import highspy"])) == 0 }
}
