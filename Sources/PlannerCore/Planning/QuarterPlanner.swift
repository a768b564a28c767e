/// Plans a quarter: picks the campaigns that fit, gives each a blend of channels and
/// places its items. Pure and deterministic: the same input (in any candidate order)
/// gives the same plan.
///
/// How it works:
/// 1. Candidates inside the window are de-duplicated by campaign id and ranked by
///    relevance (then start date, then id).
/// 2. The allocator chooses channels for every campaign under the quarter's budgets
///    (see `AllocationProblem`).
/// 3. The scheduler places items, most relevant campaign first. A channel that cannot be
///    placed is taken away from that campaign; a campaign left with fewer than two
///    channels is dropped. Then allocation runs again with the money that freed, until
///    every chosen channel has been placed. Each round removes at least one
///    (campaign, channel) pair, so this ends.
public enum QuarterPlanner {
    public static func plan(_ input: PlanningInput) -> Plan {
        var builder = PlanBuilder(input)
        return builder.run()
    }
}

/// One candidate turned into a campaign: sorted groups, the segments of its audience.
struct CampaignInfo {
    var id: String
    var candidate: PlanningCandidate
    var groups: [String]
    var services: [String]
    var segments: [SegmentInfo]
}

/// A group's people in one or more age bands that behave alike for every channel.
struct SegmentInfo {
    var group: String
    var bands: [String]
    var people: Int
    /// 75+ bands of a group over the older-share threshold: the rule asks for SMS or a letter.
    var needsDirect: Bool
    var isOlder: Bool
    /// Per channel (`PlanChannel.order`): probability a person is reached.
    var reach: [Double]
    /// Recipients per direct channel (sms, letter); 0 for the others.
    var recipients: [Int]
    var cost: [Int]
    /// People-weighted share not online (1 - website reach before coverage).
    var offline: Double
}

struct PlanBuilder {
    let input: PlanningInput
    let calendar: SendingCalendar
    var warnings: [PlanWarning] = []
    var campaigns: [CampaignInfo] = []

    init(_ input: PlanningInput) {
        self.input = input
        self.calendar = SendingCalendar(nonSendingDates: input.constraints.nonSendingDates)
    }

    // MARK: - Candidates

    mutating func prepareCampaigns() {
        let w = input.window
        // Days outside the window, or with no relevance at all, are not candidates.
        let inWindow = input.candidates.filter { c in
            let end = max(c.end, c.start.adding(days: 1))
            return c.start < w.to && end > w.from && c.relevance > 0
        }
        // Ids computed once (slugs fold accents, so they are not free).
        var withID = inWindow.map { ($0.campaignID, $0) }
        // Same campaign id twice (the same day from two feeds): keep the most relevant.
        withID.sort { x, y in
            let (ia, a) = x
            let (ib, b) = y
            if ia != ib { return ia < ib }
            if a.relevance != b.relevance { return a.relevance > b.relevance }
            return PlanBuilder.tieKey(a) < PlanBuilder.tieKey(b)
        }
        var kept: [(id: String, c: PlanningCandidate)] = []
        for (id, c) in withID {
            if let last = kept.last, last.id == id {
                warnings.append(
                    PlanWarning(
                        code: "duplicate-campaign",
                        message: "\"\(c.campaignTitle)\" starting \(c.start.iso) appears more than once; "
                            + "kept the entry from \(last.c.sourceUid) and ignored \(c.sourceUid)."))
                continue
            }
            kept.append((id, c))
        }
        let decisions = input.decisions
        let known = Set(kept.map(\.id))
        for id in Set(decisions.skip).union(decisions.pin).subtracting(known).sorted() {
            let kind = decisions.skip.contains(id) ? "skip" : "pin"
            warnings.append(
                PlanWarning(
                    code: "stale-decision",
                    message: "decision \(kind) \(id) matches no awareness day in this window; it was not applied."))
        }
        let skipped = Set(decisions.skip)
        kept.removeAll { skipped.contains($0.id) }
        let pinned = Set(decisions.pin)
        kept.sort { x, y in
            let pa = pinned.contains(x.id)
            let pb = pinned.contains(y.id)
            if pa != pb { return pa }
            if x.c.relevance != y.c.relevance { return x.c.relevance > y.c.relevance }
            if x.c.start != y.c.start { return x.c.start < y.c.start }
            return x.id < y.id
        }
        campaigns = kept.map { makeCampaign($0.c, id: $0.id) }
        for (_, c) in kept where c.tentative {
            warnings.append(
                PlanWarning(
                    code: "tentative-date",
                    message: "\"\(c.campaignTitle)\" on \(c.start.iso) is marked tentative in the feed; "
                        + "confirm the date before its prep tasks start."))
        }
        let counted = Set(input.groupBands.keys)
        for g in Set(kept.flatMap(\.c.groups)).subtracting(counted).sorted() {
            warnings.append(
                PlanWarning(
                    code: "group-without-counts",
                    message: "group \"\(g)\" has no age-band counts, so its SMS and letter recipients "
                        + "and its reach cannot be estimated."))
        }
    }

