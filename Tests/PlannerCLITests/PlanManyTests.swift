import Foundation
import PlannerTestSupport
import Testing

/// `planner plan --profiles DIR` (issue 6): many practices in one run; a broken profile is
/// reported with its file and line and the others are still planned.
@Suite struct PlanManyTests {
    @Test func oneBrokenProfileAmongSeveral() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("plan-many-\(UUID().uuidString)")
        let profiles = dir.appendingPathComponent("profiles")
        let out = dir.appendingPathComponent("out")
        try fm.createDirectory(at: profiles, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let root = TestPaths.packageRoot.appendingPathComponent("Profiles")
        for name in ["urban-young.yaml", "coastal-older.yaml"] {
            try fm.copyItem(at: root.appendingPathComponent(name), to: profiles.appendingPathComponent(name))
        }
        // A copy of the urban profile with a comma in its list size.
        let urban = try String(contentsOf: root.appendingPathComponent("urban-young.yaml"), encoding: .utf8)
        let lines = urban.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix("listSize: ") }) + 1
        let broken = lines.map { $0.hasPrefix("listSize: ") ? "listSize: 12,037" : String($0) }.joined(separator: "\n")
        try Data(broken.utf8).write(to: profiles.appendingPathComponent("broken-practice.yaml"))
        // A decisions file is not a profile.
        try Data("- skip: dry-january-2027-01-01\n".utf8).write(
            to: profiles.appendingPathComponent("coastal-older.decisions.yaml"))

        let r = try runPlanner([
            "plan", "--profiles", profiles.path, "--today", "2026-12-02", "--out", out.path,
        ])
        #expect(r.status == 65)
        let shown = profiles.appendingPathComponent("broken-practice.yaml").path
        #expect(
            r.stderr.contains(
                "\(shown):\(line):11: error: listSize must be a whole number, but it is \"12,037\".\n"
                    + "listSize: 12,037\n          ^\nhint: Write it without commas: 12037."), "\(r.stderr)")
        #expect(r.stderr.contains("\(shown): not planned: 1 error in the profile."))
        // Plain progress lines (not a terminal), in profile order.
        #expect(r.stderr.contains("[1/3] broken-practice: FAILED (1 error in the profile)\n"))
        #expect(r.stderr.contains("[2/3] coastal-older: "))
        #expect(r.stderr.contains("[3/3] urban-young: "))

        // The others are planned, each into its own folder, with the same bytes as a single run.
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("broken-practice").path))
        for stem in ["urban-young", "coastal-older"] {
            let many = try Data(contentsOf: out.appendingPathComponent("\(stem)/plan.json"))
            let single = dir.appendingPathComponent("single-\(stem)")
            let s = try runPlanner([
                "plan", "--profile", profiles.appendingPathComponent("\(stem).yaml").path, "--today", "2026-12-02",
                "--out", single.path,
            ])
            #expect(s.status == 0, "\(s.stderr)")
            #expect(try Data(contentsOf: single.appendingPathComponent("plan.json")) == many, "\(stem)")
        }
        // The coastal plan applied its decisions file.
        let coastal = try String(contentsOf: out.appendingPathComponent("coastal-older/plan.json"), encoding: .utf8)
        #expect(!coastal.contains("\"campaign\": \"dry-january-2027-01-01\""))

        // summary.csv: RFC 4180 with CRLF, one row per profile in name order.
        let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows.count == 5 && rows.last == "")
        #expect(
            rows[0]
                == "profile,practice,odsCode,status,campaigns,items,expectedReach,smsSpend,smsBudget,lettersSpend,lettersBudget,warnings"
        )
        #expect(rows[1].hasPrefix("broken-practice,broken-practice,,failed: 1 error in the profile,"))
        #expect(rows[2].hasPrefix("coastal-older,Saltmarsh Bay Surgery,Y09215,planned,"))
        #expect(rows[3].hasPrefix("urban-young,Wharfside Health Centre,Y07341,planned,"))
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // The urban row's figures are its plan's: SMS spend and budget from plan.json's totals.
        let plan = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("urban-young/plan.json"))) as? [String: Any]
        let totals = (plan?["totals"] as? [String: Any])?["channels"] as? [String: [String: Any]]
        let smsCost = try #require(totals?["sms"]?["cost"] as? Double)
        let fields = rows[3].split(separator: ",").map(String.init)
        #expect(Double(fields[7]) == smsCost)
        #expect(fields[8] == "900.00")
        // The printed table names every practice, and the failed one as not planned.
        #expect(r.stdout.contains("Quarter plans for 2 of 3 practices: 2027-01-01 to 2027-03-31"))
        #expect(r.stdout.contains("broken-practice"))
        #expect(r.stdout.contains("not planned: 1 error in the profile"))
        #expect(r.stdout.contains("Wharfside Health Centre"))
    }

    @Test func aFolderWithoutProfilesIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-none-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlanner(["plan", "--profiles", dir.path, "--today", "2026-12-02", "--out", dir.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("There are no profiles (*.yaml) in this folder."))
        let both = try runPlanner(["plan", "--profiles", dir.path, "--profile", "x.yaml"])
        #expect(both.status == 64)
    }
}

