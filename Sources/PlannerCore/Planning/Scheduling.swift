/// What an item does inside its awareness day's span.
enum ItemRole: Sendable, Hashable {
    /// Single day: shortly before the day.
    case headsUp
    /// Single day: on the day itself.
    case onTheDay
    /// Week- or month-long: at the start.
    case launch
    /// Month-long: half way through.
    case midpointReminder
    /// Letters: posted so they land before the day starts.
    case arriveBefore
    /// Letters: posted so they land during the day's span (when there is no time to land
    /// before it, e.g. a day at the start of the plan).
    case arriveDuring

    /// A noun phrase: "a heads-up shortly before the day".
    var words: String {
        switch self {
        case .headsUp: return "a heads-up shortly before the day"
        case .onTheDay: return "a reminder on the day itself"
        case .launch: return "the launch at the start of the span"
        case .midpointReminder: return "a mid-point reminder"
        case .arriveBefore: return "a letter posted to arrive before the day"
        case .arriveDuring: return "a letter posted to arrive during the campaign"
        }
    }
}

/// One item to place: its channel, its number in the id and the dates it may take,
/// best first.
struct ItemSlot: Sendable, Hashable {
    var channel: PlanChannel
    var number: Int
    var role: ItemRole
    /// Candidate dates, most preferred first.
    var dates: [CivilDate]
    /// A required slot failing means the channel fails; an optional one is just dropped.
    var required: Bool
    /// Groups that receive it (for the contact gap; direct channels only).
    var groups: [String]
    /// The people who could receive it (planning for people): the contact gap and the
    /// per-person cap then apply to these instead of `groups`.
    var cells: PeopleCells? = nil
    /// Days after the item's date on which its later waves go (issue 10, item 5); the first
    /// wave is the date itself. Each wave must be a sending day and keep the contact rules.
    var waveOffsets: [Int] = [0]
    /// Dates from this one on give the item `lateRole` instead of `role` (a letter that
    /// lands during the span rather than before it).
    var lateFrom: CivilDate? = nil
    var lateRole: ItemRole? = nil
    /// The service a text or letter invites people to (planning for people): one campaign a
    /// quarter invites to a service by text or letter, not every day that promotes it.
    var service: String? = nil
    /// A letter only to people with no mobile number on record: no text reaches them, so it
    /// keeps no contact gap to texts (planning for people).
    var withoutMobile = false
    /// What the text or letter costs, in pence (for the per-quarter budgets, issue 11).
    var costPence: Int = 0

    /// The role the item plays when sent on `date`.
    func role(on date: CivilDate) -> ItemRole {
        if let lateFrom, let lateRole, date >= lateFrom { return lateRole }
        return role
    }
}

/// The shape of an awareness day's span.
enum SpanKind {
    case single, week, long

    init(days: Int) {
        if days <= 1 {
            self = .single
        } else if days < 14 {
            self = .week
        } else {
            self = .long
        }
    }
}

enum SlotBuilder {
    /// The slots for `channel` in a campaign spanning `[start, end)`. Reminders go on the
    /// free channels only, so a long day never doubles a group's texts or letters.
    static func slots(
        channel: PlanChannel, start s: CivilDate, end: CivilDate, groups: [String], cells: PeopleCells? = nil,
        waveOffsets: [Int] = [0], calendar: SendingCalendar, effort: EffortEstimates
    ) -> [ItemSlot] {
        slotsForGroups(channel: channel, start: s, end: end, groups: groups, calendar: calendar, effort: effort).map {
            var slot = $0
            slot.cells = cells
            if slot.required && slot.channel.isDirect { slot.waveOffsets = waveOffsets }
            return slot
        }
    }

