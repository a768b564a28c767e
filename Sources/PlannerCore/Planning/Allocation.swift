/// A set of channels, as a bit set in `PlanChannel.order` order.
public struct ChannelSet: OptionSet, Sendable, Hashable, Codable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let sms = ChannelSet(rawValue: PlanChannel.sms.bit)
    public static let letter = ChannelSet(rawValue: PlanChannel.letter.bit)
    public static let website = ChannelSet(rawValue: PlanChannel.website.bit)
    public static let social = ChannelSet(rawValue: PlanChannel.social.bit)
    public static let direct: ChannelSet = [.sms, .letter]
    public static let broadcast: ChannelSet = [.website, .social]
    public static let all: ChannelSet = [.sms, .letter, .website, .social]

    public init(_ channel: PlanChannel) { self.init(rawValue: channel.bit) }
    public init(_ channels: [PlanChannel]) { self.init(rawValue: channels.reduce(0) { $0 | $1.bit }) }

    /// The members in fixed channel order.
    public var channels: [PlanChannel] { PlanChannel.allCases.filter { rawValue & $0.bit != 0 } }
    public var count: Int { rawValue.nonzeroBitCount }
    public func has(_ c: PlanChannel) -> Bool { rawValue & c.bit != 0 }

    /// Every subset of `self`, in increasing raw value (a fixed order).
    public var subsets: [ChannelSet] {
        (0...rawValue).filter { $0 & ~rawValue == 0 }.map { ChannelSet(rawValue: $0) }
    }
}

/// The channel-allocation problem, stripped to numbers so it can be checked by enumeration.
///
/// Each campaign chooses broadcast channels (website, social: free, everyone in its groups
/// can see them) and, for each of its segments (a group's people in one age band, or
/// several bands that behave alike), a set of direct channels (SMS, letter: paid per
/// recipient). A campaign runs only on at least two channels in all. The objective, in
/// order: first the number of "older" segments (groups over the 75+ threshold, their 75+
/// bands) that get a direct channel, then the relevance-weighted expected unique reach:
/// for a segment reached by channels C, `weight * (1 - prod over C of (1 - reach_c))`.
/// Money per direct channel may not exceed its budget.
public struct AllocationProblem: Sendable, Hashable {
    public struct Campaign: Sendable, Hashable {
        public var id: String
        /// Channels this campaign may use (settings and earlier scheduling failures remove some).
        public var available: ChannelSet
        public init(id: String, available: ChannelSet) {
            self.id = id
            self.available = available
        }
    }

    public struct Segment: Sendable, Hashable {
        /// Unique id, used for deterministic tie breaks.
        public var id: String
        /// Index into `campaigns`.
        public var campaign: Int
        /// Relevance times people.
        public var weight: Double
        /// Probability that a person is reached, per channel (indexed by `PlanChannel.order`).
        public var reach: [Double]
        /// Cost in pence of using each channel for this segment (0 for website and social).
        public var cost: [Int]
        /// The 75+ rule applies: this segment should get SMS or a letter.
        public var needsDirect: Bool

        public init(id: String, campaign: Int, weight: Double, reach: [Double], cost: [Int], needsDirect: Bool) {
            precondition(reach.count == 4 && cost.count == 4, "one value per channel")
            self.id = id
            self.campaign = campaign
            self.weight = weight
            self.reach = reach
            self.cost = cost
            self.needsDirect = needsDirect
        }
    }

    public var campaigns: [Campaign]
    public var segments: [Segment]
    /// Budget in pence per channel, indexed by `PlanChannel.order` (nil: no money involved).
    public var budgets: [Int?]

    public init(campaigns: [Campaign], segments: [Segment], smsBudget: Int, letterBudget: Int) {
        self.campaigns = campaigns
        self.segments = segments
        self.budgets = [smsBudget, letterBudget, nil, nil]
    }
}

/// A choice of channels for every campaign and segment, with its value.
public struct AllocationChoice: Sendable, Hashable {
    /// Broadcast channels per campaign.
    public var broadcast: [ChannelSet]
    /// Direct channels per segment.
    public var direct: [ChannelSet]

