/// The quarter's planning problem as a mixed-integer program (issue 11, item 1), so that the
/// planner's result can be measured against an exact optimum found by a MIP solver.
///
/// Built from the same `PlanningInput` and the same campaign preparation as the planner
/// (`PlanBuilder.prepareCampaigns`: the same segments, weights, costs, slots and dates), it holds:
/// - the objective the planner maximises (`PlanObjective`): first the number of older segments
///   (groups over the 75+ threshold, their 75+ people) given a text or letter, then the
///   relevance-weighted expected unique reach, combined with the allocator's big-M weight;
/// - the variables: campaign runs, channel used per campaign, direct channels per segment, the
///   segment's channel combination (the reach term is nonlinear in the channel set, so each of
///   the up to 16 combinations is one binary), one binary per candidate date of each required
///   item (the scheduler's own date lists, filtered by the same sending calendar);
/// - the constraints, one family per function (`rows...`), so that a family can be added: every
///   hard rule the scheduler and the allocation keep (docs/plan-model.md lists each with its
///   family and its `PlanRules` check), with the previous plan's load (`Scheduler.seed`) and
///   today (`PlanningInput.today`) taken as the planner takes them.
///
/// What is left out, and why that keeps the optimum: optional reminders (they earn nothing and
/// only use hours and weekly places, so leaving them out is never worse); the manager's moves
/// and pins (not modelled: the comparison plans without decisions). The weekly waves of a text or
/// letter inviting to a capacity-limited service are modelled exactly: their number follows the
/// recipients the segments chosen add up to (`WavePlan.split`), each wave keeps the gap.
///
/// Pure and deterministic: variables and rows in a fixed order, names that say what they are.
public struct PlanModel: Sendable {
    public struct Campaign: Sendable, Hashable {
        public var id: String
        public var title: String
        public var available: ChannelSet
        /// The service a text or letter invites to (one campaign a quarter per service).
        public var service: String?
        /// The groups its website page and social media posts are for (the scheduler's own).
        public var groups: [String] = []
    }

    public struct Segment: Sendable, Hashable {
        public var campaign: Int
        public var group: String
        public var weight: Double
        public var reach: [Double]
        public var cost: [Int]
        public var recipients: [Int]
        public var needsDirect: Bool
        /// Cell bits (`PeopleCells.forEachBit`) when planning for people; nil for group labels.
        public var cells: [Int]?
        /// The direct channels the segment's people can get (`SegmentInfo.takes`): no text to the
        /// 75+ with no mobile number on record, no letter to the 75+ who get the text.
        public var takes: ChannelSet = .direct
        /// The 75+ people with no mobile number on record (`PlanBuilder.splitByMobile`): a letter
        /// that goes to such segments only never reaches anyone a text reaches.
        public var withoutMobile = false
        /// The people the segment could contain, as the scheduler holds them (nil for group labels).
        public var peopleCells: PeopleCells? = nil
    }

    /// What the previous plan already asks of this one (`Scheduler.seed`, the planner's own
    /// seed): staff and clinician hours by week, campaigns by week, texts and letters by date.
    public struct Previous: Sendable {
        public var staffCentiByWeek: [Int: Int] = [:]
        public var clinicianCentiByWeek: [Int: Int] = [:]
        public var campaignsByWeek: [Int: Int] = [:]
        /// Texts and letters to people: cells, date (each wave), whether it is a text, whether a
        /// letter only to people with no mobile number on record.
        public var personContacts: [(cells: [Int], date: CivilDate, kind: Kind)] = []
        /// Texts and letters to groups (inputs without people): group and date.
        public var groupContacts: [(group: String, date: CivilDate)] = []
    }

    /// What reaches a person (the scheduler's `ContactKind`): a text, a letter only to people
    /// with no mobile number on record, another letter. A text and a no-mobile letter never
    /// reach the same person, so they keep no gap between them.
    public enum Kind: Sendable, Hashable {
        case text, letterWithoutMobile, letter
        func disjoint(from other: Kind) -> Bool {
            (self == .text && other == .letterWithoutMobile) || (self == .letterWithoutMobile && other == .text)
        }
    }

