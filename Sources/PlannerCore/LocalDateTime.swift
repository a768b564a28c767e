/// A wall-clock date and time with no zone attached (the zone travels beside it).
public struct LocalDateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var date: CivilDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since 1970-01-01T00:00:00 of the same (unspecified) zone.
    public var secondsSinceEpoch: Int { date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second }

    public init(secondsSinceEpoch s: Int) {
        let days = s >= 0 ? s / 86_400 : -((-s + 86_399) / 86_400)
        let rem = s - days * 86_400
        self.init(date: CivilDate(daysSinceEpoch: days), hour: rem / 3600, minute: rem % 3600 / 60, second: rem % 60)
    }

    /// The integer `YYYYMMDDhhmmss` used by the benchmark checksum (`ReadResult.checksum`).
    public var key: Int64 {
        Int64(date.year) * 10_000_000_000 + Int64(date.month) * 100_000_000 + Int64(date.day) * 1_000_000
            + Int64(hour) * 10_000 + Int64(minute) * 100 + Int64(second)
    }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var iso: String { "\(date.iso)T\(hour.zeroPadded(to: 2)):\(minute.zeroPadded(to: 2)):\(second.zeroPadded(to: 2))" }

    public var description: String { iso }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.key < b.key }
}

/// When an event starts or ends: a civil date (all-day) or a wall-clock time.
public enum EventTime: Sendable, Hashable, Comparable, Codable {
    case date(CivilDate)
    case dateTime(LocalDateTime)

    public var isDate: Bool { if case .date = self { return true } else { return false } }

    public var civilDate: CivilDate {
        switch self {
        case .date(let d): return d
        case .dateTime(let t): return t.date
        }
    }

    /// As a wall-clock time (a date means its midnight).
    public var wallClock: LocalDateTime {
        switch self {
        case .date(let d): return LocalDateTime(date: d)
        case .dateTime(let t): return t
        }
    }

    /// The benchmark key: `YYYYMMDDhhmmss`, all-day `YYYYMMDD000000`.
    public var key: Int64 { wallClock.key }

    /// `YYYY-MM-DD` for dates, `YYYY-MM-DDTHH:MM:SS` for times (the JSON contract).
    public var iso: String {
        switch self {
        case .date(let d): return d.iso
        case .dateTime(let t): return t.iso
        }
    }

    public static func < (a: EventTime, b: EventTime) -> Bool { a.key < b.key }
}

/// A half-open window of civil dates, [from, to).
public struct DateWindow: Sendable, Hashable, Codable, CustomStringConvertible {
    public var from: CivilDate
    public var to: CivilDate

    public init(from: CivilDate, to: CivilDate) {
        self.from = from
        self.to = to
    }

    /// The window rule of the reader: an occurrence is in [from, to) when
    /// `start < to` and (`end > from`, or `end == start` and `start >= from`),
    /// each compared in its own wall-clock time.
    public func contains(start: EventTime, end: EventTime) -> Bool {
        let s = start.key, e = end.key
        let f = LocalDateTime(date: from).key, t = LocalDateTime(date: to).key
        if s >= t { return false }
        if s == e { return s >= f }
        return e > f
    }

    /// The calendar quarter (Q1 = January-March) that starts after `today`.
    public static func nextQuarter(after today: CivilDate) -> DateWindow {
        let q = (today.month - 1) / 3 + 1
        let startMonth = q * 3 + 1
        let from = startMonth > 12
            ? CivilDate(year: today.year + 1, month: 1, day: 1) : CivilDate(year: today.year, month: startMonth, day: 1)
        return quarter(year: from.year, number: (from.month - 1) / 3 + 1)
    }

    /// Quarter `number` (1-4) of `year`.
    public static func quarter(year: Int, number: Int) -> DateWindow {
        let from = CivilDate(year: year, month: (number - 1) * 3 + 1, day: 1)
        let to = number == 4 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: number * 3 + 1, day: 1)
        return DateWindow(from: from, to: to)
    }

    /// Parses `2027-Q1`.
    public init?(quarter text: String) {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), parts[1].count == 2, parts[1].first == "Q",
            let n = Int(parts[1].dropFirst()), (1...4).contains(n)
        else { return nil }
        self = DateWindow.quarter(year: y, number: n)
    }

    public var description: String { "\(from.iso) to \(to.iso) (exclusive)" }

    /// Whether the window is exactly one calendar quarter.
    public var isCalendarQuarter: Bool {
        let q = DateWindow.quarter(year: from.year, number: (from.month - 1) / 3 + 1)
        return q == self
    }

    /// Each calendar quarter the window touches, with the window's days in it, in date order.
    public var quarterPieces: [(quarter: DateWindow, days: Int)] {
        var out: [(DateWindow, Int)] = []
        var q = DateWindow.quarter(year: from.year, number: (from.month - 1) / 3 + 1)
        while q.from < to {
            let days = max(q.from, from).days(to: min(q.to, to))
            if days > 0 { out.append((q, days)) }
            q = DateWindow.nextQuarter(after: q.from)
        }
        return out
    }

    /// A quarterly amount scaled to the window (issue 11, C): for each quarter it touches, the
    /// amount times the window's days in that quarter over the quarter's days, rounded down,
    /// summed. An exact quarter keeps the amount; three weeks of a 90-day quarter get 21/90.
    public func scaledFromQuarterly(_ amount: Int) -> Int {
        quarterPieces.reduce(0) { $0 + amount * $1.days / $1.quarter.from.days(to: $1.quarter.to) }
    }

    /// The window's length in quarters: the sum of each touched quarter's share (1 for an
    /// exact quarter, about 8 for two years).
    public var quarters: Double {
        quarterPieces.reduce(0.0) { $0 + Double($1.days) / Double($1.quarter.from.days(to: $1.quarter.to)) }
    }
}