    static func slotsForGroups(
        channel: PlanChannel, start s: CivilDate, end: CivilDate, groups: [String], calendar: SendingCalendar,
        effort: EffortEstimates
    ) -> [ItemSlot] {
        let length = max(1, s.days(to: end))
        let kind = SpanKind(days: length)
        let last = s.adding(days: length - 1)
        let mid = s.adding(days: length / 2)
        func run(_ a: CivilDate, _ b: CivilDate) -> [CivilDate] {
            a > b ? [] : (0...a.days(to: b)).map { a.adding(days: $0) }
        }
        switch channel {
        case .sms:
            switch kind {
            case .single:
                return [
                    ItemSlot(
                        channel: .sms, number: 1, role: .headsUp,
                        dates: [s] + (1...5).map { s.adding(days: -$0) }, required: true, groups: groups)
                ]
            case .week:
                return [
                    ItemSlot(
                        channel: .sms, number: 1, role: .launch,
                        dates: run(s, last) + [s.adding(days: -1), s.adding(days: -2)], required: true, groups: groups)
                ]
            case .long:
                return [
                    ItemSlot(
                        channel: .sms, number: 1, role: .launch,
                        // Early in the span is best; a text may go until a week before its end
                        // (a month-long day is still worth a text in its third week).
                        dates: run(s, max(s.adding(days: 13), last.adding(days: -7))) + [
                            s.adding(days: -1), s.adding(days: -2),
                        ], required: true, groups: groups)
                ]
            }
        case .letter:
            // Posted `letterDeliveryWorkingDays` sending days before the start, or up to five
            // sending days earlier. When none of those fits (typically a day at the start of
            // the plan, whose ideal posting date is in the previous quarter), the letter may
            // land during the span instead: by the middle of a longer day, on a single day.
            let ideal = calendar.sendingDay(effort.letterDeliveryWorkingDays, before: s.adding(days: -1))
            var dates = [ideal] + (1...5).map { calendar.sendingDay($0, before: ideal) }
            let latest =
                kind == .single ? calendar.sendingDay(effort.letterDeliveryWorkingDays, before: s) : mid
            dates += run(ideal.adding(days: 1), latest)
            return [
                ItemSlot(
                    channel: .letter, number: 1, role: .arriveBefore, dates: dates, required: true, groups: groups,
                    lateFrom: ideal.adding(days: 1), lateRole: .arriveDuring)
            ]
        case .website:
            switch kind {
            case .single:
                return [
                    ItemSlot(
                        channel: .website, number: 1, role: .headsUp,
                        dates: [
                            s.adding(days: -2), s.adding(days: -1), s, s.adding(days: -3), s.adding(days: -4),
                            s.adding(days: -5),
                        ], required: true, groups: groups)
                ]
            case .week, .long:
                // Up by the start, or during the first days when the start is not a working day;
                // a month-long day may launch in its second week when the first is full.
                return [
                    ItemSlot(
                        channel: .website, number: 1, role: .launch,
                        dates: run(s, min(last, s.adding(days: kind == .long ? 13 : 6))) + [
                            s.adding(days: -1), s.adding(days: -2), s.adding(days: -3),
                        ], required: true, groups: groups)
                ]
            }
        case .social:
            switch kind {
            case .single:
                return [
                    ItemSlot(
                        channel: .social, number: 1, role: .headsUp,
                        dates: (1...5).map { s.adding(days: -$0) }, required: true, groups: groups),
                    // On the day, or the working day before when the day is not one (a post needs
                    // someone to answer replies; see `socialWeekendModerator`).
                    ItemSlot(
                        channel: .social, number: 2, role: .onTheDay,
                        dates: calendar.isSendingDay(s) ? [s] : [s, calendar.sendingDay(0, before: s)], required: false,
                        groups: groups),
                ]
            case .week:
                return [
                    ItemSlot(
                        channel: .social, number: 1, role: .launch,
                        dates: run(s, min(last, s.adding(days: 6))) + [s.adding(days: -1), s.adding(days: -2)],
                        required: true, groups: groups)
                ]
            case .long:
                return [
                    ItemSlot(
                        channel: .social, number: 1, role: .launch,
                        dates: run(s, s.adding(days: 13)) + [s.adding(days: -1), s.adding(days: -2)], required: true,
                        groups: groups),
                    ItemSlot(
                        channel: .social, number: 2, role: .midpointReminder,
                        dates: [mid] + (1...4).flatMap { [mid.adding(days: $0), mid.adding(days: -$0)] },
                        required: false, groups: groups),
                ]
            }
        }
    }
}

/// A slot placed on a date.
struct PlacedItem: Sendable, Hashable {
    var campaign: Int
    var slot: ItemSlot
    var date: CivilDate
    /// Why the preferred date was not used, when it was not.
    var movedBecause: String?
    /// Placed by the manager's move decision.
    var decided: Bool
}

struct ChannelFailure: Sendable, Hashable {
    var campaign: Int
    var channel: PlanChannel
    var reason: String
}

struct DroppedReminder: Sendable, Hashable {
    var campaign: Int
    var slot: ItemSlot
    var reason: String
}

