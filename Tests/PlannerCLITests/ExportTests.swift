import Foundation
import PlannerCore
import PlannerTestSupport
import Testing

/// `planner export` end to end (issue 14): golden files for both sample profiles, independent
/// parsers (libical through `planner days`, python icalendar and ical, python csv, cmark-gfm), a
/// real CalDAV server (Radicale) and the re-plan rules.
@Suite struct ExportTests {
    static let profiles = ["urban-young", "coastal-older"]
    /// 2026-12-01T00:00:00Z and 2026-12-15T00:00:00Z.
    static let firstStamp = "1796083200"
    static let secondStamp = "1797292800"

    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("export-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// Plans `quarter` for a sample profile into `dir` and exports it there (all formats, per channel).
    static func planAndExport(_ profile: String, quarter: String = "2027-Q1", into dir: URL, stamp: String = firstStamp)
        throws
    {
        // `planner plan` writes the exports too; the same stamp keeps them comparable.
        let p = try runPlanner(
            ["plan", "--profile", "Profiles/\(profile).yaml", "--quarter", quarter, "--out", dir.path],
            environment: ["SOURCE_DATE_EPOCH": stamp])
        #expect(p.status == 0, "\(p.stderr)")
        try export(dir.appendingPathComponent("plan.json"), profile: profile, stamp: stamp)
    }

    static func export(_ plan: URL, profile: String, stamp: String, extra: [String] = []) throws {
        let e = try runPlanner(
            ["export", "--plan", plan.path, "--profile", "Profiles/\(profile).yaml", "--per-channel"] + extra,
            environment: ["SOURCE_DATE_EPOCH": stamp])
        #expect(e.status == 0, "\(e.stderr)")
        #expect(e.stderr.isEmpty, "\(e.stderr)")
    }

    static func exportFiles(_ dir: URL) throws -> [String] {
        // digest/ (the weekly emails) has its own tests (DigestTests).
        // plan-FROM-LAST.json is plan.json's bytes under the window's name (issue 11; PreviousPlanFileTests).
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
            $0 != "plan.json" && $0 != "plan-2027-01-01-2027-03-31.json" && $0 != "digest" && !$0.contains(".tmp-")
        }.sorted()
    }

    static func golden(_ profile: String, _ name: String) -> URL {
        TestPaths.packageRoot.appendingPathComponent("Tests/PlannerCLITests/Fixtures/exports/\(profile)-2027-Q1")
            .appendingPathComponent(name)
    }

    // MARK: - Goldens and determinism

    @Test(arguments: profiles) func everyExportMatchesItsGoldenFile(_ profile: String) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.planAndExport(profile, into: dir)
        let names = try Self.exportFiles(dir)
        // A per-channel calendar for every channel the plan uses (a plan without letters has no
        // letters calendar: the older sample sends its 75+ letters only to whole cohorts).
        let planData = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json")))
        let items = try #require((planData as? [String: Any])?["items"] as? [[String: Any]])
        let used = Set(items.compactMap { $0["channel"] as? String })
        let expected = [
            ".export-state.json", "calendar-social.ics", "calendar-website.ics",
            "calendar.ics", "google-calendar.csv", "outlook-calendar.csv", "plan.csv", "plan.md", "tasks.ics",
        ] + ["sms", "letter"].filter(used.contains).map { "calendar-\($0).ics" }
        for name in ["calendar-sms.ics", "calendar-letter.ics"] where !expected.contains(name) {
            #expect(!names.contains(name), "\(name) written for a plan without that channel")
        }
        for name in expected { #expect(names.contains(name), "\(name) missing from \(names)") }
        #expect(names.contains { $0.hasPrefix("social-") && $0.hasSuffix(".csv") })
        for name in names {
            assertGolden(try Data(contentsOf: dir.appendingPathComponent(name)), matches: Self.golden(profile, name))
        }
    }

