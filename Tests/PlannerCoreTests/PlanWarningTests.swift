import PlannerCore
import Testing

private typealias F = PlanningFixtures

/// Typed warning codes and the ids each warning concerns (issue 9).
@Suite struct PlanWarningTests {
    @Test func codesKeepTheirPlanJSONSpelling() {
        #expect(PlanWarning.Code.dayNotFitted.rawValue == "day-not-fitted")
        #expect(PlanWarning.Code.olderGroupNoDirectContact.rawValue == "older-group-no-direct-contact")
        #expect(PlanWarning.Code.noBankHolidayData.rawValue == "no-bank-holiday-data")
        let raw = PlanWarning.Code.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { $0.allSatisfy { ("a"..."z").contains($0) || $0 == "-" } })
    }

    @Test func warningsWithTheSameTextAreOneWithTheirIdsMerged() throws {
        let a = try #require(CampaignID(rawValue: "a-day-2027-01-05"))
        let b = try #require(CampaignID(rawValue: "b-day-2027-01-06"))
        let item = ItemID(campaign: b, channel: .sms, number: 1)
        let listed = PlanWarning.listed([
            PlanWarning(code: .onlineOnly, message: "same", campaignIDs: [b]),
            PlanWarning(code: .budgetUsedUp, message: "other"),
            PlanWarning(code: .onlineOnly, message: "same", campaignIDs: [a, b], itemIDs: [item]),
        ])
        #expect(listed.map(\.code) == [.budgetUsedUp, .onlineOnly])
        #expect(listed[1].campaignIDs == [a, b])
        #expect(listed[1].itemIDs == [item])
    }

    @Test func decisionIdsAreReadAsItemsOrCampaigns() {
        let w = PlanWarning(
            code: .staleDecision, message: "m",
            concerning: ["world-kidney-day-2027-03-11-letter-9", "no-such-day-2027-01-01", "not an id"])
        #expect(w.campaignIDs.map(\.rawValue) == ["no-such-day-2027-01-01", "world-kidney-day-2027-03-11"])
        #expect(w.itemIDs.map(\.rawValue) == ["world-kidney-day-2027-03-11-letter-9"])
    }

    @Test func plannerWarningsNameTheirCampaignsAndItems() {
        var cands = F.candidates
        cands.append(
            F.candidate(
                "World Kidney Day", F.d(2027, 3, 11), days: 1, groups: ["diabetes"], relevance: 0.5, uid: "other-feed"))
        var input = F.input(candidates: cands)
        input.decisions = PlanningDecisions(move: ["world-kidney-day-2027-03-11-letter-9": F.d(2027, 3, 1)])
        let plan = QuarterPlanner.plan(input)
        let duplicate = plan.warnings.first { $0.code == .duplicateCampaign }
        #expect(duplicate?.campaignIDs.map(\.rawValue) == ["world-kidney-day-2027-03-11"])
        let tentative = plan.warnings.first { $0.code == .tentativeDate }
        #expect(tentative?.campaignIDs.map(\.rawValue) == ["world-copd-check-week-2027-02-22"])
        let stale = plan.warnings.first { $0.code == .staleDecision }
        #expect(stale?.itemIDs.map(\.rawValue) == ["world-kidney-day-2027-03-11-letter-9"])
        // Every id a warning names is a campaign or item of the input or of a decision.
        let known = Set(cands.map(\.campaignID))
        for w in plan.warnings where w.code != .staleDecision {
            for c in w.campaignIDs { #expect(known.contains(c.rawValue), "\(w.code) names \(c)") }
            let items = Set(plan.items.map(\.id))
            for i in w.itemIDs { #expect(items.contains(i.rawValue), "\(w.code) names \(i)") }
        }
    }
}
