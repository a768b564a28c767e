import Foundation
import PlannerTestSupport
import Testing

/// `planner days` end to end: the built binary, stdout, stderr and exit code together.
@Suite struct DaysCommandTests {
    static let valid = "Tests/ICalKitTests/Fixtures/ics/valid/"
    static let invalid = "Tests/ICalKitTests/Fixtures/ics/invalid/"
    let q1 = ["--from", "2026-01-01", "--to", "2026-04-01"]

    /// The bench checksum's hash (basis 1469598103934665603, as in shared/bench), written out
    /// here again so the test does not reuse the code it checks.
    static func fnv(_ s: String) -> UInt64 {
        var h: UInt64 = 1_469_598_103_934_665_603
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        return h
    }

    @Test func summaryIsOneLine() throws {
        let r = try runPlanner(["days", "--calendars", Self.valid + "time-to-talk-day.ics", "--format", "summary"] + q1)
        let sum = Self.fnv("time-to-talk-day@test") ^ 20_260_205_000_000
        let hex = String(sum, radix: 16)
        #expect(r.stdout == "events=1 occurrences=1 checksum=\(String(repeating: "0", count: 16 - hex.count) + hex)\n")
        #expect(r.stderr == "window: 2026-01-01 to 2026-04-01 (exclusive)\n")
        #expect(r.status == 0)
    }

    @Test func jsonHasFixedKeysAndOrder() throws {
        let r = try runPlanner(
            ["days", "--calendars", Self.valid + "bom-lf-only-folded.ics", Self.valid + "cancelled-and-status.ics", "--format", "json"]
                + q1)
        let expected = """
            [
              {"uid": "folded@test", "title": "World Cancer Day, with a long title that is folded", "start": "2026-02-04", "end": "2026-02-05", "allDay": true, "timezone": null, "categories": ["Cancer", "Screening, early diagnosis", "Charity"], "status": "TENTATIVE", "source": "\(Self.valid)bom-lf-only-folded.ics:4"},
              {"uid": "floating@test", "title": "Floating time (X-WR-TIMEZONE ignored)", "start": "2026-02-10T09:30:00", "end": "2026-02-10T10:30:00", "allDay": false, "timezone": null, "categories": [], "status": null, "source": "\(Self.valid)bom-lf-only-folded.ics:18"},
              {"uid": null, "title": "No UID", "start": "2026-03-11", "end": "2026-03-12", "allDay": true, "timezone": null, "categories": [], "status": "CONFIRMED", "source": "\(Self.valid)cancelled-and-status.ics:17"}
            ]

            """
        #expect(r.stdout == expected)
        #expect(r.stderr == "window: 2026-01-01 to 2026-04-01 (exclusive)\n")
        #expect(r.status == 0)
        // Valid JSON too.
        let parsed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
    }

    @Test func csvIsRFC4180() throws {
        let r = try runPlanner(
            ["days", "--calendars", Self.valid + "bom-lf-only-folded.ics", "--format", "csv"] + q1)
        let expected =
            "uid,title,start,end,allDay,timezone,categories,status,source\r\n"
            + "folded@test,\"World Cancer Day, with a long title that is folded\",2026-02-04,2026-02-05,true,,\"Cancer; Screening, early diagnosis; Charity\",TENTATIVE,\(Self.valid)bom-lf-only-folded.ics:4\r\n"
            + "floating@test,Floating time (X-WR-TIMEZONE ignored),2026-02-10T09:30:00,2026-02-10T10:30:00,false,,,,\(Self.valid)bom-lf-only-folded.ics:18\r\n"
        #expect(r.stdout == expected)
        #expect(r.status == 0)
    }