    /// Two processes (different hash seeds) give byte-identical exports; a second export of the
    /// same plan over the first changes no byte (unchanged entries keep SEQUENCE and DTSTAMP).
    @Test func sameInputsGiveSameBytesAcrossProcessesAndReExports() throws {
        let a = try Self.tempDir(), b = try Self.tempDir()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        try Self.planAndExport("urban-young", into: a)
        try Self.planAndExport("urban-young", into: b)
        let names = try Self.exportFiles(a)
        #expect(names == (try Self.exportFiles(b)))
        var first: [String: Data] = [:]
        for n in names {
            first[n] = try Data(contentsOf: a.appendingPathComponent(n))
            #expect(first[n] == (try Data(contentsOf: b.appendingPathComponent(n))), "\(n) differs between processes")
        }
        try Self.export(a.appendingPathComponent("plan.json"), profile: "urban-young", stamp: Self.secondStamp)
        for n in names { #expect(first[n] == (try Data(contentsOf: a.appendingPathComponent(n))), "\(n) changed on re-export") }
    }

    // MARK: - Independent readers

    /// libical (the project's reader, through `planner days`) reads every .ics without a diagnostic.
    @Test(arguments: profiles) func libicalReadsEveryCalendarWithoutErrors(_ profile: String) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.planAndExport(profile, into: dir)
        for name in try Self.exportFiles(dir) where name.hasSuffix(".ics") {
            let r = try runPlanner([
                "days", "--calendars", dir.appendingPathComponent(name).path, "--from", "2026-10-01", "--to", "2027-06-30",
                "--format", "json",
            ])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            // stderr holds only the window line: no error or warning.
            #expect(!r.stderr.contains("error"), "\(name): \(r.stderr)")
            #expect(!r.stderr.contains("warning"), "\(name): \(r.stderr)")
            // tasks.ics holds only VTODOs, which `days` does not list.
            #expect(r.stdout.contains("\"uid\"") == (name != "tasks.ics"), "\(name)")
        }
    }

    @Test(.enabled(if: Tools.python, "python3 with icalendar and ical is missing (make test installs them)"), arguments: profiles)
    func pythonParsersCSVAndMarkdownAgree(_ profile: String) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.planAndExport(profile, into: dir)
        let report = try Tools.runJSON(["tools/test/check_exports.py", dir.path])
        let ics = try #require(report["ics"] as? [String: [String: Any]])
        // Every calendar written was read (at least the overall one, tasks and two channels).
        #expect(ics.count == (try Self.exportFiles(dir)).filter { $0.hasSuffix(".ics") }.count)
        #expect(ics.count >= 5)
        let planData = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json")))
        let items = try #require((planData as? [String: Any])?["items"] as? [[String: Any]])
        let prep = items.reduce(0) { $0 + (($1["prepTasks"] as? [Any])?.count ?? 0) }
        // An item sent in waves is one calendar entry per wave.
        let sendings = items.reduce(0) { $0 + max(1, ($1["waves"] as? [Any])?.count ?? 1) }
        for (name, r) in ics {
            #expect(r["error"] is NSNull, "\(name): \(r["error"] ?? "")")
            #expect(r["icalendar_errors"] as? Int == 0, "\(name)")
            #expect(r["ical_events"] as? Int == r["icalendar_events"] as? Int, "\(name)")
            #expect(r["ical_todos"] as? Int == r["icalendar_todos"] as? Int, "\(name)")
        }
        #expect(ics["calendar.ics"]?["ical_events"] as? Int == sendings + prep)
        #expect(ics["tasks.ics"]?["ical_todos"] as? Int == prep)