    public init(broadcast: [ChannelSet], direct: [ChannelSet]) {
        self.broadcast = broadcast
        self.direct = direct
    }
}

/// The measured value of a choice.
public struct AllocationValue: Sendable, Hashable {
    /// Older segments given SMS or a letter (in campaigns that run).
    public var olderSegmentsServed: Int
    /// Relevance-weighted expected unique reach.
    public var reach: Double
    /// Pence spent per channel (`PlanChannel.order`).
    public var spent: [Int]
    /// Campaigns that run (at least two channels).
    public var running: [Bool]
    /// Every channel allowed, money within budget.
    public var feasible: Bool

    /// True when `self` is strictly better than `other` (older segments first, then reach).
    public func isBetter(than other: AllocationValue, tolerance: Double = 1e-9) -> Bool {
        if olderSegmentsServed != other.olderSegmentsServed { return olderSegmentsServed > other.olderSegmentsServed }
        return reach > other.reach + tolerance * max(1, abs(other.reach))
    }
}

extension AllocationProblem {
    /// The channels campaign `c` uses under `choice`.
    public func channels(of c: Int, in choice: AllocationChoice) -> ChannelSet {
        var set = choice.broadcast[c]
        for (i, s) in segments.enumerated() where s.campaign == c { set.formUnion(choice.direct[i]) }
        return set
    }

    /// The value of `choice`, computed from scratch (the reference the tests use).
    public func evaluate(_ choice: AllocationChoice) -> AllocationValue {
        var spent = [0, 0, 0, 0]
        var feasible = true
        var used = choice.broadcast
        for (c, camp) in campaigns.enumerated() {
            if !choice.broadcast[c].isSubset(of: camp.available.intersection(.broadcast)) { feasible = false }
        }
        for (i, s) in segments.enumerated() {
            let d = choice.direct[i]
            if !d.isSubset(of: campaigns[s.campaign].available.intersection(.direct)) { feasible = false }
            used[s.campaign].formUnion(d)
            for ch in d.channels { spent[ch.order] += s.cost[ch.order] }
        }
        for ch in PlanChannel.allCases { if let b = budgets[ch.order], spent[ch.order] > b { feasible = false } }
        let running = used.map { $0.count >= 2 }
        var reach = 0.0
        var older = 0
        for (i, s) in segments.enumerated() where running[s.campaign] {
            let set = choice.broadcast[s.campaign].union(choice.direct[i])
            reach += s.weight * AllocationProblem.unionReach(s.reach, set)
            if s.needsDirect && !choice.direct[i].isEmpty { older += 1 }
        }
        return AllocationValue(olderSegmentsServed: older, reach: reach, spent: spent, running: running, feasible: feasible)
    }

    /// `1 - prod(1 - reach_c)` over the channels in `set`.
    public static func unionReach(_ reach: [Double], _ set: ChannelSet) -> Double {
        var miss = 1.0
        for ch in PlanChannel.allCases where set.has(ch) { miss *= 1 - reach[ch.order] }
        return 1 - miss
    }
}

/// Solves `AllocationProblem` by greedy construction (several scoring rules) followed by
/// local search with single and paired changes; keeps the best result. Deterministic: every
/// loop runs in index order and ties keep the earlier candidate.
public enum Allocator {
    public static func solve(_ problem: AllocationProblem) -> AllocationChoice {
        var best: (AllocationChoice, AllocationValue)?
        for rule in GreedyRule.allCases {
            var state = SearchState(problem)
            state.greedy(rule)
            state.localSearch()
            let choice = state.cleanedChoice()
            let value = problem.evaluate(choice)
            if best == nil || value.isBetter(than: best!.1) { best = (choice, value) }
        }
        return best!.0
    }

    enum GreedyRule: CaseIterable {
        /// Marginal value per penny.
        case perPenny
        /// Marginal value per share of the channel's budget.
        case perBudgetShare
        /// Largest marginal value first.
        case largestGain
    }
}

