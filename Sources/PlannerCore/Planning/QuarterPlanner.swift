import Foundation  // NSLock, for the segment ids kept between rounds

/// Plans a quarter: picks the campaigns that fit, gives each a blend of channels and
/// places its items. Pure and deterministic: the same input (in any candidate order)
/// gives the same plan.
///
/// How it works:
/// 1. Candidates inside the window are de-duplicated by campaign id and ranked by
///    relevance (then start date, then id).
/// 2. The allocator chooses channels for every campaign under the quarter's budgets
///    (see `AllocationProblem`).
/// 3. The scheduler places items, most relevant campaign first (optional reminders after
///    every campaign's required items). A channel that cannot be placed is taken away from
///    that campaign; a campaign left with fewer than two channels is dropped. Then allocation runs again with the money that freed, until
///    every chosen channel has been placed. Each round removes at least one
///    (campaign, channel) pair, so this ends.
/// 4. An improvement pass gives each dropped day, most relevant first, another chance:
///    rounds remember every channel that once failed, so a day dropped early may fit once
///    the days that blocked it changed, or by pushing out less relevant days, or (when staff
///    hours held it out) on hours given up by placed days' third or fourth channels. A change
///    is kept only when the plan then places more relevance in all (`improve`, `makeRoom`).
public enum QuarterPlanner {
    public static func plan(_ input: PlanningInput) -> Plan {
        var builder = PlanBuilder(input)
        return builder.run()
    }

    /// The channel-allocation problem of the first round (days without an offered action
    /// already kept off texts and letters), for measuring the allocator on real instances.
    public static func allocationProblem(_ input: PlanningInput) -> AllocationProblem {
        var builder = PlanBuilder(input)
        builder.prepareCampaigns()
        var forbidden: [Int: ChannelSet] = [:]
        if input.people != nil {
            for (c, info) in builder.campaigns.enumerated() where info.candidate.audience != nil && info.candidate.action == nil {
                forbidden[c] = .direct
            }
        }
        return builder.problem(forbidden: forbidden, dropped: []).0
    }
}

/// One candidate turned into a campaign: sorted groups, the segments of its audience.
struct CampaignInfo {
    var id: String
    var candidate: PlanningCandidate
    var groups: [String]
    var services: [String]
    var segments: [SegmentInfo]
    /// The campaign's place in the queue for the quarter's scarce things (`PlanBuilder.priority`).
    var priority: Double = 0
    /// Direct channels whose texts or letters a clinic's weekly capacity limits: the most
    /// people their waves can invite in the plan (`WavePlan.limit`).
    var capacityLimits: [PlanChannel: Int] = [:]
    /// The segments before any capacity cut (nil when no capacity limits the campaign).
    var uncutSegments: [SegmentInfo]? = nil
}

/// The ids of the allocation problem's segments, kept from one round to the next: the id of
/// segment `k` of campaign `c` is made again only when what it is made of (the campaign's id,
/// the segment's group, first band and whether it is the people with no mobile) changed.
/// Each round's problem has every segment's id, and building them as strings every round was
/// 2% of a many-practices run.
final class SegmentIDs: @unchecked Sendable {
    struct Entry {
        var campaignID: String
        var group: String
        var band: AgeBand?
        var withoutMobile: Bool
        var id: String
    }

    private var entries: [[Entry?]] = []
    // A builder's rounds run on one thread; the lock keeps a shared builder's copies safe.
    private let lock = NSLock()

    /// The id `plain(campaignID:_:)` makes, from the rounds before when nothing in it changed.
    func id(campaign c: Int, segment k: Int, campaignID: String, _ s: SegmentInfo) -> String {
        lock.lock()
        defer { lock.unlock() }
        while entries.count <= c { entries.append([]) }
        while entries[c].count <= k { entries[c].append(nil) }
        let band = s.bands.first
        if let e = entries[c][k], e.band == band, e.withoutMobile == s.withoutMobile, e.group == s.group,
            e.campaignID == campaignID
        {
            return e.id
        }
        let id = Self.plain(campaignID: campaignID, s)
        entries[c][k] = Entry(campaignID: campaignID, group: s.group, band: band, withoutMobile: s.withoutMobile, id: id)
        return id
    }

    /// A segment's id as every round made it before the ids were kept.
    static func plain(campaignID: String, _ s: SegmentInfo) -> String {
        "\(campaignID)|\(s.group)|\(s.bands.first?.label ?? "")\(s.withoutMobile ? "|no-mobile" : "")"
    }
}

/// A group's people in one or more age bands that behave alike for every channel.
struct SegmentInfo {
    var group: String
    var bands: [AgeBand]
    var people: Int
    /// 75+ bands of a group over the older-share threshold: the rule asks for SMS or a letter.
    var needsDirect: Bool
    var isOlder: Bool
    /// Per channel (`PlanChannel.order`): probability a person is reached.
    var reach: [Double]
    /// Recipients per direct channel (sms, letter); 0 for the others.
    var recipients: [Int]
    /// Recipients before a clinic's weekly capacity cut them (`PlanBuilder.limitByCapacity`);
    /// nil when nothing was cut.
    var uncut: [Int]? = nil
    /// The people the segment would send to if the clinic could book them all.
    var eligibleRecipients: [Int] { uncut ?? recipients }
    var cost: [Int]
    /// People-weighted share not online (1 - website reach before coverage).
    var offline: Double
    /// The people the segment could contain (planning for people); nil for group labels.
    var cells: PeopleCells? = nil
    /// The audience's 75+ people with no mobile number on record (planning for people): a
    /// letter reaches them, a text cannot (`PlanBuilder.splitByMobile`).
    var withoutMobile = false
    /// The audience's 75+ people with a mobile number on record: the text reaches them, and
    /// the letter is for the others.
    var withMobile = false

    /// False for a channel the segment's people cannot get: a text to people with no mobile,
    /// the 75+ letter to people who get the text.
    func takes(_ ch: PlanChannel) -> Bool { !(ch == .sms && withoutMobile) && !(ch == .letter && withMobile) }
}

