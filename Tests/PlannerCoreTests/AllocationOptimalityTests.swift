import PlannerCore
import PlannerTestSupport
import Testing


/// Builds random allocation problems small enough to solve by enumeration.
enum AllocationInstances {
    static func make(seed: UInt64) -> AllocationProblem {
        var r = SplitMix64(seed: seed)
        let nCampaigns = r.int(1...3)
        let campaigns = (0..<nCampaigns).map { c -> AllocationProblem.Campaign in
            var set = ChannelSet()
            for ch in PlanChannel.allCases where r.chance(0.8) { set.insert(ChannelSet(ch)) }
            return .init(id: "c\(c)", available: set)
        }
        let nSegments = r.int(1...4)
        var segments: [AllocationProblem.Segment] = []
        for s in 0..<nSegments {
            let people = r.int(5...2000)
            let relevance = 0.1 + 0.9 * r.unit()
            let reach = (0..<4).map { _ in 0.05 + 0.9 * r.unit() }
            // Pence: an SMS of 2 fragments at 2.4p is about 5p a head, a letter about 73p.
            let sms = Int((Double(people) * (3 + 4 * r.unit())).rounded())
            let letter = Int((Double(people) * (50 + 50 * r.unit())).rounded())
            segments.append(
                .init(
                    id: "s\(s)", campaign: r.int(0...(nCampaigns - 1)), weight: relevance * Double(people),
                    reach: reach, cost: [sms, letter, 0, 0], needsDirect: r.chance(0.35)))
        }
        let smsTotal = segments.reduce(0) { $0 + $1.cost[0] }
        let letterTotal = segments.reduce(0) { $0 + $1.cost[1] }
        // Budgets from nothing to everything, so that they bind in most instances.
        return AllocationProblem(
            campaigns: campaigns, segments: segments,
            smsBudget: Int(Double(smsTotal) * r.unit() * 1.1), letterBudget: Int(Double(letterTotal) * r.unit() * 1.1))
    }
}

@Suite struct AllocationOptimalityTests {
    @Test func reachesTheEnumeratedOptimumOn200RandomInstances() {
        var ratios: [Double] = []
        var bindingBudgets = 0
        for seed in 1...200 {
            let p = AllocationInstances.make(seed: UInt64(seed) &* 7919)
            let (_, opt) = p.bruteForce()
            let choice = Allocator.solve(p)
            let v = p.evaluate(choice)
            // Constraints: allowed channels and budgets, at least two channels per running
            // campaign (a campaign that cannot run has none), and as many older segments given
            // SMS or a letter as the optimum manages.
            #expect(v.feasible, "seed \(seed): infeasible")
            for c in 0..<p.campaigns.count {
                let n = p.channels(of: c, in: choice).count
                #expect(n == 0 || n >= 2, "seed \(seed): campaign \(c) on \(n) channel(s)")
            }
            #expect(v.olderSegmentsServed == opt.olderSegmentsServed, "seed \(seed): 75+ rule")
            let ratio = opt.reach > 0 ? v.reach / opt.reach : (v.reach == 0 ? 1 : 0)
            ratios.append(ratio)
            #expect(ratio >= 0.95, "seed \(seed): ratio \(ratio)")
            if opt.spent[0] > 0 && p.budgets[0]! < p.segments.reduce(0, { $0 + $1.cost[0] }) { bindingBudgets += 1 }
        }
        #expect(ratios.count == 200)
        let mean = ratios.reduce(0, +) / Double(max(1, ratios.count))
        let minimum = ratios.min() ?? 0
        let exact = ratios.filter { $0 >= 1 - 1e-9 }.count
        print(
            "allocation optimality: 200 instances, mean ratio \(fmt(mean)), min ratio \(fmt(minimum)), "
                + "optimum reached in \(exact)/200, SMS budget binding in \(bindingBudgets)")
        #expect(mean >= 0.99)
        #expect(minimum >= 0.95)
    }

    @Test func theEnumerationItselfPrefersServingOlderSegments() {
        // One segment needing direct contact, a letter it can afford, broadcast channels free:
        // the optimum must use the letter even though broadcast alone reaches more per penny.
        let p = AllocationProblem(
            campaigns: [.init(id: "c", available: .all)],
            segments: [
                .init(
                    id: "s", campaign: 0, weight: 100, reach: [0.9, 0.95, 0.5, 0.2], cost: [0, 700, 0, 0],
                    needsDirect: true)
            ],
            smsBudget: 0, letterBudget: 700)
        let v = p.evaluate(Allocator.solve(p))
        #expect(v.olderSegmentsServed == 1)
        #expect(v.spent[1] == 700)
    }

    func fmt(_ x: Double) -> String { String(Int((x * 10000).rounded())).leftPadded() }
}

extension String {
    /// "9987" -> "0.9987", "10000" -> "1.0000" (ratios printed with four decimals).
    fileprivate func leftPadded() -> String {
        let digits = count < 5 ? String(repeating: "0", count: 5 - count) + self : self
        return "\(digits.dropLast(4)).\(digits.suffix(4))"
    }
}

