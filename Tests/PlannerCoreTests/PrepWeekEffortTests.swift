import PlannerCore
import Testing

/// Staff time where the work happens (issue 11, item 2): an item's hours are split over its
/// prep tasks and booked in the weeks those are due, which the weekly limit checks, weeks
/// before the plan starts included.
@Suite struct PrepWeekEffortTests {
    typealias F = PlanningFixtures

    /// The staff hours of a plan's prep tasks by ISO week, worked out here from the items.
    static func hoursByWeek(_ plan: Plan) -> [String: Int] {
        var out: [String: Int] = [:]
        for it in plan.items {
            for t in it.prepTasks where !t.isSignOff { out[t.due.isoWeekLabel, default: 0] += t.centiHours }
        }
        return out.filter { $0.value > 0 }
    }

    @Test func staffHoursAreBookedInThePrepTasksWeeks() {
        let input = F.input()
        let plan = QuarterPlanner.plan(input)
        let byWeek = Self.hoursByWeek(plan)
        #expect(plan.totals.effortByWeek.map(\.week) == byWeek.keys.sorted())
        #expect(plan.totals.effortByWeek.allSatisfy { byWeek[$0.week] == $0.centiHours })
        // An item sent early in January is drafted in December: those hours are December's.
        #expect(plan.totals.effortByWeek.contains { $0.week < "2027-W01" }, "\(plan.totals.effortByWeek)")
        for it in plan.items {
            let tasks = it.prepTasks.filter { !$0.isSignOff }
            #expect(tasks.reduce(0) { $0 + $1.centiHours } == it.effortCentiHours, "\(it.id)")
            // The draft is due before the item's week, so not all its hours fall in that week.
            #expect(tasks.contains { $0.due.mondayOfWeek < it.date.mondayOfWeek && $0.centiHours > 0 }, "\(it.id)")
        }
        #expect(plan.totals.effortByWeek.allSatisfy { $0.centiHours <= 500 })
        #expect(PlanChecks.violations(plan, input) == [])
    }

    /// A letter's hours: half to drafting, ten working days before its print order, half to
    /// the print order itself; a social post's last third to replying on its day.
    @Test func anItemsHoursAreSplitOverItsTasks() {
        let plan = QuarterPlanner.plan(F.input())
        for it in plan.items {
            let byTask = Dictionary(it.prepTasks.map { ($0.task, $0.centiHours) }, uniquingKeysWith: +)
            switch it.channel {
            case .letter:
                #expect(byTask["Draft the letter"] == 100, "\(it.id)")
                #expect(it.prepTasks.contains { $0.task.hasPrefix("Send to print and post") && $0.centiHours == 100 })
            case .social:
                #expect(byTask["Draft the social media post"] == 25, "\(it.id)")
                #expect(byTask["Schedule the post"] == 25, "\(it.id)")
                #expect(it.prepTasks.contains { $0.task == "Reply to comments on the day" && $0.due == it.date })
            case .sms:
                #expect(byTask["Draft the text message"] == 25, "\(it.id)")
                #expect(byTask["Run the patient search and schedule the batch"] == 25, "\(it.id)")
            case .website:
                #expect(it.prepTasks.contains { $0.task == "Publish the website page" && $0.due == it.date })
            }
        }
    }

    /// The week spanning two quarters (28 Dec 2026 to 3 Jan 2027): it holds the prep of the
    /// days early in January, and stays within the weekly hours however many of them there are.
    @Test func theWeekAcrossTwoQuartersKeepsTheWeeklyHours() {
        let d = F.d
        let candidates = (0..<6).map { k in
            F.candidate(
                "Early Day \(k + 1)", d(2027, 1, 4 + k), days: 1, groups: ["smokers", "copd", "diabetes"][k % 3...k % 3].map { $0 },
                relevance: 0.9 - Double(k) / 100)
        }
        let input = F.input(candidates: candidates, hours: 1.5, cap: 6)
        let plan = QuarterPlanner.plan(input)
        let byWeek = Self.hoursByWeek(plan)
        #expect(byWeek.values.allSatisfy { $0 <= 150 }, "\(byWeek.sorted { $0.key < $1.key })")
        #expect(byWeek["2026-W53"] != nil, "\(byWeek.sorted { $0.key < $1.key })")
        // Some item or channel gave way because a week before the plan was full.
        let reasons = plan.items.flatMap(\.why) + plan.warnings.map(\.message)
        #expect(
            reasons.contains { $0.contains("Dec 2026 has") && $0.contains("staff hours taken") },
            "\(reasons.filter { $0.contains("staff hours") })")
    }
}
