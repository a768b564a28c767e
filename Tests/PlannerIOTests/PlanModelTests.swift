import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// The quarter's planning problem as a MIP (issue 11, item 1): the planner's own plans keep every
/// plan rule and are feasible points of the model; the rules checker catches broken plans; and,
/// end to end with HiGHS, the MIP's solution decoded into a plan keeps every rule, its objective
/// is the planner's objective, and its bound is never below the planner's plan.
@Suite struct PlanModelTests {
    static func input(profile path: String, quarter: String) throws -> PlanningInput {
        let outcome = PlanningRun(profilePath: path, window: DateWindow(quarter: quarter)!).run()
        let result = try #require(outcome.result)
        return try #require(result.input)
    }

    static func sample(_ name: String) -> String {
        TestPaths.packageRoot.appendingPathComponent("Profiles/\(name).yaml").path
    }

    static let quarters = ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]

    /// Every sample quarter: the planner's plan breaks no rule, satisfies every row of the model,
    /// and the model's objective at it is the planner's objective.
    @Test(arguments: ["coastal-older", "urban-young"])
    func plannersPlansKeepTheRulesAndFitTheModel(profile: String) throws {
        for quarter in Self.quarters {
            let input = try Self.input(profile: Self.sample(profile), quarter: quarter)
            let model = PlanModel(input)
            let (plan, schedule) = QuarterPlanner.planAndSchedule(input)
            #expect(plan == QuarterPlanner.plan(input), "planAndSchedule plans as plan does")
            #expect(PlanRules.violations(schedule, model: model).isEmpty, "\(profile) \(quarter)")
            // The replay through the scheduler accepts the planner's own plan.
            #expect(model.schedulerRefusals(schedule).isEmpty, "\(profile) \(quarter): \(model.schedulerRefusals(schedule).prefix(3))")
            let check = model.rowCheck(model.encode(schedule))
            #expect(check.broken.isEmpty, "\(profile) \(quarter): \(check.broken.prefix(5))")
            let objective = model.objective(schedule)
            #expect(abs(check.objective - objective.value) <= 1e-6 * objective.value)
            #expect(model.decode(model.encode(schedule)).items.count == schedule.items.filter { item in
                model.items.contains { $0.campaign == item.campaign && $0.channel == item.channel && $0.number == item.number && $0.required }
            }.count)
            // The placed items are those plan.json lists.
            #expect(schedule.items.count == plan.items.count)
        }
    }

    /// The rules that depend on more than the quarter: the previous plan's load (hours by prep
    /// week, sign-offs, weekly places, texts and letters to the same people), today (no prep
    /// task before it) and a window over two quarters (each quarter's own budgets and cap).
    /// Coastal-older 2027-Q2 after its Q1 plan, planned on 7 April; urban-young from 15 February
    /// to 15 May. Both ways: the planner's plan keeps every rule and fits every row; the MIP's
    /// solution (with HiGHS) keeps every rule and the scheduler refuses none of it.
    static func contextInputs() throws -> [(String, PlanningInput)] {
        let q1 = try input(profile: sample("coastal-older"), quarter: "2027-Q1")
        var after = try input(profile: sample("coastal-older"), quarter: "2027-Q2")
        after.previousItems = QuarterPlanner.plan(q1).items
        after.today = CivilDate(year: 2027, month: 4, day: 7)
        let window = DateWindow(from: CivilDate(year: 2027, month: 2, day: 15), to: CivilDate(year: 2027, month: 5, day: 15))
        let outcome = PlanningRun(profilePath: sample("urban-young"), window: window).run()
        let result = try #require(outcome.result)
        let across = try #require(result.input)
        return [("coastal-older 2027-Q2 after Q1, today 7 April", after), ("urban-young 15 Feb to 15 May", across)]
    }

    @Test func previousPlanTodayAndQuarterLimitsKeepTheRulesAndFitTheModel() throws {
        for (name, input) in try Self.contextInputs() {
            let model = PlanModel(input)
            let (_, schedule) = QuarterPlanner.planAndSchedule(input)
            #expect(PlanRules.violations(schedule, model: model).isEmpty, "\(name)")
            #expect(model.schedulerRefusals(schedule).isEmpty, "\(name): \(model.schedulerRefusals(schedule).prefix(3))")
            let check = model.rowCheck(model.encode(schedule))
            #expect(check.broken.isEmpty, "\(name): \(check.broken.prefix(5))")
            let text = model.lpText()
            #expect(text.contains(" clinician_w") && text.contains(" signoff_c"), "\(name)")
            if let today = input.today {
                // The previous plan's load is in the model; today takes away the early dates only
                // (those whose preparation would start before it), and some.
                #expect(!model.previous.staffCentiByWeek.isEmpty && !model.previous.personContacts.isEmpty)
                var noToday = input
                noToday.today = nil
                let all = PlanModel(noToday).items.flatMap { it in it.dates.map { "\(it.campaign) \(it.channel) \(it.number) \($0.iso)" } }
                let kept = Set(model.items.flatMap { it in it.dates.map { "\(it.campaign) \(it.channel) \(it.number) \($0.iso)" } })
                let dropped = all.filter { !kept.contains($0) }
                #expect(!dropped.isEmpty)
                #expect(dropped.allSatisfy { $0.suffix(10) < today.adding(days: 21).iso }, "\(dropped.prefix(5))")
                // Without the previous plan the model allows more: its rows really hold the load.
                var fresh = input
                fresh.previousItems = []
                #expect(PlanModel(fresh).lpText() != text)
            } else {
                #expect(input.constraints.quarterLimits.count == 2)
                #expect(text.contains(" qbudget_q0_sms:") && text.contains(" qbudget_q1_sms:"), "\(name)")
            }
        }
        // The checker sees the previous plan: a text of this plan moved onto a day the previous
        // plan texts the same people.
        let (_, after) = try Self.contextInputs()[0]
        let model = PlanModel(after)
        let (_, schedule) = QuarterPlanner.planAndSchedule(after)
        let lastText = try #require(model.previous.personContacts.filter { $0.kind == .text }.max { $0.date < $1.date })
        func texted(_ c: Int) -> Set<Int> {
            Set(model.segments.indices.filter { model.segments[$0].campaign == c && schedule.direct[$0].has(.sms) }
                .flatMap { model.segments[$0].cells ?? [] })
        }
        let i = try #require(schedule.items.firstIndex { $0.channel == .sms && !texted($0.campaign).isDisjoint(with: lastText.cells) })
        var moved = schedule
        moved.items[i].date = lastText.date.adding(days: 1)
        #expect(PlanRules.violations(moved, model: model).contains { $0.rule == "gap" && $0.detail.contains("previous plan") })
    }

    @Test(.enabled(if: hasHiGHS, "needs python3 with highspy (make test installs it)"))
    func mipSolutionKeepsThePreviousPlanTodayAndQuarterLimits() throws {
        for (name, input) in try Self.contextInputs() {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-model-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let model = PlanModel(input)
            let (_, schedule) = QuarterPlanner.planAndSchedule(input)
            let (values, objective, _, _) = try Self.solveAndCheck(model, start: schedule, in: dir)
            #expect(objective >= model.objective(schedule).value * (1 - 1e-9), "\(name)")
            #expect(abs(model.objective(model.decode(values)).value - objective) <= 1e-6 * max(1, objective), "\(name)")
        }
    }

    /// The checker sees each kind of broken plan (it is not the scheduler's code path).
    @Test func rulesCatchBrokenPlans() throws {
        let input = try Self.input(profile: Self.sample("coastal-older"), quarter: "2027-Q4")
        let model = PlanModel(input)
        let (_, schedule) = QuarterPlanner.planAndSchedule(input)
        func rules(_ s: PlanSchedule) -> Set<String> { Set(PlanRules.violations(s, model: model).map(\.rule)) }
        #expect(rules(schedule).isEmpty)
        // An item on a Saturday.
        var weekend = schedule
        let i = try #require(weekend.items.firstIndex { $0.channel == .website })
        var day = weekend.items[i].date
        while day.isoWeekday != 6 { day = day.adding(days: 1) }
        weekend.items[i].date = day
        #expect(rules(weekend).contains("sending"))
        // Every segment of every running campaign texted: over the SMS budget.
        var spend = schedule
        for (k, s) in model.segments.enumerated() where model.campaigns[s.campaign].available.has(.sms) {
            spend.direct[k].insert(.sms)
        }
        #expect(rules(spend).contains("budget"))
        // A person of an audience given both the campaign's text and its letter; a text to the
        // 75+ with no mobile number on record.
        let both = try #require(model.segments.indices.first { k in
            schedule.direct[k].has(.sms) && model.segments[k].takes == .direct && model.segments[k].cells != nil
                && model.campaigns[model.segments[k].campaign].available.isSuperset(of: .direct)
        })
        var twice = schedule
        twice.direct[both].insert(.letter)
        #expect(rules(twice).contains("text or letter"))
        let noMobile = try #require(model.segments.indices.first { model.segments[$0].withoutMobile })
        var texted = schedule
        texted.direct[noMobile].insert(.sms)
        #expect(rules(texted).contains("mobile"))
        // A text moved next to another text of another campaign that reaches some of the same
        // people (two texts always can; a text and a letter to people with no mobile cannot).
        func textedCells(_ c: Int) -> Set<Int> {
            var out = Set<Int>()
            for k in model.segments.indices where model.segments[k].campaign == c && schedule.direct[k].has(.sms) {
                out.formUnion(model.segments[k].cells ?? [])
            }
            return out
        }
        let texts = schedule.items.enumerated().filter { $0.element.channel == .sms }
        let pair = texts.flatMap { a in texts.map { (a, $0) } }.first { a, b in
            a.element.campaign < b.element.campaign && !textedCells(a.element.campaign).isDisjoint(with: textedCells(b.element.campaign))
        }
        let (first, second) = try #require(pair)
        var close = schedule
        close.items[second.offset].date = first.element.date
        #expect(rules(close).contains("gap"))
        // The planner's own scheduler refuses it too.
        #expect(model.schedulerRefusals(close).contains { $0.reason.contains("contacted on") })
        #expect(model.schedulerRefusals(schedule).isEmpty)
        // A campaign left with one channel.
        var single = schedule
        let c = try #require(single.items.first { !$0.channel.isDirect }?.campaign)
        single.broadcast[c] = []
        for k in model.segments.indices where model.segments[k].campaign == c { single.direct[k] = [] }
        single.broadcast[c] = ChannelSet(schedule.items.first { $0.campaign == c && !$0.channel.isDirect }!.channel)
        #expect(rules(single).contains("channels"))
        // Five items of five campaigns in one week: hours or the weekly limit.
        var busy = schedule
        let monday = CivilDate(year: 2027, month: 10, day: 11)
        var moved = Set<Int>()
        for (j, it) in busy.items.enumerated() where it.channel == .website && moved.insert(it.campaign).inserted && moved.count <= 5 {
            busy.items[j].date = monday
        }
        let broken = rules(busy)
        #expect(broken.contains("hours") || broken.contains("weekly limit"))
    }

    static func run(_ args: [String]) throws -> Int32 { try Python.run(args) }

    static var hasHiGHS: Bool { Python.hasHiGHS }

    /// Seconds HiGHS gets per instance here (`make verify-plan` gives 60 to all 28 instances).
    static let seconds = 20

    /// Solves `model` with HiGHS (tools/verify-plan/solve.py, started from `start`, `seconds`
    /// per instance) and checks the solution: every row of the model holds, decoded into a plan
    /// it keeps every plan rule (so the model holds every rule the checker knows), and the
    /// planner's own scheduler, replaying it item by item, refuses none of it. Returns the
    /// values, the MIP's objective, its bound (nil when HiGHS did not finish the root
    /// relaxation in time on a loaded machine) and the solution file.
    static func solveAndCheck(_ model: PlanModel, start: PlanSchedule, in dir: URL, seconds: Int = seconds) throws
        -> ([String: Double], Double, Double?, [String: Any])
    {
        let lp = dir.appendingPathComponent("model.lp")
        try model.lpText().write(to: lp, atomically: true, encoding: .utf8)
        try model.sidecarJSON(planner: model.objective(start), start: model.encode(start))
            .write(to: dir.appendingPathComponent("model.lp.json"), atomically: true, encoding: .utf8)
        let solved = dir.appendingPathComponent("solution.json")
        let solve = TestPaths.packageRoot.appendingPathComponent("tools/verify-plan/solve.py").path
        let status = try Self.run([
            solve, lp.path, "--bigm", "\(model.bigM)", "--time-limit", "\(seconds)", "--out", solved.path,
            "--start", dir.appendingPathComponent("model.lp.json").path,
        ])
        #expect(status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: solved)) as? [String: Any])
        let raw = try #require(doc["values"] as? [String: Any])
        var values: [String: Double] = [:]
        for (k, v) in raw { values[k] = (v as? NSNumber)?.doubleValue }
        let objective = try #require((doc["objective"] as? NSNumber)?.doubleValue)
        let check = model.rowCheck(values)
        #expect(check.broken.isEmpty, "\(check.broken.prefix(5))")
        let decoded = model.decode(values)
        let violations = PlanRules.violations(decoded, model: model)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        let refusals = model.schedulerRefusals(decoded)
        #expect(refusals.isEmpty, "\(refusals.prefix(5))")
        return (values, objective, (doc["bound"] as? NSNumber)?.doubleValue, doc)
    }

    /// Three instances end to end: emit the model, solve it with HiGHS (tools/verify-plan/solve.py,
    /// started from the planner's plan), decode the solution and check it.
    @Test(.enabled(if: hasHiGHS, "needs python3 with highspy (make test installs it)"), arguments: [
        "coastal-older 2027-Q4", "urban-young 2027-Q1", "generated practice-1 2027-Q1",
    ])
    func mipSolutionKeepsTheRulesAndBoundsThePlanner(instance: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = instance.split(separator: " ").map(String.init)
        let path: String
        if parts[0] == "generated" {
            let script = TestPaths.packageRoot.appendingPathComponent("tools/bench-plan/generate_profiles.py").path
            #expect(try Self.run([script, dir.appendingPathComponent("profiles").path, "--count", "1", "--seed", "11"]) == 0)
            path = dir.appendingPathComponent("profiles/\(parts[1]).yaml").path
        } else {
            path = Self.sample(parts[0])
        }
        let input = try Self.input(profile: path, quarter: parts.last!)
        let model = PlanModel(input)
        let (_, schedule) = QuarterPlanner.planAndSchedule(input)
        let planner = model.objective(schedule)
        let (values, mipObjective, bound, doc) = try Self.solveAndCheck(model, start: schedule, in: dir)
        let decoded = model.decode(values)
        // The model's objective is the planner's objective.
        let value = model.objective(decoded)
        #expect(abs(value.value - mipObjective) <= 1e-6 * max(1, mipObjective))
        // The planner's plan is a solution of the model: the MIP (started from it) is no worse,
        // and no proven bound is below it.
        #expect(mipObjective >= planner.value * (1 - 1e-9))
        if let bound { #expect(bound >= planner.value * (1 - 1e-6)) }
        let ratio = value.olderServed == planner.olderServed && value.reach > 0 ? planner.reach / value.reach : 0
        print(
            "\(instance): planner older \(planner.olderServed) reach \(Int(planner.reach)); MIP older \(value.olderServed) "
                + "reach \(Int(value.reach)), bound \(bound.map { String(Int($0)) } ?? "none"), status \(doc["status"] ?? ""); reach ratio \(ratio)")
        // Issue 11's target (the planner within 97% of the MIP) is not met yet and is not asserted
        // here: `make verify-plan` measures it on 28 instances and fails while it does not hold
        // (docs/plan-model.md has the table). This test holds what is true of every instance.
    }
}
