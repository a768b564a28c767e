import Foundation
import ICalKit
import PlannerCore
import PlannerTestSupport
import Testing

/// Finds tools on PATH for the differential test.
enum Tool {
    static func find(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static var bench: URL { TestPaths.shared.appendingPathComponent("bench") }
    static var hasGenerator: Bool {
        find("python3") != nil && FileManager.default.fileExists(atPath: bench.appendingPathComponent("gen_calendar.py").path)
    }

    /// Runs `exe args`; returns stdout, or nil when it fails.
    static func run(_ exe: String, _ args: [String]) throws -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}

/// The 1k synthetic calendar of ../shared/bench (default seed) must give the same events,
/// occurrences and checksum as the baselines (libical_expand.c `stream`, py_expand.py) for
/// the window 2025-01-01..2026-01-01.
@Suite(.serialized) struct BenchDifferentialTests {
    static let window = ReadOptions(
        window: DateWindow(from: CivilDate(year: 2025, month: 1, day: 1), to: CivilDate(year: 2026, month: 1, day: 1)))

    static func generate(_ n: Int, in dir: URL) throws -> URL {
        let out = dir.appendingPathComponent("cal\(n).ics")
        let ok = try Tool.run(
            Tool.find("python3")!, [Tool.bench.appendingPathComponent("gen_calendar.py").path, String(n), out.path])
        #expect(ok != nil, "gen_calendar.py failed")
        return out
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reader-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// "mode=stream events=N occurrences=M checksum=HEX" -> "events=N occurrences=M checksum=HEX".
    static func strip(_ line: String) -> String {
        line.split(separator: " ").filter { !$0.hasPrefix("mode=") }.joined(separator: " ")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(
        .enabled(if: Tool.hasGenerator && Tool.find("cc") != nil, "skipped: needs python3, cc and ../shared/bench"))
    func agreesWithLibicalInC() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cal = try Self.generate(1000, in: dir)
        let exe = dir.appendingPathComponent("libical_expand").path
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/bin/sh")
        build.arguments = [
            "-c",
            "cc -O2 -o '\(exe)' '\(Tool.bench.appendingPathComponent("libical_expand.c").path)' $(pkg-config --cflags --libs libical)",
        ]
        try build.run()
        build.waitUntilExit()
        try #require(build.terminationStatus == 0, "could not build libical_expand.c")
        let baseline = try #require(try Tool.run(exe, ["stream", cal.path]))
        let r = CalendarReader.read(paths: [cal.path], options: Self.window)
        #expect(r.diagnostics.isEmpty)
        #expect(r.summaryLine == Self.strip(baseline))
        #expect(r.eventCount == 1000)
        // Components reversed: the VTIMEZONE now comes after every event that uses it.
        let reversed = ComponentOrder.reversed(Array(try Data(contentsOf: cal)))
        let rr = CalendarReader.read(bytes: reversed, path: "reversed.ics", options: Self.window)
        #expect(rr.summaryLine == Self.strip(baseline))
        #expect(rr.diagnostics.isEmpty)
        // Counting only (no occurrence values kept) gives the same line.
        var lean = Self.window
        lean.summaryOnly = true
        let s = CalendarReader.read(paths: [cal.path], options: lean)
        #expect(s.summaryLine == Self.strip(baseline))
        #expect(s.occurrences.isEmpty)
    }

    @Test(
        .enabled(
            if: Tool.hasGenerator
                && (try? Tool.run(Tool.find("python3")!, ["-c", "import icalendar, recurring_ical_events"])) != nil,
            "skipped: needs python3 with icalendar and recurring-ical-events"))
    func agreesWithPythonRecurringIcalEvents() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cal = try Self.generate(1000, in: dir)
        let baseline = try #require(
            try Tool.run(Tool.find("python3")!, [Tool.bench.appendingPathComponent("py_expand.py").path, "expand", cal.path]))
        let r = CalendarReader.read(paths: [cal.path], options: Self.window)
        #expect(r.summaryLine == Self.strip(baseline))
    }

    @Test func checksumFollowsTheBenchDefinition() {
        // The bench's FNV-1a uses the offset basis 1469598103934665603 (as written in
        // libical_expand.c and py_expand.py, one digit shorter than the usual basis); for "a"
        // python3 gives 0x44bd8ad473cd9906 with that basis.
        #expect(String(ReadResult.fnv1a64("a"), radix: 16) == "44bd8ad473cd9906")
        let text = """
            BEGIN:VCALENDAR\r
            BEGIN:VEVENT\r
            UID:a\r
            DTSTART;VALUE=DATE:20250102\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let r = CalendarReader.read(text: text, path: "c.ics", options: Self.window)
        let expected = ReadResult.fnv1a64("a") ^ UInt64(20_250_102_000_000)
        #expect(r.checksum == expected)
        #expect(r.summaryLine == "events=1 occurrences=1 checksum=" + String(expected, radix: 16))
    }
}