    @Test func tableNamesTheWindow() throws {
        let r = try runPlanner(["days", "--calendars", Self.valid + "dtend-exclusive-all-day.ics"] + q1)
        let path = Self.valid + "dtend-exclusive-all-day.ics"
        #expect(
            r.stdout == """
                Awareness days from 2026-01-01 to 2026-04-01 (exclusive): 3 occurrences
                START       END         ZONE     TITLE                            SOURCE
                2025-12-29  2026-01-02  all day  Runs into the window             \(path):22
                2026-02-05  2026-02-05  all day  Time to Talk Day                 \(path):4
                2026-02-09  2026-02-15  all day  Eating Disorders Awareness Week  \(path):10

                """)
        #expect(r.stderr == "")
        #expect(r.status == 0)
    }

    @Test func invalidFileExits65WithDiagnostics() throws {
        let path = Self.invalid + "garbage-line.ics"
        let r = try runPlanner(["days", "--calendars", path, "--format", "summary"] + q1)
        #expect(r.status == 65)
        #expect(r.stdout == "events=2 occurrences=1 checksum=\(String(Self.fnv("good@test") ^ 20_260_206_000_000, radix: 16))\n")
        #expect(
            r.stderr == """
                \(path):7: error: not a content line (no ':' between a name and a value)
                this line is not a property
                hint: each line must read NAME:VALUE; a continuation line must start with a space
                window: 2026-01-01 to 2026-04-01 (exclusive)

                """)
    }

    @Test func unknownZoneWarnsAndExitsZero() throws {
        let r = try runPlanner(["days", "--calendars", Self.valid + "unknown-tzid.ics", "--format", "summary"] + q1)
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: unknown time zone \"Mars/Olympus_Mons\""))
        #expect(r.stderr.contains("read in Europe/London"))
    }

    @Test func defaultWindowIsTheNextQuarter() throws {
        let cal = Self.valid + "time-to-talk-day.ics"
        let a = try runPlanner(["days", "--calendars", cal, "--today", "2025-11-15"])
        #expect(a.stdout.hasPrefix("Awareness days from 2026-01-01 to 2026-04-01 (exclusive): 1 occurrence\n"))
        // 1767225600 is 2026-01-01T00:00:00Z: today is 1 January, so the window is April-June.
        let b = try runPlanner(
            ["days", "--calendars", cal, "--format", "summary"], environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(b.stderr == "window: 2026-04-01 to 2026-07-01 (exclusive)\n")
        #expect(b.stdout == "events=1 occurrences=0 checksum=0000000000000000\n")
        // 1782860400 is 2026-06-30T23:00:00Z = 1 July 00:00 in London (BST): the window is October-December.
        let c = try runPlanner(
            ["days", "--calendars", cal, "--format", "summary"], environment: ["SOURCE_DATE_EPOCH": "1782860400"])
        #expect(c.stderr == "window: 2026-10-01 to 2027-01-01 (exclusive)\n")
    }

    @Test func usageErrorsExit64() throws {
        let cal = Self.valid + "time-to-talk-day.ics"
        let cases: [([String], String)] = [
            (["--from", "2026-01-01"], "give --from and --to together"),
            (["--from", "2026-02-30", "--to", "2026-04-01"], "--from \"2026-02-30\" is not a date"),
            (["--from", "2026-04-01", "--to", "2026-01-01"], "--from 2026-04-01 must be before --to 2026-01-01"),
            (["--timezone", "Mars/Base"], "unknown time zone \"Mars/Base\""),
            (["--format", "xml"], "xml"),
        ]
        for (args, message) in cases {
            let r = try runPlanner(["days", "--calendars", cal] + args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stdout == "")
        }
    }

    @Test func cleanViewMergesDuplicatesAndFixesForeignMidnights() throws {
        let feed = "Tests/PlannerIOTests/Fixtures/matching/messy-feed.ics"
        let args = ["days", "--clean", "--calendars", feed, "--from", "2027-10-01", "--to", "2027-11-01", "--format", "json"]
        let r = try runPlanner(args)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let stoptober = try #require(rows.first { ($0["normalizedTitle"] as? String) == "Stoptober" })
        #expect(stoptober["title"] as? String == "Stoptober 2027")
        #expect((stoptober["mergedUids"] as? [String])?.count == 1)
        #expect((stoptober["sources"] as? [String])?.count == 2)
        #expect(stoptober["allDay"] as? Bool == true)
        #expect(stoptober["start"] as? String == "2027-10-01")
        #expect(!rows.contains { ($0["timezone"] as? String) == "America/New_York" })
        // The raw view of the same window keeps both copies and the New York times.
        let raw = try runPlanner(Array(args.filter { $0 != "--clean" }))
        let rawRows = try #require(try JSONSerialization.jsonObject(with: Data(raw.stdout.utf8)) as? [[String: Any]])
        #expect(rawRows.count == rows.count + 1)
        // Same bytes from a second process.
        #expect(try runPlanner(args).stdout == r.stdout)
    }

    @Test func bundledCalendarIsTheDefault() throws {
        let r = try runPlanner(["days", "--format", "summary", "--today", "2026-11-15"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.range(of: #"^events=\d+ occurrences=\d+ checksum=[0-9a-f]{16}\n$"#, options: .regularExpression) != nil)
        #expect(!r.stderr.contains("error"))
        #expect(!r.stderr.contains("warning"))
    }
}