/// Places items campaign by campaign, most relevant first, under the weekly hours, the
/// weekly campaign cap, the contact gap and the sending-day rules.
struct Scheduler {
    struct CampaignRequest {
        var index: Int
        var id: CampaignID
        var title: String
        var start: CivilDate
        var end: CivilDate
        var channels: [Receivers]
    }

    /// Who a channel of a campaign goes to: the receiving groups (sorted) and, when planning
    /// for people, the people they could be.
    struct Receivers {
        var channel: PlanChannel
        var groups: [String]
        var cells: PeopleCells?
        /// Wave offsets in days (direct channels; [0] for one send).
        var waveOffsets: [Int] = [0]
        /// The service the text or letter invites people to (see `ItemSlot.service`).
        var service: String? = nil
        /// See `ItemSlot.withoutMobile`.
        var withoutMobile = false
        /// What the text or letter costs, in pence (the allocation's segment costs).
        var costPence: Int = 0
    }

    let window: DateWindow
    let calendar: SendingCalendar
    let constraints: PlanningConstraints
    let effort: EffortEstimates
    /// No prep task may be due before this day (`PlanningInput.today`).
    var today: CivilDate? = nil
    /// The prep tasks' weeks and due dates on each date (fixed for the plan, shared by the
    /// rounds' schedulers).
    let prep: PrepTable

    // State (weeks keyed by ISO label; dictionaries are lookups, never output order).
    // Weeks are keyed by their Monday's day number (cheap to compute; the label is only
    // written into reasons).
    var centiByWeek: [Int: Int] = [:]
    /// Clinician hours for sign-off by week (issue 11), and each campaign's one sign-off date.
    var clinicianByWeek: [Int: Int] = [:]
    /// Per quarter of `constraints.quarterLimits`: money spent per channel order, and texts and
    /// letters per (sex, age) cell (issue 11, item 5).
    var quarterSpent: [[Int]] = []
    var quarterContactsPerCell: [[Int]] = []
    var signOffOf: [Int: CivilDate] = [:]
    var campaignsByWeek: [Int: Set<Int>] = [:]
    /// Group -> (date, campaign index, campaign title) of each SMS or letter.
    var contacts: [String: [(CivilDate, Int, String)]] = [:]
    /// Texts and letters to people (planning for people): who could receive each, when.
    var personContacts: [(cells: PeopleCells, date: CivilDate, campaign: Int, title: String, kind: ContactKind)] = []

    /// What reaches a person: a text goes to people with a mobile number on record, a letter
    /// `withoutMobile` only to people without one; those two never reach the same person.
    enum ContactKind: Sendable, Hashable {
        case text, letterWithoutMobile, letter

        init(_ slot: ItemSlot) {
            self = slot.channel == .sms ? .text : slot.withoutMobile ? .letterWithoutMobile : .letter
        }

        func disjoint(from other: ContactKind) -> Bool {
            (self == .text && other == .letterWithoutMobile) || (self == .letterWithoutMobile && other == .text)
        }
    }
    /// Texts and letters each (sex, age) cell could receive in the window.
    var contactsPerCell: [Int] = Array(repeating: 0, count: 2 * PeopleGrid.ageCount)
    /// Service -> (campaign, title) of the text or letter that invites people to it.
    var invitations: [String: (campaign: Int, title: String)] = [:]

    var placed: [PlacedItem] = []
    var failures: [ChannelFailure] = []
    var droppedReminders: [DroppedReminder] = []
    /// Moves that break a rule: (item id, date, what it breaks).
    var brokenMoves: [(String, CivilDate, String)] = []

    init(
        window: DateWindow, calendar: SendingCalendar, constraints: PlanningConstraints, effort: EffortEstimates,
        today: CivilDate? = nil, previous: [PlanItem] = [], people: PeopleModel? = nil, prep: PrepTable? = nil
    ) {
        self.today = today
        self.prep = prep ?? PrepTable(window: window, calendar: calendar, effort: effort)
        self.window = window
        self.calendar = calendar
        self.constraints = constraints
        self.effort = effort
        quarterSpent = constraints.quarterLimits.map { _ in [0, 0, 0, 0] }
        quarterContactsPerCell = constraints.quarterLimits.map { _ in Array(repeating: 0, count: 2 * PeopleGrid.ageCount) }
        if !previous.isEmpty { seed(previous: previous, people: people) }
    }