    /// One item of a campaign on one channel, with the dates it may take (sending days in the
    /// window, every wave too).
    public struct Item: Sendable, Hashable {
        public var campaign: Int
        public var channel: PlanChannel
        public var number: Int
        public var required: Bool
        public var dates: [CivilDate]
        /// How the item splits into weekly waves (texts and letters inviting to a service with a
        /// weekly capacity); nil: one send.
        public var waves: WaveRule?

        /// Most waves the item can have (1 without a rule).
        public var maxWaves: Int {
            guard var w = waves, w.rate > 0 else { return 1 }
            if w.letter != nil { w = w.leaving(letters: lettersAtMost) }
            let total = recipientsAtMost
            return max(1, min((total + w.perWave - 1) / w.perWave, w.maxWeeks))
        }
        /// Recipients if every segment of the campaign took the channel.
        public var recipientsAtMost: Int
        /// For a text: the campaign's letters if every segment took the letter.
        public var lettersAtMost: Int = 0
    }

    /// `WavePlan.split`'s inputs for one item.
    public struct WaveRule: Sendable, Hashable {
        public var rate: Double
        public var capacity: Int
        public var maxWeeks: Int
        /// People per wave (`WavePlan.split`'s rule).
        public var perWave: Int { max(1, Int((Double(capacity) / min(1, max(0, rate))).rounded(.down))) }

        /// The wave offsets for `recipients` people, as the scheduler sends them.
        public func offsets(recipients: Int) -> [Int] {
            WavePlan.split(recipients: recipients, responseRate: rate, weeklyCapacity: capacity, maxWeeks: maxWeeks)
                .waves.map(\.dayOffset)
        }

        /// The campaign's letter's rule, for a text (`PlanBuilder.capacityLeft`): the text leaves
        /// the letter's busiest week of bookings free at the clinic.
        public var letter: Letter? = nil
        public struct Letter: Sendable, Hashable {
            public var rate: Double
            public var capacity: Int
            public var maxWeeks: Int
        }

        /// The text's rule when the letter goes to `letters` people (the planner's `capacityLeft`).
        public func leaving(letters: Int) -> WaveRule {
            guard letters > 0, let l = letter else { return self }
            let peak = WavePlan.split(recipients: letters, responseRate: l.rate, weeklyCapacity: l.capacity, maxWeeks: l.maxWeeks)
                .peakWeeklyBookings
            var out = self
            out.capacity = max(1, capacity - Int(peak.rounded(.up)))
            out.letter = nil
            return out
        }

        /// The most people the channel may invite in the plan (`WavePlan.limit`).
        public var limit: Int { perWave * max(1, maxWeeks) }
    }

    public var window: DateWindow
    public var campaigns: [Campaign]
    public var segments: [Segment]
    public var items: [Item]
    public var budgets: [Int?]
    public var bigM: Double
    public var constraints: PlanningConstraints
    public var centiHours: [Int]
    public var effort: EffortEstimates
    /// No prep task may be due before this day (`PlanningInput.today`).
    public var today: CivilDate?
    public var previous = Previous()
    let calendar: SendingCalendar
    /// The input, for replaying a schedule through the planner's own scheduler.
    let input: PlanningInput

