import PlannerCore
import Testing

/// Windows longer than a quarter (issue 11, item 5): each quarter's scaled budget is a hard
/// limit of its own, not only the window's total.
@Suite struct QuarterLimitTests {
    typealias F = PlanningFixtures

    static func smsSpent(_ plan: Plan, before date: CivilDate) -> Int {
        plan.items.filter { $0.channel == .sms && $0.date < date }.reduce(0) { $0 + $1.costPence }
    }

    @Test func eachQuartersBudgetHoldsOnItsOwn() {
        let d = F.d
        // Half a year; every day of the fixture falls in the first quarter.
        var input = F.input(smsBudget: 15_000)
        input.window = DateWindow(from: d(2027, 1, 1), to: d(2027, 7, 1))
        let totalOnly = QuarterPlanner.plan(input)
        // With the window's total alone, the first quarter spends more than a fifth of it.
        #expect(Self.smsSpent(totalOnly, before: d(2027, 4, 1)) > 3_000, "\(Self.smsSpent(totalOnly, before: d(2027, 4, 1)))")
        input.constraints.quarterLimits = [
            QuarterLimit(
                from: d(2027, 1, 1), to: d(2027, 4, 1), smsBudgetPence: 3_000, letterBudgetPence: 10_000,
                maxDirectContactsPerPerson: 4),
            QuarterLimit(
                from: d(2027, 4, 1), to: d(2027, 7, 1), smsBudgetPence: 12_000, letterBudgetPence: 10_000,
                maxDirectContactsPerPerson: 4),
        ]
        let plan = QuarterPlanner.plan(input)
        #expect(Self.smsSpent(plan, before: d(2027, 4, 1)) <= 3_000, "\(Self.smsSpent(plan, before: d(2027, 4, 1)))")
        #expect(plan.items.contains { $0.channel == .sms })
        let reasons = plan.items.flatMap(\.why) + plan.warnings.map(\.message)
        #expect(
            reasons.contains { $0.contains("SMS budget for 1 Jan 2027 to 31 Mar 2027 is taken, this quarter's own limit") },
            "\(reasons.filter { $0.contains("budget") })")
    }
}
