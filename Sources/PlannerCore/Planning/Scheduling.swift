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

    /// A noun phrase: "a heads-up shortly before the day".
    var words: String {
        switch self {
        case .headsUp: return "a heads-up shortly before the day"
        case .onTheDay: return "a reminder on the day itself"
        case .launch: return "the launch at the start of the span"
        case .midpointReminder: return "a mid-point reminder"
        case .arriveBefore: return "a letter posted to arrive before the day"
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
                        dates: [s, s.adding(days: -1), s.adding(days: -2), s.adding(days: -3)], required: true,
                        groups: groups)
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
                        dates: run(s, s.adding(days: 13)) + [s.adding(days: -1), s.adding(days: -2)], required: true,
                        groups: groups)
                ]
            }
        case .letter:
            // Posted `letterDeliveryWorkingDays` sending days before the start, or up to five
            // sending days earlier; a longer day may also take a letter that lands during its
            // first half.
            let ideal = calendar.sendingDay(effort.letterDeliveryWorkingDays, before: s.adding(days: -1))
            var dates = [ideal] + (1...5).map { calendar.sendingDay($0, before: ideal) }
            if kind != .single { dates += run(ideal.adding(days: 1), mid) }
            return [
                ItemSlot(channel: .letter, number: 1, role: .arriveBefore, dates: dates, required: true, groups: groups)
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
                // Up by the start, or during the first days when the start is not a working day.
                return [
                    ItemSlot(
                        channel: .website, number: 1, role: .launch,
                        dates: run(s, min(last, s.adding(days: 6))) + [
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
                        dates: [s.adding(days: -1), s.adding(days: -2), s.adding(days: -3)], required: true,
                        groups: groups),
                    ItemSlot(channel: .social, number: 2, role: .onTheDay, dates: [s], required: false, groups: groups),
                ]
            case .week:
                return [
                    ItemSlot(
                        channel: .social, number: 1, role: .launch,
                        dates: run(s, min(last, s.adding(days: 2))) + [s.adding(days: -1)], required: true,
                        groups: groups)
                ]
            case .long:
                return [
                    ItemSlot(
                        channel: .social, number: 1, role: .launch,
                        dates: [s, s.adding(days: 1), s.adding(days: 2), s.adding(days: -1)], required: true,
                        groups: groups),
                    ItemSlot(
                        channel: .social, number: 2, role: .midpointReminder,
                        dates: [
                            mid, mid.adding(days: 1), mid.adding(days: -1), mid.adding(days: 2), mid.adding(days: -2),
                        ], required: false, groups: groups),
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
        var id: String
        var title: String
        var start: CivilDate
        var end: CivilDate
        /// Channel -> receiving groups (sorted).
        var channels: [(PlanChannel, [String])]
    }

    let window: DateWindow
    let calendar: SendingCalendar
    let constraints: PlanningConstraints
    let effort: EffortEstimates

    // State (weeks keyed by ISO label; dictionaries are lookups, never output order).
    var centiByWeek: [String: Int] = [:]
    var campaignsByWeek: [String: Set<Int>] = [:]
    /// Group -> (date, campaign index, campaign title) of each SMS or letter.
    var contacts: [String: [(CivilDate, Int, String)]] = [:]

    var placed: [PlacedItem] = []
    var failures: [ChannelFailure] = []
    var droppedReminders: [DroppedReminder] = []
    /// Moves that break a rule: (item id, date, what it breaks).
    var brokenMoves: [(String, CivilDate, String)] = []

    init(window: DateWindow, calendar: SendingCalendar, constraints: PlanningConstraints, effort: EffortEstimates) {
        self.window = window
        self.calendar = calendar
        self.constraints = constraints
        self.effort = effort
    }

    var capCentiHours: Int { Int((constraints.commsHoursPerWeek * 100).rounded()) }

    /// Why `slot` cannot go on `date` for `campaign`, or nil when it can.
    func problem(_ slot: ItemSlot, on date: CivilDate, campaign: Int) -> String? {
        if date < window.from || date >= window.to {
            return "\(date.iso) is outside the plan (\(window.from.iso) to \(window.to.adding(days: -1).iso))"
        }
        if slot.channel != .social, let why = calendar.whyNotSending(date) {
            // Website pages are published by staff on working days; social posts can be
            // scheduled ahead for any day.
            return why
        }
        let week = date.isoWeekLabel
        let effortHere = effort.centiHours(slot.channel)
        let used = centiByWeek[week] ?? 0
        if used + effortHere > capCentiHours {
            return "week \(week) has \(Hours.text(used)) of \(Hours.text(capCentiHours)) staff hours taken"
        }
        let inWeek = campaignsByWeek[week] ?? []
        if !inWeek.contains(campaign) && inWeek.count >= constraints.campaignsPerWeek {
            return "week \(week) already has \(inWeek.count) campaign(s), the weekly limit"
        }
        if slot.channel.isDirect {
            let gap = constraints.minDaysBetweenContacts
            for g in slot.groups {
                for (other, c, title) in contacts[g] ?? [] where c != campaign && abs(other.days(to: date)) < gap {
                    return "\(g) is contacted on \(other.iso) (\(title)), less than \(gap) days away"
                }
            }
        }
        return nil
    }

    mutating func place(_ slot: ItemSlot, on date: CivilDate, campaign: Int, title: String) {
        let week = date.isoWeekLabel
        centiByWeek[week, default: 0] += effort.centiHours(slot.channel)
        campaignsByWeek[week, default: []].insert(campaign)
        if slot.channel.isDirect {
            for g in slot.groups { contacts[g, default: []].append((date, campaign, title)) }
        }
    }

    /// Tries to place every item of `request`; all or nothing per campaign.
    mutating func schedule(_ request: CampaignRequest, moves: [String: CivilDate] = [:]) {
        let saved = (centiByWeek, campaignsByWeek, contacts)
        var mine: [PlacedItem] = []
        var myBroken: [(String, CivilDate, String)] = []
        var myFailures: [ChannelFailure] = []
        var myDropped: [DroppedReminder] = []
        for (channel, groups) in request.channels {
            let slots = SlotBuilder.slots(
                channel: channel, start: request.start, end: request.end, groups: groups, calendar: calendar,
                effort: effort)
            var channelFailed = false
            for slot in slots {
                if channelFailed { break }
                // A manager's move wins over every rule; what it breaks is reported.
                let itemID = StableID.item(campaign: request.id, channel: channel, number: slot.number)
                if let forced = moves[itemID] {
                    if let why = problem(slot, on: forced, campaign: request.index) {
                        myBroken.append((itemID, forced, why))
                    }
                    place(slot, on: forced, campaign: request.index, title: request.title)
                    mine.append(
                        PlacedItem(campaign: request.index, slot: slot, date: forced, movedBecause: nil, decided: true))
                    continue
                }
                var reasons: [String] = []
                var chosen: CivilDate?
                for d in slot.dates {
                    if let why = problem(slot, on: d, campaign: request.index) {
                        if !reasons.contains(why) { reasons.append(why) }
                    } else {
                        chosen = d
                        break
                    }
                }
                if let d = chosen {
                    place(slot, on: d, campaign: request.index, title: request.title)
                    let moved = d == slot.dates.first ? nil : reasons.first
                    mine.append(
                        PlacedItem(campaign: request.index, slot: slot, date: d, movedBecause: moved, decided: false))
                } else {
                    let reason = "no date fits: " + reasons.prefix(3).joined(separator: "; ")
                    if slot.required {
                        channelFailed = true
                        myFailures.append(ChannelFailure(campaign: request.index, channel: channel, reason: reason))
                    } else {
                        myDropped.append(DroppedReminder(campaign: request.index, slot: slot, reason: reason))
                    }
                }
            }
        }
        if myFailures.isEmpty {
            placed += mine
            droppedReminders += myDropped
            brokenMoves += myBroken
        } else {
            (centiByWeek, campaignsByWeek, contacts) = saved
            failures += myFailures
        }
    }
}

/// Hours written from hundredths: 150 -> "1.5", 75 -> "0.75", 200 -> "2" (no float printing).
enum Hours {
    static func text(_ centi: Int) -> String {
        let whole = centi / 100
        let frac = centi % 100
        if frac == 0 { return "\(whole)" }
        if frac % 10 == 0 { return "\(whole).\(frac / 10)" }
        return "\(whole).\(pad(frac, 2))"
    }
}

/// Money written from pence: 1234 -> "12.34".
enum Money {
    static func pounds(_ pence: Int) -> String {
        let sign = pence < 0 ? "-" : ""
        let p = abs(pence)
        return "\(sign)\(p / 100).\(pad(p % 100, 2))"
    }
}
