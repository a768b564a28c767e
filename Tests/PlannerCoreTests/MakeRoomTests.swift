import PlannerCore
import PlannerTestSupport
import Testing

/// Issue 11, "the most valuable campaigns first": when staff hours hold a relevant day out,
/// the improvement pass takes a broadcast channel from a placed day that runs on three (a day
/// keeps two channels and every text and letter) so that the relevant day runs on the website
/// and social media (`PlanBuilder.makeRoom`).
@Suite struct MakeRoomTests {
    typealias F = PlanningFixtures

    /// Three days on Thursday 18 February 2027: a pinned, less relevant day for an older group
    /// (COPD: a text for the 75+ rule), a more relevant day for smokers, each on a text, the
    /// website and social media (1 h of drafting in the week of 1 February, 1.25 h in the week
    /// of 15 February), and a relevant day for a group too small for a text, so it needs the
    /// website and social media (a page takes 0.5 h in each of those weeks, whatever its date).
    static func input(smsBudget: Int = 15_000, hours: Double) -> PlanningInput {
        let d = F.d
        let candidates = [
            F.candidate("Pinned Day", d(2027, 2, 18), days: 1, groups: ["copd"], relevance: 0.3),
            F.candidate("Smokers Day", d(2027, 2, 18), days: 1, groups: ["smokers"], relevance: 0.9),
            F.candidate("Valuable Day", d(2027, 2, 18), days: 1, groups: ["tiny"], relevance: 0.8),
        ]
        var input = F.input(
            candidates: candidates, smsBudget: smsBudget, letterBudget: 0, hours: hours, cap: 3, nonSending: [])
        input.groupBands["tiny"] = F.bands([0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        input.decisions = PlanningDecisions(pin: [candidates[0].campaignID])
        return input
    }

    static func channels(_ plan: Plan, _ title: String) -> Set<PlanChannel> {
        Set(plan.items.filter { $0.title == title }.map(\.channel))
    }

    /// 2.75 h a week: the two days on three channels fit (2.5 h in the week of 15 February), the
    /// relevant day's page does not (3 h); without one of the pinned day's broadcast channels it does.
    @Test func aDayHeldOutByStaffHoursRunsOnHoursALessRelevantDayGivesUp() {
        let input = Self.input(hours: 2.75)
        let plan = QuarterPlanner.plan(input)
        #expect(PlanChecks.violations(plan, input) == [])
        #expect(Self.channels(plan, "Valuable Day") == [.website, .social])
        // The less relevant day gives up one broadcast channel and keeps its text (the 75+
        // rule's: COPD is an older group) and the other; the more relevant day keeps all three.
        let trimmed = Self.channels(plan, "Pinned Day")
        #expect(trimmed.count == 2 && trimmed.contains(.sms), "\(trimmed)")
        #expect(Self.channels(plan, "Smokers Day") == [.sms, .website, .social])
        let lost = [PlanChannel.website, .social].first { !trimmed.contains($0) }
        let reasons = plan.warnings.filter { $0.code == .channelDropped && $0.message.contains("Pinned Day") }
        #expect(reasons.count == 1)
        let expected = "has no \(lost?.displayName ?? "?"): its staff hours went to \"Valuable Day\", which did not fit otherwise"
        #expect(reasons.first?.message.contains(expected) == true, "\(reasons.map(\.message))")
        #expect(!plan.warnings.contains { $0.code == .dayNotFitted })
        #expect(!plan.warnings.contains { $0.code == .olderGroupNoDirectContact })
    }

    /// With no texts, the other two days run on two channels each: neither gives one up, and the
    /// relevant day stays out for staff hours (2.25 h a week: its page would need 2.5 h).
    @Test func aDayOnTwoChannelsGivesNoneUp() {
        let input = Self.input(smsBudget: 0, hours: 2.25)
        let plan = QuarterPlanner.plan(input)
        #expect(PlanChecks.violations(plan, input) == [])
        #expect(Self.channels(plan, "Valuable Day").isEmpty)
        #expect(Self.channels(plan, "Pinned Day") == [.website, .social])
        #expect(Self.channels(plan, "Smokers Day") == [.website, .social])
        let out = plan.warnings.first { $0.code == .dayNotFitted && $0.message.contains("Valuable Day") }
        #expect(out?.message.contains("staff hours") == true, "\(out?.message ?? "no warning")")
        #expect(!plan.warnings.contains { $0.message.contains("staff hours went to") })
    }
}
