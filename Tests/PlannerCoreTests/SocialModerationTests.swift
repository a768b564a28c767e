import PlannerCore
import Testing

/// Social posts on moderated days (issue 11, B): working days by default; weekends and bank
/// holidays when the profile names a weekend moderator; never quiet dates.
@Suite struct SocialModerationTests {
    typealias F = PlanningFixtures

    static func closed(_ d: CivilDate) -> Bool { d.isWeekend || F.nonSending.contains { $0.date == d } }

    @Test func withoutAModeratorEverySocialPostIsOnAWorkingDay() {
        let plan = QuarterPlanner.plan(F.input())
        let social = plan.items.filter { $0.channel == .social }
        #expect(!social.isEmpty)
        for item in social { #expect(!Self.closed(item.date), "\(item.id) on \(item.date)") }
        #expect(PlanChecks.violations(plan, F.input()) == [])
    }

    /// A day on a Sunday: its on-the-day reminder would go out the working day before, the
    /// Friday its heads-up post already takes; one post that Friday is enough, so the reminder
    /// is left out, without a warning.
    @Test func aSundayDayGetsOnePostOnTheFridayBefore() {
        let d = F.d
        let input = F.input(candidates: [
            F.candidate("Sunday Only Day", d(2027, 3, 21), days: 1, groups: ["copd", "mental-health"], relevance: 0.9)
        ])
        let plan = QuarterPlanner.plan(input)
        let social = plan.items.filter { $0.channel == .social }
        #expect(social.map(\.date) == [d(2027, 3, 19)], "\(plan.items.map { "\($0.id) \($0.date)" })")
        #expect(!plan.items.contains { $0.id == "sunday-only-day-2027-03-21-social-2" })
        #expect(!plan.warnings.contains { $0.code == .reminderDropped })
        #expect(plan.items.allSatisfy { !Self.closed($0.date) })
    }

    @Test func aModeratorAllowsWeekendAndBankHolidayPostsButNotQuietDates() {
        let d = F.d
        var input = F.input(candidates: [
            F.candidate("Dry January", d(2027, 1, 1), days: 31, groups: ["smokers"], relevance: 0.9),
            F.candidate("Sunday Only Day", d(2027, 3, 21), days: 1, groups: ["copd", "mental-health"], relevance: 0.8),
            F.candidate("Time to Talk Day", d(2027, 2, 4), days: 1, groups: ["mental-health"], relevance: 0.7),
        ])
        input.constraints.socialWeekendModerator = "the duty manager"
        let plan = QuarterPlanner.plan(input)
        #expect(PlanChecks.violations(plan, input) == [])
        let dry = plan.items.first { $0.id == "dry-january-2027-01-01-social-1" }
        #expect(dry?.date == d(2027, 1, 1))  // New Year's Day, a bank holiday
        #expect(dry?.why.contains { $0.contains("the duty manager moderates the replies") } == true)
        let sunday = plan.items.first { $0.id == "sunday-only-day-2027-03-21-social-2" }
        #expect(sunday?.date == d(2027, 3, 21))
        // 4 February 2027 is a quiet date in the fixtures: no social post on it.
        #expect(!plan.items.contains { $0.channel == .social && $0.date == d(2027, 2, 4) })
        // Texts, letters and the website keep to working days.
        for item in plan.items where item.channel != .social { #expect(!Self.closed(item.date), "\(item.id)") }
    }
}