    public init(_ input: PlanningInput) {
        // The campaigns as the planner leaves them after its rounds: the same segments, and a
        // capacity-limited channel cut to the share the planner refitted to the segments it chose
        // (`rebalanceCapacity`), so that the planner's plan and the model count the same texts
        // and letters. The share is data here (it is not linear in the choice); the booking-limit
        // rows keep any choice of segments within what the clinic can book.
        var builder = PlanBuilder(input)
        _ = builder.run()
        self.input = input
        window = input.window
        constraints = input.constraints
        calendar = builder.calendar
        centiHours = PlanChannel.allCases.map { input.effort.centiHours($0) }
        effort = input.effort
        today = input.today
        previous = PlanModel.previous(input, calendar: builder.calendar)
        budgets = [input.channels.smsBudgetPence, input.channels.letterBudgetPence, nil, nil]
        let base = builder.baseChannels
        var camps: [Campaign] = []
        var segs: [Segment] = []
        var its: [Item] = []
        for (c, info) in builder.campaigns.enumerated() {
            var avail = base
            let forPeople = input.people != nil && info.candidate.audience != nil
            if forPeople && info.candidate.action == nil { avail.subtract(.direct) }
            camps.append(
                Campaign(
                    id: info.id, title: info.candidate.campaignTitle, available: avail,
                    service: forPeople ? info.candidate.action : nil, groups: info.groups))
            for s in info.segments {
                var bits: [Int]? = nil
                if let cells = s.cells {
                    var b: [Int] = []
                    cells.forEachBit { b.append($0) }
                    bits = b
                }
                segs.append(
                    Segment(
                        campaign: c, group: s.group, weight: info.priority * Double(s.people), reach: s.reach,
                        cost: s.cost, recipients: s.recipients, needsDirect: s.needsDirect, cells: bits,
                        takes: ChannelSet([PlanChannel.sms, .letter].filter { s.takes($0) }), withoutMobile: s.withoutMobile,
                        peopleCells: s.cells))
            }
            let request = builder.request(c, channels: [])
            for ch in avail.channels {
                let all = info.segments.reduce(0) { $0 + $1.recipients[ch.order] }
                var rule = ch.isDirect ? builder.waveRule(campaign: c, channel: ch) : nil
                if ch == .sms, rule != nil, let l = builder.waveRule(campaign: c, channel: .letter) {
                    rule!.letter = .init(rate: l.rate, capacity: l.capacity, maxWeeks: l.maxWeeks)
                }
                let slots = SlotBuilder.slots(
                    channel: ch, start: request.start, end: request.end, groups: info.groups, calendar: calendar,
                    effort: input.effort)
                for slot in slots {
                    var dates: [CivilDate] = []
                    for d in slot.dates where !dates.contains(d) {
                        if PlanModel.fits(
                            d, channel: ch, waves: [0], window: input.window, calendar: calendar,
                            constraints: input.constraints, effort: input.effort, today: input.today)
                        {
                            dates.append(d)
                        }
                    }
                    its.append(
                        Item(
                            campaign: c, channel: ch, number: slot.number, required: slot.required, dates: dates,
                            waves: slot.required ? rule : nil, recipientsAtMost: all,
                            lettersAtMost: info.segments.reduce(0) { $0 + $1.recipients[PlanChannel.letter.order] }))
                }
            }
        }
        campaigns = camps
        segments = segs
        items = its
        bigM = segs.reduce(0.0) { $0 + max(0, $1.weight) } + 1
    }

    /// True when an item on `channel` may go on `date`: in the window, a sending day (a moderated
    /// day for social media when someone moderates at weekends; quiet dates and bank holidays
    /// are not), every later wave too, and no prep task due before today.
    static func fits(
        _ date: CivilDate, channel: PlanChannel, waves: [Int], window: DateWindow, calendar: SendingCalendar,
        constraints: PlanningConstraints, effort: EffortEstimates, today: CivilDate?
    ) -> Bool {
        if date < window.from || date >= window.to { return false }
        if let today, let first = PrepWork.tasks(channel, date: date, effort: effort, calendar: calendar).map(\.due).min(),
            first < today
        {
            return false
        }
        if channel == .social, constraints.socialWeekendModerator != nil {
            if !calendar.isModeratedDay(date) { return false }
        } else if !calendar.isSendingDay(date) {
            return false
        }
        for o in waves where o > 0 {
            let d = date.adding(days: o)
            if d >= window.to || !calendar.isSendingDay(d) { return false }
        }
        return true
    }


    /// `fits` with this model's window, calendar and rules.
    func fits(_ date: CivilDate, channel: PlanChannel, waves: [Int]) -> Bool {
        PlanModel.fits(
            date, channel: channel, waves: waves, window: window, calendar: calendar, constraints: constraints,
            effort: effort, today: today)
    }