    var capCentiHours: Int { Int((constraints.commsHoursPerWeek * 100).rounded()) }

    /// Why a date does not fit, kept as data while dates are tried and written in words only
    /// when a reason is shown.
    enum Block: Hashable {
        case outside(CivilDate)
        case notSending(CivilDate)
        case hours(CivilDate, used: Int)
        case clinician(CivilDate, used: Int)
        case prepMissed(CivilDate, due: CivilDate)
        case quarterBudget(Int, PlanChannel, spent: Int)
        case quarterPersonCap(Int)
        case cap(CivilDate, count: Int)
        case gap(group: String, other: CivilDate, campaign: Int)
        case personGap(other: CivilDate, campaign: Int)
        case personCap(CivilDate)
        case invited(service: String, campaign: Int)
    }

    /// Why `slot` cannot go on `date` for `campaign`, or nil when it can.
    func problem(_ slot: ItemSlot, on date: CivilDate, campaign: Int) -> String? {
        block(slot, on: date, campaign: campaign).map(text)
    }

    func block(_ slot: ItemSlot, on date: CivilDate, campaign: Int) -> Block? {
        if date < window.from || date >= window.to { return .outside(date) }
        // Website pages are published by staff on working days, and social posts too unless
        // someone moderates the replies at weekends and on bank holidays (issue 11).
        if slot.channel == .social, constraints.socialWeekendModerator != nil {
            if !calendar.isModeratedDay(date) { return .notSending(date) }
        } else if !calendar.isSendingDay(date) {
            return .notSending(date)
        }
        if let b = todayBlock(slot.channel, on: date) { return b }
        if let b = hoursBlock(slot.channel, on: date) { return b }
        if let b = clinicianBlock(slot.channel, on: date, campaign: campaign) { return b }
        if let b = quarterBlock(slot, on: date) { return b }
        let week = date.mondayOfWeek.daysSinceEpoch
        if let inWeek = campaignsByWeek[week], !inWeek.contains(campaign), inWeek.count >= constraints.campaignsPerWeek {
            return .cap(date, count: inWeek.count)
        }
        if slot.channel.isDirect, let service = slot.service, let other = invitations[service],
            other.campaign != campaign
        {
            return .invited(service: service, campaign: other.campaign)
        }
        if slot.channel.isDirect, let cells = slot.cells {
            // Two texts or letters that could reach the same person keep the gap, across
            // campaigns and within one; nobody gets more than the cap in the window. The waves
            // of one item go to different people, so they only keep the gap to other items.
            let gap = constraints.minDaysBetweenContacts
            for offset in slot.waveOffsets {
                let d = date.adding(days: offset)
                if offset > 0 {
                    if d >= window.to { return .outside(d) }
                    if !calendar.isSendingDay(d) { return .notSending(d) }
                }
                let kind = ContactKind(slot)
                for other in personContacts
                where abs(other.date.days(to: d)) < gap && !kind.disjoint(from: other.kind) && other.cells.intersects(cells) {
                    return .personGap(other: other.date, campaign: other.campaign)
                }
            }
            var full = false
            let cap = constraints.maxDirectContactsPerPerson
            cells.forEachBit { if contactsPerCell[$0] >= cap { full = true } }
            if full { return .personCap(date) }
        } else if slot.channel.isDirect {
            let gap = constraints.minDaysBetweenContacts
            for g in slot.groups {
                for (other, c, _) in contacts[g] ?? [] where c != campaign && abs(other.days(to: date)) < gap {
                    return .gap(group: g, other: other, campaign: c)
                }
            }
        }
        return nil
    }

