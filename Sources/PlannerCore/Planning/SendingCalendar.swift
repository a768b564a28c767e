/// Which days SMS and letters may go out, and working-day arithmetic for prep tasks.
/// A sending day is a weekday that is neither a bank holiday of the practice's nation
/// nor one of its quiet dates.
public struct SendingCalendar: Sendable {
    /// Lookup only; never iterated into output.
    private let closed: [CivilDate: NonSendingDate]
    /// The closed dates again as day numbers, for the working-day arithmetic the scheduler does
    /// for every candidate date (`sendingDay`; walking days through CivilDate and the dictionary
    /// was a tenth of a batch): `closedDays[k]` is whether day `closedBase + k` is closed. Days
    /// outside it are not closed.
    private let closedBase: Int
    private let closedDays: [Bool]

    public init(nonSendingDates: [NonSendingDate]) {
        var map: [CivilDate: NonSendingDate] = [:]
        // Sorted first, so that when two reasons share a date the same one always wins.
        for d in nonSendingDates.sorted() where map[d.date] == nil { map[d.date] = d }
        closed = map
        let numbers = map.keys.map(\.daysSinceEpoch)
        if let low = numbers.min(), let high = numbers.max() {
            var bits = Array(repeating: false, count: high - low + 1)
            for n in numbers { bits[n - low] = true }
            closedBase = low
            closedDays = bits
        } else {
            closedBase = 0
            closedDays = []
        }
    }

    public func isSendingDay(_ d: CivilDate) -> Bool { !d.isWeekend && closed[d] == nil }

    /// `isSendingDay` of the day with day number `n` (days since 1970-01-01).
    @inline(__always)
    func isSendingDay(dayNumber n: Int) -> Bool {
        // 1970-01-01 was a Thursday: ((n % 7) + 7 + 3) % 7 is 5 on Saturday, 6 on Sunday.
        if (n % 7 + 7 + 3) % 7 >= 5 { return false }
        let k = n - closedBase
        return k < 0 || k >= closedDays.count || !closedDays[k]
    }

    /// A day a moderated channel may post on: any day that is not one of the practice's quiet
    /// dates (weekends and bank holidays included).
    public func isModeratedDay(_ d: CivilDate) -> Bool { closed[d].map { $0.kind != .quiet } ?? true }

    /// Why `d` is not a sending day, or nil when it is one.
    public func whyNotSending(_ d: CivilDate) -> String? {
        if d.isWeekend { return "\(d.iso) is a \(Self.weekdayName(d))" }
        guard let c = closed[d] else { return nil }
        switch c.kind {
        case .bankHoliday: return "\(d.iso) is a bank holiday (\(c.reason))"
        case .quiet:
            // A quiet date the profile gives no reason for is read in as "quiet date".
            if c.reason.isEmpty || c.reason == "quiet date" { return "\(d.iso) is one of the profile's quiet dates" }
            return "\(d.iso) is a quiet date (\(c.reason))"
        }
    }

    /// The sending day `n` sending days before `d` (n = 0: `d` itself if it is one, else
    /// the closest earlier one).
    public func sendingDay(_ n: Int, before d: CivilDate) -> CivilDate {
        CivilDate(daysSinceEpoch: sendingDay(n, before: d.daysSinceEpoch))
    }

    /// `sendingDay(_:before:)` on day numbers.
    func sendingDay(_ n: Int, before d: Int) -> Int {
        var day = d
        while !isSendingDay(dayNumber: day) { day -= 1 }
        var left = n
        while left > 0 {
            day -= 1
            if isSendingDay(dayNumber: day) { left -= 1 }
        }
        return day
    }

    /// The sending day `n` sending days after `d` (n = 0: `d` or the next one).
    public func sendingDay(_ n: Int, after d: CivilDate) -> CivilDate {
        var day = d.daysSinceEpoch
        while !isSendingDay(dayNumber: day) { day += 1 }
        var left = n
        while left > 0 {
            day += 1
            if isSendingDay(dayNumber: day) { left -= 1 }
        }
        return CivilDate(daysSinceEpoch: day)
    }

    public static func weekdayName(_ d: CivilDate) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][d.isoWeekday - 1]
    }
}
