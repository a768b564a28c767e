import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// The allocator against enumeration on instances taken from the sample practices planned for
/// people (issue 10: the optimality test still holds with the new reach model). Each instance is
/// two neighbouring campaigns of a real quarter's first allocation problem (their segments'
/// distinct people, priorities and costs as planned), with budgets from a fixed seed.
@Suite struct PeopleAllocationOptimalityTests {
    @Test func allocatorReachesTheOptimumOnPeopleInstances() throws {
        var rng = SplitMix64(seed: 1010)
        var ratios: [Double] = []
        var olderMisses = 0
        for profile in ["coastal-older", "urban-young"] {
            for quarter in ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"] {
                let path = TestPaths.packageRoot.appendingPathComponent("Profiles/\(profile).yaml").path
                let outcome = PlanningRun(profilePath: path, window: DateWindow(quarter: quarter)!).run()
                let result = try #require(outcome.result)
                let input = try #require(result.input)
                #expect(input.people != nil)
                let full = QuarterPlanner.allocationProblem(input)
                for c in stride(from: 0, to: full.campaigns.count - 1, by: 1) {
                    let segs = full.segments.filter { $0.campaign == c || $0.campaign == c + 1 }
                    guard segs.count >= 2, segs.count <= 6,
                        !full.campaigns[c].available.intersection(.direct).isEmpty
                    else { continue }
                    let sub = segs.map { s -> AllocationProblem.Segment in
                        var s = s
                        s.campaign -= c
                        return s
                    }
                    let smsTotal = sub.reduce(0) { $0 + $1.cost[0] }
                    let letterTotal = sub.reduce(0) { $0 + $1.cost[1] }
                    let p = AllocationProblem(
                        campaigns: [full.campaigns[c], full.campaigns[c + 1]], segments: sub,
                        smsBudget: Int(Double(smsTotal) * rng.unit()), letterBudget: Int(Double(letterTotal) * rng.unit()))
                    let best = p.bruteForce().1
                    let got = p.evaluate(Allocator.solve(p))
                    #expect(got.feasible)
                    if got.olderSegmentsServed < best.olderSegmentsServed { olderMisses += 1 }
                    ratios.append(best.reach > 0 ? got.reach / best.reach : 1)
                }
            }
        }
        let atOptimum = ratios.filter { $0 >= 1 - 1e-9 }.count
        let mean = ratios.reduce(0, +) / Double(max(1, ratios.count))
        print(
            "people instances: \(ratios.count), at the optimum \(atOptimum), worst \(ratios.min() ?? 1), mean \(mean), "
                + "older-rule misses \(olderMisses)")
        #expect(ratios.count >= 20)
        #expect(olderMisses == 0)
        #expect((ratios.min() ?? 1) >= 0.95)
    }
}
