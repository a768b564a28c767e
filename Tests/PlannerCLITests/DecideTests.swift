import Foundation
import PlannerTestSupport
import Testing

/// `planner decide` then `planner plan` end to end (issue 6): every kind of decision survives a
/// re-plan, and the decisions file keeps its comments.
@Suite(.serialized) struct DecideTests {
    /// A scratch folder with a copy of the sample profile (its decisions file goes beside it).
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("decide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestPaths.packageRoot.appendingPathComponent("Profiles/urban-young.yaml"),
            to: dir.appendingPathComponent("urban-young.yaml"))
        return dir
    }

    struct Item {
        var id, campaign, channel, date: String
        var text: String?
        var recipients: Int?
    }

    static func plan(_ dir: URL) throws -> (items: [Item], warnings: [(String, String)], json: String) {
        let profile = dir.appendingPathComponent("urban-young.yaml").path
        let r = try runPlanner([
            "plan", "--profile", profile, "--today", "2026-12-02", "--out", dir.appendingPathComponent("out").path,
            "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        let items = (object["items"] as? [[String: Any]] ?? []).map {
            Item(
                id: $0["id"] as! String, campaign: $0["campaign"] as! String, channel: $0["channel"] as! String,
                date: $0["date"] as! String, text: $0["text"] as? String, recipients: $0["recipients"] as? Int)
        }
        let warnings = (object["warnings"] as? [[String: Any]] ?? []).map {
            ($0["code"] as? String ?? "", $0["message"] as? String ?? "")
        }
        return (items, warnings, r.stdout)
    }

    func decide(_ dir: URL, _ args: [String]) throws -> CommandResult {
        try runPlanner(
            ["decide"] + args + [
                "--profile", dir.appendingPathComponent("urban-young.yaml").path, "--out",
                dir.appendingPathComponent("out").path,
            ])
    }

    @Test func everyKindOfDecisionSurvivesARePlan() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = try Self.plan(dir)
        let campaigns = Set(base.items.map(\.campaign))
        // skip: a planned campaign; pin: one the planner left out.
        let skipped = try #require(base.items.first { $0.channel == "sms" }?.campaign)
        let unplanned = base.warnings.filter { $0.0 == "day-not-fitted" }.compactMap { w -> String? in
            guard let open = w.1.firstIndex(of: "("), let close = w.1.firstIndex(of: ")") else { return nil }
            return String(w.1[w.1.index(after: open)..<close])
        }
        let pinned = try #require(unplanned.first)
        #expect(!campaigns.contains(pinned))
        // move: an SMS of another campaign to the next Tuesday-to-Thursday in the same month.
        let sms = try #require(base.items.first { $0.channel == "sms" && $0.campaign != skipped })
        let moveTo = sms.date == "2027-03-02" ? "2027-03-03" : "2027-03-02"
        // swap: a social post to a letter; text: a website item.
        let social = try #require(base.items.first { $0.channel == "social" && $0.campaign != skipped })
        let web = try #require(base.items.first { $0.channel == "website" && $0.campaign != skipped })
        let words = "Free blood pressure checks at reception this week, no appointment needed."

        for args in [
            ["skip", skipped, "--note", "covered by the PCN"], ["pin", pinned, "--author", "A. Manager"],
            // The swap may not fit the letter budget left: recorded with --force, kept as decided.
            ["move", sms.id, moveTo], ["swap", social.id, "letter", "--force"], ["text", web.id, words],
        ] {
            let r = try decide(dir, args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let file = try String(contentsOf: dir.appendingPathComponent("urban-young.decisions.yaml"), encoding: .utf8)
        #expect(file.hasPrefix("# Plan decisions, applied by `planner plan`"))

        for round in 1...2 {
            let plan = try Self.plan(dir)
            #expect(!plan.items.contains { $0.campaign == skipped }, "round \(round)")
            #expect(plan.items.contains { $0.campaign == pinned }, "round \(round)")
            #expect(plan.items.first { $0.id == sms.id }?.date == moveTo, "round \(round)")
            let swapped = plan.items.first { $0.id == social.id }
            #expect(swapped?.channel == "letter", "round \(round)")
            #expect((swapped?.recipients ?? 0) > 0, "round \(round)")
            #expect(plan.items.first { $0.id == web.id }?.text == words, "round \(round)")
            #expect(!plan.warnings.contains { $0.0 == "stale-decision" }, "round \(round)")
        }
        // Re-planning is stable: the same decisions give the same bytes.
        #expect(try Self.plan(dir).json == Self.plan(dir).json)
    }

    @Test func decideKeepsCommentsAndReplacesInPlace() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("urban-young.decisions.yaml")
        let original = """
            # Wharfside decisions (fictional).   
            #   agreed at the practice meeting, 3 Dec

            - skip: dry-january-2027-01-01   # not this year
              note: 'covered by the "PCN"'
            # keep this comment
            - move: brew-monday-2027-01-18-sms-1
              to: 2027-01-19
              author: A. Manager
               \u{20}
            # trailing comment

            """
        try Data(original.utf8).write(to: url)
        // Replace the move (lines 7-9) and add a swap.
        var r = try decide(dir, ["move", "brew-monday-2027-01-18-sms-1", "2027-01-21", "--note", "clinic"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("replaced the decision on lines 7-9"), "\(r.stdout)")
        r = try decide(dir, ["swap", "heart-month-2027-02-01-social-1", "letter"])
        #expect(r.status == 0, "\(r.stderr)")
        let edited = try String(contentsOf: url, encoding: .utf8)
        let before = original.split(separator: "\n", omittingEmptySubsequences: false)
        let after = edited.split(separator: "\n", omittingEmptySubsequences: false)
        // Byte check of every untouched line.
        #expect(after.prefix(6) == before.prefix(6))
        #expect(after[6...8] == ["- move: brew-monday-2027-01-18-sms-1", "  to: 2027-01-21", "  note: \"clinic\""])
        #expect(after[9...10] == before[9...10])
        #expect(after[11...12] == ["- swap: heart-month-2027-02-01-social-1", "  to: letter"])
        #expect(after.count == 14 && after.last == "")

        // A decision that would make the file invalid is refused and the file is left alone.
        r = try decide(dir, ["pin", "dry-january-2027-01-01-sms-1"])
        #expect(r.status == 64)
        r = try decide(dir, ["move", "brew-monday-2027-01-18-sms-1", "2027-02-30"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("\"2027-02-30\" is not a date"))
        #expect(try String(contentsOf: url, encoding: .utf8) == edited)
        // No temporary file is left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.contains { $0.contains(".tmp-") })
    }

    @Test func aBrokenDecisionsFileStopsThePlanWithItsLine() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("urban-young.decisions.yaml")
        try Data("# one decision\n- swap: brew-monday-2027-01-18-sms-1\n  to: fax\n".utf8).write(to: url)
        let r = try runPlanner([
            "plan", "--profile", dir.appendingPathComponent("urban-young.yaml").path, "--today", "2026-12-02",
            "--out", dir.appendingPathComponent("out").path,
        ])
        #expect(r.status == 65)
        #expect(r.stderr.contains("urban-young.decisions.yaml:3:7: error: \"fax\" is not a channel.\n  to: fax\n      ^\nhint: Use one of: sms, letter, website, social."))
        // And `planner decide` refuses to edit it until it is fixed.
        let d = try decide(dir, ["pin", "dry-january-2027-01-01"])
        #expect(d.status == 65)
        #expect(d.stderr.contains("not changed"))
    }
}
