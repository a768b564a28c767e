import Foundation
import PlannerTestSupport
import Testing

/// `planner decide` refuses what cannot apply (issue 12 item 3), naming the nearest valid id
/// or date, unless --force. Ids come from the sample plan made in each test, since others
/// change which items exist.
@Suite struct DecideValidationTests {
    struct Scratch {
        var dir: URL
        var profile: String { dir.appendingPathComponent("urban-young.yaml").path }
        var out: String { dir.appendingPathComponent("out").path }
        var decisions: URL { dir.appendingPathComponent("urban-young.decisions.yaml") }
    }

    struct Item {
        var id, campaign, channel, date: String
        var recipients: Int?
        var why: [String]
    }

    static func scratch() throws -> Scratch {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("decide-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestPaths.packageRoot.appendingPathComponent("Profiles/urban-young.yaml"),
            to: dir.appendingPathComponent("urban-young.yaml"))
        return Scratch(dir: dir)
    }

    /// Plans 2027-Q1 into the scratch output folder and returns its items.
    static func plan(_ s: Scratch) throws -> [Item] {
        let r = try runPlanner(["plan", "--profile", s.profile, "--quarter", "2027-Q1", "--out", s.out])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: s.out).appendingPathComponent("plan.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (object["items"] as? [[String: Any]] ?? []).map {
            Item(
                id: $0["id"] as! String, campaign: $0["campaign"] as! String, channel: $0["channel"] as! String,
                date: $0["date"] as! String, recipients: $0["recipients"] as? Int, why: $0["why"] as? [String] ?? [])
        }
    }

    static func decide(_ s: Scratch, _ args: [String]) throws -> CommandResult {
        try runPlanner(["decide"] + args + ["--profile", s.profile, "--out", s.out])
    }

    @Test func skippingADayNoCalendarHasIsRefusedWithTheNearestID() throws {
        let s = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let r = try Self.decide(s, ["skip", "no-such-day-2027-01-01"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "error: \"no-such-day-2027-01-01\" is not an awareness day of 2027-Q1 in the calendars.")
        #expect(lines[1].hasPrefix("hint: did you mean \""))
        #expect(
            lines[1].hasSuffix(
                "? `planner days --from 2027-01-01 --to 2027-03-31` lists the days of 2027-Q1; or give --force to record it anyway"))
        #expect(lines[2] == "\(s.decisions.path): not changed.")
        #expect(!FileManager.default.fileExists(atPath: s.decisions.path))
        // --force records it.
        let forced = try Self.decide(s, ["skip", "no-such-day-2027-01-01", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout == "\(s.decisions.path): created the file with: skip no-such-day-2027-01-01\n")
    }

    @Test func movingATextOutsideThePlanOntoASaturdayOrGoodFridayIsRefused() throws {
        let s = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let sms = try #require(try Self.plan(s).first { $0.channel == "sms" })
        let tail = "texts and letters go out only on weekdays that are not bank holidays or quiet dates, inside the "
            + "plan's window; or give --force to record it anyway"
        let cases: [(String, String, String)] = [
            ("2030-01-01", "2030-01-01 is outside the plan's window, 2027-01-01 to 2027-03-31", "2027-03-31 (Wednesday)"),
            ("2027-01-16", "2027-01-16 is a Saturday", "2027-01-15 (Friday)"),
            ("2027-03-26", "2027-03-26 is a bank holiday (Good Friday)", "2027-03-25 (Thursday)"),
            ("2027-01-20", "2027-01-20 is one of the profile's quiet dates", "2027-01-19 (Tuesday)"),
        ]
        for (date, why, nearest) in cases {
            let r = try Self.decide(s, ["move", sms.id, date])
            #expect(r.status == 65, "\(date)")
            #expect(r.stdout == "")
            #expect(
                r.stderr == """
                    error: cannot move "\(sms.id)" to \(date): \(why).
                    hint: the nearest date that can be used is \(nearest); \(tail)
                    \(s.decisions.path): not changed.

                    """)
        }
        #expect(!FileManager.default.fileExists(atPath: s.decisions.path))
    }

    @Test func aMoveThatKeepsTheRulesIsRecordedAndTheItemSaysThePracticeMovedIt() throws {
        let s = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let sms = try #require(try Self.plan(s).first { $0.channel == "sms" && $0.date != "2027-03-02" })
        let r = try Self.decide(s, ["move", sms.id, "2027-03-02", "--author", "A. Manager"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        let moved = try #require(try Self.plan(s).first { $0.id == sms.id })
        #expect(moved.date == "2027-03-02")
        #expect(moved.why.contains { $0.contains("Date set by the practice's move decision.") })
    }

    @Test func anItemIDNotInThePlanIsRefusedWithTheNearestOne() throws {
        let s = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let sms = try #require(try Self.plan(s).first { $0.channel == "sms" })
        let wrong = String(sms.id.dropLast()) + "9"
        let r = try Self.decide(s, ["text", wrong, "Hello"])
        #expect(r.status == 65)
        #expect(
            r.stderr == """
                error: "\(wrong)" is not an item of the plan for 2027-01-01 to 2027-03-31.
                hint: did you mean "\(sms.id)"? Copy an id from plan.json; or give --force to record it anyway
                \(s.decisions.path): not changed.

                """)
    }

    @Test func aSwapOverTheBudgetLeftIsRefusedAndWithForceTheItemSaysItWasSwappedAndItsCost() throws {
        let s = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let items = try Self.plan(s)
        // The biggest text: as letters it cannot fit the letter budget.
        let sms = try #require(items.filter { $0.channel == "sms" }.max { ($0.recipients ?? 0) < ($1.recipients ?? 0) })
        let r = try Self.decide(s, ["swap", sms.id, "letter"])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("error: cannot swap \"\(sms.id)\" to letters: it would cost £"))
        #expect(lines[0].hasSuffix(" letters budget is left."))
        #expect(lines[1] == "hint: website or social media cost nothing; or give --force to record it anyway")
        let forced = try Self.decide(s, ["swap", sms.id, "letter", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let swapped = try #require(try Self.plan(s).first { $0.id == sms.id })
        #expect(swapped.channel == "letter")
        let line = try #require(swapped.why.first { $0.hasPrefix("Channel swapped from SMS to letters") })
        #expect(line.contains("It now costs £"))
        #expect(line.contains(" letters (it cost £"))
    }

    @Test func aNamedPlanThatIsMissingIsAnError() throws {
        let s = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let missing = s.dir.appendingPathComponent("nope.json").path
        let r = try runPlanner([
            "decide", "text", "brew-monday-2027-01-18-sms-1", "Hello", "--profile", s.profile, "--plan", missing,
        ])
        #expect(r.status == 65)
        #expect(
            r.stderr == """
                \(missing): error: There is no plan at this path.
                hint: Check the path given to --plan, or run planner plan first.

                """)
    }
}
