import Foundation
import PlannerCore
import PlannerTestSupport
import Testing

/// The MIP model and the rules checker on inputs planned by group labels (no people model): the
/// contact gap then holds between campaigns whose segments share a group. The planner's plans, under
/// several budgets, hours, weekly limits and gaps, keep every rule and satisfy every row of the model.
@Suite struct PlanModelGroupTests {
    static let settings: [(sms: Int, letters: Int, hours: Double, cap: Int, gap: Int)] = [
        (15_000, 20_000, 5, 2, 14), (3_000, 0, 3, 1, 21), (50_000, 50_000, 8, 3, 7), (8_000, 5_000, 2, 2, 28),
    ]

    @Test func plannersGroupPlansKeepTheRulesAndFitTheModel() {
        for s in Self.settings {
            let input = PlanningFixtures.input(
                smsBudget: s.sms, letterBudget: s.letters, hours: s.hours, cap: s.cap, gap: s.gap)
            let model = PlanModel(input)
            #expect(model.segments.allSatisfy { $0.cells == nil })
            let (plan, schedule) = QuarterPlanner.planAndSchedule(input)
            #expect(!plan.items.isEmpty)
            let violations = PlanRules.violations(schedule, model: model)
            #expect(violations.isEmpty, "\(s): \(violations.prefix(3))")
            let check = model.rowCheck(model.encode(schedule))
            #expect(check.broken.isEmpty, "\(s): \(check.broken.prefix(5))")
            #expect(abs(check.objective - model.objective(schedule).value) <= 1e-6 * max(1, check.objective))
            // The model has the group contact-gap rows whenever two campaigns texting the same group
            // could be close.
            if s.gap >= 14 { #expect(model.lpText().contains(" gapg_w_")) }
        }
    }

    /// Two texts to the same group closer than the gap break the rule; far enough apart they do not.
    @Test func groupGapIsChecked() throws {
        let input = PlanningFixtures.input(smsBudget: 50_000, letterBudget: 0, hours: 20, cap: 5, gap: 14)
        let model = PlanModel(input)
        let (_, schedule) = QuarterPlanner.planAndSchedule(input)
        // Two campaigns that share a group, both texted.
        let texted = schedule.items.filter { $0.channel == .sms }
        let pair = texted.indices.flatMap { i in texted.indices.filter { $0 > i }.map { (i, $0) } }.first { i, j in
            let gi = Set(model.segments.indices.filter { model.segments[$0].campaign == texted[i].campaign && schedule.direct[$0].has(.sms) }.map { model.segments[$0].group })
            let gj = Set(model.segments.indices.filter { model.segments[$0].campaign == texted[j].campaign && schedule.direct[$0].has(.sms) }.map { model.segments[$0].group })
            return !gi.isDisjoint(with: gj)
        }
        let (i, j) = try #require(pair)
        #expect(abs(texted[i].date.days(to: texted[j].date)) >= 14)
        var close = schedule
        let k = try #require(close.items.firstIndex(of: texted[j]))
        close.items[k].date = texted[i].date
        #expect(PlanRules.violations(close, model: model).contains { $0.rule == "gap" })
    }

    static func run(_ args: [String]) throws -> Int32 { try Python.run(args) }

    static var hasHiGHS: Bool { Python.hasHiGHS }

    /// The group-labelled model solved with HiGHS (10 s): its solution, decoded, keeps every rule
    /// (the group contact gap included) and scores what the solver says.
    @Test(.enabled(if: hasHiGHS, "needs python3 with highspy (make test installs it)"))
    func mipSolutionOfAGroupInputKeepsTheRules() throws {
        let input = PlanningFixtures.input(smsBudget: 8_000, letterBudget: 5_000, hours: 4, cap: 2, gap: 21)
        let model = PlanModel(input)
        let (_, schedule) = QuarterPlanner.planAndSchedule(input)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-model-group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lp = dir.appendingPathComponent("model.lp")
        try model.lpText().write(to: lp, atomically: true, encoding: .utf8)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let out = dir.appendingPathComponent("solution.json")
        let status = try Self.run([
            root.appendingPathComponent("tools/verify-plan/solve.py").path, lp.path, "--bigm", "\(model.bigM)",
            "--time-limit", "10", "--out", out.path,
        ])
        #expect(status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
        let raw = try #require(doc["values"] as? [String: Any])
        var values: [String: Double] = [:]
        for (k, v) in raw { values[k] = (v as? NSNumber)?.doubleValue }
        let decoded = model.decode(values)
        #expect(model.rowCheck(values).broken.isEmpty)
        let violations = PlanRules.violations(decoded, model: model)
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        let objective = try #require((doc["objective"] as? NSNumber)?.doubleValue)
        #expect(abs(model.objective(decoded).value - objective) <= 1e-6 * max(1, objective))
        // Without a start the solver still finds at least the planner's plan or proves better.
        if doc["status"] as? String == "Optimal" { #expect(objective >= model.objective(schedule).value * (1 - 1e-6)) }
    }
}
