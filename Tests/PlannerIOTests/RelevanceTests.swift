import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

@Suite struct RelevanceTests {
    static let taxonomy = try! Taxonomy.load()

    static func profile(_ name: String) throws -> PracticeProfile {
        let url = TestPaths.packageRoot.appendingPathComponent("Profiles/\(name).yaml")
        return try #require(ProfileLoader.load(contentsOf: url).profile)
    }

    static func match(_ title: String, groups: [String], services: [String], score: Double = 1, month: Int = 10)
        -> MatchResult
    {
        let d = CivilDate(year: 2027, month: month, day: 1)
        let occ = Occurrence(
            uid: "u", title: title, start: .date(d), end: .date(d.adding(days: 1)), timezone: nil,
            source: SourceLocation(path: "t.ics", line: 1), explicitGroups: groups, explicitServices: services)
        var m = Matcher(taxonomy: taxonomy).match(CleanOccurrence(occ))
        m.score = score
        return m
    }

    @Test func explainsSizeAndServiceInPlainWords() throws {
        let p = try Self.profile("urban-young")
        let r = Relevance.assess(
            Self.match("Stoptober", groups: ["smokers"], services: ["smoking-cessation"]), profile: p,
            taxonomy: Self.taxonomy)
        #expect(r.why == ["Stoptober: 1,420 smokers on your list; you offer stop smoking support"])
        #expect(r.groupSizes.map(\.size) == [1420])
        #expect(r.servicesOffered.map(\.offered) == [true])
        // n / (n + k) with k = 1% of 12,037: 1420 / 1540.37 = 0.9219; 0.65 x 0.9219 + 0.35 = 0.9492;
        // stop smoking support is an offered service but not a national programme: x 0.92 = 0.873
        #expect(r.relevance == 0.873)
    }

    @Test func biggerRegisterMattersMore() throws {
        let urban = try Self.profile("urban-young"), coastal = try Self.profile("coastal-older")
        let m = Self.match("Dementia Action Week", groups: ["dementia"], services: ["memory-assessment"])
        let a = Relevance.assess(m, profile: urban, taxonomy: Self.taxonomy)
        let b = Relevance.assess(m, profile: coastal, taxonomy: Self.taxonomy)
        #expect(a.relevance < b.relevance)
    }

    @Test func serviceNotOfferedLowersRelevanceAndSaysSo() throws {
        let p = try Self.profile("urban-young")
        #expect(!p.offers("copd-review"))
        let r = Relevance.assess(
            Self.match("World COPD Day", groups: ["copd"], services: ["copd-review"]), profile: p, taxonomy: Self.taxonomy)
        let offered = Relevance.assess(
            Self.match("World COPD Day", groups: ["copd"], services: []), profile: p, taxonomy: Self.taxonomy)
        #expect(r.relevance < offered.relevance)
        #expect(r.why[0].contains("you do not offer COPD review: do not promote it"))
        #expect(r.why[0].hasSuffix("asks for no action your practice offers (awareness only)"))
    }

    @Test func vaccinationOutOfSeasonIsHalved() throws {
        let p = try Self.profile("urban-young")
        let inSeason = Relevance.assess(
            Self.match("Flu day", groups: ["adults-65-plus"], services: ["flu-vaccination"], month: 10), profile: p,
            taxonomy: Self.taxonomy)
        let outOfSeason = Relevance.assess(
            Self.match("Flu day", groups: ["adults-65-plus"], services: ["flu-vaccination"], month: 5), profile: p,
            taxonomy: Self.taxonomy)
        #expect(abs(outOfSeason.relevance - inSeason.relevance / 2) < 0.001)
    }

    @Test func unmatchedDayIsIrrelevant() throws {
        let r = Relevance.assess(
            Self.match("Burns Night", groups: [], services: []), profile: try Self.profile("urban-young"),
            taxonomy: Self.taxonomy)
        #expect(r.relevance == 0)
    }
}

@Suite struct RelevanceBreadthTests {
    @Test func aDayForEveryoneRanksBelowATargetedOne() throws {
        let p = try RelevanceTests.profile("urban-young")
        let t = RelevanceTests.taxonomy
        let everyone = Relevance.assess(
            RelevanceTests.match("Self Care Week", groups: ["all-patients"], services: []), profile: p, taxonomy: t)
        let smokers = Relevance.assess(
            RelevanceTests.match("No Smoking Day", groups: ["smokers"], services: ["smoking-cessation"]), profile: p,
            taxonomy: t)
        #expect(everyone.relevance < smokers.relevance)
        #expect(
            everyone.why == [
                "Self Care Week: a day for all 12,037 patients (not targeted at one group); asks for no action your "
                    + "practice offers (awareness only)"
            ])
        #expect(everyone.relevance == 0.428)  // (0.65 x 0.5 + 0.35 x 0.7) x 0.75 awareness only
    }
}