        let csv = try #require(report["csv"] as? [String: [String: Any]])
        for (name, r) in csv {
            #expect(r["crlf"] as? Bool == true, "\(name)")
            #expect(r["bom"] as? Bool == false, "\(name)")
            #expect((r["widths"] as? [Int])?.count == 1, "\(name): rows of different widths \(r["widths"] ?? "")")
        }
        #expect(csv["google-calendar.csv"]?["first"] as? [String] == [
            "Subject", "Start Date", "Start Time", "End Date", "End Time", "All Day Event", "Description", "Location", "Private",
        ])
        #expect(csv["outlook-calendar.csv"]?["first"] as? [String] == [
            "Subject", "Start Date", "Start Time", "End Date", "End Time", "All day event", "Reminder on/off", "Reminder Date",
            "Reminder Time", "Meeting Organizer", "Required Attendees", "Optional Attendees", "Meeting Resources",
            "Billing Information", "Categories", "Description", "Location", "Mileage", "Priority", "Private", "Sensitivity",
            "Show time as",
        ])
        #expect(csv["google-calendar.csv"]?["rows"] as? Int == sendings + prep + 1)
        #expect(csv["plan.csv"]?["rows"] as? Int == items.count + 1)
        let social = csv.filter { $0.key.hasPrefix("social-") }
        #expect(!social.isEmpty)
        let posts = items.filter { $0["channel"] as? String == "social" }.count
        for (name, r) in social {
            // Hootsuite's bulk composer: date and time, message, link; no header row.
            #expect(r["widths"] as? [Int] == [3], "\(name)")
            #expect(r["rows"] as? Int == posts, "\(name)")
            let first = try #require(r["first"] as? [String])
            #expect(first[0].range(of: #"^\d\d/\d\d/\d{4} \d\d:\d[05]$"#, options: .regularExpression) != nil, "\(name): \(first)")
        }

        let md = try #require((report["md"] as? [String: [String: Any]])?["plan.md"])
        let written = try #require(md["tables_written"] as? Int)
        #expect(written > 5)
        #expect(md["tables_html"] as? Int == written)
        #expect(md["bad_rows"] as? Int == 0)
    }

    // MARK: - CalDAV and re-planning

    /// Each VEVENT PUT as its own resource into Radicale and read back unchanged; then the re-plan
    /// of the issue: one item moved, one message changed, one dropped, both exports PUT in order.
    @Test(
        .enabled(if: Tools.radicale, "python3 with radicale and icalendar is missing (make test installs them)"),
        arguments: [("coastal-older", "y09215"), ("urban-young", "y07341")])
    func rePlanUpdatesInPlaceOnACalDAVServer(_ profile: String, _ ods: String) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.planAndExport(profile, into: dir)
        let calendar = dir.appendingPathComponent("calendar.ics")
        let first = try String(contentsOf: calendar, encoding: .utf8)
        let firstCopy = dir.appendingPathComponent("first.ics")
        try first.write(to: firstCopy, atomically: true, encoding: .utf8)

        // The re-plan: move the first SMS two days later, write a message for the second, drop the third.
        let planURL = dir.appendingPathComponent("plan.json")
        var plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: planURL)) as? [String: Any])
        var items = try #require(plan["items"] as? [[String: Any]])
        // Texts sent in one go (an item in waves has one calendar entry per wave).
        let sms = items.indices.filter { items[$0]["channel"] as? String == "sms" && items[$0]["waves"] == nil }
        try #require(sms.count >= 3)
        let movedID = try #require(items[sms[0]]["id"] as? String)
        let oldText = try #require(items[sms[0]]["date"] as? String)
        let oldDate = try #require(CivilDate(iso: oldText))
        let newDate = oldDate.adding(days: 2)
        items[sms[0]]["date"] = newDate.iso
        let changedID = try #require(items[sms[1]]["id"] as? String)
        items[sms[1]]["text"] = "Your practice: a new message, written by the practice."
        let droppedID = try #require(items[sms[2]]["id"] as? String)
        items.remove(at: sms[2])
        plan["items"] = items
        try JSONSerialization.data(withJSONObject: plan, options: [.prettyPrinted, .sortedKeys]).write(to: planURL)
        try Self.export(planURL, profile: profile, stamp: Self.secondStamp)
        let second = try String(contentsOf: calendar, encoding: .utf8)

        let domain = "@\(ods).awareness-planner"
        let a = ICSEvents(first), b = ICSEvents(second)
        #expect(Set(a.byUID.keys) == Set(b.byUID.keys), "no entry appears or disappears")
        #expect(b.byUID["\(movedID)\(domain)"]?["SEQUENCE"] == "1")
        #expect(b.byUID["\(movedID)\(domain)"]?["DTSTART;TZID=Europe/London"]?.hasPrefix(newDate.basic) == true)
        #expect(b.byUID["\(changedID)\(domain)"]?["SEQUENCE"] == "1")
        #expect(b.byUID["\(changedID)\(domain)"]?["DESCRIPTION"]?.contains("a new message") == true)
        #expect(b.byUID["\(droppedID)\(domain)"]?["STATUS"] == "CANCELLED")
        #expect(b.byUID["\(droppedID)\(domain)"]?["SEQUENCE"] == "1")
        #expect(b.byUID["\(droppedID)\(domain)"]?["DTSTAMP"] == "20261215T000000Z")
        var unchanged = 0
        for (uid, block) in a.blocks where !uid.hasPrefix(movedID) && !uid.hasPrefix(changedID) && !uid.hasPrefix(droppedID) {
            #expect(b.blocks[uid] == block, "\(uid) changed although its item did not")
            unchanged += 1
        }
        #expect(unchanged > 100)

        let store = dir.appendingPathComponent("radicale")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        let r = try Tools.runJSON(["tools/test/caldav_check.py", store.path, firstCopy.path, calendar.path])
        #expect(r["mkcalendar"] as? Int == 201)
        let puts = try #require(r["puts"] as? [[String: Any]])
        #expect(puts.count == a.byUID.count + b.byUID.count)
        for p in puts { #expect([201, 204].contains(p["status"] as? Int ?? 0), "\(p)") }
        let mismatches = try #require(r["readback_mismatches"] as? [Any])
        #expect(mismatches.isEmpty, "\(mismatches.prefix(2))")
        let report = try #require(r["report"] as? [[String: Any]])
        let uids = report.compactMap { $0["uid"] as? String }
        #expect(uids.count == Set(uids).count, "a UID is listed twice")
        #expect(Set(uids) == Set(a.byUID.keys).union(b.byUID.keys))
        let byUID = Dictionary(report.map { ($0["uid"] as? String ?? "", $0) }, uniquingKeysWith: { x, _ in x })
        #expect(byUID["\(droppedID)\(domain)"]?["status"] as? String == "CANCELLED")
        #expect((byUID["\(movedID)\(domain)"]?["dtstart"] as? String)?.hasPrefix(newDate.basic) == true)
        #expect(byUID["\(movedID)\(domain)"]?["sequence"] as? Int == 1)
    }

    /// Exporting the next quarter into the folder that holds this one cancels nothing of this one.
    @Test func anotherQuarterCancelsNothing() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.planAndExport("urban-young", quarter: "2027-Q1", into: dir)
        let q1 = ICSEvents(try String(contentsOf: dir.appendingPathComponent("calendar.ics"), encoding: .utf8))
        try Self.planAndExport("urban-young", quarter: "2027-Q2", into: dir, stamp: Self.secondStamp)
        let text = try String(contentsOf: dir.appendingPathComponent("calendar.ics"), encoding: .utf8)
        #expect(!text.contains("STATUS:CANCELLED"))
        let q2 = ICSEvents(text)
        #expect(Set(q1.byUID.keys).isDisjoint(with: q2.byUID.keys))
        let state = try String(contentsOf: dir.appendingPathComponent(".export-state.json"), encoding: .utf8)
        #expect(!state.contains("\"cancelled\": true"))
        for uid in q1.byUID.keys.prefix(5) { #expect(state.contains("\"uid\": \"\(uid)\"")) }
    }

    @Test func aFileThatIsNotAPlanIsReportedAndNothingIsWritten() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("plan.json")
        try Data("{\"practice\": {}}\n".utf8).write(to: bad)
        let r = try runPlanner(["export", "--plan", bad.path])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("\(bad.path):1:1: error: "))
        #expect(r.stderr.contains("\nhint: "))
        #expect(try Self.exportFiles(dir).isEmpty)
    }

    @Test func aMissingPlanIsReported() throws {
        let r = try runPlanner(["export", "--plan", "/nonexistent/plan.json"])
        #expect(r.status == 66)
        #expect(r.stderr == "/nonexistent/plan.json: error: cannot read the plan\nhint: give the plan.json that `planner plan` wrote\n")
    }
}

