import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// Issue 11: "no day of relevance >= 0.9 is left out while a day under 0.5 is in, unless its
/// warning names a binding constraint the test confirms by trying the swap".
///
/// The relevance scale changed since the issue was written (priority and uptake factors: the
/// top day of a quarter now scores about 0.65-0.85), so the rule is checked twice: with the
/// issue's own thresholds and with the same thresholds read as shares of the quarter's most
/// relevant day (high: at least 0.9 of it; low: under 0.5 of it), and once more with "high"
/// widened to 0.7 of the top day, so the swaps are really tried (2027: no pair meets the first
/// two; the third gives about 50 pairs a profile). For every such pair the test
/// tries the swap: it plans again with the low day skipped. The swap must not give a plan that
/// places the high day and more relevance in all (then the planner missed a better plan), and
/// the high day's warning must name what held it out.
@Suite struct ValuableDaysTests {
    /// Constraint phrases of the "not in the plan" warnings (`Scheduler.noDateFits`,
    /// `PlanBuilder` reasons): each names a limit that can bind.
    static let bindingPhrases = [
        "staff hours", "the weekly limit", "money", "budget", "contacted on", "contacts this quarter",
        "a bank holiday", "a quiet date", "a Saturday", "a Sunday", "appointments",
    ]

    struct Quarter {
        var plan: Plan
        var input: PlanningInput
        var relevance: [String: Double]
    }

    static func planned(_ profile: String, _ quarter: Int) throws -> Quarter {
        let path = TestPaths.packageRoot.appendingPathComponent("Profiles/\(profile).yaml").path
        let outcome = PlanningRun(profilePath: path, window: DateWindow(quarter: "2027-Q\(quarter)")!).run()
        let result = try #require(outcome.result)
        return Quarter(plan: result.plan, input: try #require(result.input), relevance: result.relevance)
    }

    /// Relevance of the campaigns a plan places, added up: what the planner's improvement pass maximises.
    static func placedRelevance(_ plan: Plan, _ relevance: [String: Double]) -> Double {
        Set(plan.items.map(\.campaign)).reduce(0) { $0 + (relevance[$1] ?? 0) }
    }

    /// Pairs (high day left out, low day in) under thresholds `high` and `low`, in a fixed order.
    static func pairs(_ q: Quarter, high: Double, low: Double) -> [(out: String, in: String)] {
        let placed = Set(q.plan.items.map(\.campaign))
        let outs = q.relevance.filter { $0.value >= high && !placed.contains($0.key) }.keys.sorted()
        let ins = q.relevance.filter { $0.value < low && placed.contains($0.key) }.keys.sorted()
        return outs.flatMap { o in ins.map { (o, $0) } }
    }

    @Test(arguments: ["coastal-older", "urban-young"])
    func aValuableDayIsLeftOutOnlyForAConstraintThatBinds(_ name: String) throws {
        var checked = 0
        for quarter in 1...4 {
            let q = try Self.planned(name, quarter)
            let top = q.relevance.values.max() ?? 0
            var seen = Set<String>()
            for (high, low) in [(0.9, 0.5), (0.9 * top, 0.5 * top), (0.7 * top, 0.5 * top)] {
                for pair in Self.pairs(q, high: high, low: low) where seen.insert(pair.out + "|" + pair.in).inserted {
                    checked += 1
                    let label = "\(name) Q\(quarter): \(pair.out) (\(q.relevance[pair.out]!)) out, \(pair.in) (\(q.relevance[pair.in]!)) in"
                    let warning = q.plan.warnings.first {
                        $0.code == .dayNotFitted && $0.campaignIDs.map(\.rawValue).contains(pair.out)
                    }
                    let message = try #require(warning, "\(label): no warning says why").message
                    #expect(Self.bindingPhrases.contains { message.contains($0) }, "\(label): \(message)")
                    let swapped = DecidedPlanner.plan(q.input, decisions: [ManagerDecision(.skip, id: pair.in)])
                    let gained = Self.placedRelevance(swapped, q.relevance) - Self.placedRelevance(q.plan, q.relevance)
                    let highIn = swapped.items.contains { $0.campaign == pair.out }
                    #expect(!(highIn && gained > 1e-9), "\(label): skipping the low day places it and gains \(gained)")
                }
            }
        }
        print("\(name): \(checked) pairs of a valuable day out and a minor day in, each tried as a swap")
    }
}

/// A campaign never has two items on one channel on the same day (World Down Syndrome Day, a
/// Sunday: its heads-up and its "on the day" post both landed on the Friday before).
@Suite struct OneItemADayTests {
    @Test(arguments: ["coastal-older", "urban-young"])
    func aCampaignPostsOnceADayOnEachChannel(_ name: String) throws {
        for quarter in 1...4 {
            let q = try ValuableDaysTests.planned(name, quarter)
            var seen = Set<String>()
            for item in q.plan.items {
                let key = "\(item.campaign) \(item.channel) \(item.date.iso)"
                #expect(seen.insert(key).inserted, "\(name) Q\(quarter): two items on \(key)")
            }
        }
    }

    /// "Confirm the date" is asked only of days the plan runs (Children's Mental Health Week,
    /// left out of urban Q1, was listed among the dates to confirm).
    @Test(arguments: ["coastal-older", "urban-young"])
    func onlyPlannedDaysHaveTheirDatesToConfirm(_ name: String) throws {
        var asked = 0
        for quarter in 1...4 {
            let q = try ValuableDaysTests.planned(name, quarter)
            let planned = Set(q.plan.items.map(\.campaign))
            for w in q.plan.warnings where w.code == .tentativeDate {
                asked += 1
                #expect(w.campaignIDs.contains { planned.contains($0.rawValue) }, "\(name) Q\(quarter): \(w.message)")
            }
        }
        #expect(asked > 0)
    }
}

/// A channel given up for a more valuable day (`PlanBuilder.makeRoom`) in the sample plans:
/// only the website or social media, by a campaign that still runs on two channels or more,
/// for a day the plan runs; and no campaign runs on fewer than two channels.
@Suite struct HoursGivenUpTests {
    @Test(arguments: ["coastal-older", "urban-young"])
    func aChannelIsGivenUpOnlyForADayThePlanRuns(_ name: String) throws {
        var given = 0
        for quarter in 1...4 {
            let q = try ValuableDaysTests.planned(name, quarter)
            var channels: [String: Set<PlanChannel>] = [:]
            for item in q.plan.items { channels[item.campaign, default: []].insert(item.channel) }
            for (id, set) in channels.sorted(by: { $0.key < $1.key }) {
                #expect(set.count >= 2, "\(name) Q\(quarter): \(id) runs on \(set.map(\.rawValue).sorted())")
            }
            let titles = Set(q.plan.items.map(\.title))
            for w in q.plan.warnings where w.message.contains("staff hours went to") {
                given += 1
                let label = "\(name) Q\(quarter): \(w.message)"
                #expect(w.code == .channelDropped, "\(label)")
                #expect(w.message.contains("has no website: ") || w.message.contains("has no social media: "), "\(label)")
                let named = w.message.components(separatedBy: "staff hours went to \"").last?
                    .components(separatedBy: "\"").first ?? ""
                #expect(titles.contains(named), "\(label)")
                let from = try #require(w.campaignIDs.first?.rawValue)
                #expect((channels[from]?.count ?? 0) >= 2, "\(label)")
            }
        }
        print("\(name): \(given) channels given up for a more valuable day over 2027")
    }
}