    func text(_ b: Block) -> String {
        switch b {
        case .outside(let date):
            return "\(date.iso) is outside the plan (\(window.from.iso) to \(window.to.adding(days: -1).iso))"
        case .notSending(let date):
            return calendar.whyNotSending(date) ?? "\(date.iso) is not a sending day"
        case .hours(let date, let used):
            return "\(date.weekInWords) has \(Hours.text(used)) of \(Hours.text(capCentiHours)) \(Self.hoursFullPhrase)"
        case .quarterBudget(let q, let channel, let spent):
            return quarterText(q, channel: channel, spent: spent)
        case .quarterPersonCap(let q):
            return quarterText(q, channel: nil, spent: 0)
        case .prepMissed(let date, let due):
            return "for \(date.iso) its preparation would start \(due.iso), \(Self.prepMissedPhrase) "
                + "(\(today?.iso ?? ""))"
        case .clinician(let date, let used):
            return "\(date.weekInWords) has \(Hours.text(used)) of \(Hours.text(clinicianCapCentiHours)) clinician hours "
                + "for sign-off taken (staff.clinicianHoursPerWeek)"
        case .cap(let date, let count):
            return "\(date.weekInWords) already has \(count) \(count == 1 ? "campaign" : "campaigns"), the weekly limit"
        case .gap(let g, let other, let c):
            let title = contacts[g]?.first { $0.0 == other && $0.1 == c }?.2 ?? ""
            return "\(g) is contacted on \(other.iso) (\(title)), less than \(constraints.minDaysBetweenContacts) days away"
        case .personGap(let other, let c):
            let title = personContacts.first { $0.date == other && $0.campaign == c }?.title ?? ""
            return "some of the same people are contacted on \(other.iso) (\(title)), less than "
                + "\(constraints.minDaysBetweenContacts) days away"
        case .invited(_, let c):
            let title = invitations.values.first { $0.campaign == c }?.title ?? ""
            return "the same people are already invited to this service by text or letter in \"\(title)\" this quarter"
        case .personCap:
            return "some of these people already get \(constraints.maxDirectContactsPerPerson) texts or letters "
                + "in this plan, the most per person"
        }
    }

    /// The item's prep tasks on `date` (`PrepWork`).
    func prepTasks(_ channel: PlanChannel, on date: CivilDate) -> [PrepTask] {
        PrepWork.tasks(channel, date: date, effort: effort, calendar: calendar)
    }

    /// Weekly staff hours (issue 11, item 2): each prep task's hours count in the week the
    /// task is due, which may be before the plan starts; the first week they would overfill.
    func hoursBlock(_ channel: PlanChannel, on date: CivilDate) -> Block? {
        let cap = capCentiHours
        for w in prep.entry(channel, on: date).staffByWeek {
            let used = centiByWeek[w.week] ?? 0
            if used + w.centi > cap { return .hours(CivilDate(daysSinceEpoch: w.week), used: used) }
        }
        return nil
    }

    /// "Today" (issue 11, item 3): an item whose first prep task would be due before today
    /// cannot go on `date`; a later date may still fit.
    func todayBlock(_ channel: PlanChannel, on date: CivilDate) -> Block? {
        guard let today else { return nil }
        let first = prep.entry(channel, on: date).firstDue
        guard first < today else { return nil }
        return .prepMissed(date, due: first)
    }

    var clinicianCapCentiHours: Int { Int((constraints.clinicianHoursPerWeek * 100).rounded()) }

    /// The campaign's one clinical sign-off (issue 11, item 2) if an item goes on `date`: due by
    /// the earliest of its items' sign-off dates; nil when the item leaves it where it is.
    func signOffMove(_ channel: PlanChannel, on date: CivilDate, campaign: Int) -> (from: CivilDate?, to: CivilDate)? {
        let due = prep.entry(channel, on: date).signOffDue
        let current = signOffOf[campaign]
        if let current, current <= due { return nil }
        return (current, due)
    }

    /// A clinician's weekly hours for sign-off (`staff.clinicianHoursPerWeek`): the week the
    /// campaign's sign-off would move to must have room for it.
    func clinicianBlock(_ channel: PlanChannel, on date: CivilDate, campaign: Int) -> Block? {
        guard let move = signOffMove(channel, on: date, campaign: campaign) else { return nil }
        let week = move.to.mondayOfWeek.daysSinceEpoch
        var used = clinicianByWeek[week] ?? 0
        if let from = move.from, from.mondayOfWeek.daysSinceEpoch == week { used -= effort.signOffCentiHours }
        if used + effort.signOffCentiHours > clinicianCapCentiHours {
            return .clinician(CivilDate(daysSinceEpoch: week), used: used)
        }
        return nil
    }

    /// Books the campaign's sign-off in its (possibly new) week.
    mutating func placeSignOff(_ channel: PlanChannel, on date: CivilDate, campaign: Int) {
        guard let move = signOffMove(channel, on: date, campaign: campaign) else { return }
        if let from = move.from { clinicianByWeek[from.mondayOfWeek.daysSinceEpoch, default: 0] -= effort.signOffCentiHours }
        clinicianByWeek[move.to.mondayOfWeek.daysSinceEpoch, default: 0] += effort.signOffCentiHours
        signOffOf[campaign] = move.to
    }

