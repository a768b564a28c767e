import PlannerCore
import Testing

/// Planning continues from the previous window's plan (issue 11, item 4): its prep hours and
/// contacts count against this plan's weekly hours and the gap between contacts.
@Suite struct PreviousPlanTests {
    typealias F = PlanningFixtures

    /// A December item of the previous plan with `centi` staff hours due on `due`.
    static func previousItem(
        _ id: String, channel: PlanChannel, date: CivilDate, groups: [String], due: CivilDate, centi: Int
    ) -> PlanItem {
        PlanItem(
            id: "\(id)-2026-12-01-\(channel.rawValue)-1", campaign: "\(id)-2026-12-01", sourceUid: "\(id)@example.org",
            title: "December Day", groups: groups, services: [], channel: channel, date: date, time: nil,
            recipients: channel.isDirect ? 100 : nil, expectedReach: 50, costPence: 0, effortCentiHours: centi,
            prepTasks: [PrepTask(task: "Draft the website page", due: due, centiHours: centi)], why: [])
    }

    /// The fixture's days and three early in January, whose prep falls in the week of 28 December.
    static var candidates: [PlanningCandidate] {
        F.candidates + [
            F.candidate("Early Smokers Day", F.d(2027, 1, 6), days: 1, groups: ["smokers"], relevance: 0.95),
            F.candidate("Mid January Day", F.d(2027, 1, 12), days: 1, groups: ["diabetes"], relevance: 0.92),
            F.candidate("Kidney January Day", F.d(2027, 1, 13), days: 1, groups: ["copd"], relevance: 0.91),
        ]
    }

    static func hours(_ plan: Plan, week: String) -> Int {
        plan.totals.effortByWeek.first { $0.week == week }?.centiHours ?? 0
    }

    /// The week of 28 December 2026 spans two quarters: the previous plan's 4.5 hours there
    /// leave half an hour of the 5 for this plan's January prep.
    @Test func theWeekAcrossTwoQuartersCountsBothPlans() {
        var input = F.input(candidates: Self.candidates)
        let alone = QuarterPlanner.plan(input)
        #expect(Self.hours(alone, week: "2026-W53") > 50, "\(alone.totals.effortByWeek)")
        input.previousItems = [
            Self.previousItem("december-day", channel: .website, date: F.d(2026, 12, 30), groups: ["copd"],
                due: F.d(2026, 12, 29), centi: 450)
        ]
        let plan = QuarterPlanner.plan(input)
        #expect(Self.hours(plan, week: "2026-W53") + 450 <= 500, "\(plan.totals.effortByWeek)")
        #expect(plan.items.count > 0)
        #expect(PlanChecks.violations(plan, input) == [])
    }

    /// A text to smokers on 29 December keeps this plan's texts and letters to smokers 14 days
    /// away, and the reason names the previous plan's day.
    @Test func aContactLateInThePreviousPlanKeepsTheGap() {
        var input = F.input(candidates: Self.candidates)
        let alone = QuarterPlanner.plan(input)
        let early = { (p: Plan) in
            p.items.filter { $0.isDirect && $0.groups.contains("smokers") && $0.date < F.d(2027, 1, 12) }
        }
        #expect(!early(alone).isEmpty, "\(alone.items.filter(\.isDirect).map { "\($0.id) \($0.date)" })")
        input.previousItems = [
            Self.previousItem("december-day", channel: .sms, date: F.d(2026, 12, 29), groups: ["smokers"],
                due: F.d(2026, 12, 15), centi: 50)
        ]
        let plan = QuarterPlanner.plan(input)
        #expect(early(plan).isEmpty, "\(early(plan).map { "\($0.id) \($0.date)" })")
        let reasons = plan.items.flatMap(\.why) + plan.warnings.map(\.message)
        #expect(reasons.contains { $0.contains("2026-12-29 (December Day (previous plan))") }, "\(reasons)")
    }
}
