import PlannerCore
import Testing

/// "Today" (issue 11, item 3): no prep task is due before it; items whose best date needed
/// earlier prep move later or are left out, and a `prep-window-missed` warning says which.
@Suite struct TodayPrepTests {
    typealias F = PlanningFixtures

    @Test func noTaskIsDueBeforeTodayAndTheMissedPrepIsNamed() {
        let today = F.d(2027, 1, 10)
        var input = F.input()
        let before = QuarterPlanner.plan(input)
        // Without today the first weeks' prep lies before 10 January: the case to handle.
        #expect(before.items.flatMap(\.prepTasks).contains { $0.due < today })
        input.today = today
        let plan = QuarterPlanner.plan(input)
        #expect(!plan.items.isEmpty)
        for it in plan.items {
            for t in it.prepTasks { #expect(t.due >= today, "\(it.id): \(t.task) due \(t.due)") }
        }
        let missed = plan.warnings.filter { $0.code == .prepWindowMissed }
        #expect(!missed.isEmpty, "\(plan.warnings.map(\.message))")
        #expect(missed.allSatisfy { $0.message.contains("planned on 2027-01-10") && !$0.campaignIDs.isEmpty })
        // Dry January (1 to 31 Jan) is still worth a text or post later in its month.
        let dry = plan.items.filter { $0.campaign.hasPrefix("dry-january") }
        #expect(dry.allSatisfy { $0.date > today }, "\(dry.map(\.date))")
        #expect(PlanChecks.violations(plan, input) == [])
        // Days far enough ahead are still planned.
        let late = { (p: Plan) in Set(p.items.filter { $0.date >= F.d(2027, 3, 1) }.map(\.campaign)) }
        #expect(late(plan) == late(before))
    }
}