    mutating func place(_ slot: ItemSlot, on date: CivilDate, campaign: Int, title: String) {
        let week = date.mondayOfWeek.daysSinceEpoch
        placeSignOff(slot.channel, on: date, campaign: campaign)
        placeInQuarter(slot, on: date)
        for w in prep.entry(slot.channel, on: date).staffByWeek {
            centiByWeek[w.week, default: 0] += w.centi
        }
        campaignsByWeek[week, default: []].insert(campaign)
        if slot.channel.isDirect, let service = slot.service, invitations[service] == nil {
            invitations[service] = (campaign, title)
        }
        if slot.channel.isDirect, let cells = slot.cells {
            for offset in slot.waveOffsets {
                personContacts.append((cells, date.adding(days: offset), campaign, title, ContactKind(slot)))
            }
            cells.forEachBit { contactsPerCell[$0] += 1 }
        } else if slot.channel.isDirect {
            for g in slot.groups { contacts[g, default: []].append((date, campaign, title)) }
        }
    }

    /// The words that end a reason of full weekly staff hours (`PlanBuilder.makeRoom` looks for them).
    static let hoursFullPhrase = "staff hours taken"

    /// The words that mark a reason as a missed prep window (`prep-window-missed`).
    static let prepMissedPhrase = "before today"

    /// Optional reminders of committed campaigns, placed after every campaign's required
    /// items (`placeReminders`), so that a reminder never takes a week from another day.
    var pendingReminders: [(campaign: Int, title: String, slot: ItemSlot)] = []

    /// The first date of `slot` that fits, or the reasons none does.
    func firstFit(_ slot: ItemSlot, campaign: Int) -> (CivilDate?, [String]) {
        var blocks: [Block] = []
        for d in slot.dates {
            if let b = block(slot, on: d, campaign: campaign) {
                blocks.append(b)
            } else {
                // Only the first reason is shown for a moved item.
                return (d, blocks.first.map { [text($0)] } ?? [])
            }
        }
        var reasons: [String] = []
        for b in blocks {
            let why = text(b)
            if !reasons.contains(why) { reasons.append(why) }
        }
        return (nil, reasons)
    }

    /// "no date fits: ..." with the reasons that limit the plan first (weekly limits, hours,
    /// contact gaps), then the calendar ones, then dates outside the plan; at most three,
    /// and how many more there were.
    static func noDateFits(_ reasons: [String]) -> String {
        // The phrases are searched for on the UTF-8 bytes: they are the scheduler's own words,
        // and String.contains (Characters, through _StringProcessing) was a twentieth of a run.
        func has(_ r: [UInt8], _ phrase: StaticString) -> Bool {
            let p = UnsafeBufferPointer(start: phrase.utf8Start, count: phrase.utf8CodeUnitCount)
            guard r.count >= p.count else { return false }
            var i = 0
            while i + p.count <= r.count {
                if r[i] == p[0] {
                    var k = 1
                    while k < p.count && r[i + k] == p[k] { k += 1 }
                    if k == p.count { return true }
                }
                i += 1
            }
            return false
        }
        func rank(_ text: String) -> Int {
            let r = Array(text.utf8)
            if has(r, "outside the plan") { return 2 }
            if text.hasPrefix("the week of ") || has(r, " is contacted on ") || has(r, " are contacted on ")
                || has(r, "the most per person") || has(r, "already invited to this service") || has(r, "before today")
                || has(r, "this quarter's own limit")
            {
                return 0
            }
            return 1
        }
        // Each reason ranked once, then kept in its order within its rank (the stable sort by
        // (rank, offset) this replaces ranked inside the comparison, 21% of a batch's time).
        var byRank: [[String]] = [[], [], []]
        for r in reasons { byRank[rank(r)].append(r) }
        let ordered = byRank[0] + byRank[1] + byRank[2]
        var text = "no date fits: " + ordered.prefix(3).joined(separator: "; ")
        if ordered.count > 3 { text += " (and \(ordered.count - 3) more)" }
        return text
    }

