/// Windows longer than a quarter (issue 11, item 5): the allocation spends the window's total,
/// so without more one campaign could take several quarters' money at once (a £1,141 letter
/// against a £450 quarter). Before allocating, each campaign's texts or letters are kept within
/// the budget of the quarter its day starts in: its segments, 75+ ones needing direct contact
/// first, then the most weight per penny, are kept while they fit, and the rest cannot take the
/// channel. The scheduler then keeps each quarter's running total (`Scheduler.quarterBlock`).
extension PlanBuilder {
    func capToQuarterBudgets(_ segs: inout [AllocationProblem.Segment], budgets: [Int?]) {
        let limits = input.constraints.quarterLimits
        guard !limits.isEmpty else { return }
        let unaffordable = (budgets.compactMap { $0 }.max() ?? 0) + 1
        var byCampaign: [Int: [Int]] = [:]
        for (i, s) in segs.enumerated() { byCampaign[s.campaign, default: []].append(i) }
        for c in byCampaign.keys.sorted() {
            let start = max(campaigns[c].candidate.start, input.window.from)
            guard let limit = limits.first(where: { start >= $0.from && start < $0.to }) else { continue }
            for channel in [PlanChannel.sms, .letter] {
                guard let cap = limit.budget(channel) else { continue }
                let order = byCampaign[c]!.sorted { a, b in
                    let (x, y) = (segs[a], segs[b])
                    if x.needsDirect != y.needsDirect { return x.needsDirect }
                    let vx = x.weight / Double(max(1, x.cost[channel.order]))
                    let vy = y.weight / Double(max(1, y.cost[channel.order]))
                    return vx != vy ? vx > vy : a < b
                }
                var total = 0
                for i in order {
                    if total + segs[i].cost[channel.order] <= cap {
                        total += segs[i].cost[channel.order]
                    } else {
                        segs[i].cost[channel.order] = unaffordable
                    }
                }
            }
        }
    }
}
