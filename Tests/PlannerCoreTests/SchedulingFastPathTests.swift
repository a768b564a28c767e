import Testing

@testable import PlannerCore

/// The scheduler's fast paths (working days on day numbers, the prep tasks worked out once per
/// plan in `PrepTable`) give exactly what the plain code they stand in for gives: the walk over
/// CivilDates and `PrepWork.tasks` built for each date.
@Suite struct SchedulingFastPathTests {
    /// Bank holidays and quiet dates bunched together (Christmas, a run of quiet days next to a
    /// weekend), lone ones, two reasons on one date, and one far outside the window.
    static let calendars: [SendingCalendar] = {
        func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day) }
        let holidays = [d(2026, 12, 25), d(2026, 12, 28), d(2027, 1, 1), d(2027, 4, 2), d(2027, 4, 5)].map {
            NonSendingDate(date: $0, kind: .bankHoliday, reason: "bank holiday")
        }
        let quiet = [d(2027, 1, 4), d(2027, 1, 5), d(2027, 1, 6), d(2027, 1, 7), d(2027, 1, 8), d(2027, 2, 15),
            d(2027, 3, 10), d(2027, 4, 2), d(2030, 6, 3)].map { NonSendingDate(date: $0, kind: .quiet, reason: "quiet date") }
        return [
            SendingCalendar(nonSendingDates: []), SendingCalendar(nonSendingDates: holidays),
            SendingCalendar(nonSendingDates: holidays + quiet),
            SendingCalendar(nonSendingDates: [NonSendingDate(date: d(2027, 2, 3), kind: .quiet, reason: "")]),
        ]
    }()

    static let window = DateWindow(
        from: CivilDate(year: 2027, month: 1, day: 1), to: CivilDate(year: 2027, month: 4, day: 1))

    /// Every day from seven weeks before the window to two weeks after it.
    static var days: [CivilDate] {
        (-49..<(window.from.days(to: window.to) + 14)).map { window.from.adding(days: $0) }
    }

    /// `SendingCalendar.sendingDay` as it was: day by day on CivilDates, through `isSendingDay`.
    static func plainSendingDay(_ calendar: SendingCalendar, _ n: Int, before d: CivilDate) -> CivilDate {
        var day = d
        while !calendar.isSendingDay(day) { day = day.adding(days: -1) }
        var left = n
        while left > 0 {
            day = day.adding(days: -1)
            if calendar.isSendingDay(day) { left -= 1 }
        }
        return day
    }

    static func plainSendingDay(_ calendar: SendingCalendar, _ n: Int, after d: CivilDate) -> CivilDate {
        var day = d
        while !calendar.isSendingDay(day) { day = day.adding(days: 1) }
        var left = n
        while left > 0 {
            day = day.adding(days: 1)
            if calendar.isSendingDay(day) { left -= 1 }
        }
        return day
    }

    @Test func sendingDaysOnDayNumbersAreTheDayByDayWalk() {
        for calendar in Self.calendars {
            for d in Self.days {
                #expect(calendar.isSendingDay(dayNumber: d.daysSinceEpoch) == calendar.isSendingDay(d), "\(d)")
                for n in 0...16 {
                    #expect(calendar.sendingDay(n, before: d) == Self.plainSendingDay(calendar, n, before: d), "\(n) before \(d)")
                    #expect(calendar.sendingDay(n, after: d) == Self.plainSendingDay(calendar, n, after: d), "\(n) after \(d)")
                }
            }
        }
    }

    /// Efforts: the defaults, long leads, odd hours that do not split evenly, and hours so small
    /// that a task gets none (left out of the weeks).
    static let efforts: [EffortEstimates] = [
        EffortEstimates(),
        EffortEstimates(
            hoursPerItem: [.sms: 0.33, .letter: 3.07, .website: 0.01, .social: 0.02], draftLeadWorkingDays: 15,
            signOffLeadWorkingDays: 8, letterPrintWorkingDays: 7, letterDeliveryWorkingDays: 5),
        EffortEstimates(
            hoursPerItem: [.sms: 0, .letter: 0.05, .website: 7.5, .social: 1.01], draftLeadWorkingDays: 0,
            signOffLeadWorkingDays: 0, letterPrintWorkingDays: 0, letterDeliveryWorkingDays: 0),
    ]

    @Test func thePrepTableIsWhatThePrepTasksGiveOnEveryDate() {
        for calendar in Self.calendars {
            for effort in Self.efforts {
                let table = PrepTable(window: Self.window, calendar: calendar, effort: effort)
                // Dates outside the window too (a manager's move), which the table works out again.
                for d in Self.days {
                    for channel in PlanChannel.allCases {
                        let tasks = PrepWork.tasks(channel, date: d, effort: effort, calendar: calendar)
                        let entry = table.entry(channel, on: d)
                        let weeks = PrepWork.staffCentiByWeek(tasks).map { PrepTable.Week(week: $0.week, centi: $0.centi) }
                        #expect(entry.staffByWeek == weeks, "\(channel) on \(d)")
                        #expect(entry.firstDue == tasks.map(\.due).min(), "\(channel) on \(d)")
                        #expect(
                            entry.signOffDue == PrepWork.signOff(channel, date: d, effort: effort, calendar: calendar).due,
                            "\(channel) on \(d)")
                    }
                }
            }
        }
    }
}