    /// Everything else about a candidate, for a total order between exact duplicates.
    static func tieKey(_ c: PlanningCandidate) -> String {
        [
            c.sourceUid, c.end.iso, c.groups.joined(separator: ","), c.services.joined(separator: ","),
            c.tentative ? "1" : "0", c.why.joined(separator: "\n"),
        ].joined(separator: "\u{1}")
    }

    func makeCampaign(_ c: PlanningCandidate, id: String) -> CampaignInfo {
        let groups = Array(Set(c.groups)).sorted()
        let services = Array(Set(c.services)).sorted()
        let ch = input.channels
        let threshold = input.constraints.olderShareForDirectContact
        let smsMilli = ch.smsMilliPencePerMessage
        let letterMilli = ch.letterMilliPence
        var segments: [SegmentInfo] = []
        for g in groups {
            let bands = (input.groupBands[g] ?? []).filter { $0.people > 0 }.sorted {
                (AgeBandCount.lowerAge(of: $0.band), $0.band) < (AgeBandCount.lowerAge(of: $1.band), $1.band)
            }
            let groupIsOlder = input.over75Share(of: g) > threshold
            // Bands with the same reach on every channel and the same rule status merge.
            var order: [[Double]] = []
            var merged:
                [[Double]: (bands: [String], people: Int, sms: Int, letter: Int, offline: Double, older: Bool)] = [:]
            for b in bands {
                let older = AgeBandCount.lowerAge(of: b.band) >= 75
                let reach = [
                    ch.smsCoverage * ch.reach.reach(.sms, band: b.band),
                    ch.letterCoverage * ch.reach.reach(.letter, band: b.band),
                    ch.websiteCoverage * ch.reach.reach(.website, band: b.band),
                    ch.socialCoverage * ch.reach.reach(.social, band: b.band),
                ]
                let key = reach + [older ? 1 : 0]
                let sms = Int((Double(b.people) * ch.smsCoverage).rounded())
                let letter = Int((Double(b.people) * ch.letterCoverage).rounded())
                let offline = ch.reach.offlineShare(band: b.band) * Double(b.people)
                if var m = merged[key] {
                    m.bands.append(b.band)
                    m.people += b.people
                    m.sms += sms
                    m.letter += letter
                    m.offline += offline
                    merged[key] = m
                } else {
                    order.append(key)
                    merged[key] = ([b.band], b.people, sms, letter, offline, older)
                }
            }
            for key in order {
                let m = merged[key]!
                segments.append(
                    SegmentInfo(
                        group: g, bands: m.bands, people: m.people, needsDirect: m.older && groupIsOlder,
                        isOlder: m.older, reach: Array(key.prefix(4)), recipients: [m.sms, m.letter, 0, 0],
                        cost: [(m.sms * smsMilli + 999) / 1000, (m.letter * letterMilli + 999) / 1000, 0, 0],
                        offline: m.people > 0 ? m.offline / Double(m.people) : 0))
            }
        }
        return CampaignInfo(id: id, candidate: c, groups: groups, services: services, segments: segments)
    }

    // MARK: - Allocation and scheduling rounds

    var baseChannels: ChannelSet {
        let ch = input.channels
        var set = ChannelSet()
        if ch.smsBudgetPence > 0 && ch.smsCoverage > 0 { set.insert(.sms) }
        if ch.letterBudgetPence > 0 && ch.letterCoverage > 0 { set.insert(.letter) }
        if ch.websiteCoverage > 0 { set.insert(.website) }
        if ch.socialCoverage > 0 { set.insert(.social) }
        return set
    }