/// `plan --profiles` when a profile breaks between runs, or overflows (issue 12).
@Suite struct PlanManyBadProfileTests {
    static func folder() throws -> (dir: URL, profiles: URL, out: URL) { try sampleProfilesFolder("plan-many-bad") }

    /// The sample profile with `line` (found by its start) replaced.
    static func edited(_ name: String, replacing prefix: String, with line: String) throws -> String {
        let text = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("Profiles/\(name)"), encoding: .utf8)
        var found = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { l -> String in
            guard l.hasPrefix(prefix) else { return String(l) }
            found = true
            return line
        }
        #expect(found, "no line starts with \(prefix)")
        return lines.joined(separator: "\n")
    }

    @Test func aPracticeWhoseProfileNowBreaksDoesNotKeepItsOldPlan() throws {
        let (dir, profiles, out) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try runPlanner(["plan", "--profiles", profiles.path, "--quarter", "2027-Q1", "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let old = out.appendingPathComponent("urban-young/plan.json")
        #expect(FileManager.default.fileExists(atPath: old.path))
        // Next quarter the urban profile has a mistake.
        try Data(try Self.edited("urban-young.yaml", replacing: "listSize: ", with: "listSize: 12,037").utf8).write(
            to: profiles.appendingPathComponent("urban-young.yaml"))
        let r = try runPlanner(["plan", "--profiles", profiles.path, "--quarter", "2027-Q2", "--out", out.path])
        #expect(r.status == 65)
        #expect(
            r.stderr.contains(
                "\(profiles.path)/urban-young.yaml: not planned: 1 error in the profile; its earlier "
                    + "\(old.path) was removed.\n"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: old.path))
        let coastal = try String(contentsOf: out.appendingPathComponent("coastal-older/plan.json"), encoding: .utf8)
        #expect(coastal.contains("\"from\": \"2027-04-01\""))
        let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(csv.contains("\r\nurban-young,urban-young,,failed: 1 error in the profile,"))
    }

    @Test func aMissingCalendarStopsTheWholeRunAndKeepsTheEarlierPlans() throws {
        let (dir, profiles, out) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try runPlanner(["plan", "--profiles", profiles.path, "--quarter", "2027-Q1", "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: out.appendingPathComponent("urban-young/plan.json"))
        let summary = try Data(contentsOf: out.appendingPathComponent("summary.csv"))
        let r = try runPlanner([
            "plan", "--profiles", profiles.path, "--calendars", "typo.ics", "--quarter", "2027-Q2", "--out", out.path,
        ])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                typo.ics: error: the calendar cannot be opened: there is no such file or folder
                hint: check the path given to --calendars
                Nothing was written: the earlier plans in \(out.path) are kept.

                """)
        #expect(try Data(contentsOf: out.appendingPathComponent("urban-young/plan.json")) == before)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.csv")) == summary)
    }

    /// Whether the built planner's profile loader survives a huge register (the range checks
    /// of issue 12 item 1, merged to main from the profile branch after this branch started):
    /// without them the loader traps, and the test below cannot pass.
    static var rangeChecked: Bool {
        guard
            let text = try? edited(
                "urban-young.yaml", replacing: "  diabetes: ", with: "  diabetes: 99999999999999999999999")
        else { return false }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("range-probe-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        guard (try? Data(text.utf8).write(to: url)) != nil,
            let r = try? runPlanner(["validate", "--profile", url.path])
        else { return false }
        return r.status == 65
    }

    @Test(.enabled(if: rangeChecked, "needs the profile range checks of issue 12 item 1"))
    func oneOverflowingProfilePlansTheOthersAndWritesSummaryCSV() throws {
        let (dir, profiles, out) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let huge = try Self.edited(
            "urban-young.yaml", replacing: "  diabetes: ", with: "  diabetes: 99999999999999999999999")
        try Data(huge.utf8).write(to: profiles.appendingPathComponent("huge.yaml"))
        let r = try runPlanner(["plan", "--profiles", profiles.path, "--quarter", "2027-Q1", "--out", out.path])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("\(profiles.path)/huge.yaml:"))
        #expect(r.stderr.contains("\(profiles.path)/huge.yaml: not planned: "))
        for stem in ["urban-young", "coastal-older"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(stem)/plan.json").path))
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("huge/plan.json").path))
        let rows = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
            .components(separatedBy: "\r\n")
        #expect(rows.count == 5)
        #expect(rows[1].hasPrefix("coastal-older,Saltmarsh Bay Surgery,Y09215,planned,"))
        #expect(rows[2].hasPrefix("huge,huge,,failed: "))
        #expect(rows[3].hasPrefix("urban-young,Wharfside Health Centre,Y07341,planned,"))
    }
}
