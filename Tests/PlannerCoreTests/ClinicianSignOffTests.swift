import PlannerCore
import Testing

/// One clinical sign-off per campaign, within a clinician's weekly hours (issue 11, item 2).
@Suite struct ClinicianSignOffTests {
    typealias F = PlanningFixtures

    @Test func eachCampaignHasOneSignOffByItsEarliestItemsDate() {
        let input = F.input()
        let plan = QuarterPlanner.plan(input)
        let cal = SendingCalendar(nonSendingDates: input.constraints.nonSendingDates)
        let e = input.effort
        let campaigns = Array(Set(plan.items.map(\.campaign))).sorted()
        #expect(campaigns.count > 3)
        for c in campaigns {
            let items = plan.items.filter { $0.campaign == c }
            let signOffs = items.flatMap(\.prepTasks).filter(\.isSignOff)
            #expect(signOffs.count == 1, "\(c): \(signOffs)")
            let earliest = items.map { it in
                cal.sendingDay(
                    e.signOffLeadWorkingDays + (it.channel == .letter ? e.letterPrintWorkingDays : 0), before: it.date)
            }.min()
            #expect(signOffs.first?.due == earliest, "\(c)")
            #expect(signOffs.first?.centiHours == e.signOffCentiHours)
            // On the campaign's first item, and naming what it covers.
            #expect(items.first?.prepTasks.contains(where: \.isSignOff) == true, "\(c)")
            #expect(signOffs.first?.task.hasPrefix("Clinical sign-off of the campaign's ") == true)
        }
        // The clinician's hours by week are the sign-offs', within the weekly limit.
        var byWeek: [String: Int] = [:]
        for t in plan.items.flatMap(\.prepTasks) where t.isSignOff { byWeek[t.due.isoWeekLabel, default: 0] += t.centiHours }
        #expect(plan.totals.clinicianByWeek.map(\.week) == byWeek.keys.sorted())
        #expect(plan.totals.clinicianByWeek.allSatisfy { byWeek[$0.week] == $0.centiHours && $0.centiHours <= 100 })
        #expect(plan.constraints.clinicianCentiHoursPerWeek == 100)
    }

    /// A quarter of an hour a week is one sign-off a week: campaigns that would need a second
    /// one in a week are not planned, with a reason that names the setting.
    @Test func aClinicianHoursLimitHoldsAndIsNamed() {
        var input = F.input(hours: 20, cap: 6)
        let loose = QuarterPlanner.plan(input)
        input.constraints.clinicianHoursPerWeek = 0.25
        let plan = QuarterPlanner.plan(input)
        #expect(plan.totals.clinicianByWeek.allSatisfy { $0.centiHours <= 25 }, "\(plan.totals.clinicianByWeek)")
        #expect(loose.totals.clinicianByWeek.contains { $0.centiHours > 25 }, "\(loose.totals.clinicianByWeek)")
        #expect(Set(plan.items.map(\.campaign)).count < Set(loose.items.map(\.campaign)).count)
        #expect(
            plan.warnings.contains {
                $0.message.contains("clinician hours for sign-off taken (staff.clinicianHoursPerWeek)")
            }, "\(plan.warnings.map(\.message))")
        #expect(PlanChecks.violations(plan, input) == [])
    }
}