/// Incremental evaluation of a choice: applying a change to one segment costs O(1).
struct SearchState {
    let p: AllocationProblem
    var broadcast: [ChannelSet]
    var direct: [ChannelSet]
    /// Per campaign, per direct channel: how many segments use it.
    var useCount: [[Int]]
    /// Per campaign: the sum of its segment terms if it runs.
    var campaignTerm: [Double]
    var spent: [Int]
    /// Scalar objective: bigM * older segments served + reach, over running campaigns.
    var total: Double = 0
    let bigM: Double
    let eps: Double
    let segmentsOf: [[Int]]

    init(_ problem: AllocationProblem) {
        p = problem
        let nc = problem.campaigns.count
        direct = Array(repeating: [], count: problem.segments.count)
        useCount = Array(repeating: [0, 0], count: nc)
        campaignTerm = Array(repeating: 0, count: nc)
        spent = [0, 0, 0, 0]
        let weights = problem.segments.reduce(0.0) { $0 + max(0, $1.weight) }
        bigM = weights + 1
        eps = 1e-9 * (weights + 1)
        var segs = Array(repeating: [Int](), count: nc)
        for (i, s) in problem.segments.enumerated() { segs[s.campaign].append(i) }
        segmentsOf = segs
        // Broadcast channels are free and never lower reach: start with all that are allowed.
        broadcast = problem.campaigns.map { $0.available.intersection(.broadcast) }
        for c in 0..<nc { campaignTerm[c] = segs[c].reduce(0) { $0 + term($1, direct: []) } }
        total = (0..<nc).reduce(0) { $0 + contribution($1) }
    }

    func term(_ s: Int, direct d: ChannelSet) -> Double {
        let seg = p.segments[s]
        let set = broadcast[seg.campaign].union(d)
        let older = seg.needsDirect && !d.isEmpty ? bigM : 0
        return older + seg.weight * AllocationProblem.unionReach(seg.reach, set)
    }

    func channelCount(_ c: Int) -> Int {
        broadcast[c].count + (useCount[c][0] > 0 ? 1 : 0) + (useCount[c][1] > 0 ? 1 : 0)
    }

    func contribution(_ c: Int) -> Double { channelCount(c) >= 2 ? campaignTerm[c] : 0 }

    var feasible: Bool {
        for i in 0..<2 { if let b = p.budgets[i], spent[i] > b { return false } }
        return true
    }

    /// Sets segment `s`'s direct channels to `d`, keeping every sum current.
    mutating func set(_ s: Int, _ d: ChannelSet) {
        let old = direct[s]
        if old == d { return }
        let seg = p.segments[s]
        let c = seg.campaign
        total -= contribution(c)
        campaignTerm[c] += term(s, direct: d) - term(s, direct: old)
        for ch in [PlanChannel.sms, .letter] {
            let was = old.has(ch), now = d.has(ch)
            if was != now {
                useCount[c][ch.order] += now ? 1 : -1
                spent[ch.order] += (now ? 1 : -1) * seg.cost[ch.order]
            }
        }
        direct[s] = d
        total += contribution(c)
    }

    /// Sets campaign `c`'s broadcast channels (recomputes its segment terms).
    mutating func setBroadcast(_ c: Int, _ b: ChannelSet) {
        total -= contribution(c)
        broadcast[c] = b
        campaignTerm[c] = segmentsOf[c].reduce(0) { $0 + term($1, direct: direct[$1]) }
        total += contribution(c)
    }

    func allowedDirect(_ s: Int) -> ChannelSet {
        p.campaigns[p.segments[s].campaign].available.intersection(.direct)
    }

    /// Adds direct channels one step at a time, best score first, while money allows.
    mutating func greedy(_ rule: Allocator.GreedyRule) {
        while true {
            var best: (score: Double, s: Int, d: ChannelSet)?
            for s in 0..<p.segments.count {
                let cur = direct[s]
                for d in allowedDirect(s).subsets where d.isStrictSuperset(of: cur) {
                    let before = total
                    set(s, d)
                    let gain = total - before
                    let ok = feasible
                    set(s, cur)
                    guard ok, gain > eps else { continue }
                    let added = d.subtracting(cur).channels
                    let score: Double
                    switch rule {
                    case .largestGain:
                        score = gain
                    case .perPenny:
                        let pence = added.reduce(0) { $0 + p.segments[s].cost[$1.order] }
                        score = gain / Double(max(pence, 0) + 1)
                    case .perBudgetShare:
                        let share = added.reduce(0.0) {
                            $0 + Double(p.segments[s].cost[$1.order]) / Double(max(1, p.budgets[$1.order] ?? 1))
                        }
                        score = gain / (share + 1e-9)
                    }
                    if best == nil || score > best!.score { best = (score, s, d) }
                }
            }
            guard let b = best else { return }
            set(b.s, b.d)
        }
    }

