import Foundation
import PlannerCore
import PlannerTestSupport
import Testing

/// `planner plan` end to end (issue 5 acceptance): for both sample profiles and two quarters,
/// plan.json is read back and every hard rule is checked from the file alone.
@Suite struct PlanCommandTests {
    struct Case: CustomStringConvertible, Sendable {
        var profile: String
        var quarter: String
        var description: String { "\(profile) \(quarter)" }
    }

    static let cases = [
        Case(profile: "urban-young", quarter: "2027-Q1"), Case(profile: "urban-young", quarter: "2027-Q2"),
        Case(profile: "coastal-older", quarter: "2027-Q1"), Case(profile: "coastal-older", quarter: "2027-Q4"),
    ]

    static func plan(_ c: Case, out: URL) throws -> (result: CommandResult, json: [String: Any], bytes: Data) {
        let r = try runPlanner([
            "plan", "--profile", "Profiles/\(c.profile).yaml", "--quarter", c.quarter, "--out", out.path,
        ])
        let bytes = try Data(contentsOf: out.appendingPathComponent("plan.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        return (r, json, bytes)
    }

    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("plan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// The sex and ages of one audience line in plan.json (nil sex: both; nil upper: no limit).
    typealias Ages = (sex: String?, from: Int, to: Int?)

    /// The lines of an item's `audience`; one line of any age and sex when it has none.
    static func ages(_ value: Any?) -> [Ages] {
        guard let lines = value as? [[String: Any]], !lines.isEmpty else { return [(nil, 0, nil)] }
        return lines.map { ($0["sex"] as? String, $0["ageFrom"] as? Int ?? 0, $0["ageTo"] as? Int) }
    }

    static func couldShare(_ a: [Ages], _ b: [Ages]) -> Bool {
        a.contains { x in
            b.contains { y in
                (x.sex == nil || y.sex == nil || x.sex == y.sex) && max(x.from, y.from) <= min(x.to ?? 999, y.to ?? 999)
            }
        }
    }

    static func date(_ any: Any?) throws -> CivilDate {
        let text = try #require(any as? String)
        return try #require(CivilDate(iso: text))
    }
    static func pence(_ any: Any?) -> Int { Int((((any as? Double) ?? 0) * 100).rounded()) }
    /// The bundled taxonomy's group names by id, lower-cased first as warnings write them
    /// ("women aged 25-64"), read from the YAML's `- id:` and `name:` lines.
    static let groupNames: [String: String] = {
        let url = TestPaths.packageRoot.appendingPathComponent("Sources/PlannerIO/Resources/taxonomy.yaml")
        let lines = ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        var names: [String: String] = [:]
        for (i, line) in lines.enumerated() where line.hasPrefix("  - id: ") && i + 1 < lines.count {
            let id = String(line.dropFirst(8)).trimmingCharacters(in: .whitespaces)
            guard lines[i + 1].hasPrefix("    name: ") else { continue }
            let name = String(lines[i + 1].dropFirst(10)).trimmingCharacters(in: .whitespaces)
            let chars = Array(name)
            names[id] = chars.count > 1 && chars[0].isUppercase && chars[1].isLowercase
                ? chars[0].lowercased() + String(chars.dropFirst()) : name
        }
        return names
    }()

    static func centi(_ any: Any?) -> Int { Int((((any as? Double) ?? 0) * 100).rounded()) }

    @Test(arguments: cases) func everyHardRuleHoldsInPlanJSON(_ c: Case) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (r, plan, _) = try Self.plan(c, out: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let window = try #require(DateWindow(quarter: c.quarter))
        #expect(try Self.date(plan["from"]) == window.from)
        #expect(try Self.date(plan["to"]) == window.to)
        let last = window.to.adding(days: -1)
        let month = { (d: CivilDate) in String(Format.monthName(d.month).prefix(3)) }
        #expect(
            r.stdout.hasPrefix("Quarter plan for ")
                && r.stdout.contains(", \(window.from.day) \(month(window.from)) to \(last.day) \(month(last)) \(last.year)\n"))

        let constraints = try #require(plan["constraints"] as? [String: Any])
        let hoursLimit = Self.centi(constraints["hoursPerWeek"])
        let cap = try #require(constraints["campaignsPerWeek"] as? Int)
        let gap = try #require(constraints["minDaysBetweenContacts"] as? Int)
        let hours = try #require(constraints["workingHours"] as? [String: String])
        var closed = Set<CivilDate>()
        for key in ["quietDates", "bankHolidays"] {
            for d in try #require(constraints[key] as? [[String: Any]]) { closed.insert(try Self.date(d["date"])) }
        }
        let threshold = try #require(constraints["olderShareForDirectContact"] as? Double)
        let shares = try #require(constraints["groupOver75Share"] as? [String: Double])
        let items = try #require(plan["items"] as? [[String: Any]])
        #expect(!items.isEmpty)
        let warnings = try #require(plan["warnings"] as? [[String: Any]]).map {
            ["code": $0["code"] as? String ?? "", "message": $0["message"] as? String ?? ""]
        }

        var costByChannel: [String: Int] = [:], countByChannel: [String: Int] = [:]
        var hoursByWeek: [String: Int] = [:], campaignsByWeek: [String: Set<String>] = [:]
        var channelsByCampaign: [String: Set<String>] = [:]
        var contacts: [String: [(date: CivilDate, campaign: String, ages: [Ages])]] = [:]
        for item in items {
            let channel = try #require(item["channel"] as? String)
            let campaign = try #require(item["campaign"] as? String)
            let day = try Self.date(item["date"])
            #expect(day >= window.from && day < window.to, "\(item["id"]!) outside the window")
            costByChannel[channel, default: 0] += Self.pence(item["cost"])
            countByChannel[channel, default: 0] += 1
            // Staff hours fall in the week each prep task is due (issue 11); sign-off is a clinician's.
            for task in item["prepTasks"] as? [[String: Any]] ?? [] {
                guard let name = task["task"] as? String, !name.hasPrefix("Clinical sign-off"),
                    let due = (task["due"] as? String).flatMap(CivilDate.init(iso:))
                else { continue }
                let centi = Self.centi(task["hours"])
                if centi > 0 { hoursByWeek[due.isoWeekLabel, default: 0] += centi }
            }
            campaignsByWeek[day.isoWeekLabel, default: []].insert(campaign)
            channelsByCampaign[campaign, default: []].insert(channel)
            #expect((item["id"] as? String)?.hasPrefix(campaign + "-" + channel + "-") == true)
            if channel == "sms" || channel == "letter" {
                #expect(!day.isWeekend, "\(item["id"]!) on a weekend")
                #expect(!closed.contains(day), "\(item["id"]!) on a bank holiday or quiet date")
                let ages = Self.ages(item["audience"])
                for g in item["groups"] as? [String] ?? [] { contacts[g, default: []].append((day, campaign, ages)) }
            }
            if channel == "sms" {
                let t = try #require(item["time"] as? String)
                #expect(t >= hours["start"]! && t < hours["end"]!, "SMS at \(t)")
            }
        }
        // Budgets and totals.
        let totals = try #require(plan["totals"] as? [String: Any])
        let channels = try #require(totals["channels"] as? [String: [String: Any]])
        for (name, t) in channels {
            #expect(Self.pence(t["cost"]) == costByChannel[name, default: 0], "\(name) total")
            #expect(t["items"] as? Int == countByChannel[name, default: 0])
            if let budget = t["budget"] as? Double { #expect(Self.pence(t["cost"]) <= Int((budget * 100).rounded())) }
        }
        let weekly = try #require(totals["effortHoursByWeek"] as? [String: Double])
        #expect(weekly.mapValues { Int(($0 * 100).rounded()) } == hoursByWeek)
        for (week, h) in hoursByWeek { #expect(h <= hoursLimit, "\(week): \(h) centi-hours") }
        for (week, set) in campaignsByWeek { #expect(set.count <= cap, "\(week): \(set.sorted())") }
        for (campaign, set) in channelsByCampaign { #expect(set.count >= 2, "\(campaign) on \(set.sorted())") }
        // Minimum gap between direct contacts of different campaigns to the same group, when
        // their audiences could hold the same person (sex and ages meet; planning for people
        // sends "all patients aged 40-74" and "all patients aged 1-24" in the same week).
        for (group, list) in contacts {
            let sorted = list.sorted { $0.date < $1.date }
            for (i, a) in sorted.enumerated() {
                for b in sorted[(i + 1)...] where a.campaign != b.campaign && Self.couldShare(a.ages, b.ages) {
                    #expect(a.date.days(to: b.date) >= gap, "\(group): \(a.campaign) \(a.date) then \(b.campaign) \(b.date)")
                }
            }
        }
        // The 75+ rule: a targeted group over the threshold gets a text or letter, or a warning says why not.
        for (campaign, _) in channelsByCampaign {
            let campaignItems = items.filter { $0["campaign"] as? String == campaign }
            let title = campaignItems[0]["title"] as! String
            let groups = Set(campaignItems.flatMap { $0["groups"] as? [String] ?? [] })
            for g in groups where (shares[g] ?? 0) > threshold {
                let direct = campaignItems.contains {
                    ["sms", "letter"].contains($0["channel"] as? String) && ($0["groups"] as? [String] ?? []).contains(g)
                }
                let warned = warnings.contains {
                    $0["code"] == "older-group-no-direct-contact" && $0["message"]!.contains("\"\(title)\"")
                        && $0["message"]!.contains("75+ members of \(Self.groupNames[g] ?? g) ")
                }
                #expect(direct || warned, "\(campaign): 75+ rule for \(g)")
            }
        }
    }

    @Test func sameBytesAcrossProcesses() throws {
        let a = try Self.tempDir(), b = try Self.tempDir()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        let one = try Self.plan(Self.cases[2], out: a), two = try Self.plan(Self.cases[2], out: b)
        #expect(one.bytes == two.bytes)
        #expect(one.result.stdout.replacingOccurrences(of: a.path, with: "") == two.result.stdout.replacingOccurrences(of: b.path, with: ""))
    }

    @Test func defaultQuarterFollowsSourceDateEpoch() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 2026-12-02T12:00:00Z: the next quarter is 2027-Q1.
        let r = try runPlanner(["plan", "--out", dir.path], environment: ["SOURCE_DATE_EPOCH": "1796212800"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Quarter plan for Wharfside Health Centre (Y07341), 1 Jan to 31 Mar 2027\n"))
    }

    @Test func badProfileExits65AndWritesNothing() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "name: X\nlist: 12\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try runPlanner(["plan", "--profile", bad.path, "--quarter", "2027-Q1", "--out", dir.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.yaml:2:"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("plan.json").path))
    }
}
