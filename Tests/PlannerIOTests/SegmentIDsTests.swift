import Foundation
import PlannerIO
import PlannerTestSupport
import Testing

@testable import PlannerCore

/// The allocation segments' ids kept between rounds (`SegmentIDs`) are the ids every round
/// built before (`SegmentIDs.plain`): after a whole run of rounds on both samples, and when a
/// segment's group, first band, mobile split or campaign id changes under the same index.
@Suite struct SegmentIDsTests {
    static let q1 = DateWindow(quarter: "2027-Q1")!

    static func builders() throws -> [PlanBuilder] {
        let source = AwarenessSource()
        let taxonomy = try source.taxonomy()
        let cleaned = source.cleanedDays(window: q1)
        let matches = Matcher(taxonomy: taxonomy).match(cleaned.days)
        var out: [PlanBuilder] = []
        for name in ["urban-young", "coastal-older"] {
            let path = TestPaths.packageRoot.appendingPathComponent("Profiles/\(name).yaml").path
            let practice = try #require(PlanningRun(profilePath: path, window: q1).run().practice)
            let input = PlanningRun.planOnly(
                practice: practice, days: cleaned.days, matches: matches, taxonomy: taxonomy, window: q1,
                holidays: BankHolidaySet(nation: practice.nation, window: q1), decisions: []
            ).input
            var builder = PlanBuilder(input)
            _ = builder.run()
            out.append(builder)
        }
        return out
    }

    @Test func idsAfterEveryRoundAreThePlainIDs() throws {
        for builder in try Self.builders() {
            let (problem, segIndex) = builder.problem(forbidden: [:], dropped: [])
            #expect(problem.segments.count > 20)
            #expect(builder.campaigns.contains { $0.segments.contains(where: \.withoutMobile) })
            for (i, seg) in problem.segments.enumerated() {
                let (c, k) = segIndex[i]
                #expect(seg.id == SegmentIDs.plain(campaignID: builder.campaigns[c].id, builder.campaigns[c].segments[k]))
            }
            // The last round's ids are the ones a fresh builder makes.
            let fresh = SegmentIDs()
            for (i, seg) in problem.segments.enumerated() {
                let (c, k) = segIndex[i]
                #expect(seg.id == fresh.id(campaign: c, segment: k, campaignID: builder.campaigns[c].id, builder.campaigns[c].segments[k]))
            }
        }
    }

    @Test func aChangedSegmentGetsItsNewID() throws {
        let builder = try #require(try Self.builders().first)
        let ids = SegmentIDs()
        let info = try #require(builder.campaigns.first { $0.segments.count > 1 })
        let s = info.segments[0]
        var variants: [(String, SegmentInfo)] = [(info.id, s), ("other-campaign-2027-01-01", s)]
        var g = s
        g.group = s.group + "-other"
        variants.append((info.id, g))
        var b = s
        b.bands = [AgeBand(index: (s.bands.first?.index ?? 0) == 18 ? 3 : 18)]
        variants.append((info.id, b))
        var e = s
        e.bands = []
        variants.append((info.id, e))
        var m = s
        m.withoutMobile.toggle()
        variants.append((info.id, m))
        variants.append((info.id, info.segments[1]))
        // The same index given each variant in turn, twice, and back to the first.
        for (campaignID, seg) in variants + variants + [variants[0]] {
            #expect(ids.id(campaign: 0, segment: 0, campaignID: campaignID, seg) == SegmentIDs.plain(campaignID: campaignID, seg))
            #expect(ids.id(campaign: 3, segment: 5, campaignID: campaignID, seg) == SegmentIDs.plain(campaignID: campaignID, seg))
        }
    }
}
