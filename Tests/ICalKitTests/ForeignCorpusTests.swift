import Foundation
import ICalKit
import PlannerCore
import PlannerTestSupport
import Testing

/// Calendars nobody here wrote: the real-world test calendars shipped inside python's
/// `icalendar` and `recurring_ical_events` packages (Google, Outlook, Thunderbird exports and
/// bug-report files). Each is read without a crash, and where python can expand it, the
/// (uid, start) pairs are compared with recurring-ical-events, 2000-2030.
///
/// Excluded by design (issue 2): files with X-WR-TIMEZONE (we ignore it, python applies it) and
/// files where the reader warns that libical 3.0.16 expands an RRULE shape wrongly or a
/// RANGE=THISANDFUTURE override is not applied. Cancelled instances are removed on both sides.
@Suite struct ForeignCorpusTests {
    struct Expected: Decodable {
        var path: String
        var ok: Bool
        var pairs: [[Pair]]?
        var xwr: Bool?
        var reason: String?
        enum Pair: Decodable, Hashable {
            case uid(String), key(Int64)
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let s = try? c.decode(String.self) { self = .uid(s) } else { self = .key(try c.decode(Int64.self)) }
            }
        }
    }

    /// python3 with both packages importable (`make test` installs them with pip).
    static let pythonReady: Bool = {
        guard let python = Tool.find("python3") else { return false }
        return (try? Tool.run(python, ["-c", "import icalendar, recurring_ical_events"])) != nil
    }()

    @Test(
        .enabled(
            if: pythonReady,
            "skipped: needs python3 with the icalendar and recurring-ical-events packages (make test installs them)"))
    func agreesWithRecurringIcalEvents() throws {
        let script = TestPaths.packageRoot.appendingPathComponent("tools/differential/foreign_corpus.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, "20000101", "20310101"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "python icalendar + recurring-ical-events are needed: run `make test`")
        let expected = try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(Expected.self, from: Data($0.utf8))
        }
        #expect(expected.count >= 200, "the python packages ship about 258 calendars")

        let window = DateWindow(from: CivilDate(year: 2000, month: 1, day: 1), to: CivilDate(year: 2031, month: 1, day: 1))
        var agree = 0, excluded = 0, weReject = 0
        var differ: [String] = []
        for e in expected {
            // Every file is read without a crash, python able or not.
            let result = CalendarReader.read(paths: [e.path], options: ReadOptions(window: window))
            guard e.ok, let pairs = e.pairs else { continue }
            let name = URL(fileURLWithPath: e.path).lastPathComponent
            let warnedShape = result.diagnostics.contains {
                $0.severity == .warning && ($0.message.contains("libical") || $0.message.contains("THISANDFUTURE"))
            }
            if e.xwr == true || warnedShape {
                excluded += 1
                continue
            }
            if result.hasErrors {
                weReject += 1
                continue
            }
            let theirs = pairs.map { p -> String in
                guard case .uid(let u) = p[0], case .key(let k) = p[1] else { return "?" }
                return "\(u) \(k)"
            }.sorted()
            let ours = result.occurrences.map { "\($0.uid ?? "") \($0.start.key)" }.sorted()
            if ours == theirs {
                agree += 1
            } else {
                let missing = Set(theirs).subtracting(ours).sorted().prefix(2)
                let extra = Set(ours).subtracting(theirs).sorted().prefix(2)
                differ.append("\(name): python-only \(Array(missing)), ours-only \(Array(extra))")
            }
        }
        let compared = agree + differ.count
        print("foreign corpus: \(expected.count) files, \(compared) compared, \(agree) agree, \(differ.count) differ, \(excluded) excluded (X-WR-TIMEZONE or a libical-shape warning), \(weReject) with reader errors")
        for d in differ { print("  differs: \(d)") }
        #expect(compared >= 100)
        #expect(Double(agree) / Double(max(1, compared)) >= 0.97, "\(differ)")
    }
}