@Suite struct AllocationLargerInstanceTests {
    /// Six segments over up to three campaigns. The reference fixes every campaign's
    /// broadcast set at "all allowed", which is optimal: website and social cost nothing,
    /// adding a channel never lowers a segment's reach (1 - prod(1 - r) only grows), never
    /// changes which older segments have SMS or a letter, and only helps a campaign reach two
    /// channels. So enumerating the direct sets alone (4^6 = 4096 choices) finds the optimum.
    @Test func sixSegmentInstancesAgainstEnumeration() {
        var ratios: [Double] = []
        for seed in 1...200 {
            var p = AllocationInstances.make(seed: UInt64(seed) &* 104_729 &+ 17)
            var r = SplitMix64(seed: UInt64(seed) &+ 99)
            while p.segments.count < 6 {
                var extra = p.segments[r.int(0...(p.segments.count - 1))]
                extra.id = "s\(p.segments.count)"
                extra.campaign = r.int(0...(p.campaigns.count - 1))
                extra.weight *= 0.5 + r.unit()
                extra.needsDirect = r.chance(0.35)
                p.segments.append(extra)
            }
            let broadcast = p.campaigns.map { $0.available.intersection(.broadcast) }
            let options = p.segments.map { p.campaigns[$0.campaign].available.intersection(.direct).subsets }
            var best: AllocationValue?
            forEachCombination(of: options) { direct in
                let v = p.evaluate(AllocationChoice(broadcast: broadcast, direct: direct))
                if v.feasible, best == nil || v.isBetter(than: best!) { best = v }
            }
            let v = p.evaluate(Allocator.solve(p))
            #expect(v.feasible)
            #expect(v.olderSegmentsServed == best!.olderSegmentsServed, "seed \(seed)")
            let ratio = best!.reach > 0 ? v.reach / best!.reach : 1
            #expect(ratio >= 0.95, "seed \(seed): \(ratio)")
            ratios.append(ratio)
        }
        #expect(ratios.count == 200)
        let mean = ratios.reduce(0, +) / Double(max(1, ratios.count))
        print(
            "allocation optimality (6 segments): 200 instances, mean ratio \(Int((mean * 10000).rounded())) / 10000, "
                + "min ratio \(Int(((ratios.min() ?? 0) * 10000).rounded())) / 10000, "
                + "optimum reached in \(ratios.filter { $0 >= 1 - 1e-9 }.count)/200")
        #expect(mean >= 0.99)
    }
}

@Suite struct AllocationScaleTests {
    /// Large instances cannot be enumerated, so the planner is compared with an upper bound:
    /// for any prices (per penny) on the two budgets, every segment taking its best set at
    /// those prices, plus the priced budgets, bounds the optimum (Lagrangian duality). The
    /// bound is minimised over the prices by nested ternary search (it is convex in them).
    /// No 75+ rule here (it would mix a large constant into the bound).
    @Test func largeInstancesAgainstALagrangianBound() {
        var ratios: [Double] = []
        for seed in 1...4 {
            var r = SplitMix64(seed: UInt64(seed) &* 31_337)
            let nc = 20 + r.int(0...20)
            let campaigns = (0..<nc).map { AllocationProblem.Campaign(id: "c\($0)", available: .all) }
            let segments = (0..<(150 + r.int(0...250))).map { s -> AllocationProblem.Segment in
                let people = r.int(5...1500)
                return .init(
                    id: "s\(s)", campaign: r.int(0...(nc - 1)), weight: (0.1 + 0.9 * r.unit()) * Double(people),
                    reach: (0..<4).map { _ in 0.05 + 0.9 * r.unit() },
                    cost: [Int(Double(people) * (3 + 4 * r.unit())), Int(Double(people) * (50 + 50 * r.unit())), 0, 0],
                    needsDirect: false)
            }
            let smsAll = segments.reduce(0) { $0 + $1.cost[0] }, letterAll = segments.reduce(0) { $0 + $1.cost[1] }
            let p = AllocationProblem(
                campaigns: campaigns, segments: segments, smsBudget: Int(Double(smsAll) * (0.1 + 0.4 * r.unit())),
                letterBudget: Int(Double(letterAll) * (0.05 + 0.3 * r.unit())))
            // Values of each direct set with every broadcast channel on.
            let values = segments.map { s in
                (0..<4).map { d in s.weight * AllocationProblem.unionReach(s.reach, ChannelSet(rawValue: d | 12)) }
            }
            func bound(_ ls: Double, _ ll: Double) -> Double {
                var total = ls * Double(p.budgets[0]!) + ll * Double(p.budgets[1]!)
                for (i, s) in segments.enumerated() {
                    var best = -Double.infinity
                    for d in 0..<4 {
                        let v = values[i][d] - ls * Double((d & 1) * s.cost[0]) - ll * Double((d >> 1) * s.cost[1])
                        best = max(best, v)
                    }
                    total += best
                }
                return total
            }
            func minOver(_ f: (Double) -> Double, _ hi: Double) -> Double {
                var a = 0.0, b = hi
                for _ in 0..<30 {
                    let m1 = a + (b - a) / 3, m2 = b - (b - a) / 3
                    if f(m1) <= f(m2) { b = m2 } else { a = m1 }
                }
                return f((a + b) / 2)
            }
            let upper = minOver({ ls in minOver({ ll in bound(ls, ll) }, 1) }, 1)
            let v = p.evaluate(Allocator.solve(p))
            #expect(v.feasible)
            let ratio = v.reach / upper
            #expect(ratio >= 0.97, "seed \(seed): \(ratio) with \(segments.count) segments")
            ratios.append(ratio)
        }
        print(
            "allocation at scale: 4 instances of 150-400 segments, reach / Lagrangian upper bound: min "
                + "\(Int(((ratios.min() ?? 0) * 10000).rounded())) / 10000, mean "
                + "\(Int((ratios.reduce(0, +) / Double(max(1, ratios.count)) * 10000).rounded())) / 10000")
    }
}