    /// Tries to place every required item of `request`. A channel none of whose dates fits
    /// is left out (and reported in `failures`) while the others stay; when fewer than two
    /// channels remain the campaign is not placed at all and nothing of it is kept.
    mutating func schedule(_ request: CampaignRequest, moves: [String: CivilDate] = [:]) {
        let saved = (
            centiByWeek, campaignsByWeek, contacts, personContacts, contactsPerCell, invitations, clinicianByWeek,
            signOffOf, quarterSpent, quarterContactsPerCell
        )
        var mine: [PlacedItem] = []
        var myBroken: [(String, CivilDate, String)] = []
        var myFailures: [ChannelFailure] = []
        var myReminders: [ItemSlot] = []
        var channelsPlaced = 0
        for receivers in request.channels {
            let channel = receivers.channel
            let slots = SlotBuilder.slots(
                channel: channel, start: request.start, end: request.end, groups: receivers.groups,
                cells: receivers.cells, waveOffsets: receivers.waveOffsets, calendar: calendar, effort: effort
            ).map { slot in
                var slot = slot
                if slot.channel.isDirect {
                    slot.service = receivers.service
                    slot.withoutMobile = receivers.withoutMobile
                    slot.costPence = receivers.costPence
                }
                return slot
            }
            var channelFailed = false
            for slot in slots {
                if channelFailed { break }
                // A manager's move wins over every rule; what it breaks is reported.
                let itemID = ItemID(campaign: request.id, channel: channel, number: slot.number).rawValue
                if let forced = moves[itemID] {
                    if let why = problem(slot, on: forced, campaign: request.index) {
                        myBroken.append((itemID, forced, why))
                    }
                    place(slot, on: forced, campaign: request.index, title: request.title)
                    mine.append(
                        PlacedItem(campaign: request.index, slot: slot, date: forced, movedBecause: nil, decided: true))
                    continue
                }
                if !slot.required {
                    myReminders.append(slot)
                    continue
                }
                let (chosen, reasons) = firstFit(slot, campaign: request.index)
                if let d = chosen {
                    place(slot, on: d, campaign: request.index, title: request.title)
                    let moved = d == slot.dates.first ? nil : reasons.first
                    mine.append(
                        PlacedItem(campaign: request.index, slot: slot, date: d, movedBecause: moved, decided: false))
                } else {
                    // Required slots come first in a channel, so nothing of it was placed.
                    channelFailed = true
                    myFailures.append(
                        ChannelFailure(campaign: request.index, channel: channel, reason: Self.noDateFits(reasons)))
                }
            }
            if !channelFailed { channelsPlaced += 1 }
        }
        failures += myFailures
        if channelsPlaced >= 2 {
            placed += mine
            brokenMoves += myBroken
            for slot in myReminders { pendingReminders.append((request.index, request.title, slot)) }
        } else {
            (
                centiByWeek, campaignsByWeek, contacts, personContacts, contactsPerCell, invitations, clinicianByWeek,
                signOffOf, quarterSpent, quarterContactsPerCell
            ) = saved
        }
    }

    /// Places the optional reminders of placed campaigns, in the order their campaigns were
    /// placed; one that does not fit is dropped with its reason.
    mutating func placeReminders() {
        let committed = Set(placed.map(\.campaign))
        for (c, title, pending) in pendingReminders where committed.contains(c) {
            // A reminder never goes out on a day the campaign already posts on that channel
            // (a Sunday's "on the day" post moved to the Friday of its heads-up, say): one post
            // a day is enough, and two alike look like a mistake. When that day was its only
            // possible one, the reminder is simply not needed: no warning.
            var slot = pending
            let taken = placed.filter { $0.campaign == c && $0.slot.channel == slot.channel }.map(\.date)
            slot.dates.removeAll { taken.contains($0) }
            let (chosen, reasons) = firstFit(slot, campaign: c)
            if chosen == nil, pending.dates.contains(where: { taken.contains($0) }) { continue }
            if let d = chosen {
                place(slot, on: d, campaign: c, title: title)
                let moved = d == slot.dates.first ? nil : reasons.first
                placed.append(PlacedItem(campaign: c, slot: slot, date: d, movedBecause: moved, decided: false))
            } else {
                droppedReminders.append(DroppedReminder(campaign: c, slot: slot, reason: Self.noDateFits(reasons)))
            }
        }
        pendingReminders = []
    }
}

/// Hours written from hundredths: 150 -> "1.5", 75 -> "0.75", 200 -> "2" (no float printing).
enum Hours {
    static func text(_ centi: Int) -> String { Format.hours(centiHours: centi) }
}

/// Money written from pence: 1234 -> "12.34".
enum Money {
    static func pounds(_ pence: Int) -> String { Format.pounds(pence: pence) }
}
