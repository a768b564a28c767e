/// What the scheduler needs of an item's prep tasks (`PrepWork.tasks`) on each date of the
/// window, worked out once per plan on day numbers: the staff hours by week, the first task's
/// due date (for "today") and the clinical sign-off's. The scheduler tries every candidate
/// date of every item in every round and trial; building the tasks (their words, the sort)
/// and the working-day walks for each try was a fifth of a batch's planning time. None of it
/// depends on what is placed, only on the channel, the date, the effort and the calendar.
struct PrepTable: Sendable {
    struct Entry: Sendable, Equatable {
        /// Staff hours (in hundredths) by the Monday (day number) of the week each task is
        /// due, sorted by week: `PrepWork.staffCentiByWeek` of the tasks.
        var staffByWeek: [Week]
        /// The earliest due date of the tasks, the sign-off included.
        var firstDue: CivilDate
        /// The item's own clinical sign-off's due date (`PrepWork.signOff`).
        var signOffDue: CivilDate
    }

    struct Week: Sendable, Equatable {
        var week: Int
        var centi: Int
    }

    private let effort: EffortEstimates
    private let calendar: SendingCalendar
    /// Day number of the window's first day, and the window's length in days.
    private let from: Int
    private let days: Int
    /// `entries[channel.order * days + (day - from)]`.
    private let entries: [Entry]

    init(window: DateWindow, calendar: SendingCalendar, effort: EffortEstimates) {
        self.effort = effort
        self.calendar = calendar
        from = window.from.daysSinceEpoch
        days = max(0, window.to.daysSinceEpoch - from)
        var all: [Entry] = []
        all.reserveCapacity(PlanChannel.allCases.count * days)
        for channel in PlanChannel.allCases.sorted() {
            for k in 0..<days { all.append(Self.entry(channel, day: from + k, effort: effort, calendar: calendar)) }
        }
        entries = all
    }

    /// The entry of `channel` on `date` (worked out again for a date outside the window, which
    /// only a manager's move can give).
    func entry(_ channel: PlanChannel, on date: CivilDate) -> Entry {
        let k = date.daysSinceEpoch - from
        guard k >= 0 && k < days else { return Self.entry(channel, day: k + from, effort: effort, calendar: calendar) }
        return entries[channel.order * days + k]
    }

    /// The entry worked out as `PrepWork.tasks` builds the tasks (same due dates and hours),
    /// without their words.
    static func entry(_ channel: PlanChannel, day d: Int, effort e: EffortEstimates, calendar: SendingCalendar) -> Entry {
        let centi = e.centiHours(channel)
        let extra = channel == .letter ? e.letterPrintWorkingDays : 0
        let draft = channel == .social ? centi / 3 : centi / 2
        let signOff = calendar.sendingDay(e.signOffLeadWorkingDays + extra, before: d)
        // (due day, staff hundredths) of each task but the sign-off.
        var tasks: [(Int, Int)] = [(calendar.sendingDay(e.draftLeadWorkingDays + extra, before: d), draft)]
        switch channel {
        case .letter: tasks.append((calendar.sendingDay(e.letterPrintWorkingDays, before: d), centi - draft))
        case .sms: tasks.append((calendar.sendingDay(1, before: d), centi - draft))
        case .social:
            tasks.append((calendar.sendingDay(1, before: d), draft))
            tasks.append((d, centi - 2 * draft))
        case .website: tasks.append((d, centi - draft))
        }
        var first = signOff
        var weeks: [Week] = []
        for (due, c) in tasks {
            first = min(first, due)
            guard c > 0 else { continue }
            // The Monday of the due day's week (1970-01-01 was a Thursday).
            let monday = due - (due % 7 + 7 + 3) % 7
            if let i = weeks.firstIndex(where: { $0.week == monday }) {
                weeks[i].centi += c
            } else {
                weeks.append(Week(week: monday, centi: c))
            }
        }
        weeks.sort { $0.week < $1.week }
        return Entry(
            staffByWeek: weeks, firstDue: CivilDate(daysSinceEpoch: first), signOffDue: CivilDate(daysSinceEpoch: signOff))
    }
}
