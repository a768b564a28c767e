import Foundation
import PlannerCore
import PlannerTestSupport
import Testing

/// Windows other than a calendar quarter (issue 11, C): the quarterly budgets are scaled to
/// the window's days in each quarter it touches; an exact quarter keeps them.
@Suite struct WindowScalingTests {
    /// plan.json's money per direct channel (pence) and the summary, for coastal-older.
    static func plan(_ window: [String]) throws -> (budgets: [String: Int], costs: [String: Int], summary: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("window-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlanner(["plan", "--profile", "Profiles/coastal-older.yaml", "--out", dir.path] + window)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json")))
                as? [String: Any])
        let channels = try #require((json["totals"] as? [String: Any])?["channels"] as? [String: [String: Any]])
        var budgets: [String: Int] = [:], costs: [String: Int] = [:]
        for ch in ["sms", "letter"] {
            budgets[ch] = Int((((channels[ch]?["budget"] as? Double) ?? -1) * 100).rounded())
            costs[ch] = Int((((channels[ch]?["cost"] as? Double) ?? -1) * 100).rounded())
        }
        return (budgets, costs, r.stdout)
    }

    // coastal-older.yaml: SMS £675 and letters £450 a quarter.

    @Test func anExactQuarterKeepsItsBudgets() throws {
        let p = try Self.plan(["--quarter", "2027-Q1"])
        #expect(p.budgets == ["sms": 67_500, "letter": 45_000])
        #expect(p.summary.hasPrefix("Quarter plan for "))
        #expect(!p.summary.contains("Not a calendar quarter"))
    }

    /// Three weeks of a 90-day quarter: 21/90 of each budget, and the plan spends within it
    /// (before the change it spent £558.97 of £900 here).
    @Test func threeWeeksGetTwentyOneNinetiethsOfTheBudgets() throws {
        let p = try Self.plan(["--from", "2027-01-01", "--to", "2027-01-22"])
        #expect(p.budgets == ["sms": 67_500 * 21 / 90, "letter": 45_000 * 21 / 90])
        for ch in ["sms", "letter"] { #expect(p.costs[ch]! <= p.budgets[ch]!, "\(ch): \(p.costs) of \(p.budgets)") }
        #expect(p.summary.hasPrefix("Plan for Saltmarsh Bay Surgery (Y09215), 1 Jan to 21 Jan 2027\n"))
        #expect(p.summary.contains("scaled to 21 of the 90 days of 1 Jan to 31 Mar 2027"))
    }

    /// Two years: eight quarters' budgets, not one.
    @Test func twoYearsGetEightQuartersBudgets() throws {
        let p = try Self.plan(["--from", "2027-01-01", "--to", "2029-01-01"])
        #expect(p.budgets == ["sms": 8 * 67_500, "letter": 8 * 45_000])
        for ch in ["sms", "letter"] { #expect(p.costs[ch]! <= p.budgets[ch]!) }
        #expect(p.costs["sms"]! + p.costs["letter"]! > 67_500 + 45_000, "\(p.costs)")
        #expect(p.summary.contains("8 quarters' worth over the 8 quarters the window touches"))
    }
}

/// `--today` (issue 11, item 3): planning Q1 on 10 January due nothing before that day.
@Suite struct TodayOptionTests {
    @Test func todayHoldsTheFirstQuarterPrepBack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("today-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlanner([
            "plan", "--profile", "Profiles/urban-young.yaml", "--out", dir.path, "--quarter", "2027-Q1",
            "--today", "2027-01-10",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json")))
                as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(!items.isEmpty)
        let dues = items.flatMap { ($0["prepTasks"] as? [[String: Any]] ?? []).compactMap { $0["due"] as? String } }
        #expect(!dues.isEmpty)
        #expect(dues.allSatisfy { $0 >= "2027-01-10" }, "\(dues.filter { $0 < "2027-01-10" })")
        let codes = (json["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("prep-window-missed"))
    }
}

/// The previous plan (issue 11, item 4): each run writes plan-FROM-TO.json beside plan.json;
/// the next window's run reads the one that ends the day before it starts, or --previous.
@Suite struct PreviousPlanFileTests {
    static func run(_ dir: URL, _ args: [String]) throws -> (status: Int32, stderr: String) {
        let r = try runPlanner(["plan", "--profile", "Profiles/urban-young.yaml", "--out", dir.path] + args)
        return (r.status, r.stderr)
    }

    static func weeks(_ url: URL, _ key: String) throws -> [String: Double] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return (json["totals"] as? [String: Any])?[key] as? [String: Double] ?? [:]
    }

    @Test func twoQuartersIntoOneFolderKeepTheWeeklyHoursTogether() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("previous-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(dir, ["--quarter", "2027-Q4"]).status == 0)
        let q4 = dir.appendingPathComponent("plan-2027-10-01-2027-12-31.json")
        #expect(try Data(contentsOf: q4) == Data(contentsOf: dir.appendingPathComponent("plan.json")))
        #expect(try Self.run(dir, ["--quarter", "2028-Q1"]).status == 0)
        let q1 = dir.appendingPathComponent("plan-2028-01-01-2028-03-31.json")
        #expect(FileManager.default.fileExists(atPath: q1.path))
        // Staff hours (6 a week in urban-young) and clinician hours (1) of both plans, week by week.
        for (key, limit) in [("effortHoursByWeek", 6.0), ("clinicianHoursByWeek", 1.0)] {
            var sum = try Self.weeks(q4, key)
            for (w, h) in try Self.weeks(q1, key) { sum[w, default: 0] += h }
            #expect(sum.values.allSatisfy { $0 <= limit + 1e-9 }, "\(key): \(sum.sorted { $0.key < $1.key })")
            #expect(sum["2027-W52"] != nil || sum["2027-W51"] != nil, "\(key)")
        }
    }

    @Test func aMissingOrBrokenPreviousPlanIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("previous-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try Self.run(dir, ["--quarter", "2028-Q1", "--previous", dir.appendingPathComponent("nope.json").path])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("nope.json: error: cannot read the previous plan"), "\(missing.stderr)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("{\"practice\": 1}\n".utf8).write(to: dir.appendingPathComponent("plan-2027-10-01-2027-12-31.json"))
        let broken = try Self.run(dir, ["--quarter", "2028-Q1"])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("plan-2027-10-01-2027-12-31.json:1:"), "\(broken.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("plan.json").path))
    }
}

/// A year's window (issue 11, item 5): each calendar quarter spends within its own budget.
@Suite struct QuarterBudgetTests {
    @Test(arguments: ["coastal-older", "urban-young"])
    func aYearSpendsEachQuarterWithinItsBudget(_ profile: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("year-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlanner([
            "plan", "--profile", "Profiles/\(profile).yaml", "--out", dir.path, "--from", "2027-01-01", "--to", "2028-01-01",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let unwrapped = r.stdout.replacingOccurrences(of: "\n  ", with: " ")
        #expect(unwrapped.contains("(each quarter's share a hard limit of its own)"), "\(r.stdout)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json")))
                as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        // The profiles' quarterly budgets in pence: coastal-older SMS £675, letters £450; urban-young £900 and £150.
        let budgets: [String: Int] = profile == "coastal-older" ? ["sms": 67_500, "letter": 45_000] : ["sms": 90_000, "letter": 15_000]
        var spent: [String: Int] = [:]
        for it in items {
            guard let ch = it["channel"] as? String, budgets[ch] != nil, let date = it["date"] as? String,
                let cost = it["cost"] as? Double
            else { continue }
            let quarter = (Int(date.dropFirst(5).prefix(2))! - 1) / 3 + 1
            spent["\(ch) Q\(quarter)", default: 0] += Int((cost * 100).rounded())
        }
        #expect(!spent.isEmpty)
        for (key, pence) in spent {
            let ch = String(key.prefix { $0 != " " })
            #expect(pence <= budgets[ch]!, "\(key): \(pence) of \(budgets[ch]!)")
        }
    }
}