/// VEVENTs of an exported calendar by UID: each block's text, and its unfolded properties.
struct ICSEvents {
    var blocks: [String: String] = [:]
    var byUID: [String: [String: String]] = [:]

    init(_ text: String) {
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        for part in unfolded.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst() {
            let block = part.components(separatedBy: "END:VEVENT\r\n")[0]
            var props: [String: String] = [:]
            for line in block.components(separatedBy: "\r\n") where !line.isEmpty {
                guard let colon = line.firstIndex(of: ":") else { continue }
                props[String(line[..<colon])] = String(line[line.index(after: colon)...])
            }
            guard let uid = props["UID"] else { continue }
            blocks[uid] = block
            byUID[uid] = props
        }
    }
}

/// The python tools the independent checks need; tests that need them are skipped, with the
/// reason, when they are missing (`make test` installs them through tools/ensure-deps.sh).
enum Tools {
    static func works(_ args: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    static let python = works(["python3", "-c", "import icalendar, ical"]) && works(["cmark-gfm", "--version"])
    static let radicale = works(["python3", "-c", "import icalendar, radicale"])

    /// Runs a python script of the repository and decodes the JSON it prints.
    static func runJSON(_ args: [String]) throws -> [String: Any] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + args
        p.currentDirectoryURL = TestPaths.packageRoot
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("export-tool-\(UUID().uuidString).json")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let h = try FileHandle(forWritingTo: out)
        p.standardOutput = h
        try p.run()
        p.waitUntilExit()
        try h.close()
        let data = try Data(contentsOf: out)
        guard p.terminationStatus == 0, let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: args.joined(separator: " ")])
        }
        return json
    }
}