    /// The previous plan's load, read off a scheduler seeded with it exactly as the planner's is.
    static func previous(_ input: PlanningInput, calendar: SendingCalendar) -> Previous {
        guard !input.previousItems.isEmpty else { return Previous() }
        let seeded = Scheduler(
            window: input.window, calendar: calendar, constraints: input.constraints, effort: input.effort,
            today: input.today, previous: input.previousItems, people: input.people)
        var out = Previous()
        out.staffCentiByWeek = seeded.centiByWeek
        out.clinicianCentiByWeek = seeded.clinicianByWeek
        out.campaignsByWeek = seeded.campaignsByWeek.mapValues(\.count)
        for p in seeded.personContacts {
            var bits: [Int] = []
            p.cells.forEachBit { bits.append($0) }
            let kind: Kind = p.kind == .text ? .text : p.kind == .letterWithoutMobile ? .letterWithoutMobile : .letter
            out.personContacts.append((bits, p.date, kind))
        }
        for g in seeded.contacts.keys.sorted() {
            for (d, _, _) in seeded.contacts[g]! { out.groupContacts.append((g, d)) }
        }
        return out
    }

    /// Segments of campaign `c`, by index.
    func segmentsOf(_ c: Int) -> [Int] { segments.indices.filter { segments[$0].campaign == c } }
}

/// The planner's scalar objective: `bigM * olderServed + reach` (the allocator's, measured on
/// the channels a plan actually places).
public struct PlanObjective: Sendable, Hashable {
    public var olderServed: Int
    public var reach: Double
    public var bigM: Double
    public var value: Double { Double(olderServed) * bigM + reach }
}

/// A plan reduced to what the rules and the objective look at: broadcast channels per campaign,
/// direct channels per segment (`PlanModel.segments` order), items with dates.
public struct PlanSchedule: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var campaign: Int
        public var channel: PlanChannel
        public var number: Int
        public var date: CivilDate
        public var waveOffsets: [Int]
        public init(campaign: Int, channel: PlanChannel, number: Int, date: CivilDate, waveOffsets: [Int]) {
            self.campaign = campaign
            self.channel = channel
            self.number = number
            self.date = date
            self.waveOffsets = waveOffsets
        }
    }

    public var broadcast: [ChannelSet]
    public var direct: [ChannelSet]
    public var items: [Item]
}

extension PlanModel {
    /// The objective of `schedule`: campaigns on fewer than two channels count nothing.
    public func objective(_ schedule: PlanSchedule) -> PlanObjective {
        let used = channelsUsed(schedule)
        var older = 0
        var reach = 0.0
        for (k, s) in segments.enumerated() where used[s.campaign].count >= 2 {
            let set = schedule.broadcast[s.campaign].union(schedule.direct[k])
            reach += s.weight * AllocationProblem.unionReach(s.reach, set)
            if s.needsDirect && !schedule.direct[k].isEmpty { older += 1 }
        }
        return PlanObjective(olderServed: older, reach: reach, bigM: bigM)
    }

    func channelsUsed(_ schedule: PlanSchedule) -> [ChannelSet] {
        var used = schedule.broadcast
        for (k, s) in segments.enumerated() { used[s.campaign].formUnion(schedule.direct[k]) }
        return used
    }
}

extension QuarterPlanner {
    /// The plan, and what it places as a `PlanSchedule` of `PlanModel(input)` (same campaigns
    /// and segments), for measuring the planner against the model.
    public static func planAndSchedule(_ input: PlanningInput) -> (Plan, PlanSchedule) {
        var builder = PlanBuilder(input)
        let plan = builder.run()
        let r = builder.lastResult!
        var placedChannels = Array(repeating: ChannelSet(), count: builder.campaigns.count)
        var items: [PlanSchedule.Item] = []
        for p in r.scheduler.placed {
            placedChannels[p.campaign].insert(ChannelSet(p.slot.channel))
            items.append(
                .init(campaign: p.campaign, channel: p.slot.channel, number: p.slot.number, date: p.date, waveOffsets: p.slot.waveOffsets))
        }
        items.sort { ($0.campaign, $0.channel, $0.number) < ($1.campaign, $1.channel, $1.number) }
        let broadcast = (0..<builder.campaigns.count).map { r.choice.broadcast[$0].intersection(placedChannels[$0]) }
        let direct = r.segIndex.enumerated().map { i, ck in r.choice.direct[i].intersection(placedChannels[ck.0]) }
        return (plan, PlanSchedule(broadcast: broadcast, direct: direct, items: items))
    }
}
