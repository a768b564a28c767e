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
        #expect(
            r.why == [
                "Stoptober: 1,420 smokers on your list; you offer stop smoking support; asks people to use stop "
                    + "smoking support, an NHS priority you are measured on"
            ])
        #expect(r.groupSizes.map(\.size) == [1420])
        #expect(r.servicesOffered.map(\.offered) == [true])
        // n / (n + k) with k = 5% of 12,037: 1420 / 2021.85 = 0.7023; 0.5 x 0.7023 + 0.5 = 0.8512;
        // stop smoking support is an NHS priority (QOF SMOK004/005): x 0.9; no uptake standard: x 0.85
        #expect(r.relevance == 0.651)
        #expect(r.factors.map(\.name) == ["match", "practice", "season", "priority", "uptake"])
        #expect(r.factors.map { ($0.value * 1000).rounded() / 1000 } == [1, 0.851, 1, 0.9, 0.85])
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
        #expect(everyone.relevance == 0.255)  // (0.5 x 0.5 + 0.5 x 0.7) x 0.5 awareness only x 0.85 uptake unknown
    }
}

/// Relevance that ranks what matters (issue 11, D).
@Suite struct RelevancePriorityTests {
    static func cervical(_ p: PracticeProfile) -> Relevance {
        Relevance.assess(
            RelevanceTests.match("Cervical screening", groups: ["women-25-64"], services: ["cervical-screening"]),
            profile: p, taxonomy: RelevanceTests.taxonomy)
    }

    /// A profile stating a low uptake ranks that programme's day higher than the same profile
    /// without it; one at the standard ranks it lower.
    @Test func aLowUptakeRanksItsProgrammeHigher() throws {
        var p = try RelevanceTests.profile("coastal-older")
        #expect(p.offers("cervical-screening"))
        let without = Self.cervical(p).relevance
        p.uptake = ["cervical-screening": 0.68]
        let low = Self.cervical(p)
        p.uptake = ["cervical-screening": 0.85]
        let high = Self.cervical(p).relevance
        #expect(low.relevance > without, "\(low.relevance) vs \(without)")
        #expect(high < without, "\(high) vs \(without)")
        // 0.7 + 1.5 x (0.80 - 0.68) = 0.88 against 0.85 unknown.
        #expect(low.factors.last.map { ($0.value * 1000).rounded() / 1000 } == 0.88)
        #expect(low.why[0].contains("your cervical screening uptake 68% against the 80% standard"), "\(low.why)")
    }

    /// The same group, with and without an action the practice delivers: awareness ranks below.
    @Test func awarenessOnlyRanksBelowAnActionDay() throws {
        let p = try RelevanceTests.profile("urban-young")
        let t = RelevanceTests.taxonomy
        let action = Relevance.assess(
            RelevanceTests.match("Screening day", groups: ["women-25-64"], services: ["cervical-screening"]), profile: p,
            taxonomy: t)
        let awareness = Relevance.assess(
            RelevanceTests.match("Women's day", groups: ["women-25-64"], services: []), profile: p, taxonomy: t)
        #expect(awareness.relevance < action.relevance)
        #expect(awareness.factors.first { $0.name == "priority" }?.value == 0.5)
        #expect(action.factors.first { $0.name == "priority" }?.value == 1)
    }

    /// The uptake figure is read from the profile (`uptake:`), and an unknown service is an error.
    @Test func theProfileCarriesUptake() throws {
        let yaml = ProfileLimitsTests.sample + "\nuptake:\n  cervical-screening: 0.68\n"
        let read = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: { _ in true })
        #expect(read.profile?.uptake == ["cervical-screening": 0.68], "\(read.diagnostics)")
        let bad = ProfileLoader.validate(
            yaml: ProfileLimitsTests.sample + "\nuptake:\n  cervical-screenin: 68\n", path: "p.yaml",
            isKnownZone: { _ in true })
        #expect(bad.profile == nil)
        #expect(!bad.errors.isEmpty)
    }

    /// Acceptance: in every 2027 quarter of both sample profiles, the five most relevant days
    /// each promote a service the practice offers.
    @Test(arguments: ["coastal-older", "urban-young"]) func theTopFiveOfEveryQuarterPromoteAnOfferedService(
        _ name: String
    ) throws {
        let path = TestPaths.packageRoot.appendingPathComponent("Profiles/\(name).yaml").path
        for q in 1...4 {
            let outcome = MatchingRun(window: DateWindow.quarter(year: 2027, number: q), profilePath: path).run()
            let relevance = try #require(outcome.relevance)
            let p = try #require(outcome.practice)
            let ranked = zip(outcome.matches, relevance).sorted {
                ($0.1.relevance, $1.0.title) > ($1.1.relevance, $0.0.title)
            }
            #expect(ranked.count >= 5)
            for (m, r) in ranked.prefix(5) {
                #expect(m.serviceIds.contains(where: p.offers), "\(name) Q\(q): \(m.title) \(r.relevance)")
            }
        }
    }
}
