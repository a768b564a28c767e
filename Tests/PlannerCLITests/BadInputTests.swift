import Foundation
import PlannerTestSupport
import Testing

/// Bad input never loses a good plan, and every message says what to do (issue 12, items 2
/// and 4 outside profiles, and item 5's month listing).
@Suite struct BadInputTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let goodAndBrokenEvent = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//test//EN
        BEGIN:VEVENT
        UID:good@test
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20270204
        DTEND;VALUE=DATE:20270205
        SUMMARY:World Cancer Day
        DESCRIPTION:Cancer screening and early diagnosis.
        END:VEVENT
        BEGIN:VEVENT
        UID:bad@test
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:2027XX01
        SUMMARY:Broken Day
        END:VEVENT
        END:VCALENDAR

        """

    /// Plans the sample quarter into `out` and returns plan.json's bytes.
    static func goodPlan(_ out: URL) throws -> Data {
        let r = try runPlanner(["plan", "--quarter", "2027-Q1", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        return try Data(contentsOf: out.appendingPathComponent("plan.json"))
    }

    @Test func aMissingCalendarIsFatalAndKeepsTheEarlierPlan() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("O")
        let before = try Self.goodPlan(out)
        let r = try runPlanner(["plan", "--calendars", "typo.ics", "--quarter", "2027-Q1", "--out", out.path])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                typo.ics: error: the calendar cannot be opened: there is no such file or folder
                hint: check the path given to --calendars
                Nothing was written: the earlier \(out.path)/plan.json is kept.

                """)
        #expect(try Data(contentsOf: out.appendingPathComponent("plan.json")) == before)
    }

    @Test func aLatin1CalendarIsFatalAndKeepsTheEarlierPlan() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("O")
        let before = try Self.goodPlan(out)
        let latin = dir.appendingPathComponent("latin.ics")
        var bytes = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@test\r\nDTSTART;VALUE=DATE:20270204\r\nSUMMARY:Caf".utf8)
        bytes += [0xE9]  // é in Latin-1
        bytes += Array(" Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        try Data(bytes).write(to: latin)
        let r = try runPlanner(["plan", "--calendars", latin.path, "--quarter", "2027-Q1", "--out", out.path])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                \(latin.path):6: error: the calendar is not UTF-8 text (byte 0xE9; Latin-1 or Windows-1252 perhaps)
                hint: save the calendar as UTF-8 and plan again
                Nothing was written: the earlier \(out.path)/plan.json is kept.

                """)
        #expect(try Data(contentsOf: out.appendingPathComponent("plan.json")) == before)
    }

    @Test func aBrokenEventStillPlansAndIsCarriedIntoPlanJSONAndTheSummary() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ics = dir.appendingPathComponent("mixed.ics")
        try Data(Self.goodAndBrokenEvent.utf8).write(to: ics)
        let out = dir.appendingPathComponent("O")
        let r = try runPlanner(["plan", "--calendars", ics.path, "--quarter", "2027-Q1", "--out", out.path])
        #expect(r.status == 65)
        #expect(
            r.stderr == """
                \(ics.path):15:20: error: DTSTART value "2027XX01" is not a valid DATE
                DTSTART;VALUE=DATE:2027XX01
                                   ^
                hint: write a date as YYYYMMDD and a date-time as YYYYMMDDTHHMMSS (Z for UTC), e.g. 20260205

                """)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count > 5)
        #expect(lines[1].hasSuffix(" items; plan.md beside plan.json has every detail"))
        #expect(lines[2] == "Written to \(out.path)/plan.json")
        #expect(lines[3] == "Incomplete: 1 error in the input; what could not be read is not planned")
        #expect(lines[4] == "  - \(ics.path):15: DTSTART value \"2027XX01\" is not a valid DATE")
        let json = try String(contentsOf: out.appendingPathComponent("plan.json"), encoding: .utf8)
        #expect(
            json.hasSuffix(
                """
                  "inputErrors": [
                    {
                      "file": "\(ics.path)",
                      "line": 15,
                      "message": "DTSTART value \\"2027XX01\\" is not a valid DATE"
                    }
                  ]
                }

                """))
    }

    @Test func aGoodRunWritesNoInputErrorsKey() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = String(decoding: try Self.goodPlan(dir), as: UTF8.self)
        #expect(!json.contains("inputErrors"))
    }

    @Test func aCalendarWithNoEventsIsAWarningNamingIt() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.ics")
        try Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n".utf8).write(to: empty)
        let r = try runPlanner([
            "plan", "--calendars", empty.path, "--quarter", "2027-Q1", "--out", dir.appendingPathComponent("O").path,
        ])
        #expect(r.status == 0)
        #expect(
            r.stderr == """
                \(empty.path): warning: the calendar holds no events, so it adds no awareness days
                hint: check that the right calendar was exported, with its events

                """)
        #expect(r.stdout.contains("\n0 campaigns, 0 items; plan.md beside plan.json has every detail\n"))
    }

    @Test func outUnderARegularFileSaysSoInWords() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("afile")
        try Data("x".utf8).write(to: file)
        // Run from `dir`, where the default profile is missing: name it.
        let named = try runPlanner([
            "plan", "--profile", TestPaths.packageRoot.appendingPathComponent("Profiles/urban-young.yaml").path,
            "--quarter", "2027-Q1", "--out", "afile/sub",
        ], in: dir)
        #expect(named.status == 73)
        #expect(named.stdout == "")
        #expect(
            named.stderr == """
                afile/sub/plan.json: error: could not write the plan: afile is a file, not a folder, so nothing can be written under it.
                hint: give --out a folder that can be written (it is made if missing)

                """)
        #expect(!named.stderr.contains("NSCocoaErrorDomain"))
    }

    /// Runs the planner as an unprivileged user when the tests run as root (root may write in
    /// a read-only folder), else as is.
    static func runUnprivileged(_ arguments: [String]) throws -> CommandResult {
        guard getuid() == 0 else { return try runPlanner(arguments) }
        return try runPlanner(
            ["--reuid=65534", "--regid=65534", "--clear-groups", plannerPath] + arguments, executable: "/usr/bin/setpriv")
    }

    /// The planner binary the tests run.
    static var plannerPath: String {
        let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [binDir, binDir.deletingLastPathComponent()].map { $0.appendingPathComponent("planner").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "planner"
    }

    /// True when the tests are not root, or when an unprivileged user can run the built planner
    /// and read the sample profile (a clone inside a private folder, such as one made by
    /// `mktemp -d`, is closed to other users).
    static var canRunUnprivileged: Bool {
        guard getuid() == 0 else { return true }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = [
            "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/test", "-x", plannerPath, "-a", "-r",
            TestPaths.packageRoot.appendingPathComponent("Profiles/urban-young.yaml").path,
        ]
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test(
        .enabled(
            if: canRunUnprivileged,
            "skipped: the tests run as root and an unprivileged user cannot reach the build folder (a private clone)"))
    func aReadOnlyOutputFolderSaysPermissionOnce() throws {
        let dir = try Self.scratch()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path + "/ro")
            try? FileManager.default.removeItem(at: dir)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let ro = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: ro, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: ro.path)
        let r = try Self.runUnprivileged(["plan", "--quarter", "2027-Q1", "--out", ro.path])
        #expect(r.status == 73)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                \(ro.path)/plan.json: error: could not write the plan: there is no permission to write in the folder \(ro.path).
                hint: give --out a folder that can be written (it is made if missing)

                """)
        #expect(r.stderr.components(separatedBy: "permission").count == 2)
        #expect(!r.stderr.contains(".."))
    }

    @Test func theMissingDefaultProfileSaysItWasTheDefault() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlanner(["plan", "--quarter", "2027-Q1"], in: dir)
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                Profiles/urban-young.yaml: error: No --profile was given, and the default profile Profiles/urban-young.yaml \
                is not in the current folder.
                hint: Name a profile with --profile FILE, or run planner from the folder that holds Profiles/.

                """)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Exports").path))
    }

    @Test func aMistypedCommandGetsDidYouMean() throws {
        let r = try runPlanner(["paln"])
        #expect(r.status == 64)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                error: "paln" is not a planner command (did you mean plan?)
                hint: the commands are plan, export, decide, days, match, explain, validate, check, digest; see planner --help

                """)
    }

    @Test func aYearOutsideTheBankHolidayFeedNamesTheYearsItCovers() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlanner(["plan", "--today", "1999-01-01", "--out", dir.path, "--verbose"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "    - no bank-holiday data for 1999 (the bundled feed covers 2025-2027): texts and letters may be planned on a bank holiday\n"
            ))
        #expect(!r.stdout.contains("covers no years"))
    }

    @Test func aDayIsListedUnderTheMonthItStartsNotItsFirstLetter() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlanner(["plan", "--quarter", "2027-Q1", "--out", dir.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let items = try #require(plan["items"] as? [[String: Any]])
        // Every campaign whose first item goes out in an earlier month than its day starts.
        var first: [String: (date: String, title: String)] = [:]
        for i in items {
            let c = i["campaign"] as! String, d = i["date"] as! String
            if first[c].map({ d < $0.date }) ?? true { first[c] = (d, i["title"] as! String) }
        }
        let early = first.filter { $0.value.date.prefix(7) < $0.key.suffix(10).prefix(7) && $0.key.suffix(10) >= "2027-01-01" }
        try #require(!early.isEmpty, "no campaign starts its sends in an earlier month in today's sample plan")
        let table = try runPlanner(["plan", "--quarter", "2027-Q1", "--out", dir.path, "--verbose"])
        let months = table.stdout.components(separatedBy: "\nCampaigns per month\n")[1].components(separatedBy: "\n\n")[0]
        for (campaign, f) in early {
            let month = Int(campaign.suffix(10).dropFirst(5).prefix(2))!
            let name = ["January", "February", "March"][month - 1]
            let line = try #require(months.split(separator: "\n").first { $0.hasPrefix("  \(name) 2027") })
            #expect(line.contains(f.title), "\(campaign) not under \(name): \(months)")
        }
    }

    @Test func aDecisionsFolderIsAnError() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("O")
        let r = try runPlanner(["plan", "--quarter", "2027-Q1", "--decisions", dir.path, "--out", out.path])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                \(dir.path): error: This is a folder, not a decisions file.
                hint: Name the decisions file itself, e.g. --decisions Profiles/urban-young.decisions.yaml.
                \(dir.path): 1 error found.
                Nothing was written to \(out.path)/plan.json.

                """)
    }
}