struct PlanBuilder {
    let input: PlanningInput
    let calendar: SendingCalendar
    /// The prep tasks' weeks and due dates, worked out once for every round's scheduler.
    let prep: PrepTable
    var warnings: [PlanWarning] = []
    var campaigns: [CampaignInfo] = []
    /// The last run's allocation and schedule (for `QuarterPlanner.planAndSchedule`).
    var lastResult: RoundResult?
    /// The allocation segments' ids the rounds before built (`problem` is built every round).
    let segmentIDs = SegmentIDs()

    init(_ input: PlanningInput) {
        self.input = input
        self.calendar = SendingCalendar(nonSendingDates: input.constraints.nonSendingDates)
        prep = PrepTable(window: input.window, calendar: calendar, effort: input.effort)
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
                        code: .duplicateCampaign,
                        message: "\"\(c.campaignTitle)\" starting \(c.start.iso) appears more than once; "
                            + "kept the entry from \(last.c.sourceUid) and ignored \(c.sourceUid).",
                        campaignIDs: [c.stableID]))
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
                    code: .staleDecision,
                    message: "decision \(kind) \(id) matches no awareness day in this window; it was not applied.",
                    concerning: [id]))
        }
        let skipped = Set(decisions.skip)
        kept.removeAll { skipped.contains($0.id) }
        let pinned = Set(decisions.pin)
        var priorityOf: [String: Double] = [:]
        for (id, c) in kept { priorityOf[id] = priority(c) }
        // Two days that invite to the same programme (National Cholesterol Month and the NHS
        // Health Check): only the first keeps the programme's place in the queue; the other,
        // which may not send the same invitation again (`Scheduler`), queues by relevance.
        var firstForService: Set<String> = []
        for (id, c) in kept.sorted(by: { (priorityOf[$0.id]!, $1.id) > (priorityOf[$1.id]!, $0.id) })
        where isProgramme(c) {
            if !firstForService.insert(c.action!).inserted { priorityOf[id] = c.relevance }
        }
        kept.sort { x, y in
            let pa = pinned.contains(x.id)
            let pb = pinned.contains(y.id)
            if pa != pb { return pa }
            let (va, vb) = (priorityOf[x.id]!, priorityOf[y.id]!)
            if va != vb { return va > vb }
            if x.c.start != y.c.start { return x.c.start < y.c.start }
            return x.id < y.id
        }
        // A group's segments are the same in every campaign that targets it: built once.
        var segmentsByGroup: [String: [SegmentInfo]] = [:]
        for g in Set(kept.flatMap(\.c.groups)).sorted() { segmentsByGroup[g] = groupSegments(g) }
        campaigns = kept.map {
            var info = makeCampaign($0.c, id: $0.id, segmentsByGroup: segmentsByGroup)
            info.priority = priorityOf[$0.id]!
            return info
        }
        for (_, c) in kept where c.tentative {
            warnings.append(
                PlanWarning(
                    code: .tentativeDate,
                    message: "\"\(c.campaignTitle)\" on \(c.start.iso) is marked tentative in the feed; "
                        + "confirm the date before its prep tasks start.", campaignIDs: [c.stableID]))
        }
        let counted = Set(input.groupBands.keys)
        for g in Set(kept.flatMap(\.c.groups)).subtracting(counted).sorted() {
            warnings.append(
                PlanWarning(
                    code: .groupWithoutCounts,
                    message: "group \"\(g)\" has no age-band counts, so its SMS and letter recipients "
                        + "and its reach cannot be estimated.",
                    campaignIDs: kept.filter { $0.c.groups.contains(g) }.map(\.c.stableID)))
        }
    }

    /// True when candidate `c` asks people to use a national programme the practice offers
    /// (planning for people only).
    func isProgramme(_ c: PlanningCandidate) -> Bool {
        guard input.people != nil, c.audience != nil, let action = c.action else { return false }
        return ServiceAudiences.nationalProgrammes.contains(action)
    }

    /// The order in which days get the quarter's scarce things (contact slots per person,
    /// weekly campaign places, staff hours, money): national programmes the practice offers
    /// (flu, COVID-19, screening, stop smoking...) before every awareness day, then by
    /// relevance. A programme's invitation is what a text or letter is most for (issue 10).
    ///
    /// Programmes among themselves go by the bookings a text to their audience is expected to
    /// bring (people x mobile coverage x the service's response rate, `ResponseRates`), so a
    /// flu invitation to thousands comes before a reminder to a few hundred: b / (b + 100)
    /// is added, which keeps every programme above every awareness day and the order of the
    /// bookings among programmes of similar relevance.
    func priority(_ c: PlanningCandidate) -> Double {
        guard isProgramme(c), let model = input.people, let audience = c.audience, let action = c.action else {
            return c.relevance
        }
        let people = model.count(audience).total * input.channels.smsCoverage
        let bookings = people * ResponseRates.rate(service: action, channel: .sms, overrides: input.responseRates)
        return 1 + c.relevance + bookings / (bookings + 100)
    }

    /// Everything else about a candidate, for a total order between exact duplicates.
    static func tieKey(_ c: PlanningCandidate) -> String {
        [
            c.sourceUid, c.end.iso, c.groups.joined(separator: ","), c.services.joined(separator: ","),
            c.tentative ? "1" : "0", c.why.joined(separator: "\n"),
        ].joined(separator: "\u{1}")
    }

    func makeCampaign(_ c: PlanningCandidate, id: String, segmentsByGroup: [String: [SegmentInfo]]) -> CampaignInfo {
        let groups = Array(Set(c.groups)).sorted()
        let services = Array(Set(c.services)).sorted()
        if let model = input.people, let audience = c.audience {
            var info = CampaignInfo(
                id: id, candidate: c, groups: groups, services: services,
                segments: pricedForDraft(audienceSegments(audience, key: PlanBuilder.audienceKey, model: model), c))
            limitByCapacity(&info)
            return info
        }
        let segments = groups.flatMap { segmentsByGroup[$0] ?? groupSegments($0) }
        return CampaignInfo(
            id: id, candidate: c, groups: groups, services: services, segments: pricedForDraft(segments, c))
    }

    /// `segments` with their SMS cost from the candidate's own draft (its fragments), when it has one.
    func pricedForDraft(_ segments: [SegmentInfo], _ c: PlanningCandidate) -> [SegmentInfo] {
        guard c.smsFragments != nil else { return segments }
        let milli = input.channels.smsMilliPencePerMessage(fragments: c.smsFragments)
        return segments.map { s in
            var s = s
            s.cost[PlanChannel.sms.order] = (s.recipients[PlanChannel.sms.order] * milli + 999) / 1000
            return s
        }
    }

    /// Cuts each direct channel of `info` to what the clinic can book in the campaign's span
    /// (issue 10, item 5): when the weekly waves that fit (`waveBounds`) cannot hold every
    /// recipient at the service's weekly capacity, a practice invites only as many as the clinic
    /// can see this quarter, the longest overdue first, and the rest next quarter. To begin
    /// with, the share sent is the limit over the whole audience; `rebalanceCapacity` then fits
    /// it to the segments the allocation chose.
    func limitByCapacity(_ info: inout CampaignInfo) {
        var shares: [PlanChannel: Double] = [:]
        for ch in [PlanChannel.sms, .letter] {
            guard let b = waveBounds(info.candidate, channel: ch),
                let limit = WavePlan.limit(responseRate: b.rate, weeklyCapacity: b.capacity, maxWeeks: b.weeks)
            else { continue }
            let total = info.segments.reduce(0) { $0 + $1.recipients[ch.order] }
            info.capacityLimits[ch] = limit
            if total > limit { shares[ch] = Double(limit) / Double(total) }
        }
        guard !info.capacityLimits.isEmpty else { return }
        info.uncutSegments = info.segments
        info.segments = cut(info, shares: shares)
    }

    /// `info`'s uncut segments with channel `ch` sent to `shares[ch]` of each segment's people
    /// (rounded down, so a sum stays within the limit), its cost and reach cut alike, so the
    /// allocation budgets only the texts and letters actually sent.
    func cut(_ info: CampaignInfo, shares: [PlanChannel: Double]) -> [SegmentInfo] {
        guard var out = info.uncutSegments else { return info.segments }
        for ch in [PlanChannel.sms, .letter] {
            let share = min(1, shares[ch] ?? 1)
            let milli =
                ch == .sms
                ? input.channels.smsMilliPencePerMessage(fragments: info.candidate.smsFragments)
                : input.channels.letterMilliPence
            for k in out.indices {
                if out[k].uncut == nil { out[k].uncut = out[k].recipients }
                guard share < 1 else { continue }
                let r = Int((Double(out[k].uncut![ch.order]) * share).rounded(.down))
                out[k].recipients[ch.order] = r
                out[k].cost[ch.order] = (r * milli + 999) / 1000
                out[k].reach[ch.order] *= share
            }
        }
        return out
    }

    /// Sets the capacity cut of every limited campaign from `state` (the shares learnt so far;
    /// the whole audience's share when none is).
    mutating func applyCapacityShares(_ state: RoundState) {
        for c in campaigns.indices where campaigns[c].uncutSegments != nil {
            campaigns[c].segments = cut(campaigns[c], shares: shares(of: c, state))
        }
    }

    func shares(of c: Int, _ state: RoundState) -> [PlanChannel: Double] {
        if let s = state.capacityShares[c] { return s }
        var out: [PlanChannel: Double] = [:]
        let info = campaigns[c]
        for (ch, limit) in info.capacityLimits {
            let total = (info.uncutSegments ?? []).reduce(0) { $0 + $1.recipients[ch.order] }
            if total > limit { out[ch] = Double(limit) / Double(total) }
        }
        return out
    }

    /// After an allocation: the share of each limited channel that fills the clinic's capacity
    /// with the segments actually chosen (a letter to the 75+ only need not be cut as if it
    /// went to everyone). True when a share changed, so the allocation is solved again.
    mutating func rebalanceCapacity(_ state: inout RoundState, choice: AllocationChoice, segIndex: [(Int, Int)]) -> Bool {
        var changed = false
        for c in campaigns.indices where campaigns[c].uncutSegments != nil {
            let info = campaigns[c]
            let current = shares(of: c, state)
            var next = current
            for ch in info.capacityLimits.keys.sorted() {
                var chosen = 0
                for (i, (cc, k)) in segIndex.enumerated() where cc == c && choice.direct[i].has(ch) {
                    chosen += info.uncutSegments![k].recipients[ch.order]
                }
                guard chosen > 0 else { continue }
                let letters = ch == .sms ? directRecipients(c, .letter, choice: choice, segIndex: segIndex) : 0
                let limit = capacityLimit(c, ch, letters: letters) ?? info.capacityLimits[ch]!
                let want = min(1, Double(limit) / Double(chosen))
                if abs(want - (current[ch] ?? 1)) > 1e-6 {
                    next[ch] = want < 1 ? want : nil
                    changed = true
                }
            }
            if next != current { state.capacityShares[c] = next }
        }
        if changed { applyCapacityShares(state) }
        return changed
    }

    /// Planning for people: each person gets a campaign's text or its letter, not both (the
    /// two would break the contact gap between them, and the letter is for those the text
    /// cannot reach). Where the allocation chose both for the same people, the text is kept.
    func oneTextOrLetter(_ choice: inout AllocationChoice, segIndex: [(Int, Int)]) {
        guard input.people != nil else { return }
        for (i, (c, _)) in segIndex.enumerated()
        where campaigns[c].candidate.audience != nil && choice.direct[i].has(.sms) && choice.direct[i].has(.letter) {
            choice.direct[i] = choice.direct[i].subtracting(ChannelSet(.letter))
        }
    }

    /// The cost of a channel a segment cannot take (`SegmentInfo.takes`): above any budget,
    /// small enough that sums of it never overflow.
    static let unaffordable = 1 << 40

    /// The segment group of a campaign planned for people (its audience, counted once).
    static let audienceKey = "the audience"

    /// The distinct people of a campaign's audience (each person once, however many of its
    /// lines select them) split into segments by age band, with the people each could contain.
    func audienceSegments(_ audience: [AudienceRule], key: String, model: PeopleModel) -> [SegmentInfo] {
        let count = model.count(audience)
        let bands = AgeBand.all.map { AgeBandCount(band: $0, people: Int(count.people(in: $0).rounded())) }
        let total = bands.reduce(0) { $0 + $1.people }
        let older = bands.filter(\.band.is75Plus).reduce(0) { $0 + $1.people }
        // The 75+ rule holds for the day's groups: the audience's 75+ people need a text or
        // letter when any group of the day is over the threshold, or the audience itself is.
        let threshold = input.constraints.olderShareForDirectContact
        let isOlder =
            (total > 0 && Double(older) / Double(total) > threshold)
            || Set(audience.map(\.group)).contains { input.over75Share(of: $0) > threshold }
        let cells = model.cells(audience)
        return splitByMobile(
            segments(key, bands: bands, groupIsOlder: isOlder).map { s in
                var s = s
                s.cells = cells.restricted(to: s.bands)
                return s
            })
    }

    /// The 75+ segment split into the people with a mobile number on record (the text goes to
    /// them) and those without (a letter goes to them), when the practice sends both texts and
    /// letters: a letter to everybody 75 and over costs more than most quarters' letter money,
    /// while one to the few without a mobile complements the text (issue 10). The share comes
    /// from the profile's `channels.sms.mobileCoverage` (the practice's own figure; no by-age
    /// figure is cited in ../shared/reference/domain_facts.md, so it is taken as the same at
    /// every age: ASSUMPTION). Only the people without a mobile need the letter, so the 75+
    /// rule is kept by the text for the others; the letter is chosen where the budget allows.
    func splitByMobile(_ segments: [SegmentInfo]) -> [SegmentInfo] {
        let ch = input.channels
        guard ch.smsBudgetPence > 0, ch.letterBudgetPence > 0, ch.smsCoverage > 0, ch.smsCoverage < 1 else {
            return segments
        }
        var out: [SegmentInfo] = []
        for s in segments {
            guard s.isOlder, s.people > 0 else {
                out.append(s)
                continue
            }
            let sms = PlanChannel.sms.order
            let letter = PlanChannel.letter.order
            var mobile = s
            mobile.withMobile = true
            mobile.people = Int((Double(s.people) * ch.smsCoverage).rounded())
            mobile.reach[sms] = min(1, s.reach[sms] / ch.smsCoverage)
            mobile.reach[letter] = 0
            mobile.recipients[letter] = 0
            mobile.cost[letter] = 0
            var none = s
            none.people = s.people - mobile.people
            none.withoutMobile = true
            none.needsDirect = false
            none.reach[sms] = 0
            none.recipients[sms] = 0
            none.cost[sms] = 0
            none.recipients[letter] = Int((Double(none.people) * ch.letterCoverage).rounded())
            none.cost[letter] = (none.recipients[letter] * ch.letterMilliPence + 999) / 1000
            out.append(mobile)
            if none.people > 0 { out.append(none) }
        }
        return out
    }

    /// Group `g`'s people split into segments: its age bands, youngest first, with bands that
    /// have the same reach on every channel and the same 75+ status merged.
    func groupSegments(_ g: String) -> [SegmentInfo] {
        segments(g, bands: input.groupBands[g] ?? [], groupIsOlder: input.over75Share(of: g) > input.constraints.olderShareForDirectContact)
    }

    /// `bands` of group `g` as segments (see `groupSegments`).
    func segments(_ g: String, bands all: [AgeBandCount], groupIsOlder: Bool) -> [SegmentInfo] {
        let ch = input.channels
        let smsMilli = ch.smsMilliPencePerMessage
        let letterMilli = ch.letterMilliPence
        var segments: [SegmentInfo] = []
        let bands = all.filter { $0.people > 0 }.sorted { $0.band < $1.band }
        // Bands with the same reach on every channel and the same rule status merge. All the
        // 75+ bands make one segment (their reach is the people-weighted mean): a text or letter
        // for older people goes to everybody 75 and over in the audience, or to none of them,
        // never to the 85+ band alone because the money ran out there (issue 10).
        var order: [[Double]] = []
        var merged:
            [[Double]: (
                bands: [AgeBand], people: Int, sms: Int, letter: Int, offline: Double, older: Bool, reachSum: [Double]
            )] = [:]
        for b in bands {
            let older = b.band.is75Plus
            let reach = [
                ch.smsCoverage * ch.reach.reach(.sms, band: b.band),
                ch.letterCoverage * ch.reach.reach(.letter, band: b.band),
                ch.websiteCoverage * ch.reach.reach(.website, band: b.band),
                ch.socialCoverage * ch.reach.reach(.social, band: b.band),
            ]
            let key = older ? [-1, -1, -1, -1, 1] : reach + [0]
            let weighted = reach.map { $0 * Double(b.people) }
            let sms = Int((Double(b.people) * ch.smsCoverage).rounded())
            let letter = Int((Double(b.people) * ch.letterCoverage).rounded())
            let offline = ch.reach.offlineShare(band: b.band) * Double(b.people)
            if var m = merged[key] {
                m.bands.append(b.band)
                m.people += b.people
                m.sms += sms
                m.letter += letter
                m.offline += offline
                for i in 0..<4 { m.reachSum[i] += weighted[i] }
                merged[key] = m
            } else {
                order.append(key)
                merged[key] = ([b.band], b.people, sms, letter, offline, older, weighted)
            }
        }
        for key in order {
            let m = merged[key]!
            let reach = m.older ? m.reachSum.map { $0 / Double(max(1, m.people)) } : Array(key.prefix(4))
            segments.append(
                SegmentInfo(
                    group: g, bands: m.bands, people: m.people, needsDirect: m.older && groupIsOlder,
                    isOlder: m.older, reach: reach, recipients: [m.sms, m.letter, 0, 0],
                    cost: [(m.sms * smsMilli + 999) / 1000, (m.letter * letterMilli + 999) / 1000, 0, 0],
                    offline: m.people > 0 ? m.offline / Double(m.people) : 0))
        }
        return segments
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
                        id: segmentIDs.id(campaign: c, segment: k, campaignID: info.id, s),
                        campaign: c, weight: info.priority * Double(s.people), reach: s.reach,
                        // A channel the segment's people cannot get costs more than any budget, so it
                        // is never chosen (not even, free, as a campaign's second channel).
                        cost: PlanChannel.allCases.map { s.takes($0) ? s.cost[$0.order] : PlanBuilder.unaffordable },
                        needsDirect: s.needsDirect))
                segIndex.append((c, k))
            }
        }
        capToQuarterBudgets(&segs, budgets: [input.channels.smsBudgetPence, input.channels.letterBudgetPence])
        return (
            AllocationProblem(
                campaigns: camps, segments: segs, smsBudget: input.channels.smsBudgetPence,
                letterBudget: input.channels.letterBudgetPence), segIndex
        )
    }

    /// What the allocation and scheduling rounds have learnt: channels a campaign may not
    /// use (and why), campaigns dropped, tiny batches left out, the last allocation.
    struct RoundState {
        var forbidden: [Int: ChannelSet] = [:]
        var forbiddenWhy: [Int: [PlanChannel: String]] = [:]
        var dropped: Set<Int> = []
        var droppedWhy: [Int: String] = [:]
        var tinyBatches: [Int: [PlanChannel: Int]] = [:]
        var previous: AllocationChoice?
        /// Share of each capacity-limited channel sent, by campaign (`rebalanceCapacity`).
        var capacityShares: [Int: [PlanChannel: Double]] = [:]
    }

    typealias RoundResult = (problem: AllocationProblem, segIndex: [(Int, Int)], choice: AllocationChoice, scheduler: Scheduler)

    mutating func run() -> Plan {
        prepareCampaigns()
        var state = RoundState()
        // A batch that would be tiny even if every segment of the campaign took the channel
        // is left out before the first allocation (saves the rounds that would find it).
        for (c, info) in campaigns.enumerated() {
            for ch in [PlanChannel.sms, .letter] {
                let people = info.segments.reduce(0) { $0 + $1.recipients[ch.order] }
                if people > 0 && people < input.constraints.minRecipientsPerBatch
                    && !info.segments.contains(where: \.needsDirect)
                {
                    state.forbidden[c, default: []].insert(ChannelSet(ch))
                    state.tinyBatches[c, default: [:]][ch] = people
                }
            }
        }
        // Planning for people: a day that asks for no action the practice offers gets no text
        // or letter (it still runs on the website and social media).
        if input.people != nil {
            for (c, info) in campaigns.enumerated() where info.candidate.audience != nil && info.candidate.action == nil {
                state.forbidden[c, default: []].formUnion(.direct)
            }
        }
        var result = converge(&state)
        improve(&state, &result)
        // A trial of the improvement pass may have left other capacity cuts behind.
        applyCapacityShares(state)
        lastResult = result
        return assemble(
            problem: result.problem, segIndex: result.segIndex, choice: result.choice, scheduler: result.scheduler,
            forbiddenWhy: state.forbiddenWhy, dropped: state.dropped, droppedWhy: state.droppedWhy,
            tinyBatches: state.tinyBatches)
    }

    /// Sum of the relevance of the campaigns a schedule places: what the improvement pass
    /// compares.
    func placedRelevance(_ scheduler: Scheduler) -> Double {
        Set(scheduler.placed.map(\.campaign)).sorted().reduce(0.0) { $0 + campaigns[$1].candidate.relevance }
    }

    /// The improvement pass. Rounds remember every channel that once failed, so a day dropped
    /// early may fit once the days that blocked it changed. For each dropped day, most
    /// relevant first: a schedule-only trial places it (website and social media, which cost
    /// nothing) in rank order among the placed days; when that trial places more relevance in
    /// all (it may push out less relevant days), the rounds are run again with its broadcast
    /// channels allowed, and the result is kept only if it places more relevance than before.
    /// When that change is not kept (the day does not fit, or the rounds do not confirm it)
    /// and staff hours held it out, `makeRoom` tries again with hours taken from the placed
    /// days' third and fourth channels (for the first `maxRoomTrials` such days of a plan).
    mutating func improve(_ state: inout RoundState, _ result: inout RoundResult) {
        guard baseChannels.intersection(.broadcast).count >= 2 else { return }
        var current = placedRelevance(result.scheduler)
        // Every trial schedules the placed days (as in the current plan) in campaign order with
        // the dropped day among them, so the trials of one plan share everything up to their
        // dropped day: `prefix` is a schedule of the placed days before `d`, carried forward
        // from trial to trial (the dropped days are tried in order) and started again when a
        // trial's plan is kept. The trials place exactly what they placed when each started
        // from nothing (the scheduler is a value; `schedule` depends only on its state), for
        // half the trials' time (a fifth of a batch's planning before).
        var used: [Int: [Scheduler.Receivers]] = [:]
        var placedOrder: [Int] = []
        var prefix: Scheduler? = nil
        var prefixNext = 0
        var roomTrials = 0
        for d in state.dropped.sorted() {
            guard state.dropped.contains(d), campaigns[d].segments.contains(where: { $0.people > 0 }) else { continue }
            if prefix == nil {
                used = channelsAsPlaced(result.scheduler)
                placedOrder = used.keys.sorted()
                prefix = emptyScheduler()
                prefixNext = 0
            }
            let before = placedOrder[prefixNext...].prefix { $0 < d }
            _ = scheduleTrial(Array(before), on: &prefix!, dropped: d, channels: used)
            prefixNext += before.count
            var trial = prefix!
            // The dropped day in its place, then the placed days after it (a placed `d`, which
            // a dropped day is not, would take the dropped day's channels, as before).
            let rest = [d] + placedOrder[prefixNext...].filter { $0 != d }
            if scheduleTrial(rest, on: &trial, dropped: d, channels: used) {
                trial.placeReminders()
                if placedRelevance(trial) > current + 1e-9,
                    let kept = rerun(state, placing: d, trimming: [], above: current)
                {
                    (state, result, current) = kept
                    prefix = nil
                    continue
                }
            }
            // Not kept: when staff hours held it out, hours from other days' third channels.
            guard roomTrials < Self.maxRoomTrials, state.droppedWhy[d]?.contains(Scheduler.hoursFullPhrase) == true
            else { continue }
            let options = trimOptions(for: d, used: used, state: state, scheduler: result.scheduler)
            guard !options.isEmpty else { continue }
            roomTrials += 1
            let kept = makeRoom(
                for: d, trying: options, used: used, placedOrder: placedOrder, &state, &result, current: &current)
            if kept { prefix = nil }
        }
    }

    /// Dropped days that get `makeRoom`'s trial in one plan (the most relevant first, of those
    /// with channels to try): each costs a few schedules and at most one more run of the rounds.
    static let maxRoomTrials = 3

    /// Channels one `makeRoom` trial may take from placed days.
    static let maxTrims = 4

    /// A placed day's channel given up so that a dropped day fits (`makeRoom`).
    struct Trim: Equatable {
        var campaign: Int
        var channel: PlanChannel
    }

    /// A scheduler with nothing placed yet (the previous plan's items and the plan's rules).
    func emptyScheduler() -> Scheduler {
        Scheduler(
            window: input.window, calendar: calendar, constraints: input.constraints, effort: input.effort,
            today: input.today, previous: input.previousItems, people: input.people, prep: prep)
    }

    /// The channels (and receiving groups) of each campaign `scheduler` placed, as in its plan.
    func channelsAsPlaced(_ scheduler: Scheduler) -> [Int: [Scheduler.Receivers]] {
        var used: [Int: [Scheduler.Receivers]] = [:]
        for p in scheduler.placed where !(used[p.campaign] ?? []).contains(where: { $0.channel == p.slot.channel }) {
            used[p.campaign, default: []].append(
                Scheduler.Receivers(channel: p.slot.channel, groups: p.slot.groups, cells: p.slot.cells))
        }
        return used
    }

    /// Schedules `days` (campaigns in rank order) onto `trial`: dropped day `d` on the
    /// website and social media, every other day on its `channels`. False as soon as `d`
    /// fails: the days above it are placed as in the plan, so it cannot fit among them.
    func scheduleTrial(
        _ days: [Int], on trial: inout Scheduler, dropped d: Int, channels: [Int: [Scheduler.Receivers]]
    ) -> Bool {
        for c in days {
            let receivers =
                c == d
                ? baseChannels.intersection(.broadcast).channels.map {
                    Scheduler.Receivers(channel: $0, groups: campaigns[d].groups, cells: nil)
                }
                : channels[c]!
            trial.schedule(request(c, channels: receivers.sorted { $0.channel < $1.channel }), moves: input.decisions.move)
            if c == d && !trial.placed.contains(where: { $0.campaign == d }) { return false }
        }
        return true
    }

    /// The rounds run again from `state` with dropped day `d` given its broadcast channels back
    /// and each of `trims` forbidden (its reason: the hours went to `d`). The new state, result
    /// and placed relevance when that places more relevance than `current` (and, with trims,
    /// places `d` and every trimmed day, so the reasons stay true); nil otherwise.
    mutating func rerun(
        _ state: RoundState, placing d: Int, trimming trims: [Trim], above current: Double
    ) -> (RoundState, RoundResult, Double)? {
        let broadcast = baseChannels.intersection(.broadcast)
        var again = state
        again.dropped.remove(d)
        again.droppedWhy[d] = nil
        again.forbidden[d] = (again.forbidden[d] ?? []).subtracting(broadcast)
        for ch in broadcast.channels { again.forbiddenWhy[d]?[ch] = nil }
        for t in trims {
            again.forbidden[t.campaign, default: []].insert(ChannelSet(t.channel))
            again.forbiddenWhy[t.campaign, default: [:]][t.channel] =
                "its staff hours went to \"\(campaigns[d].candidate.campaignTitle)\", which did not fit otherwise"
        }
        let rerun = converge(&again)
        let value = placedRelevance(rerun.scheduler)
        guard value > current + 1e-9 else { return nil }
        if !trims.isEmpty {
            let placed = Set(rerun.scheduler.placed.map(\.campaign))
            guard placed.contains(d), trims.allSatisfy({ placed.contains($0.campaign) }) else { return nil }
        }
        return (again, rerun, value)
    }

    /// A second chance for dropped day `d` that the trial of `improve` could not place (it
    /// does not fit among the placed days even on the website and social media, or only by
    /// pushing out more than the rounds confirm) while staff hours held it out: the placed days
    /// ranked above it (only they can block it; `used` and `placedOrder` as in `improve`)
    /// give up the broadcast channels of `options` (`trimOptions`), one at a time until `d`
    /// fits, at most `maxTrims`. A practice would rather run a relevant day on two channels
    /// than another day on a third or fourth.
    /// When the schedule then places more relevance, the rounds run again with those channels
    /// forbidden ("its staff hours went to ..."), and the result is kept only if it places
    /// more relevance, `d` and every trimmed day (`rerun`). True when kept.
    mutating func makeRoom(
        for d: Int, trying options: [Trim], used: [Int: [Scheduler.Receivers]], placedOrder: [Int],
        _ state: inout RoundState, _ result: inout RoundResult, current: inout Double
    ) -> Bool {
        let order = placedOrder.filter { $0 < d } + [d] + placedOrder.filter { $0 > d }
        var trims: [Trim] = []
        for option in options.prefix(Self.maxTrims) {
            trims.append(option)
            var channels = used
            for t in trims { channels[t.campaign]!.removeAll { $0.channel == t.channel } }
            var trial = emptyScheduler()
            guard scheduleTrial(order, on: &trial, dropped: d, channels: channels) else { continue }
            trial.placeReminders()
            guard placedRelevance(trial) > current + 1e-9,
                let kept = rerun(state, placing: d, trimming: trims, above: current)
            else { return false }
            (state, result, current) = kept
            return true
        }
        return false
    }

    /// The broadcast channels that placed days could give up for dropped day `d`, in the order
    /// they are tried: of each placed day ranked above `d` with three or more channels (so it
    /// keeps two; texts and letters are never given up, so neither is the 75+ rule's), the
    /// website or social media whose required items' prep takes staff hours in a week that
    /// `d`'s website or social media items could need, the one reaching fewer of that day's
    /// people when both do; items a manager moved are kept. Days less relevant than `d` first,
    /// the least relevant first; then the more relevant ones, likewise.
    func trimOptions(
        for d: Int, used: [Int: [Scheduler.Receivers]], state: RoundState, scheduler: Scheduler
    ) -> [Trim] {
        let broadcast = baseChannels.intersection(.broadcast)
        // The weeks `d`'s broadcast items could take hours in, on any of their dates.
        let r = request(d, channels: [])
        var weeks = Set<Int>()
        for ch in broadcast.channels {
            for slot in SlotBuilder.slotsForGroups(
                channel: ch, start: r.start, end: r.end, groups: [], calendar: calendar, effort: input.effort)
            where slot.required {
                for date in slot.dates where date >= input.window.from && date < input.window.to {
                    for w in prep.entry(ch, on: date).staffByWeek { weeks.insert(w.week) }
                }
            }
        }
        // Placed days' broadcast channels that take hours in those weeks (and were not moved by hand).
        var blocking: [Int: ChannelSet] = [:]
        var decided: [Int: ChannelSet] = [:]
        for p in scheduler.placed where p.campaign < d && broadcast.has(p.slot.channel) {
            if p.decided { decided[p.campaign, default: []].insert(ChannelSet(p.slot.channel)) }
            let hours = prep.entry(p.slot.channel, on: p.date).staffByWeek
            if p.slot.required, hours.contains(where: { weeks.contains($0.week) }) {
                blocking[p.campaign, default: []].insert(ChannelSet(p.slot.channel))
            }
        }
        var options: [Trim] = []
        for c in blocking.keys.sorted() {
            guard let channels = used[c], channels.count >= 3,
                baseChannels.subtracting(state.forbidden[c] ?? []).count >= 3
            else { continue }
            let free = blocking[c]!.subtracting(decided[c] ?? [])
            let reach = { (ch: PlanChannel) in
                self.campaigns[c].segments.reduce(0.0) { $0 + Double($1.people) * $1.reach[ch.order] }
            }
            // The lesser reach; on a tie, the website (a page costs more hours than a post).
            let lesser = { (x: PlanChannel, y: PlanChannel) in
                reach(x) != reach(y) ? reach(x) < reach(y) : x == .website && y != .website
            }
            guard let ch = free.channels.min(by: lesser) else { continue }
            options.append(Trim(campaign: c, channel: ch))
        }
        let relevance = campaigns[d].candidate.relevance
        return options.sorted { a, b in
            let (ra, rb) = (campaigns[a.campaign].candidate.relevance, campaigns[b.campaign].candidate.relevance)
            if (ra < relevance) != (rb < relevance) { return ra < relevance }
            return (ra, a.campaign) < (rb, b.campaign)
        }
    }

    /// The weekly waves of campaign `c`'s texts or letters when the service it promotes has a
    /// weekly capacity (planning for people only); nil when it goes in one send.
    ///
    /// A campaign's text and letter invite to the same clinic: the letter's busiest week of
    /// bookings (`letters` recipients, sent in its own waves) is kept free of the text's waves.
    func waves(campaign c: Int, channel: PlanChannel, recipients: Int, letters: Int = 0) -> WavePlan.Result? {
        guard let b = waveBounds(campaigns[c].candidate, channel: channel) else { return nil }
        let capacity = channel == .sms ? capacityLeft(c, letters: letters, bounds: b) : b.capacity
        return WavePlan.split(recipients: recipients, responseRate: b.rate, weeklyCapacity: capacity, maxWeeks: b.weeks)
    }

    /// The weekly capacity left for campaign `c`'s text when its letter goes to `letters` people.
    func capacityLeft(_ c: Int, letters: Int, bounds b: (capacity: Int, rate: Double, weeks: Int)) -> Int {
        guard letters > 0, let l = waveBounds(campaigns[c].candidate, channel: .letter) else { return b.capacity }
        let peak = WavePlan.split(recipients: letters, responseRate: l.rate, weeklyCapacity: l.capacity, maxWeeks: l.weeks)
            .peakWeeklyBookings
        return max(1, b.capacity - Int(peak.rounded(.up)))
    }

    /// The most people campaign `c`'s texts or letters may go to in the plan's weeks (nil: no
    /// limit), with the text's share of the clinic reduced by `letters` letters.
    func capacityLimit(_ c: Int, _ ch: PlanChannel, letters: Int) -> Int? {
        guard let b = waveBounds(campaigns[c].candidate, channel: ch) else { return nil }
        let capacity = ch == .sms ? capacityLeft(c, letters: letters, bounds: b) : b.capacity
        return WavePlan.limit(responseRate: b.rate, weeklyCapacity: capacity, maxWeeks: b.weeks)
    }

    /// Recipients of campaign `c` on channel `ch` in `choice`.
    func directRecipients(_ c: Int, _ ch: PlanChannel, choice: AllocationChoice, segIndex: [(Int, Int)]) -> Int {
        var n = 0
        for (i, (cc, k)) in segIndex.enumerated() where cc == c && choice.direct[i].has(ch) {
            n += campaigns[c].segments[k].recipients[ch.order]
        }
        return n
    }

    /// The weekly capacity of the service candidate `c`'s texts or letters invite to, their
    /// response rate and the most weekly waves that fit in the plan (planning for people only);
    /// nil when no capacity limits them.
    func waveBounds(_ c: PlanningCandidate, channel: PlanChannel) -> (capacity: Int, rate: Double, weeks: Int)? {
        guard input.people != nil, c.audience != nil, let service = c.action,
            let capacity = input.serviceCapacity[service], capacity > 0, channel.isDirect
        else { return nil }
        let start = max(c.start, input.window.from)
        // A recall runs on after the awareness day itself, to the end of the window; a launch
        // may go up to two weeks into the span, so leave that room for the last wave.
        let weeks = max(1, start.days(to: input.window.to) / 7 - 2)
        let rate = ResponseRates.rate(service: service, channel: channel, overrides: input.responseRates)
        return (capacity, rate, weeks)
    }

    /// How campaign `c`'s texts or letters split into waves, for the exact model (`PlanModel`);
    /// nil for one send.
    func waveRule(campaign c: Int, channel: PlanChannel) -> PlanModel.WaveRule? {
        waveBounds(campaigns[c].candidate, channel: channel).map {
            PlanModel.WaveRule(rate: $0.rate, capacity: $0.capacity, maxWeeks: $0.weeks)
        }
    }

    /// The scheduler's request for campaign `c` on `channels`.
    func request(_ c: Int, channels: [Scheduler.Receivers]) -> Scheduler.CampaignRequest {
        let info = campaigns[c]
        // A day that began before the window is planned from the window's first day
        // (its id keeps the real start).
        let start = max(info.candidate.start, input.window.from)
        return .init(
            index: c, id: info.candidate.stableID, title: info.candidate.campaignTitle, start: start,
            end: max(info.candidate.end, start.adding(days: 1)), channels: channels)
    }

    /// Allocation and scheduling rounds from `state` until every chosen channel is placed.
    mutating func converge(_ state: inout RoundState) -> RoundResult {
        var result: RoundResult
        var rounds = 0
        var capacityRounds = 0
        applyCapacityShares(state)
        while true {
            rounds += 1
            let (problem, segIndex) = problem(forbidden: state.forbidden, dropped: state.dropped)
            var choice = Allocator.solve(problem, hint: state.previous)
            oneTextOrLetter(&choice, segIndex: segIndex)
            state.previous = choice
            // A capacity cut sized for the whole audience is refitted to the segments chosen
            // (a few times at most; `planItems` keeps the limit whatever the last round chose).
            if capacityRounds < 4 && rebalanceCapacity(&state, choice: choice, segIndex: segIndex) {
                capacityRounds += 1
                continue
            }
            // Tiny batches cost a full item of staff time for a handful of people: leave them
            // out (unless they serve the 75+ rule) and let the money go elsewhere.
            var tiny: [(Int, PlanChannel, Int)] = []
            for c in 0..<campaigns.count where !state.dropped.contains(c) {
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
                    state.forbidden[c, default: []].insert(ChannelSet(ch))
                    state.tinyBatches[c, default: [:]][ch] = people
                }
                continue
            }
            var scheduler = Scheduler(
                window: input.window, calendar: calendar, constraints: input.constraints, effort: input.effort,
                today: input.today, previous: input.previousItems, people: input.people, prep: prep)
            for (c, info) in campaigns.enumerated() where !state.dropped.contains(c) {
                let set = problem.channels(of: c, in: choice)
                if set.count < 2 { continue }
                var channels: [Scheduler.Receivers] = []
                for ch in set.channels {
                    if ch.isDirect {
                        var groups = Set<String>()
                        var cells: PeopleCells? = nil
                        var recipients = 0
                        var withoutMobile = ch == .letter
                        var cost = 0
                        let chosen = segIndex.indices.filter { i in
                            segIndex[i].0 == c && choice.direct[i].has(ch)
                        }.map { segIndex[$0].1 }
                        // A segment the channel cannot reach (a text to the 75+ with no mobile) adds nobody.
                        for k in chosen where info.segments[k].takes(ch) {
                            groups.insert(info.segments[k].group)
                            recipients += info.segments[k].recipients[ch.order]
                            cost += info.segments[k].cost[ch.order]
                            if let more = info.segments[k].cells { cells = (cells ?? PeopleCells()).union(more) }
                            withoutMobile = withoutMobile && info.segments[k].withoutMobile
                        }
                        let letters = ch == .sms ? directRecipients(c, .letter, choice: choice, segIndex: segIndex) : 0
                        let offsets =
                            waves(campaign: c, channel: ch, recipients: recipients, letters: letters)?.waves.map(\.dayOffset) ?? [0]
                        let service = input.people != nil && info.candidate.audience != nil ? info.candidate.action : nil
                        channels.append(
                            Scheduler.Receivers(
                                channel: ch, groups: groups.sorted(), cells: cells, waveOffsets: offsets, service: service,
                                withoutMobile: withoutMobile && recipients > 0, costPence: cost))
                    } else {
                        channels.append(Scheduler.Receivers(channel: ch, groups: info.groups, cells: nil))
                    }
                }
                scheduler.schedule(request(c, channels: channels), moves: input.decisions.move)
            }
            scheduler.placeReminders()
            result = (problem, segIndex, choice, scheduler)
            if scheduler.failures.isEmpty { break }
            for f in scheduler.failures {
                state.forbidden[f.campaign, default: []].insert(ChannelSet(f.channel))
                state.forbiddenWhy[f.campaign, default: [:]][f.channel] = f.reason
                let left = baseChannels.subtracting(state.forbidden[f.campaign]!)
                if left.count < 2 && !state.dropped.contains(f.campaign) {
                    state.dropped.insert(f.campaign)
                    let reasons = state.forbiddenWhy[f.campaign]!.keys.sorted().map {
                        "\($0.displayName): \(state.forbiddenWhy[f.campaign]![$0]!)"
                    }
                    state.droppedWhy[f.campaign] = reasons.joined(separator: "; ")
                }
            }
            // Safety net: rounds are bounded by campaigns x channels; never loop forever.
            if rounds > campaigns.count * PlanChannel.allCases.count + 1 { break }
        }
        return result
    }
}