    /// First-improvement local search: single changes (one segment's direct set, one
    /// campaign's broadcast set), then paired changes (two segments at once, which lets
    /// money move from one segment to another). Stops at a local optimum.
    mutating func localSearch(maxPasses: Int = 100) {
        var passes = 0
        while passes < maxPasses {
            passes += 1
            if singleMoves() { continue }
            if repairMoves() { continue }
            if pairMoves() { continue }
            return
        }
    }

    mutating func singleMoves() -> Bool {
        var improved = false
        for s in 0..<p.segments.count {
            let cur = direct[s]
            for d in allowedDirect(s).subsets where d != direct[s] {
                let before = total, keep = direct[s]
                set(s, d)
                if feasible && total > before + eps { improved = true } else { set(s, keep) }
            }
            _ = cur
        }
        for c in 0..<p.campaigns.count {
            for b in p.campaigns[c].available.intersection(.broadcast).subsets where b != broadcast[c] {
                let before = total, keep = broadcast[c]
                setBroadcast(c, b)
                if feasible && total > before + eps { improved = true } else { setBroadcast(c, keep) }
            }
        }
        return improved
    }

    /// Changes one segment even when that overspends a budget, then repairs the budget by
    /// taking the paid channel away from other segments, cheapest loss per penny first (an
    /// ejection chain). Kept only when the whole chain improves the objective.
    mutating func repairMoves() -> Bool {
        let n = p.segments.count
        for s in 0..<n {
            let cur = direct[s]
            for d in allowedDirect(s).subsets where d != cur {
                let before = total
                var undo: [(Int, ChannelSet)] = [(s, cur)]
                set(s, d)
                var repaired = true
                while !feasible {
                    var best: (loss: Double, t: Int, d: ChannelSet)?
                    for i in 0..<2 {
                        guard let b = p.budgets[i], spent[i] > b else { continue }
                        let ch = PlanChannel.allCases[i]
                        for t in 0..<n where t != s && direct[t].has(ch) {
                            let keep = direct[t], smaller = keep.subtracting(ChannelSet(ch))
                            let t0 = total
                            set(t, smaller)
                            let loss = (t0 - total) / Double(max(1, p.segments[t].cost[i]))
                            set(t, keep)
                            if best == nil || loss < best!.loss { best = (loss, t, smaller) }
                        }
                    }
                    guard let b = best else {
                        repaired = false
                        break
                    }
                    undo.append((b.t, direct[b.t]))
                    set(b.t, b.d)
                }
                if repaired && total > before + eps { return true }
                for (t, old) in undo.reversed() { set(t, old) }
            }
        }
        return false
    }

    mutating func pairMoves() -> Bool {
        let n = p.segments.count
        for s1 in 0..<n {
            let cur1 = direct[s1]
            for d1 in allowedDirect(s1).subsets where d1 != cur1 {
                let before = total
                set(s1, d1)
                for s2 in 0..<n where s2 != s1 {
                    let cur2 = direct[s2]
                    for d2 in allowedDirect(s2).subsets where d2 != cur2 {
                        set(s2, d2)
                        if feasible && total > before + eps { return true }
                        set(s2, cur2)
                    }
                }
                set(s1, cur1)
            }
        }
        return false
    }

    /// The choice with campaigns that cannot run (fewer than two channels) emptied.
    func cleanedChoice() -> AllocationChoice {
        var b = broadcast, d = direct
        for c in 0..<p.campaigns.count where channelCount(c) < 2 {
            b[c] = []
            for s in segmentsOf[c] { d[s] = [] }
        }
        return AllocationChoice(broadcast: b, direct: d)
    }
}
