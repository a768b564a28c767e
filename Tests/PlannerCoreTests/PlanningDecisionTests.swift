import PlannerCore
import Testing

/// Decisions by stable id (issue 6): the planner applies skip, pin and move itself.
@Suite struct PlanningDecisionTests {
    typealias F = PlanningFixtures

    @Test func skipRemovesACampaignAndPinPutsOneFirst() {
        var input = F.input()
        let before = QuarterPlanner.plan(input)
        #expect(before.campaignIDs.contains("no-smoking-day-2027-03-10"))
        input.decisions = PlanningDecisions(skip: ["no-smoking-day-2027-03-10"], pin: ["baby-week-2027-03-01"])
        let after = QuarterPlanner.plan(input)
        #expect(!after.campaignIDs.contains("no-smoking-day-2027-03-10"))
        // Baby Week has the lowest relevance (0.3); pinned, it is planned first.
        let baby = after.items.filter { $0.campaign == "baby-week-2027-03-01" }
        #expect(!baby.isEmpty)
        #expect(baby.allSatisfy { $0.why.first?.contains("ranked 1 of") == true })
        #expect(PlanChecks.violations(after, input) == [])
        #expect(!after.warnings.contains { $0.code == .staleDecision })
    }

    @Test func unfittedDaysNameTheIdToPin() {
        let input = F.input(hours: 2, cap: 1)
        let plan = QuarterPlanner.plan(input)
        let unfitted = plan.warnings.filter { $0.code == .dayNotFitted }
        #expect(!unfitted.isEmpty)
        for w in unfitted {
            #expect(
                F.candidates.contains {
                    w.message.hasPrefix("\"\($0.campaignTitle)\" (\($0.campaignID)) is not in the plan")
                },
                "\(w.message)")
        }
    }

    @Test func moveWinsAndWarnsWhenItBreaksARule() {
        var input = F.input()
        let base = QuarterPlanner.plan(input)
        let id = "world-kidney-day-2027-03-11-sms-1"
        #expect(base.items.contains { $0.id == id })
        // Saturday 13 March: SMS never go out at weekends, but the practice decided so.
        input.decisions = PlanningDecisions(move: [id: F.d(2027, 3, 13)])
        let plan = QuarterPlanner.plan(input)
        let item = plan.items.first { $0.id == id }
        #expect(item?.date == F.d(2027, 3, 13))
        #expect(item?.why.contains { $0.contains("move decision") } == true)
        #expect(
            plan.warnings.contains {
                $0.code == .decisionBreaksConstraint && $0.message.contains(id)
                    && $0.message.contains("2027-03-13 is a Saturday")
            })
        // Every other rule still holds; only the moved item breaks one.
        #expect(PlanChecks.violations(plan, input) == ["\(id): sms on a closed day 2027-03-13"])
    }

    @Test func staleDecisionsAreReportedNotDropped() {
        var input = F.input()
        input.decisions = PlanningDecisions(
            skip: ["world-kidney-day-2026-03-12"], pin: ["no-such-day-2027-01-01"],
            move: ["world-kidney-day-2027-03-11-letter-9": F.d(2027, 3, 1)])
        let plan = QuarterPlanner.plan(input)
        let stale = plan.warnings.filter { $0.code == .staleDecision }.map(\.message)
        #expect(stale.count == 3)
        #expect(stale.contains { $0.contains("skip world-kidney-day-2026-03-12") })
        #expect(stale.contains { $0.contains("pin no-such-day-2027-01-01") })
        #expect(stale.contains { $0.contains("move world-kidney-day-2027-03-11-letter-9") })
        // Stale decisions change nothing else.
        let clean = QuarterPlanner.plan(F.input())
        #expect(plan.items == clean.items)
    }
}
