import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// `MatchingRun`: the days of a window matched and scored, as `planner match` and
/// `planner explain` show them, with nothing printed.
@Suite struct MatchingRunTests {
    static let q4 = DateWindow(quarter: "2027-Q4")!

    @Test func matchesEveryDayAndScoresThemForAProfile() throws {
        let outcome = MatchingRun(window: Self.q4, profilePath: PlanningRunTests.coastal).run()
        #expect(outcome.stoppedAt == nil)
        #expect(!outcome.hasInputErrors)
        #expect(!outcome.days.isEmpty)
        #expect(outcome.matches.count == outcome.days.count)
        let relevance = try #require(outcome.relevance)
        #expect(relevance.count == outcome.matches.count)
        #expect(outcome.practice?.name == "Saltmarsh Bay Surgery")
        // Matches follow the days, one for one.
        #expect(zip(outcome.days, outcome.matches).allSatisfy { $0.uid == $1.uid })
        let stoptober = MatchingRun.days(named: "stoptober", in: outcome.days)
        #expect(stoptober.count == 1)
        let i = try #require(stoptober.first)
        #expect(outcome.matches[i].groupIds == ["smokers"])
        // Stoptober asks smokers to use stop smoking support, an NHS priority the practice offers.
        #expect(relevance[i].factors.first { $0.name == "priority" }?.value == 0.9)
        // It ranks above every awareness-only day of the quarter.
        let awareness = relevance.filter { $0.factors.first { $0.name == "priority" }?.value == 0.5 }
        #expect(!awareness.isEmpty)
        #expect(awareness.allSatisfy { $0.relevance < relevance[i].relevance })
    }

    @Test func withoutAProfileThereIsNoRelevance() {
        let outcome = MatchingRun(window: Self.q4).run()
        #expect(outcome.profile == nil)
        #expect(outcome.relevance == nil)
        #expect(!outcome.matches.isEmpty)
    }

    @Test func findsDaysByUidThenTitleThenPartOfATitle() {
        let days = MatchingRun(window: Self.q4).run().days
        let byUid = MatchingRun.days(named: "stoptober@awareness-planner.uk", in: days)
        #expect(byUid.map { days[$0].normalizedTitle } == ["Stoptober"])
        #expect(MatchingRun.days(named: "STOPTOBER 2027", in: days) == byUid)
        #expect(!MatchingRun.days(named: "tober", in: days).isEmpty)
        #expect(MatchingRun.days(named: "Stoptobr", in: days).isEmpty)
        #expect(MatchingRun.suggestion(for: "Stoptobr", in: days) == "Stoptober")
    }

    @Test func theUnlabelledMatchIsOnlyForLabelledDays() throws {
        let outcome = MatchingRun(window: Self.q4).run()
        let i = try #require(MatchingRun.days(named: "stoptober", in: outcome.days).first)
        let day = outcome.days[i]
        // The bundled calendar labels its days with X-GP-GROUPS / X-GP-SERVICES.
        #expect(day.explicitGroups != nil)
        let plain = try #require(outcome.unlabelledMatch(day))
        #expect(plain.groupIds.contains("smokers"))
        var unlabelled = day
        unlabelled.explicitGroups = nil
        unlabelled.explicitServices = nil
        #expect(outcome.unlabelledMatch(unlabelled) == nil)
    }

    @Test func aBrokenProfileStopsTheRun() throws {
        let dir = try PlanningRunTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("broken.yaml").path
        try Data("name: Broken Practice\nlistSize: lots\n".utf8).write(to: URL(fileURLWithPath: path))
        let outcome = MatchingRun(window: Self.q4, profilePath: path).run()
        #expect(outcome.stoppedAt == .profile)
        #expect(outcome.profile?.hasErrors == true)
        #expect(outcome.matches.isEmpty)
    }
}
