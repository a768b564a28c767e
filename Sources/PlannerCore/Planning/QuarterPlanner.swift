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
///    the days that blocked it changed, or by pushing out less relevant days. A change is
///    kept only when the plan then places more relevance in all (`improve`).
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
    var cost: [Int]
    /// People-weighted share not online (1 - website reach before coverage).
    var offline: Double
    /// The people the segment could contain (planning for people); nil for group labels.
    var cells: PeopleCells? = nil
}

struct PlanBuilder {
    let input: PlanningInput
    let calendar: SendingCalendar
    var warnings: [PlanWarning] = []
    var campaigns: [CampaignInfo] = []
    /// The last run's allocation and schedule (for `QuarterPlanner.planAndSchedule`).
    var lastResult: RoundResult?

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
            return CampaignInfo(
                id: id, candidate: c, groups: groups, services: services,
                segments: pricedForDraft(audienceSegments(audience, key: PlanBuilder.audienceKey, model: model), c))
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
        return segments(key, bands: bands, groupIsOlder: isOlder).map { s in
            var s = s
            s.cells = cells.restricted(to: s.bands)
            return s
        }
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
                        id: "\(info.id)|\(s.group)|\(s.bands.first?.label ?? "")", campaign: c,
                        weight: info.priority * Double(s.people), reach: s.reach, cost: s.cost,
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

    /// What the allocation and scheduling rounds have learnt: channels a campaign may not
    /// use (and why), campaigns dropped, tiny batches left out, the last allocation.
    struct RoundState {
        var forbidden: [Int: ChannelSet] = [:]
        var forbiddenWhy: [Int: [PlanChannel: String]] = [:]
        var dropped: Set<Int> = []
        var droppedWhy: [Int: String] = [:]
        var tinyBatches: [Int: [PlanChannel: Int]] = [:]
        var previous: AllocationChoice?
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
    mutating func improve(_ state: inout RoundState, _ result: inout RoundResult) {
        let broadcast = baseChannels.intersection(.broadcast)
        guard broadcast.count >= 2 else { return }
        var current = placedRelevance(result.scheduler)
        for d in state.dropped.sorted() {
            guard state.dropped.contains(d), campaigns[d].segments.contains(where: { $0.people > 0 }) else { continue }
            // Channels (and receiving groups) of the placed campaigns, as in the current plan.
            var used: [Int: [Scheduler.Receivers]] = [:]
            for p in result.scheduler.placed {
                if !(used[p.campaign] ?? []).contains(where: { $0.channel == p.slot.channel }) {
                    used[p.campaign, default: []].append(
                        Scheduler.Receivers(channel: p.slot.channel, groups: p.slot.groups, cells: p.slot.cells))
                }
            }
            used[d] = broadcast.channels.map { Scheduler.Receivers(channel: $0, groups: campaigns[d].groups, cells: nil) }
            var trial = Scheduler(
                window: input.window, calendar: calendar, constraints: input.constraints, effort: input.effort)
            var fits = true
            for c in used.keys.sorted() {
                trial.schedule(request(c, channels: used[c]!.sorted { $0.channel < $1.channel }), moves: input.decisions.move)
                // The days above it are placed as in the plan; when it fails among them, stop.
                if c == d && !trial.placed.contains(where: { $0.campaign == d }) {
                    fits = false
                    break
                }
            }
            guard fits else { continue }
            trial.placeReminders()
            guard placedRelevance(trial) > current + 1e-9 else { continue }
            var again = state
            again.dropped.remove(d)
            again.droppedWhy[d] = nil
            again.forbidden[d] = (again.forbidden[d] ?? []).subtracting(broadcast)
            for ch in broadcast.channels { again.forbiddenWhy[d]?[ch] = nil }
            let rerun = converge(&again)
            let value = placedRelevance(rerun.scheduler)
            if value > current + 1e-9 {
                state = again
                result = rerun
                current = value
            }
        }
    }

    /// The weekly waves of campaign `c`'s texts or letters when the service it promotes has a
    /// weekly capacity (planning for people only); nil when it goes in one send.
    func waves(campaign c: Int, channel: PlanChannel, recipients: Int) -> WavePlan.Result? {
        guard let rule = waveRule(campaign: c, channel: channel) else { return nil }
        return WavePlan.split(
            recipients: recipients, responseRate: rule.rate, weeklyCapacity: rule.capacity, maxWeeks: rule.maxWeeks)
    }

    /// How campaign `c`'s texts or letters split into waves (see `waves`); nil for one send.
    func waveRule(campaign c: Int, channel: PlanChannel) -> PlanModel.WaveRule? {
        let info = campaigns[c]
        guard input.people != nil, info.candidate.audience != nil, let service = info.candidate.action,
            let capacity = input.serviceCapacity[service], capacity > 0, channel.isDirect
        else { return nil }
        let start = max(info.candidate.start, input.window.from)
        // A recall runs on after the awareness day itself, to the end of the window; a launch
        // may go up to two weeks into the span, so leave that room for the last wave.
        let weeks = max(1, start.days(to: input.window.to) / 7 - 2)
        let rate = ResponseRates.rate(service: service, channel: channel, overrides: input.responseRates)
        return PlanModel.WaveRule(rate: rate, capacity: capacity, maxWeeks: weeks)
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
        while true {
            rounds += 1
            let (problem, segIndex) = problem(forbidden: state.forbidden, dropped: state.dropped)
            let choice = Allocator.solve(problem, hint: state.previous)
            state.previous = choice
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
                window: input.window, calendar: calendar, constraints: input.constraints, effort: input.effort)
            for (c, info) in campaigns.enumerated() where !state.dropped.contains(c) {
                let set = problem.channels(of: c, in: choice)
                if set.count < 2 { continue }
                var channels: [Scheduler.Receivers] = []
                for ch in set.channels {
                    if ch.isDirect {
                        var groups = Set<String>()
                        var cells: PeopleCells? = nil
                        var recipients = 0
                        for (i, (cc, k)) in segIndex.enumerated() where cc == c && choice.direct[i].has(ch) {
                            groups.insert(info.segments[k].group)
                            recipients += info.segments[k].recipients[ch.order]
                            if let more = info.segments[k].cells { cells = (cells ?? PeopleCells()).union(more) }
                        }
                        let offsets = waves(campaign: c, channel: ch, recipients: recipients)?.waves.map(\.dayOffset) ?? [0]
                        let service = input.people != nil && info.candidate.audience != nil ? info.candidate.action : nil
                        channels.append(
                            Scheduler.Receivers(
                                channel: ch, groups: groups.sorted(), cells: cells, waveOffsets: offsets, service: service))
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