    func problem(forbidden: [Int: ChannelSet], dropped: Set<Int>) -> (AllocationProblem, [(Int, Int)]) {
        var camps: [AllocationProblem.Campaign] = []
        var segs: [AllocationProblem.Segment] = []
        var segIndex: [(Int, Int)] = []
        for (c, info) in campaigns.enumerated() {
            let avail = dropped.contains(c) ? ChannelSet() : baseChannels.subtracting(forbidden[c] ?? [])
            camps.append(.init(id: info.id, available: avail))
            for (k, s) in info.segments.enumerated() {
                segs.append(
                    .init(
                        id: "\(info.id)|\(s.group)|\(s.bands.first ?? "")", campaign: c,
                        weight: info.candidate.relevance * Double(s.people), reach: s.reach, cost: s.cost,
                        needsDirect: s.needsDirect))
                segIndex.append((c, k))
            }
        }
        return (
            AllocationProblem(
                campaigns: camps, segments: segs, smsBudget: input.channels.smsBudgetPence,
                letterBudget: input.channels.letterBudgetPence), segIndex
        )
    }

    mutating func run() -> Plan {
        prepareCampaigns()
        var forbidden: [Int: ChannelSet] = [:]
        var forbiddenWhy: [Int: [PlanChannel: String]] = [:]
        var dropped: Set<Int> = []
        var droppedWhy: [Int: String] = [:]
        var tinyBatches: [Int: [PlanChannel: Int]] = [:]
        var result: (AllocationProblem, [(Int, Int)], AllocationChoice, Scheduler)
        var rounds = 0
        var previous: AllocationChoice?
        while true {
            rounds += 1
            let (problem, segIndex) = problem(forbidden: forbidden, dropped: dropped)
            let choice = Allocator.solve(problem, hint: previous)
            previous = choice
            // Tiny batches cost a full item of staff time for a handful of people: leave them
            // out (unless they serve the 75+ rule) and let the money go elsewhere.
            var tiny: [(Int, PlanChannel, Int)] = []
            for c in 0..<campaigns.count where !dropped.contains(c) {
                for ch in [PlanChannel.sms, .letter] {
                    var people = 0
                    var older = false
                    for (i, (cc, k)) in segIndex.enumerated() where cc == c && choice.direct[i].has(ch) {
                        people += campaigns[c].segments[k].recipients[ch.order]
                        older = older || campaigns[c].segments[k].needsDirect
                    }
                    if people > 0 && people < input.constraints.minRecipientsPerBatch && !older {
                        tiny.append((c, ch, people))
                    }
                }
            }
            if !tiny.isEmpty && rounds <= campaigns.count * PlanChannel.allCases.count {
                for (c, ch, people) in tiny {
                    forbidden[c, default: []].insert(ChannelSet(ch))
                    tinyBatches[c, default: [:]][ch] = people
                }
                continue
            }
            var scheduler = Scheduler(
                window: input.window, calendar: calendar, constraints: input.constraints, effort: input.effort)
            for (c, info) in campaigns.enumerated() where !dropped.contains(c) {
                let set = problem.channels(of: c, in: choice)
                if set.count < 2 { continue }
                var channels: [(PlanChannel, [String])] = []
                for ch in set.channels {
                    if ch.isDirect {
                        var groups = Set<String>()
                        for (i, (cc, k)) in segIndex.enumerated() where cc == c && choice.direct[i].has(ch) {
                            groups.insert(info.segments[k].group)
                        }
                        channels.append((ch, groups.sorted()))
                    } else {
                        channels.append((ch, info.groups))
                    }
                }
                // A day that began before the window is planned from the window's first day
                // (its id keeps the real start).
                let start = max(info.candidate.start, input.window.from)
                scheduler.schedule(
                    .init(
                        index: c, id: info.id, title: info.candidate.campaignTitle, start: start,
                        end: max(info.candidate.end, start.adding(days: 1)), channels: channels),
                    moves: input.decisions.move)
            }
            result = (problem, segIndex, choice, scheduler)
            if scheduler.failures.isEmpty { break }
            for f in scheduler.failures {
                forbidden[f.campaign, default: []].insert(ChannelSet(f.channel))
                forbiddenWhy[f.campaign, default: [:]][f.channel] = f.reason
                let left = baseChannels.subtracting(forbidden[f.campaign]!)
                if left.count < 2 && !dropped.contains(f.campaign) {
                    dropped.insert(f.campaign)
                    let reasons = forbiddenWhy[f.campaign]!.keys.sorted().map {
                        "\($0.displayName): \(forbiddenWhy[f.campaign]![$0]!)"
                    }
                    droppedWhy[f.campaign] = reasons.joined(separator: "; ")
                }
            }
            // Safety net: rounds are bounded by campaigns x channels; never loop forever.
            if rounds > campaigns.count * PlanChannel.allCases.count + 1 { break }
        }
        return assemble(
            problem: result.0, segIndex: result.1, choice: result.2, scheduler: result.3, forbiddenWhy: forbiddenWhy,
            dropped: dropped, droppedWhy: droppedWhy, tinyBatches: tinyBatches)
    }
}
